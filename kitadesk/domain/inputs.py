"""Plain input data for the pure calculations (filled by ops/ from the store)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kitadesk.domain.lines import Line

BASIS, QUALIFIZIERT = "basis", "qualifiziert"


@dataclass(frozen=True)
class RateTable:
    """Satztabelle (berechnung.md §2, R-G2)."""

    gueltig_ab: date
    stundensatz_basis: Decimal
    stundensatz_qualifiziert: Decimal
    randzeitzuschlag: Decimal
    vertretungsplatz_pauschale: Decimal = Decimal("0")
    zuschlag_besonderer_bedarf_prozent: Decimal = Decimal("30")
    hoechstbetrag_unfallversicherung: Decimal | None = None
    mindestbeitrag_alterssicherung: Decimal | None = None
    hoechstbetrag_kranken_pflege: Decimal | None = None

    def stundensatz(self, tier: str) -> Decimal:
        return self.stundensatz_qualifiziert if tier == QUALIFIZIERT else self.stundensatz_basis


@dataclass(frozen=True)
class PlacementVersion:
    """One version of a Betreuungsverhältnis (R-K2, R-K4), inclusive [von, bis]."""

    child_nr: str
    carer_nr: str
    von: date
    bis: date | None
    weekly_hours: Decimal
    off_hours: Decimal = Decimal("0")
    nights: Decimal = Decimal("0")  # overnight stays per week at the carer's (R-G7)
    placement_id: int | None = None
    version: int = 1
    # Nacht_im_Haushalt_der_Eltern (R-G7, Richtlinien 5.4): the night hours are ordinary hours
    # already in weekly_hours (day rate), never in off_hours; `nights` is then ignored.
    night_in_parents_household: bool = False


@dataclass(frozen=True)
class ChildStatus:
    """Special needs / LVR status of a child from a date (R-K2, R-G3)."""

    child_nr: str
    gueltig_ab: date
    special_needs: bool
    lvr: bool = False


@dataclass(frozen=True)
class Absence:
    """Carer absence (R-G5); substitute_nr = substitute arranged by the Fachdienst."""

    carer_nr: str
    von: date
    bis: date
    kind: str = "Urlaub"  # Urlaub, Krankheit, sonstiges
    substitute_nr: str | None = None


@dataclass(frozen=True)
class Proof:
    """Reimbursement proof (R-G4): kind unfall|alter|kranken, amount per monat|jahr."""

    carer_nr: str
    kind: str
    amount: Decimal
    von: date
    bis: date | None = None
    per: str = "monat"
    alter_art: str = "gesetzlich"  # gesetzlich | privat


@dataclass(frozen=True)
class VertretungsplatzPeriod:
    carer_nr: str
    von: date
    bis: date | None = None


@dataclass(frozen=True)
class Monatsmeldung:
    """Holiday care hours on a public holiday (berechnung.md §5)."""

    child_nr: str
    datum: date
    hours: Decimal


@dataclass(frozen=True)
class ManualAmount:
    """Case-by-case amount (R-G11)."""

    carer_nr: str
    amount: Decimal
    reason: str
    child_nr: str | None = None
    von: date | None = None  # the period the amount is for (default: the whole month)
    bis: date | None = None


@dataclass(frozen=True)
class Carer:
    nr: str
    tiers: tuple[tuple[date, str], ...] = ()  # change points (von, tier), sorted

    def tier_on(self, day: date) -> str:
        tier = BASIS
        for von, value in self.tiers:
            if von <= day:
                tier = value
        return tier


@dataclass
class PayoutInput:
    """Everything the monthly calculation needs (berechnung.md §4–§8)."""

    year: int
    month: int
    carers: dict[str, Carer]
    placements: list[PlacementVersion]
    rate_tables: list[RateTable]
    child_status: list[ChildStatus] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)  # the whole year (allowance)
    proofs: list[Proof] = field(default_factory=list)
    vertretungsplaetze: list[VertretungsplatzPeriod] = field(default_factory=list)
    monatsmeldungen: list[Monatsmeldung] = field(default_factory=list)
    manual: list[ManualAmount] = field(default_factory=list)
    carry_in: dict[str, Decimal] = field(default_factory=dict)  # negative balances (R-G10)
    # correction lines for finalized months booked into this month (berechnung.md §8, corrections.py)
    corrections: list[Line] = field(default_factory=list)
