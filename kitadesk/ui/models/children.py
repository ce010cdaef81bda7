"""Children (Kinder) as a table (rows: plain tuples of ChildRow, ops/queries/lists.py)."""

from operator import itemgetter

from kitadesk.formats import day, hours
from kitadesk.ops.queries import FLAG_ENDED, FLAG_FUTURE, FLAG_IN_CARE, FLAG_NO_CARE, FLAG_TURNS_3, ChildRow
from kitadesk.ui.models.base import Column, RowTableModel, positions

COL_NR, COL_NACHNAME, COL_VORNAME, COL_GEBURTSDATUM, COL_SRT, COL_TPP, COL_STUNDEN, COL_ANSCHRIFT, \
    COL_STATUS = range(9)
F = positions(ChildRow)


def _address(r: tuple) -> str:
    return ", ".join(x for x in (r[F.strasse], f"{r[F.plz]} {r[F.ort]}".strip()) if x)


_nr, _nachname, _vorname, _srt, _carer, _status = (itemgetter(getattr(F, n)) for n in (
    "nr", "nachname", "vorname", "srt", "carer_name", "status"))


class ChildTableModel(RowTableModel):
    CACHE_DISPLAY = True  # rows are immutable tuples (ops/queries)
    ROW = ChildRow
    ENTITY = "child"
    COLUMNS = (
        Column("Nr.", _nr, _nr, width=70),
        Column("Nachname", _nachname, _nachname, width=120),
        Column("Vorname", _vorname, _vorname, width=90),
        Column("Geburtsdatum", lambda r: day(r[F.geburtsdatum]), itemgetter(F.geburtsdatum), width=95),
        Column("SRT", _srt, _srt, width=80),
        Column("Tagespflegeperson", _carer, _carer, width=150),
        Column("Std./Woche", lambda r: hours(r[F.wochenstunden]), itemgetter(F.wochenstunden), numeric=True,
               width=80),
        Column("Anschrift", _address, _address, width=210),
        Column("Status", _status, _status, width=150),
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

    def search_text(self, r: tuple) -> str:
        return (f"{r[F.nr]} {r[F.nachname]} {r[F.vorname]} {day(r[F.geburtsdatum])} {r[F.sorgeberechtigte]} "
                f"{r[F.strasse]} {r[F.plz]} {r[F.ort]} {r[F.carer_nr]} {r[F.carer_name]}")

    def srts(self, r: tuple) -> tuple[str, ...]:
        return (r[F.srt],)

    def tone(self, r: tuple) -> str | None:
        return "warn" if FLAG_TURNS_3 in r[F.flags] else None
