"""Rules of a carer's absence (domain.md R-G5)."""

from datetime import date

from kitadesk.domain.rules import Problem
from kitadesk.domain.rules.common import order_problem
from kitadesk.domain.texts import day

ABWESENHEIT_ARTEN = ("Urlaub", "Krankheit", "sonstiges")


def absence_problems(carer_nr: str | None, von: date | None, bis: date | None,
                     substitute_nr: str | None) -> list[Problem]:
    """R-G5: Von ≤ Bis; the substitute arranged by the Fachdienst is another carer."""
    found = order_problem("bis", "R-G5", bis, von, f"Bis liegt vor Von, dem {day(von)}." if von else "")
    if substitute_nr and substitute_nr == carer_nr:
        found.append(Problem("substitute_nr", "R-G5", "Die Vertretung kann nicht die abwesende Tagespflegeperson "
                                                      "selbst sein."))
    return found
