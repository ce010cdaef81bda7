"""Rules of a child record (domain.md R-K1, R-G3, R-E2, R-S1, R-V4): birth date, reason
for care under one year, LVR-Inklusionshilfe only with special needs, income, waiver
(not before its application), address of the parents' letters."""

from dataclasses import dataclass, fields
from datetime import date, timedelta
from decimal import Decimal

from kitadesk.domain.rules import Problem
from kitadesk.domain.rules.common import PersonRecord, age, person_problems
from kitadesk.domain.rules.limits import EXPECTED_BIRTH_DAYS
from kitadesk.domain.statistics import VERWANDTSCHAFTEN
from kitadesk.domain.texts import day

UNTER_1_GRUENDE = (  # R-K1: care under one year only with a recorded reason
    "Entwicklung des Kindes", "Eltern erwerbstätig", "Eltern arbeitsuchend", "Eltern in Ausbildung/Studium",
    "Eltern erhalten Eingliederungsleistungen",
)


@dataclass(frozen=True)
class ChildRecord(PersonRecord):
    """What the child rules look at; None = not given."""

    jahreseinkommen: Decimal | None = None
    besonderer_bedarf: bool | None = None
    lvr_inklusionshilfe: bool | None = None
    unter_1_grund: str | None = None
    verwandtschaft: str | None = None
    ermaessigung_prozent: Decimal | None = None
    ermaessigung_ab: date | None = None
    ermaessigung_antrag_vom: date | None = None


FIELDS = tuple(f.name for f in fields(ChildRecord))


def birth_problems(born: date | None, today: date) -> list[Problem]:
    """R-K1: the birth date decides the entitlement; an expected date may be entered early."""
    if born is None:
        return [Problem("geburtsdatum", "R-K1", "Geburtsdatum fehlt.")]
    if born > today + timedelta(days=EXPECTED_BIRTH_DAYS):
        return [Problem("geburtsdatum", "R-K1", f"Geburtsdatum {day(born)} liegt zu weit in der Zukunft "
                                                f"(höchstens {EXPECTED_BIRTH_DAYS} Tage ab heute).")]
    return []


def entitlement_problems(born: date | None, beginn: date, unter_1_grund: str | None,
                         ab_3_grund: str | None) -> list[Problem]:
    """R-K1: care under one year and from three years only with a reason recorded on the child."""
    if born is None:
        return []
    years = age(born, beginn)
    if years < 1 and not unter_1_grund:
        return [Problem("unter_1_grund", "R-K1", f"Das Kind ist am {day(beginn)} unter 1 Jahr – bitte beim Kind "
                                                 "den Grund erfassen.")]
    if years >= 3 and not ab_3_grund:
        return [Problem("ab_3_grund", "R-K1", f"Das Kind ist am {day(beginn)} schon 3 Jahre – Kindertagespflege "
                                              "nur mit erfasstem besonderem Grund.")]
    return []


def status_problems(besonderer_bedarf: bool | None, lvr: bool | None) -> list[Problem]:
    """R-G3: the LVR grants Inklusionshilfe only for a child with special needs."""
    if lvr and not besonderer_bedarf:
        return [Problem("lvr_inklusionshilfe", "R-G3", "LVR-Inklusionshilfe nur bei besonderem Betreuungsbedarf.")]
    return []


def waiver_problems(prozent: Decimal | None, ab: date | None, antrag_vom: date | None) -> list[Problem]:
    """R-E2: a waiver (percent) holds from a date, never before its application."""
    found = []
    if prozent is not None and ab is None:
        found.append(Problem("ermaessigung_ab", "R-E2", "Ab wann gilt die Ermäßigung? Das Datum fehlt."))
    if ab is not None and prozent is None:
        found.append(Problem("ermaessigung_prozent", "R-E2", "Ermäßigung ohne Prozentsatz."))
    if prozent is not None and not 0 < prozent <= 100:
        found.append(Problem("ermaessigung_prozent", "R-E2", "Ermäßigung: über 0 und höchstens 100 Prozent."))
    if ab is not None and antrag_vom is not None and ab < antrag_vom:
        found.append(Problem("ermaessigung_ab", "R-E2", f"{day(ab)} liegt vor dem Antrag vom {day(antrag_vom)}; "
                                                        "eine Ermäßigung gilt frühestens ab dem Antrag."))
    return found


def income_problems(jahreseinkommen: Decimal | None) -> list[Problem]:
    """R-E1: a declared yearly income is never negative (empty = no declaration)."""
    if jahreseinkommen is not None and jahreseinkommen < 0:
        return [Problem("jahreseinkommen", "R-E1", "Jahreseinkommen ist negativ.")]
    return []


def choice_problems(unter_1_grund: str | None, verwandtschaft: str | None) -> list[Problem]:
    found = []
    if unter_1_grund and unter_1_grund not in UNTER_1_GRUENDE:
        found.append(Problem("unter_1_grund", "R-K1", "Bitte einen Grund aus der Liste wählen."))
    if verwandtschaft and verwandtschaft not in VERWANDTSCHAFTEN:
        found.append(Problem("verwandtschaft", "R-S1", f"Verwandtschaft muss eines von "
                                                       f"{', '.join(VERWANDTSCHAFTEN)} sein."))
    return found


def child_problems(c: ChildRecord, today: date, given: set[str] | None = None) -> list[Problem]:
    """Every rule of a child record; `given` = the fields the caller has (None = all)."""
    found = [*person_problems(c, given), *birth_problems(c.geburtsdatum, today)]
    return [*found, *income_problems(c.jahreseinkommen), *status_problems(c.besonderer_bedarf, c.lvr_inklusionshilfe),
            *choice_problems(c.unter_1_grund, c.verwandtschaft),
            *waiver_problems(c.ermaessigung_prozent, c.ermaessigung_ab, c.ermaessigung_antrag_vom)]
