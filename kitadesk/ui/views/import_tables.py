"""Tables of the import window (issue 14.1): the problems (Blatt, Zeile, Spalte, Meldung) with the
cell's value for the detail line, and the changed records (old → new per field)."""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from kitadesk.ops.import_changes import RecordChange
from kitadesk.ui.context import AppContext
from kitadesk.ui.models.base import Column, RowTableModel
from kitadesk.ui.views.import_work import ProblemRow  # Qt-free: made in the worker process
from kitadesk.ui.views.letters_common import table
from kitadesk.ui.widgets.table_tools import TableTools


class ProblemModel(RowTableModel):
    CACHE_DISPLAY = True
    ENTITY = "import_problem"
    COLUMNS = (
        Column("Blatt", lambda r: r.sheet, lambda r: r.sheet, width=150),
        Column("Zeile", lambda r: "" if r.row is None else str(r.row), lambda r: r.row, numeric=True, width=60),
        Column("Spalte", lambda r: r.column, lambda r: r.column, width=170),
        Column("Meldung", lambda r: r.message, lambda r: r.message, width=520),
    )

    def search_text(self, r: ProblemRow) -> str:
        return f"{r.sheet} {r.column} {r.message}"

    def cell(self, row_number: int, column: int, role):
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole message and the cell, however narrow the column
            return self.row_at(row_number).detail
        return super().cell(row_number, column, role)

    def srts(self, r: ProblemRow) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True)
class ChangeRow:
    id: int
    sheet: str
    record: str
    column: str
    old: str
    new: str


def change_rows(changes: list[RecordChange]) -> list[ChangeRow]:
    rows: list[ChangeRow] = []
    for change in changes:
        for f in change.changes:
            rows.append(ChangeRow(len(rows), change.sheet, change.record, f.column, f.old, f.new))
    return rows


class ChangeModel(RowTableModel):
    CACHE_DISPLAY = True
    ENTITY = "import_change"
    COLUMNS = (
        Column("Blatt", lambda r: r.sheet, lambda r: r.sheet, width=150),
        Column("Datensatz", lambda r: r.record, lambda r: r.record, width=420),
        Column("Spalte", lambda r: r.column, lambda r: r.column, width=120),
        Column("Bisher", lambda r: r.old, lambda r: r.old, width=160),
        Column("Neu", lambda r: r.new, lambda r: r.new, width=140),
    )

    def search_text(self, r: ChangeRow) -> str:
        return f"{r.record} {r.column}"

    def cell(self, row_number: int, column: int, role):
        if role == Qt.ItemDataRole.ToolTipRole:
            r = self.row_at(row_number)
            return f"{r.record}: {r.column} {r.old} → {r.new}"
        return super().cell(row_number, column, role)

    def srts(self, r: ChangeRow) -> tuple[str, ...]:
        return ()


def tool_table(ctx: AppContext, model: RowTableModel, title: str, status) -> QTableView:
    """A sortable table with Strg+C, context menu and Excel export (table_tools)."""
    view = table(model, multi=True)

    def export(path, header, rows):
        from kitadesk.ops.list_export import export_list

        return export_list(ctx.store, ctx.user, path, title, header, rows)

    view.tools = TableTools(view, title, export, status=status)  # type: ignore[attr-defined]
    return view
