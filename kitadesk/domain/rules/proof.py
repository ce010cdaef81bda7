"""Rules of a reimbursement proof (Erstattungsnachweis, domain.md R-G4)."""

from datetime import date
from decimal import Decimal

from kitadesk.domain.rules import Problem
from kitadesk.domain.rules.common import order_problem
from kitadesk.domain.texts import day

ARTEN = {"Unfallversicherung": "unfall", "Alterssicherung": "alter", "Kranken_Pflege": "kranken"}  # sheet → stored
JE = {"Monat": "monat", "Jahr": "jahr"}
ALTER = "alter"


def proof_problems(art: str | None, betrag: Decimal | None, alter_art: str | None, von: date | None = None,
                   bis: date | None = None) -> list[Problem]:
    """R-G4: the kind of old-age provision decides the refund (statutory or private); it
    belongs to Alterssicherung only; a proof is valid from a date, optionally until one."""
    found = []
    if art == ALTER and betrag is not None and not alter_art:
        found.append(Problem("alter_art", "R-G4", "Art der Alterssicherung fehlt: gesetzlich oder privat "
                                                  "(bestimmt die Erstattung)."))
    if art is not None and art != ALTER and alter_art:
        found.append(Problem("alter_art", "R-G4", "Die Art der Alterssicherung gehört nur zu einem Nachweis "
                                                  "der Alterssicherung."))
    if betrag is not None and betrag < 0:
        found.append(Problem("betrag", "R-G4", "Betrag ist negativ."))
    found += order_problem("bis", "R-G4", bis, von, f"Gültig bis liegt vor Gültig von ({day(von)})." if von else "")
    return found
