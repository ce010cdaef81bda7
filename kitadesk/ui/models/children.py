"""Children (Kinder) as a table."""

from kitadesk.formats import day, hours
from kitadesk.ops.queries import FLAG_ENDED, FLAG_FUTURE, FLAG_IN_CARE, FLAG_NO_CARE, FLAG_TURNS_3, ChildRow
from kitadesk.ui.models.base import Column, RowTableModel

COL_NR, COL_NACHNAME, COL_VORNAME, COL_GEBURTSDATUM, COL_SRT, COL_TPP, COL_STUNDEN, COL_ANSCHRIFT, \
    COL_STATUS = range(9)


def _address(r: ChildRow) -> str:
    return ", ".join(x for x in (r.strasse, f"{r.plz} {r.ort}".strip()) if x)


class ChildTableModel(RowTableModel):
    CACHE_DISPLAY = True  # rows are frozen dataclasses (ops/queries)
    ENTITY = "child"
    COLUMNS = (
        Column("Nr.", lambda r: r.nr, lambda r: r.nr, width=70),
        Column("Nachname", lambda r: r.nachname, lambda r: r.nachname, width=120),
        Column("Vorname", lambda r: r.vorname, lambda r: r.vorname, width=90),
        Column("Geburtsdatum", lambda r: day(r.geburtsdatum), lambda r: r.geburtsdatum, width=95),
        Column("SRT", lambda r: r.srt, lambda r: r.srt, width=80),
        Column("Tagespflegeperson", lambda r: r.carer_name, lambda r: r.carer_name, width=150),
        Column("Std./Woche", lambda r: hours(r.wochenstunden), lambda r: r.wochenstunden, numeric=True, width=80),
        Column("Anschrift", _address, _address, width=210),
        Column("Status", lambda r: r.status, lambda r: r.status, width=150),
    )
    DEFAULT_SORT = COL_NACHNAME
    FILTERS = (
        ("Alle", None),
        ("in Betreuung", FLAG_IN_CARE),
        ("Betreuung künftig", FLAG_FUTURE),
        ("ohne Betreuung", FLAG_NO_CARE),
        ("wird bald 3", FLAG_TURNS_3),
        ("Betreuung beendet", FLAG_ENDED),
    )

    def search_text(self, r: ChildRow) -> str:
        return (f"{r.nr} {r.nachname} {r.vorname} {day(r.geburtsdatum)} {r.sorgeberechtigte} {r.strasse} {r.plz} "
                f"{r.ort} {r.carer_nr} {r.carer_name}")

    def tone(self, r: ChildRow) -> str | None:
        return "warn" if FLAG_TURNS_3 in r.flags else None
