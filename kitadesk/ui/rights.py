"""Actions a user lacks the right for are disabled, with a tooltip saying who may (issue 14.4).
Whether the user may is asked of the one rights place (ops/base.py `Actor.has`, with its four-eyes
rule); this module only words the answer."""

from PySide6.QtWidgets import QAbstractButton

from kitadesk.domain.choices import ADMIN, LEITUNG, SACHBEARBEITUNG
from kitadesk.ops import identity
from kitadesk.ops.base import RIGHT_LABELS, RIGHTS, Actor

ROLE_NAMES = {LEITUNG: "die Leitung", SACHBEARBEITUNG: "die Sachbearbeitung", ADMIN: "die Administration"}
ACTIONS = {  # right → what it lets one do (after "darf")
    "auszahlung_abschliessen": "einen Lauf abschließen",
    "einzelfallbetrag": "Einzelfallbeträge (R-G11) erfassen oder ändern",
    "saetze_bestaetigen": "Satztabellen bestätigen",
    "auszahlung_berechnen": "eine Auszahlung berechnen",
    "bescheide": "Bescheide erstellen",
}


def who_may(right: str) -> str:
    """'Nur die Leitung darf einen Lauf abschließen.'"""
    holders = [ROLE_NAMES[r] for r in RIGHTS[right]]
    names = holders[0] if len(holders) == 1 else ", ".join(holders[:-1]) + " und " + holders[-1]
    verb = "darf" if len(holders) == 1 else "dürfen"
    return f"Nur {names} {verb} {ACTIONS.get(right, f'„{RIGHT_LABELS[right]}“')}."


def refusal(actor: Actor, right: str, srt: str | None = None) -> str | None:
    """Why `actor` may not use `right` (German), None when it may."""
    if actor.has(right, srt):
        return None
    if right in identity.FOUR_EYES and actor.vier_augen and actor.rolle in RIGHTS[right]:
        return actor.vier_augen
    return who_may(right)


def gate(button: QAbstractButton, actor: Actor, right: str, enabled: bool = True) -> bool:
    """Enable `button` when the action is otherwise possible (`enabled`) and the user has the right;
    without the right it is disabled and its tooltip says who may. → whether the user may."""
    why = refusal(actor, right)
    if why is not None:
        if button.property("plainTip") is None:
            button.setProperty("plainTip", button.toolTip())
        button.setToolTip(why)
    elif button.property("plainTip") is not None:
        button.setToolTip(button.property("plainTip"))
    button.setEnabled(enabled and why is None)
    return why is None
