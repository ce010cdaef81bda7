"""Form data of the record operations and their validation (field name → German message).

The UI calls the `*_problems` functions while the user types (messages next to the
fields); the operations call them again before writing.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from kitadesk.domain.labels import FIELD_LABELS
from kitadesk.domain.rules import by_field
from kitadesk.domain.rules import carer as rules_carer
from kitadesk.domain.rules import child as rules_child
from kitadesk.domain.rules import placement as rules_placement
from kitadesk.domain.rules.carer import FIELDS as CARER_FIELDS
from kitadesk.domain.rules.carer import CarerRecord
from kitadesk.domain.rules.carer import permit_end as rule_permit_end
from kitadesk.domain.rules.child import FIELDS as CHILD_FIELDS
from kitadesk.domain.rules.child import (
    UNTER_1_GRUENDE,  # noqa: F401 (re-exported for the form)
    ChildRecord,
)
from kitadesk.domain.rules.limits import DEFAULT_ORT
from kitadesk.domain.rules.placement import PlacementRecord
from kitadesk.domain.timeplan import parse_timeplan
from kitadesk.errors import InputError
from kitadesk.models import BETREUUNGSORTE, QUALIFIKATIONEN, SRTS
from kitadesk.ops.changes import Changes
from kitadesk.ops.queries.lists import FUEHRUNGSZEUGNIS  # noqa: F401 (re-exported)

# ---------------------------------------------------------------- form data

class _Keep:
    """Marker for a sensitive field the user may not see (IBAN, income): keep the stored value."""

    def __repr__(self) -> str:
        return "KEEP"

    def __bool__(self) -> bool:
        return False


KEEP = _Keep()


@dataclass(frozen=True)
class CarerData:
    nr: str
    nachname: str
    vorname: str
    srt: str
    geburtsdatum: date | None = None
    geschlecht: str = ""
    strasse: str = ""
    plz: str = ""
    ort: str = DEFAULT_ORT
    telefon: str = ""
    email: str = ""
    iban: "str | _Keep" = ""  # KEEP: hidden from this user, unchanged
    schulabschluss: str = ""
    qualifikation: str = "Basis"
    qualifikation_seit: date | None = None
    taetig_seit: date | None = None
    taetig_bis: date | None = None
    betreuungsort: str = "eigener Haushalt"
    erste_hilfe_am: date | None = None
    para8a_am: date | None = None
    fuehrungszeugnis_vom: date | None = None
    erlaubnis_vom: date | None = None
    erlaubnis_bis: date | None = None  # None → vom + 5 years − 1 day
    max_kinder: int = 5
    max_gleichzeitig: int = 5
    in_group: bool = False  # member of a Zusammenschluss (set by load_carer, not edited here; R-C6 limits)


@dataclass(frozen=True)
class ChildData:
    nr: str
    nachname: str
    vorname: str
    geburtsdatum: date | None
    srt: str
    geschlecht: str = ""
    sorgeberechtigte: str = ""
    strasse: str = ""
    plz: str = ""
    ort: str = DEFAULT_ORT
    antrag_vom: date | None = None
    unter_1_grund: str = ""
    ab_3_grund: str = ""
    familie_nr: str = ""  # siblings share it (and their income)
    jahreseinkommen: "Decimal | None | _Keep" = None  # None = no declaration; KEEP: hidden, unchanged
    besonderer_bedarf: bool = False
    lvr_inklusionshilfe: bool = False
    beitragsfrei: bool = False
    gueltig_ab: date | None = None  # from when status and income apply (R-K2, R-E3)
    # official statistics (R-S1); None / "" = not recorded
    herkunft_ausland: bool | None = None
    sprache_nicht_deutsch: bool | None = None
    verwandtschaft: str = ""  # one of VERWANDTSCHAFTEN
    eingliederungshilfe: bool | None = None  # None = derived from LVR-Inklusionshilfe on the date


@dataclass(frozen=True)
class PlacementTerms:
    """The versioned terms of a placement (R-K2)."""

    wochenstunden: Decimal | None
    randzeitstunden: Decimal | None = None  # None → derived from the Zeitplan, else 0
    uebernachtungen: Decimal = Decimal(0)
    nacht_im_haushalt_der_eltern: bool = False
    zeitplan: str = ""
    grund: str = ""


@dataclass(frozen=True)
class PlacementData:
    child_id: int | None
    carer_id: int | None
    beginn: date | None
    terms: PlacementTerms
    ende: date | None = None
    antrag_vom: date | None = None


@dataclass(frozen=True)
class Change:
    """What an operation changed; the UI broadcasts `entities` so open views refresh."""

    entity: str  # carer | child | placement
    id: int
    version: int
    action: str  # neu | geändert | beendet
    warnings: tuple[str, ...] = ()
    entities: frozenset[str] = field(default=frozenset())

    @property
    def changes(self) -> Changes:
        """The change set the window broadcasts (ops/changes.py)."""
        return Changes(self.entities | {self.entity}, frozenset({(self.entity, self.id)}))


# ---------------------------------------------------------------- validation (field → German message)
# The record rules live in kitadesk/domain/rules (asked by the import too); here only what is
# particular to the form: its choice lists, IBAN, e-mail and where a message is shown.

def permit_end(data: CarerData) -> date | None:
    return rule_permit_end(data.erlaubnis_vom, data.erlaubnis_bis)


def iban_problem(text: str) -> str | None:
    if not text.strip():
        return None
    from schwifty import IBAN  # on first use: keeps schwifty out of the window's start (issue 17)
    from schwifty.exceptions import SchwiftyException

    try:
        IBAN(text)
    except SchwiftyException as exc:
        return f"IBAN ungültig: {exc}"
    return None


def carer_record(data: CarerData) -> CarerRecord:
    """The form's values as the domain rules see them (child limits only with a permit)."""
    values = {name: getattr(data, name) for name in CARER_FIELDS if hasattr(data, name)}
    if data.erlaubnis_vom is None:
        values.update(max_kinder=None, max_gleichzeitig=None)
    return CarerRecord(**values)


