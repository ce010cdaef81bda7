"""Rules of a carer record (domain.md R-C1–R-C6, R-G3, R-V4): age, qualification date,
permit (valid five years, child limits by qualification and Zusammenschluss),
Vertretungsplatz period, address."""

from dataclasses import dataclass, fields
from datetime import date, timedelta

from kitadesk.domain.calendar import add_years
from kitadesk.domain.rules import Problem
from kitadesk.domain.rules.common import PersonRecord, age, order_problem, person_problems
from kitadesk.domain.rules.limits import (
    ADULT_AGE,
    FZ_YEARS,
    GROUP_CHILDREN,
    GROUP_CONTRACTS_QUALIFIED,
    MAX_TOTAL_BASIS,
    MAX_TOTAL_QUALIFIED,
    PERMIT_YEARS,
    STANDARD_AT_ONCE,
)
from kitadesk.domain.texts import day

BASIS = "Basis"
QUALIFIED = ("QHB", "Fachkraft")


@dataclass(frozen=True)
class CarerRecord(PersonRecord):
    """What the carer rules look at; None = not given (an import column left empty or absent)."""

    qualifikation: str | None = None
    qualifikation_seit: date | None = None
    taetig_seit: date | None = None
    taetig_bis: date | None = None
    erlaubnis_vom: date | None = None
    erlaubnis_bis: date | None = None  # None → vom + 5 years − 1 day
    max_kinder: int | None = None  # None → standard 5
    max_gleichzeitig: int | None = None
    in_group: bool = False  # member of a Zusammenschluss (Großtagespflege)
    vertretungsplatz: bool | None = None
    vertretungsplatz_von: date | None = None
    vertretungsplatz_bis: date | None = None


FIELDS = tuple(f.name for f in fields(CarerRecord))


def latest_permit_end(vom: date) -> date:
    """R-C6: the last day a permit issued on `vom` may be valid."""
    return add_years(vom, PERMIT_YEARS) - timedelta(days=1)


def fuehrungszeugnis_end(received: date) -> date:
    """R-C2: the last day an erweitertes Führungszeugnis received on `received` counts."""
    return add_years(received, FZ_YEARS) - timedelta(days=1)


def permit_end(vom: date | None, bis: date | None) -> date | None:
    return bis if bis is not None or vom is None else latest_permit_end(vom)


def total_ceiling(qualifikation: str | None, in_group: bool) -> int:
    """R-C6: children in total a permit may allow."""
    qualified = qualifikation in QUALIFIED
    if in_group:
        return GROUP_CONTRACTS_QUALIFIED if qualified else GROUP_CHILDREN
    return MAX_TOTAL_QUALIFIED if qualified else MAX_TOTAL_BASIS


def age_problems(born: date | None, today: date) -> list[Problem]:
    if born is None:
        return []
    if born > today:
        return [Problem("geburtsdatum", "", "Geburtsdatum liegt in der Zukunft.")]
    if age(born, today) < ADULT_AGE:
        return [Problem("geburtsdatum", "R-C1", f"Tagespflegepersonen müssen mindestens {ADULT_AGE} Jahre alt "
                                                f"sein (geboren {day(born)}).")]
    return []


def qualification_problems(qualifikation: str | None, seit: date | None) -> list[Problem]:
    """R-C3/R-C5: QHB and Fachkraft count from the date of the qualification; Basis has none."""
    if qualifikation in QUALIFIED and seit is None:
        return [Problem("qualifikation_seit", "R-C5", f"Seit wann {qualifikation}? Die Stufe gilt ab dem Datum "
                                                      "der Qualifikation.")]
    if qualifikation == BASIS and seit is not None:
        return [Problem("qualifikation_seit", "R-C5", "Bei Qualifikation Basis bleibt „Qualifikation seit“ leer "
                                                      "(oder QHB/Fachkraft wählen).")]
    return []


