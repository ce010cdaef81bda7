"""Reminders (Wiedervorlagen, R-W1) as a sortable, filterable work list."""

from typing import TYPE_CHECKING

from kitadesk.formats import day
from kitadesk.ui.models.base import Column, RowTableModel

if TYPE_CHECKING:
    from kitadesk.ops.queries import ReminderRow

COL_FAELLIG, COL_SRT, COL_ART, COL_NR, COL_NAME, COL_HINWEIS, COL_STATUS = range(7)


class ReminderTableModel(RowTableModel):
    CACHE_DISPLAY = True
    ENTITY = "reminder"
    COLUMNS = (
        Column("Fällig", lambda r: day(r.faellig), lambda r: r.faellig, width=85),
        Column("SRT", lambda r: r.srt, lambda r: r.srt, width=80),
        Column("Art", lambda r: r.art, lambda r: r.art, width=190),
        Column("Nr.", lambda r: r.nr, lambda r: r.nr, width=70),
        Column("Name", lambda r: r.name, lambda r: r.name, width=170),
        Column("Hinweis", lambda r: r.hinweis, lambda r: r.hinweis, width=330),
        Column("Status", lambda r: r.status, lambda r: r.status, width=150),
    )
    DEFAULT_SORT = COL_FAELLIG

    def search_text(self, r: "ReminderRow") -> str:
        return f"{r.nr} {r.name} {r.art} {r.hinweis} {day(r.faellig)}"

    def tone(self, r: "ReminderRow") -> str | None:
        if r.erledigt or r.wiedervorlage_am:
            return None
        return "bad" if r.overdue else None