def carer_problems(data: CarerData, today: date) -> dict[str, str]:
    """Every problem of a carer form at once, by field name (shown next to the field)."""
    p = by_field(rules_carer.carer_problems(carer_record(data), today))
    if data.srt not in SRTS:
        p.setdefault("srt", f"SRT muss eines von {', '.join(SRTS)} sein.")
    if data.email and "@" not in data.email:
        p.setdefault("email", "E-Mail-Adresse ohne „@“.")
    if not isinstance(data.iban, _Keep) and (problem := iban_problem(data.iban)):
        p.setdefault("iban", problem)
    if data.qualifikation not in QUALIFIKATIONEN:
        p["qualifikation"] = f"Qualifikation muss eines von {', '.join(QUALIFIKATIONEN)} sein."
    if data.betreuungsort not in BETREUUNGSORTE:
        p.setdefault("betreuungsort", f"Betreuungsort muss eines von {', '.join(BETREUUNGSORTE)} sein.")
    return p


def child_record(data: ChildData) -> ChildRecord:
    values = {name: getattr(data, name) for name in CHILD_FIELDS if hasattr(data, name)}
    if data.jahreseinkommen is KEEP:
        values["jahreseinkommen"] = None
    return ChildRecord(**values)


def child_problems(data: ChildData, today: date) -> dict[str, str]:
    p = by_field(rules_child.child_problems(child_record(data), today))
    if data.srt not in SRTS:
        p.setdefault("srt", f"SRT muss eines von {', '.join(SRTS)} sein.")
    income = None if data.jahreseinkommen is KEEP else data.jahreseinkommen
    if income is not None and not data.familie_nr.strip():  # the form keeps income on the family only
        p.setdefault("familie_nr", "Für das Einkommen ist eine Familien-Nr. nötig (Geschwister teilen sie).")
    return p


def parse_decimal(text: str) -> Decimal | None:
    """'12,5' / '12.5' → Decimal; '' → None; raises ValueError (German) otherwise."""
    s = str(text).strip().replace(" ", "")
    if not s:
        return None
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        raise ValueError(f"„{text}“ ist keine Zahl.") from None


def terms_problems(terms: PlacementTerms) -> dict[str, str]:
    """Hours, nights and time plan; the form shows the plan's disagreements next to the plan."""
    record = PlacementRecord(wochenstunden=terms.wochenstunden, randzeitstunden=terms.randzeitstunden,
                             uebernachtungen=terms.uebernachtungen,
                             nacht_im_haushalt_der_eltern=terms.nacht_im_haushalt_der_eltern, zeitplan=terms.zeitplan)
    p = by_field(rules_placement.hours_problems(record))
    plan = [x.message for x in rules_placement.plan_problems(record)]
    if plan:
        p["zeitplan"] = " ".join(plan)
    return p


def derived_off_hours(terms: PlacementTerms) -> Decimal:
    """Randzeitstunden from the Zeitplan (0 without one); a night in the parents' household is
    not off-hours (R-G7). Raises TimePlanError for an unreadable plan."""
    if not terms.zeitplan.strip():
        return Decimal(0)
    return parse_timeplan(terms.zeitplan).off_hours_for(terms.nacht_im_haushalt_der_eltern)


def resolved_terms(terms: PlacementTerms) -> PlacementTerms:
    """Fill derived values: Randzeitstunden from the Zeitplan (or 0)."""
    if terms.randzeitstunden is not None:
        return terms
    return replace(terms, randzeitstunden=derived_off_hours(terms))




def _raise_problems(what: str, problems: dict[str, str]) -> None:
    if problems:
        raise InputError(f"{what} nicht gespeichert – bitte prüfen:",
                         [f"{FIELD_LABELS.get(k, k)}: {v}" for k, v in problems.items()])
