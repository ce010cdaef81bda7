"""Form data of the record operations and their validation (field name → German message).

The UI calls the `*_problems` functions while the user types (messages next to the
fields); the operations call them again before writing.
"""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from kitadesk.domain.calendar import add_years
from kitadesk.domain.capacity import MAX_TOTAL_BASIS, MAX_TOTAL_QUALIFIED, QUALIFIED, STANDARD_AT_ONCE
from kitadesk.domain.statistics import VERWANDTSCHAFTEN
from kitadesk.domain.timeplan import TimePlanError, consistency_errors, night_care_errors, parse_timeplan
from kitadesk.errors import InputError
from kitadesk.formats import day as fmt_day
from kitadesk.models import BETREUUNGSORTE, QUALIFIKATIONEN, SRTS
from kitadesk.ops.queries.lists import FUEHRUNGSZEUGNIS  # noqa: F401 (re-exported)

PERMIT_YEARS = 5
MAX_WEEKLY_HOURS = Decimal(168)
UNTER_1_GRUENDE = (  # R-K1: care under one year only with a recorded reason
    "Entwicklung des Kindes", "Eltern erwerbstätig", "Eltern arbeitsuchend", "Eltern in Ausbildung/Studium",
    "Eltern erhalten Eingliederungsleistungen",
)


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
    ort: str = "Moers"
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
    ort: str = "Moers"
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


# ---------------------------------------------------------------- validation (field → German message)

def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def permit_end(data: CarerData) -> date | None:
    if data.erlaubnis_bis is not None or data.erlaubnis_vom is None:
        return data.erlaubnis_bis
    return add_years(data.erlaubnis_vom, PERMIT_YEARS) - timedelta(days=1)


def iban_problem(text: str) -> str | None:
    if not text.strip():
        return None
    try:
        IBAN(text)
    except SchwiftyException as exc:
        return f"IBAN ungültig: {exc}"
    return None


def carer_problems(data: CarerData, today: date) -> dict[str, str]:
    """Every problem of a carer form at once, by field name (shown next to the field)."""
    p: dict[str, str] = {}
    for name, label in (("nr", "Nr"), ("nachname", "Nachname"), ("vorname", "Vorname")):
        if not getattr(data, name).strip():
            p[name] = f"{label} fehlt."
    if data.srt not in SRTS:
        p["srt"] = f"SRT muss eines von {', '.join(SRTS)} sein."
    if data.geburtsdatum is not None:
        if data.geburtsdatum > today:
            p["geburtsdatum"] = "Geburtsdatum liegt in der Zukunft."
        elif _age(data.geburtsdatum, today) < 18:
            p["geburtsdatum"] = "Tagespflegepersonen müssen mindestens 18 Jahre alt sein (R-C1)."
    if data.plz and not (data.plz.isdigit() and len(data.plz) == 5):
        p["plz"] = "PLZ hat 5 Ziffern."
    if data.email and "@" not in data.email:
        p["email"] = "E-Mail-Adresse ohne „@“."
    if data.iban is not KEEP and (problem := iban_problem(data.iban)):
        p["iban"] = problem
    if data.qualifikation not in QUALIFIKATIONEN:
        p["qualifikation"] = f"Qualifikation muss eines von {', '.join(QUALIFIKATIONEN)} sein."
    elif data.qualifikation != "Basis" and data.qualifikation_seit is None:
        p["qualifikation_seit"] = f"Seit wann {data.qualifikation}? Die Stufe gilt ab diesem Datum (R-C5)."
    if data.betreuungsort not in BETREUUNGSORTE:
        p["betreuungsort"] = f"Betreuungsort muss eines von {', '.join(BETREUUNGSORTE)} sein."
    if data.taetig_seit and data.taetig_bis and data.taetig_bis < data.taetig_seit:
        p["taetig_bis"] = "„Tätig bis“ liegt vor „Tätig seit“."
    end = permit_end(data)
    if data.erlaubnis_bis is not None and data.erlaubnis_vom is None:
        p["erlaubnis_vom"] = "Erlaubnis ohne Ausstellungsdatum."
    elif data.erlaubnis_vom is not None and end is not None:
        latest = add_years(data.erlaubnis_vom, PERMIT_YEARS) - timedelta(days=1)
        if end < data.erlaubnis_vom:
            p["erlaubnis_bis"] = "Erlaubnis endet vor ihrem Beginn."
        elif end > latest:
            p["erlaubnis_bis"] = f"Eine Erlaubnis gilt höchstens 5 Jahre, also bis {fmt_day(latest)} (R-C6)."
    qualified = data.qualifikation in QUALIFIED
    ceiling = MAX_TOTAL_QUALIFIED if qualified else MAX_TOTAL_BASIS
    if not 1 <= data.max_gleichzeitig <= STANDARD_AT_ONCE:
        p["max_gleichzeitig"] = f"Höchstens {STANDARD_AT_ONCE} Kinder gleichzeitig (R-C6)."
    if not 1 <= data.max_kinder <= ceiling:
        who = "mit QHB oder als Fachkraft" if qualified else "ohne QHB oder Fachkraft"
        p["max_kinder"] = f"{who[0].upper()}{who[1:]} höchstens {ceiling} Kinder insgesamt (R-C6)."
    elif data.max_kinder < data.max_gleichzeitig:
        p["max_kinder"] = "„Kinder insgesamt“ ist kleiner als „gleichzeitig“."
    return p


