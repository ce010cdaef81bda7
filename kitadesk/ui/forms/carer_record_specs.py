"""What the carer form's record tabs show and ask, per kind of record (ops.records.carer_records
KINDS): the fields of the small form dialog and the columns of the table."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kitadesk.domain.choices import BETREUUNGSORTE
from kitadesk.domain.reminders import PROOF_LABELS
from kitadesk.domain.rules.carer_records import COST_ARTEN, DOCUMENT_ARTEN
from kitadesk.formats import day, hours, money
from kitadesk.ui.models.base import Column

# field kinds: date, decimal, money, int, line, text (several lines), choice ((value, label) …), pick (editable)
PROOF_ARTEN = tuple(PROOF_LABELS.items())
JE = (("monat", "Monat"), ("jahr", "Jahr"))
ALTER_ARTEN = (("", "–"), ("gesetzlich", "gesetzlich"), ("privat", "privat"))


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str
    hint: str = ""
    choices: tuple = ()
    default: Any = None


@dataclass(frozen=True)
class KindSpec:
    kind: str
    title: str  # dialog title and table title
    fields: tuple[FieldSpec, ...]
    columns: tuple[Column, ...]
    until: str = ""  # the field with the end of validity (a Status column: abgelaufen / läuft ab / gültig)
    newest_first: bool = True  # the table opens sorted by its first column (a date), latest on top


def _col(header: str, name: str, show: Callable[[Any], str] = str, numeric: bool = False, width: int = 0,
         empty: str = "") -> Column:
    return Column(header, lambda r: empty if r.get(name) is None else show(r.get(name)), lambda r: r.get(name),
                  numeric, width)


def _label(choices: tuple) -> Callable[[Any], str]:
    labels = dict(choices)
    return lambda value: labels.get(value, value)


def _person(name: str) -> str:
    return name or "Tagespflegeperson"


SPECS: dict[str, KindSpec] = {s.kind: s for s in (
    KindSpec("erlaubnis", "Erlaubnis (R-C6)", (
        FieldSpec("erlaubnis_vom", "Erlaubnis vom", "date"),
        FieldSpec("erlaubnis_bis", "Erlaubnis bis", "date", "leer = 5 Jahre ab Erteilung"),
        FieldSpec("max_kinder", "Kinder insgesamt", "int", default=5),
        FieldSpec("max_gleichzeitig", "Kinder gleichzeitig", "int", default=5),
        FieldSpec("betreuungsort", "Betreuungsort", "choice", choices=tuple((o, o) for o in BETREUUNGSORTE)),
    ), (_col("Vom", "erlaubnis_vom", day), _col("Bis", "erlaubnis_bis", day),
        _col("Kinder insgesamt", "max_kinder", numeric=True), _col("Kinder gleichzeitig", "max_gleichzeitig",
                                                                   numeric=True),
        _col("Betreuungsort", "betreuungsort")), "erlaubnis_bis"),
    KindSpec("dokument", "Dokument (R-C2)", (
        FieldSpec("art", "Art", "pick", "z. B. Führungszeugnis, Nachweis Masernschutz", DOCUMENT_ARTEN),
        FieldSpec("person", "Person im Haushalt", "line",
                  "leer = die Tagespflegeperson selbst; sonst die erwachsene Person im Haushalt (Führungszeugnis)"),
        FieldSpec("erhalten_am", "Eingang am", "date"),
        FieldSpec("gueltig_bis", "Gültig bis", "date", "Führungszeugnis: leer = 5 Jahre ab Eingang"),
    ), (_col("Art", "art"), _col("Person", "person", _person), _col("Eingang am", "erhalten_am", day),
        _col("Gültig bis", "gueltig_bis", day)), "gueltig_bis", newest_first=False),
    KindSpec("nachweis", "Erstattungsnachweis (R-G4)", (
        FieldSpec("art", "Art", "choice", choices=PROOF_ARTEN),
        FieldSpec("betrag", "Betrag", "money"),
        FieldSpec("je", "Je", "choice", choices=JE),
        FieldSpec("alter_art", "Alterssicherung", "choice", "nur bei Alterssicherung: gesetzlich oder privat",
                  ALTER_ARTEN),
        FieldSpec("von", "Gültig von", "date"),
        FieldSpec("bis", "Gültig bis", "date", "leer = unbefristet"),
    ), (_col("Art", "art", _label(PROOF_ARTEN)), _col("Betrag", "betrag", money, True), _col("Je", "je", _label(JE)),
        Column("Alterssicherung", lambda r: r.get("alter_art") if r.get("art") == "alter" else "",
               lambda r: r.get("alter_art") if r.get("art") == "alter" else ""),
        _col("Gültig von", "von", day), _col("Gültig bis", "bis", day)), "bis", newest_first=False),
    KindSpec("fortbildung", "Fortbildung (R-C4)", (
        FieldSpec("datum", "Datum", "date"),
        FieldSpec("titel", "Titel", "line"),
        FieldSpec("stunden", "Stunden", "decimal"),
    ), (_col("Datum", "datum", day), _col("Titel", "titel", width=320), _col("Stunden", "stunden", hours, True))),
    KindSpec("qualikosten", "Qualifizierungskosten (R-C9)", (
        FieldSpec("art", "Art", "pick", "Anmeldegebühr (100–150 €) oder Eigenanteil QHB (25 %, höchstens 1.000 €)",
                  COST_ARTEN),
        FieldSpec("betrag", "Betrag", "money"),
        FieldSpec("gezahlt_am", "Gezahlt am", "date"),
        FieldSpec("erstattet_am", "Erstattet am", "date", "Anmeldegebühr: nach dem Kurs und dem ersten Kind"),
    ), (_col("Art", "art"), _col("Betrag", "betrag", money, True), _col("Gezahlt am", "gezahlt_am", day),
        _col("Erstattet am", "erstattet_am", day)), newest_first=False),
    KindSpec("vertretungsplatz", "Vertretungsplatz (R-G3)", (
        FieldSpec("vertretungsplatz_von", "Von", "date"),
        FieldSpec("vertretungsplatz_bis", "Bis", "date", "leer = offen"),
    ), (_col("Von", "vertretungsplatz_von", day), _col("Bis", "vertretungsplatz_bis", day, empty="offen"))),
    KindSpec("notiz", "Notiz (R-C8)", (
        FieldSpec("datum", "Datum", "date", "Tag des gemeldeten Ereignisses"),
        FieldSpec("text", "Text", "text", "z. B. Erkrankung im Haushalt, Haustiere, Änderung der Wohnsituation"),
    ), (_col("Datum", "datum", day), Column("Text", lambda r: " ".join((r.get("text") or "").split()),
                                             lambda r: r.get("text"), width=520))),
)}


def status_of(until: date | None, today: date, soon_days: int = 60) -> str:
    """'abgelaufen' / 'läuft ab' / 'gültig' of a dated record (display only)."""
    if until is None:
        return "gültig"
    if until < today:
        return "abgelaufen"
    return "läuft ab" if (until - today).days <= soon_days else "gültig"
