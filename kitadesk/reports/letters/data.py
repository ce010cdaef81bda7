"""Plain input data of the letters (R-V1, R-V2, R-V4); the ops layer fills them, reports never query.

Every letter kind is a frozen, keyword-only dataclass that extends `Letter` (the common
head: letterhead, desk contact, address, Aktenzeichen, date, salutation, text overrides).
Money is `Decimal`, dates are `datetime.date`; nothing here is computed except display sums.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kitadesk.domain.lines import Line
from kitadesk.reports.errors import ReportError

ZERO = Decimal("0.00")
ADDRESS_LINES = 6   # DIN 5008 Anschriftzone: 6 lines (27.3 mm)
NOTE_LINES = 4      # Zusatz- und Vermerkzone: 5 lines at 8 pt, the first holds the Rücksendeangabe


@dataclass(frozen=True)
class Letterhead:
    """The office's letterhead and footer (filled from the settings)."""

    lines: tuple[str, ...] = ("Stadt Moers", "Der Bürgermeister", "Fachdienst Jugend")
    street: str = "Rathausplatz 1"
    city: str = "47441 Moers"
    internet: str = "www.moers.de"
    phone: str = ""                      # central switchboard, optional
    office_hours: str = ""               # Sprechzeiten, optional
    bank_name: str = ""
    iban: str = ""
    bic: str = ""

    @property
    def return_line(self) -> str:
        """Rücksendeangabe in the window: 'Stadt Moers · Fachdienst Jugend · Rathausplatz 1 · 47441 Moers'.

        First and last letterhead line only, so that it fits the 80 mm of the window at 7 pt.
        """
        names = self.lines[:1] + self.lines[-1:] if len(self.lines) > 1 else self.lines
        return " · ".join((*names, self.street, self.city))


@dataclass(frozen=True)
class SrtContact:
    """The desk that signs the letter (Richtlinien, Kontakt)."""

    name: str                            # 'SRT Mitte/Süd'
    room: str
    phone: str
    email: str = "kindertagespflege@moers.de"
    ansprechpartner: str = ""            # 'Frau Beispiel'


# The contact block of the Richtlinien (section "Kontakt"); the app may override from settings.
SRT_CONTACTS: dict[str, SrtContact] = {
    "Mitte/Süd": SrtContact("SRT Mitte/Süd", "2.155 - Süd", "02841 / 201 – 839"),
    "Ost": SrtContact("SRT Ost", "2.135 - Süd", "0 28 41 / 201 – 828"),
    "Nord": SrtContact("SRT Nord", "2.137 - Süd", "0 28 41 / 201 – 831"),
}


@dataclass(frozen=True)
class Address:
    """Recipient block: up to 6 lines of address, up to 4 lines of Zusatz/Vermerk ('Persönlich')."""

    lines: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def __post_init__(self):
        problems = []
        if not any(line.strip() for line in self.lines):
            problems.append("Die Anschrift ist leer.")
        if len(self.lines) > ADDRESS_LINES:
            problems.append(f"Die Anschrift hat {len(self.lines)} Zeilen, DIN 5008 erlaubt {ADDRESS_LINES}.")
        if len(self.notes) > NOTE_LINES:
            problems.append(f"Zusatz- und Vermerkzone: {len(self.notes)} Zeilen, erlaubt sind {NOTE_LINES}.")
        if problems:
            raise ReportError("Anschrift für den Brief ungültig.", tuple(problems))


# Column "Regel" of a letter: the readers know the Richtlinien, not the rule ids (domain.md).
RULE_LABELS: dict[str, str] = {
    "R-G1": "Nr. 5.1", "R-G2": "Nr. 5.1", "R-G3": "Nr. 5.1", "R-G4": "Nr. 5.1",
    "R-G5": "Nr. 5.3", "R-G6": "Nr. 5.3", "R-G7": "Nr. 5.4", "R-G11": "Einzelfall",
}


@dataclass(frozen=True)
class LetterLine:
    """One line of a calculation, mirroring a payout line (domain.lines.Line)."""

    child_name: str | None               # None: a line of the carer (reimbursements, Vertretungsplatz …)
    position: str
    rule: str                            # printed as given ('Nr. 5.1' or 'R-G1')
    von: date
    bis: date
    hours: Decimal | None
    rate: Decimal | None
    amount: Decimal

    @classmethod
    def from_line(cls, line: Line, child_name: str | None,
                  rule_labels: Mapping[str, str] = RULE_LABELS) -> LetterLine:
        """From a payout line; the rule id becomes its Richtlinien number where one is known."""
        return cls(child_name, line.position, rule_labels.get(line.rule, line.rule), line.von, line.bis,
                   line.hours, line.rate, line.amount)


@dataclass(frozen=True, kw_only=True)
class Letter:
    """Common head of every letter (R-V2)."""

    letterhead: Letterhead
    contact: SrtContact
    address: Address
    aktenzeichen: str
    date: date
    salutation: str                      # 'Sehr geehrte Frau Beispiel,'
    reasons: tuple[str, ...] = ()        # case-specific paragraphs added to the Begründung
    text_overrides: Mapping[str, str] = field(default_factory=dict)  # text block key → template (from the store)


@dataclass(frozen=True)
class CareTerm:
    """One placement version within the letter's period, with its own dates (R-K4, R-V4)."""

    von: date
    bis: date | None                     # None: open (until a new decision)
    weekly_hours: Decimal
    time_plan: str = ""                  # summary 'Mo–Fr 08:00–14:00' (domain.timeplan.summary)