def child_problems(data: ChildData, today: date) -> dict[str, str]:
    p: dict[str, str] = {}
    for name, label in (("nr", "Nr"), ("nachname", "Nachname"), ("vorname", "Vorname")):
        if not getattr(data, name).strip():
            p[name] = f"{label} fehlt."
    if data.srt not in SRTS:
        p["srt"] = f"SRT muss eines von {', '.join(SRTS)} sein."
    if data.geburtsdatum is None:
        p["geburtsdatum"] = "Geburtsdatum fehlt."
    elif data.geburtsdatum > today + timedelta(days=300):
        p["geburtsdatum"] = "Geburtsdatum liegt zu weit in der Zukunft."
    if data.plz and not (data.plz.isdigit() and len(data.plz) == 5):
        p["plz"] = "PLZ hat 5 Ziffern."
    income = None if data.jahreseinkommen is KEEP else data.jahreseinkommen
    if income is not None and income < 0:
        p["jahreseinkommen"] = "Jahreseinkommen ist negativ."
    if income is not None and not data.familie_nr.strip():
        p["familie_nr"] = "Für das Einkommen ist eine Familien-Nr. nötig (Geschwister teilen sie)."
    if data.lvr_inklusionshilfe and not data.besonderer_bedarf:
        p["lvr_inklusionshilfe"] = "LVR-Inklusionshilfe nur bei besonderem Betreuungsbedarf."
    if data.unter_1_grund and data.unter_1_grund not in UNTER_1_GRUENDE:
        p["unter_1_grund"] = "Bitte einen Grund aus der Liste wählen (R-K1)."
    if data.verwandtschaft and data.verwandtschaft not in VERWANDTSCHAFTEN:
        p["verwandtschaft"] = f"Verwandtschaft muss eines von {', '.join(VERWANDTSCHAFTEN)} sein (R-S1)."
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
    p: dict[str, str] = {}
    hours = terms.wochenstunden
    if hours is None:
        p["wochenstunden"] = "Wochenstunden fehlen."
    elif not 0 < hours <= MAX_WEEKLY_HOURS:
        p["wochenstunden"] = "Wochenstunden müssen über 0 und höchstens 168 sein."
    if terms.randzeitstunden is not None and (terms.randzeitstunden < 0 or (hours and terms.randzeitstunden > hours)):
        p["randzeitstunden"] = "Randzeitstunden liegen zwischen 0 und den Wochenstunden."
    if not 0 <= terms.uebernachtungen <= 7:
        p["uebernachtungen"] = "Übernachtungen je Woche: 0 bis 7."
    plan = None
    if terms.zeitplan.strip():
        try:
            plan = parse_timeplan(terms.zeitplan)
        except TimePlanError as exc:
            p["zeitplan"] = str(exc)
        else:
            if hours is not None and "wochenstunden" not in p:
                errors = consistency_errors(plan, hours, terms.randzeitstunden, terms.nacht_im_haushalt_der_eltern)
                if errors:
                    p["zeitplan"] = " ".join(errors)
    nights = night_care_errors(plan, terms.uebernachtungen, terms.nacht_im_haushalt_der_eltern)  # R-G7
    for name, message in nights.items():
        p.setdefault(name, message)
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


FIELD_LABELS = {
    "nr": "Nr.", "nachname": "Nachname", "vorname": "Vorname", "srt": "SRT", "geburtsdatum": "Geburtsdatum",
    "plz": "PLZ", "email": "E-Mail", "iban": "IBAN", "qualifikation": "Qualifikation",
    "qualifikation_seit": "Qualifikation seit", "betreuungsort": "Betreuungsort", "taetig_bis": "Tätig bis",
    "erlaubnis_vom": "Erlaubnis vom", "erlaubnis_bis": "Erlaubnis bis", "max_kinder": "Kinder insgesamt",
    "max_gleichzeitig": "Kinder gleichzeitig", "jahreseinkommen": "Jahreseinkommen", "familie_nr": "Familien-Nr.",
    "lvr_inklusionshilfe": "LVR-Inklusionshilfe", "unter_1_grund": "Grund unter 1 Jahr",
    "wochenstunden": "Wochenstunden", "randzeitstunden": "Randzeitstunden", "uebernachtungen": "Übernachtungen",
    "nacht_im_haushalt_der_eltern": "Nacht bei den Eltern",
    "zeitplan": "Zeitplan", "child_id": "Kind", "carer_id": "Tagespflegeperson", "beginn": "Beginn", "ende": "Ende",
    "gueltig_ab": "Gültig ab", "verwandtschaft": "Verwandtschaft",
}


def _raise_problems(what: str, problems: dict[str, str]) -> None:
    if problems:
        raise InputError(f"{what} nicht gespeichert – bitte prüfen:",
                         [f"{FIELD_LABELS.get(k, k)}: {v}" for k, v in problems.items()])
