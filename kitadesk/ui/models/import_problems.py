"""The import assistant's problem list: Blatt, Zeile, Spalte, Meldung of the office's list."""

from kitadesk.importer.problems import Problem
from kitadesk.ui.models.base import Column, RowTableModel


def _row(p: Problem) -> int:
    return p.row if isinstance(p.row, int) else 0


class ProblemTableModel(RowTableModel):
    COLUMNS = (
        Column("Blatt", lambda p: p.sheet, lambda p: p.sheet, width=120),
        Column("Zeile", lambda p: str(p.row), _row, numeric=True, width=60),
        Column("Spalte", lambda p: p.column, lambda p: p.column, width=150),
        Column("Meldung", lambda p: p.message, lambda p: p.message, width=560),
    )
    DEFAULT_SORT = 1

    def search_text(self, p: Problem) -> str:
        return str(p)

    def srts(self, p: Problem) -> tuple[str, ...]:
        return ()
