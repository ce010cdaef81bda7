"""Auswertungen → "Mögliche Duplikate" (issue 19): the current pairs of children and carers that
may be one person entered twice (rule: domain/duplicates.py), with the table tools (Strg+C,
context menu, Excel export); double-click opens the record; "Zusammenführen …" (Leitung only,
ops/merge.py) merges two records of one child."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout

from kitadesk.domain.duplicates import Person
from kitadesk.formats import day
from kitadesk.ops.duplicates import DuplicateRow, duplicate_rows
from kitadesk.ui.context import AppContext
from kitadesk.ui.models.base import Column, RowTableModel
from kitadesk.ui.views.statistics_page import _Tab
from kitadesk.ui.widgets.table_tools import TableTools

MERGE_RIGHT = "zusammenfuehren"
ONLY_LEITUNG = "Zusammenführen darf nur die Leitung (Recht „Doppelte Datensätze zusammenführen“)."


def _person_columns(which: str, get) -> list[Column]:
    def text(attr):
        return lambda r: getattr(get(r), attr)

    return [Column(f"Nr {which}", text("nr"), text("nr"), width=72),
            Column(f"Name {which}", lambda r: f"{get(r).nachname}, {get(r).vorname}",
                   lambda r: f"{get(r).nachname}, {get(r).vorname}", width=160),
            Column(f"geb. {which}", lambda r: day(get(r).geburtsdatum), lambda r: get(r).geburtsdatum, width=84),
            Column(f"SRT {which}", text("srt"), text("srt"), width=72)]


class DuplicateModel(RowTableModel):
    COLUMNS = (
        Column("Art", lambda r: r.art, lambda r: r.art, width=112),
        *_person_columns("1", lambda r: r.first),
        *_person_columns("2", lambda r: r.second),
        Column("Grund", lambda r: r.grund, lambda r: r.grund, width=260),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.row_at(index.row()).grund  # the reason in full, also where the column is narrow
        return super().data(index, role)

    def search_text(self, row: DuplicateRow) -> str:
        return f"{row.first.nr} {row.first.nachname} {row.second.nr} {row.second.nachname}"


class DuplicatesTab(_Tab):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.model = DuplicateModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # children first
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(DuplicateModel.COLUMNS):
            self.view.setColumnWidth(i, col.width)
        self.view.doubleClicked.connect(lambda index: self.open_pair(index.row(), index.column()))
        self.tools = TableTools(self.view, "Mögliche Duplikate", export=self._export,
                                open_row=lambda row: self.open_pair(row, 0))
        self.merge_button = QPushButton("Zusammenführen …")
        self.merge_button.setAutoDefault(False)
        self.merge_button.clicked.connect(self.ask_merge)
        self.export_button = QPushButton("Exportieren (Excel) …")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.tools.ask_export)
        self.may_merge = ctx.actor.has(MERGE_RIGHT)
        self.merge_button.setEnabled(self.may_merge)
        self.merge_button.setToolTip("Zwei Datensätze desselben Kindes zu einem zusammenführen (Leitung)"
                                     if self.may_merge else ONLY_LEITUNG)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        ctx.bus.changed.connect(self._on_changed)

    def _on_changed(self, _entities) -> None:
        self.stale = True
        if self.isVisible():
            self.ensure_loaded()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.ensure_loaded()

    def op(self):  # in a worker process (0.4 s CPU at 10×, issue 17.2)
        return duplicate_rows

    def show_result(self, result: list[DuplicateRow]) -> None:
        self.model.set_rows(result)
        kids = sum(1 for r in result if r.entity == "child")
        self.status.setText(f"{len(result)} mögliche Duplikate ({kids} Kinder, {len(result) - kids} "
                            f"Tagespflegepersonen). Doppelklick öffnet den Datensatz (Spalten „… 2“: den zweiten).")
        self._update_buttons()

    def selected(self) -> DuplicateRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.merge_button.setEnabled(self.may_merge and row is not None and row.entity == "child")

    def open_in_table(self, index) -> None:  # Enter on a row (StatsTab._enter)
        self.open_pair(index.row(), index.column())

    def open_pair(self, row: int, column: int) -> None:
        pair = self.model.row_at(row)
        second = 5 <= column <= 8
        record_id = pair.second_id if second else pair.first_id
        if pair.entity == "child":
            from kitadesk.ui.forms.child_form import ChildForm

            form = ChildForm(self.ctx, record_id, self)
        else:
            from kitadesk.ui.forms.carer_form import CarerForm

            form = CarerForm(self.ctx, record_id, self)  # type: ignore[assignment]
        form.show()

    def ask_merge(self) -> None:
        pair = self.selected()
        if pair is None or pair.entity != "child":
            return
        from kitadesk.ui.widgets.merge_dialog import MergeDialog

        first: tuple[int, Person] = (pair.first_id, pair.first)
        dialog = MergeDialog(self.ctx, first, (pair.second_id, pair.second), self)
        if dialog.exec() and dialog.done_plan is not None:
            self.status.setText(f"Zusammengeführt: {dialog.done_plan.drop} → {dialog.done_plan.keep}")

    def _export(self, path, header, rows):
        from kitadesk.ops.list_export import export_list

        return export_list(self.ctx.store, self.ctx.user, path, "Mögliche Duplikate", header, rows)