def permit_problems(c: CarerRecord) -> list[Problem]:
    """R-C6: dates of the Erlaubnis (at most five years) and its child limits."""
    vom, bis = c.erlaubnis_vom, c.erlaubnis_bis
    if vom is None:
        found = [Problem("erlaubnis_vom", "R-C6", "Erlaubnis ohne Ausstellungsdatum („Erlaubnis vom“ fehlt).")] \
            if bis is not None else []
        return found + [Problem(name, "R-C6", "Die Zahl der Kinder gehört zur Erlaubnis, aber „Erlaubnis vom“ fehlt.")
                        for name in ("max_kinder", "max_gleichzeitig") if getattr(c, name) is not None]
    found = []
    if bis is not None and bis < vom:
        found.append(Problem("erlaubnis_bis", "R-C6", f"Die Erlaubnis endet vor ihrem Beginn ({day(vom)})."))
    elif bis is not None and bis > latest_permit_end(vom):
        years = f"{(bis - vom).days / 365.25:.1f}".replace(".", ",").removesuffix(",0")
        found.append(Problem("erlaubnis_bis", "R-C6", f"Eine Erlaubnis gilt höchstens {PERMIT_YEARS} Jahre, also bis "
                                                      f"{day(latest_permit_end(vom))}; angegeben sind {years} Jahre."))
    total, at_once = c.max_kinder, c.max_gleichzeitig
    if at_once is not None and not 1 <= at_once <= STANDARD_AT_ONCE:
        found.append(Problem("max_gleichzeitig", "R-C6", f"Höchstens {STANDARD_AT_ONCE} Kinder gleichzeitig, "
                                                         f"nicht {at_once}."))
    ceiling = total_ceiling(c.qualifikation, c.in_group)
    if total is not None and not 1 <= total <= ceiling:
        who = "mit QHB oder als Fachkraft" if c.qualifikation in QUALIFIED else "ohne QHB oder Fachkraft"
        where = " in einer Großtagespflege" if c.in_group else ""
        found.append(Problem("max_kinder", "R-C6", f"{who[0].upper()}{who[1:]}{where} höchstens {ceiling} Kinder "
                                                   f"insgesamt, nicht {total}."))
    elif total is not None and at_once is not None and at_once > total:
        found.append(Problem("max_gleichzeitig", "R-C6", f"{at_once} Kinder gleichzeitig sind mehr als {total} "
                                                         "Kinder insgesamt."))
    return found


def vertretungsplatz_problems(c: CarerRecord) -> list[Problem]:
    """R-G3: a Vertretungsplatz is held from a date (until an optional date)."""
    found = []
    if c.vertretungsplatz and c.vertretungsplatz_von is None:
        found.append(Problem("vertretungsplatz_von", "R-G3", "Ab wann wird der Vertretungsplatz gehalten? "
                                                             "Das Anfangsdatum fehlt."))
    if c.vertretungsplatz is False and (c.vertretungsplatz_von or c.vertretungsplatz_bis):
        found.append(Problem("vertretungsplatz", "R-G3", "Kein Vertretungsplatz angegeben, aber ein Zeitraum."))
    found += order_problem("vertretungsplatz_bis", "R-G3", c.vertretungsplatz_bis, c.vertretungsplatz_von,
                           "Der Vertretungsplatz endet vor seinem Beginn.")
    return found


def carer_problems(c: CarerRecord, today: date, given: set[str] | None = None) -> list[Problem]:
    """Every rule of a carer record; `given` = the fields the caller has (None = all)."""
    return [*person_problems(c, given), *age_problems(c.geburtsdatum, today),
            *qualification_problems(c.qualifikation, c.qualifikation_seit),
            *order_problem("taetig_bis", "", c.taetig_bis, c.taetig_seit, "„Tätig bis“ liegt vor „Tätig seit“."),
            *permit_problems(c), *vertretungsplatz_problems(c)]
