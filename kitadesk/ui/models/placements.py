"""Placements (Betreuungen) as a table; the SRT filter matches the child's or the carer's SRT
(rows: plain tuples of PlacementRow, ops/queries/lists.py)."""

from operator import itemgetter

from kitadesk.formats import day, hours
from kitadesk.ops.queries import FLAG_ACTIVE, FLAG_ENDED, FLAG_ENDING, FLAG_FUTURE, PlacementRow
from kitadesk.ui.models.base import Column, RowTableModel, positions

COL_KIND_NR, COL_KIND, COL_TPP_NR, COL_TPP, COL_SRT, COL_BEGINN, COL_ENDE, COL_STUNDEN, COL_GUELTIG_AB, \
    COL_VERSIONEN, COL_STATUS = range(11)
F = positions(PlacementRow)

_child_nr, _child, _carer_nr, _carer, _srt, _status = (itemgetter(getattr(F, n)) for n in (
    "child_nr", "child_name", "carer_nr", "carer_name", "srt", "status"))


class PlacementTableModel(RowTableModel):
    CACHE_DISPLAY = True  # rows are immutable tuples (ops/queries)
    ROW = PlacementRow
    ENTITY = "placement"
    COLUMNS = (
        Column("Kind Nr.", _child_nr, _child_nr, width=70),
        Column("Kind", _child, _child, width=150),
        Column("TPP Nr.", _carer_nr, _carer_nr, width=60),
        Column("Tagespflegeperson", _carer, _carer, width=150),
        Column("SRT", _srt, _srt, width=80),
        Column("Beginn", lambda r: day(r[F.beginn]), itemgetter(F.beginn), width=85),
        Column("Ende", lambda r: day(r[F.ende]), itemgetter(F.ende), width=85),
        Column("Std./Woche", lambda r: hours(r[F.wochenstunden]), itemgetter(F.wochenstunden), numeric=True,
               width=80),
        Column("Gültig ab", lambda r: day(r[F.gueltig_ab]), itemgetter(F.gueltig_ab), width=85),
        Column("Versionen", lambda r: str(r[F.versionen]), itemgetter(F.versionen), numeric=True, width=70),
        Column("Status", _status, _status, width=140),
    )
    DEFAULT_SORT = COL_KIND
    FILTERS = (
        ("Alle", None),
        ("laufend", FLAG_ACTIVE),
        ("endet bald", FLAG_ENDING),
        ("künftig", FLAG_FUTURE),
        ("beendet", FLAG_ENDED),
    )

    def search_text(self, r: tuple) -> str:
        return (f"{r[F.child_nr]} {r[F.child_name]} {r[F.carer_nr]} {r[F.carer_name]} {day(r[F.beginn])} "
                f"{day(r[F.ende])}")

    def srts(self, r: tuple) -> tuple[str, ...]:
        return (r[F.srt], r[F.carer_srt])

    def tone(self, r: tuple) -> str | None:
        return "warn" if FLAG_ENDING in r[F.flags] else None