@dataclass(frozen=True)
class FeePeriod:
    """The parents' monthly fee over whole months (R-E3: the values at the month's end count)."""

    von: date
    bis: date | None
    hours_band: str                      # 'bis 35 Stunden wöchentlich'
    monthly_fee: Decimal


@dataclass(frozen=True, kw_only=True)
class ParentsBescheid(Letter):
    """Parents' Bescheid: Förderung and Elternbeitrag (R-V1, R-V4, berechnung.md §9)."""

    child_name: str
    child_birthdate: date
    carer_name: str
    application_date: date
    care_from: date
    care_to: date | None
    weekly_hours: Decimal
    age_group: str                       # 'unter 3 Jahren' (which table of Anlage 2)
    income_bracket: str                  # 'über 37.000 € bis 49.000 €'
    hours_band: str                      # 'bis 35 Stunden'
    table_fee: Decimal                   # € per month from Anlage 2
    fee_from: date
    monthly_fee: Decimal                 # the fee charged after every step below
    exempt_reason: str = ""              # Beitragsfreiheit: fee 0
    sibling_note: str = ""               # siblings rule applied (text names the sibling)
    sibling_reduction: Decimal = ZERO    # amount removed by the siblings rule
    waiver_percent: Decimal | None = None
    waiver_from: date | None = None
    waiver_amount: Decimal = ZERO        # monthly amount removed by the waiver (R-E2)
    care_terms: tuple[CareTerm, ...] = ()    # every version in the period; () = weekly_hours throughout
    fee_periods: tuple[FeePeriod, ...] = ()  # the fee month by month, from fee_from; () = monthly_fee throughout

    def __post_init__(self):
        exempt = self.table_fee if self.exempt_reason else ZERO
        expected = self.table_fee - exempt - self.sibling_reduction - self.waiver_amount
        if expected != self.monthly_fee:
            raise ReportError(
                f"Elternbeitrag für {self.child_name}: die Schritte ergeben {expected}, "
                f"festgesetzt sind {self.monthly_fee}."
            )
        if self.waiver_percent is not None and self.waiver_from is None:
            raise ReportError(f"Ermäßigung für {self.child_name}: das Datum „ab“ fehlt.")
        if self.fee_periods and (self.fee_periods[0].monthly_fee, self.fee_periods[0].von) != (
                self.monthly_fee, self.fee_from):
            raise ReportError(f"Elternbeitrag für {self.child_name}: der erste Zeitraum passt nicht zum "
                              f"festgesetzten Beitrag ({self.monthly_fee} ab {self.fee_from:%d.%m.%Y}).")


@dataclass(frozen=True, kw_only=True)
class CarerBescheid(Letter):
    """Carer's Bescheid on the monthly amount with its lines per child (R-V1, R-V4)."""

    carer_name: str
    year: int
    month: int                           # the month the amount applies from
    tier: str                            # 'qualifiziert' | 'basis'
    lines: tuple[LetterLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


@dataclass(frozen=True)
class Change:
    """One change of an Änderungsbescheid: what, before, after."""

    subject: str                         # 'Wöchentliche Betreuungszeit Mia Beispiel'
    old: str
    new: str


@dataclass(frozen=True, kw_only=True)
class Aenderungsbescheid(Letter):
    """Änderungsbescheid: what changed, from when, old vs. new amount (R-K4, R-V4)."""

    topic: str                           # 'laufende Geldleistung' | 'Elternbeitrag für Mia'
    previous_date: date                  # date of the Bescheid that is changed
    effective_from: date
    changes: tuple[Change, ...]
    amount_label: str                    # 'Monatliche Geldleistung' | 'Monatlicher Elternbeitrag'
    old_amount: Decimal
    new_amount: Decimal
    lines: tuple[LetterLine, ...] = ()   # optional: the new calculation
    care_terms: tuple[CareTerm, ...] = ()    # the placement's versions from effective_from (parents)
    fee_periods: tuple[FeePeriod, ...] = ()  # the parents' fee per period from effective_from, if it changes

    @property
    def difference(self) -> Decimal:
        return self.new_amount - self.old_amount


@dataclass(frozen=True, kw_only=True)
class Ablehnung(Letter):
    """Refusal of an application, with the reason (R-V5)."""

    application_date: date
    application_subject: str             # 'Förderung Ihres Kindes Mia Beispiel in Kindertagespflege ab 01.08.2026'
    reason: str                          # the main reason (German text)
    legal_basis: str = ""                # '§ 24 Abs. 3 SGB VIII'


@dataclass(frozen=True)
class MonthAmount:
    """An amount paid in a month (payout month, not the line's period) for one position."""

    position: str
    month: int                           # 1..12
    amount: Decimal


@dataclass(frozen=True, kw_only=True)
class Jahresbescheinigung(Letter):
    """Yearly payment statement per carer by position and month (R-V5); no Rechtsbehelfsbelehrung."""

    carer_name: str
    year: int
    amounts: tuple[MonthAmount, ...]

    def __post_init__(self):
        bad = sorted({a.month for a in self.amounts if not 1 <= a.month <= 12})
        if bad:
            raise ReportError(f"Jahresbescheinigung {self.year}: ungültige Monate {bad}.")

    @property
    def total(self) -> Decimal:
        return sum((a.amount for a in self.amounts), ZERO)
