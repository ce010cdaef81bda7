"""Placements (Betreuungen) as a table; the SRT filter matches the child's or the carer's SRT."""

from kitadesk.formats import day, hours
from kitadesk.ops.queries import FLAG_ACTIVE, FLAG_ENDED, FLAG_ENDING, FLAG_FUTURE, PlacementRow
from kitadesk.ui.models.base import Column, RowTableModel

COL_KIND_NR, COL_KIND, COL_TPP_NR, COL_TPP, COL_SRT, COL_BEGINN, COL_ENDE, COL_STUNDEN, COL_GUELTIG_AB, \
    COL_VERSIONEN, COL_STATUS = range(11)


class PlacementTableModel(RowTableModel):
    CACHE_DISPLAY = True  # rows are frozen dataclasses (ops/queries)
    ENTITY = "placement"
    COLUMNS = (
        Column("Kind Nr.", lambda r: r.child_nr, lambda r: r.child_nr, width=70),
        Column("Kind", lambda r: r.child_name, lambda r: r.child_name, width=150),
        Column("TPP Nr.", lambda r: r.carer_nr, lambda r: r.carer_nr, width=60),
        Column("Tagespflegeperson", lambda r: r.carer_name, lambda r: r.carer_name, width=150),
        Column("SRT", lambda r: r.srt, lambda r: r.srt, width=80),
        Column("Beginn", lambda r: day(r.beginn), lambda r: r.beginn, width=85),
        Column("Ende", lambda r: day(r.ende), lambda r: r.ende, width=85),
        Column("Std./Woche", lambda r: hours(r.wochenstunden), lambda r: r.wochenstunden, numeric=True, width=80),
        Column("Gültig ab", lambda r: day(r.gueltig_ab), lambda r: r.gueltig_ab, width=85),
        Column("Versionen", lambda r: str(r.versionen), lambda r: r.versionen, numeric=True, width=70),
        Column("Status", lambda r: r.status, lambda r: r.status, width=140),
    )
    DEFAULT_SORT = COL_KIND
    FILTERS = (
        ("Alle", None),
        ("laufend", FLAG_ACTIVE),
        ("endet bald", FLAG_ENDING),
        ("künftig", FLAG_FUTURE),
        ("beendet", FLAG_ENDED),
    )

    def search_text(self, r: PlacementRow) -> str:
        return f"{r.child_nr} {r.child_name} {r.carer_nr} {r.carer_name} {day(r.beginn)} {day(r.ende)}"

    def srts(self, r: PlacementRow) -> tuple[str, ...]:
        return (r.srt, r.carer_srt)

    def tone(self, r: PlacementRow) -> str | None:
        return "warn" if FLAG_ENDING in r.flags else None
