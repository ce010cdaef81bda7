"""Keys of the carer form's tabs and which tab clears which reminder (R-W1) — no Qt here, so the
start page can ask without loading the forms."""

from kitadesk.domain.reminder_kinds import AENDERUNG, ERLAUBNIS, ERSTE_HILFE, FORTBILDUNG, FUEHRUNGSZEUGNIS, NACHWEIS

TABS = (("stammdaten", "Stammdaten"), ("erlaubnis", "Erlaubnis"), ("nachweise", "Nachweise && Dokumente"),
        ("fortbildungen", "Fortbildungen"), ("vertretungsplatz", "Vertretungsplatz"), ("notizen", "Notizen"),
        ("kinder", "Kinder"))
TAB_KEYS = tuple(key for key, _ in TABS)

_REMINDER_TABS = {ERLAUBNIS: "erlaubnis", FUEHRUNGSZEUGNIS: "nachweise", ERSTE_HILFE: "nachweise",
                  FORTBILDUNG: "fortbildungen", AENDERUNG: "stammdaten"}


def tab_for_reminder(art: str) -> str:
    """The tab of the carer form where a reminder of kind `art` is cleared ('Nachweis …' → Nachweise)."""
    if art.startswith(NACHWEIS):
        return "nachweise"
    return _REMINDER_TABS.get(art, "stammdaten")
