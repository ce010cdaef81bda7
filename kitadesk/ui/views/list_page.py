"""A list screen: search-as-you-type, SRT and status filter, a sortable table, "Neu …".

Rows come from one read-only query (ops/queries) when the page is first shown and again
when the app-wide signal says its entity changed. Enter or double-click opens the record.
"""

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout,
    QWidget,
)

from kitadesk.models import SRTS
from kitadesk.ui.context import AppContext
from kitadesk.ui.models import RecordFilterProxy, RowTableModel

ALL_SRT = "Alle SRT"


class ListPage(QWidget):
    TITLE = ""
    NEW_LABEL = "Neu …"
    SEARCH_HINT = "Suchen: Name, Nr., Anschrift …  (Strg+F)"
    WATCH: frozenset[str] = frozenset()  # entities whose change reloads this page

    def __init__(self, ctx: AppContext, model: RowTableModel, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.loaded = False
        self._stale = False
        self.current_form = None

        title = QLabel(self.TITLE)
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.SEARCH_HINT)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.textChanged.connect(self._update_count)
        self.srt = QComboBox()
        self.srt.addItem(ALL_SRT, None)
        for srt in SRTS:
            self.srt.addItem(f"SRT {srt}", srt)
        self.srt.setToolTip("Nach SRT filtern")
        self.srt.currentIndexChanged.connect(self._srt_changed)
        self.status = QComboBox()
        for label, flag in model.FILTERS:
            self.status.addItem(label, flag)
        self.status.setToolTip("Nach Status filtern")
        self.status.currentIndexChanged.connect(self._status_changed)
        self.count = QLabel()
        self.count.setMinimumWidth(130)
        self.new_button = QPushButton(self.NEW_LABEL)
        self.new_button.setToolTip("Neuer Datensatz (Strg+N)")
        self.new_button.clicked.connect(self.new_record)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.srt)
        bar.addWidget(self.status)
        bar.addWidget(self.count)
        bar.addStretch(1)
        bar.addWidget(self.new_button)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(model.DEFAULT_SORT, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vh = self.table.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        hh.setHighlightSections(False)
        for i, col in enumerate(model.COLUMNS):
            if col.width:
                self.table.setColumnWidth(i, col.width)
        self.table.activated.connect(self._activated)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search, self.srt)
        self.setTabOrder(self.srt, self.status)
        self.setTabOrder(self.status, self.table)
        self.setTabOrder(self.table, self.new_button)
        ctx.bus.changed.connect(self._on_changed)

    # -- data
    def query(self, session) -> list:
        raise NotImplementedError

    def reload(self) -> None:
        selected = self.selected_id()
        with self.ctx.session() as s:
            rows = self.query(s)
        self.model.set_rows(rows)
        self.loaded, self._stale = True, False
        self._update_count()
        if selected is not None:
            self.select_id(selected)

    def activate(self) -> None:
        """Called when the page becomes visible: load on first use or after a change."""
        if not self.loaded or self._stale:
            self.reload()

    def _on_changed(self, entities) -> None:
        if not self.loaded or not (entities & self.WATCH):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    # -- filters
    def _srt_changed(self) -> None:
        self.proxy.set_srt(self.srt.currentData())
        self._update_count()

    def _status_changed(self) -> None:
        self.proxy.set_flag(self.status.currentData())
        self._update_count()

    def set_srt_filter(self, srt: str | None) -> None:
        self.srt.setCurrentIndex(max(self.srt.findData(srt), 0))

    def set_status_filter(self, flag: str | None) -> None:
        self.status.setCurrentIndex(max(self.status.findData(flag), 0))

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = f"{shown:,} von {total:,}" if shown != total else f"{total:,} Einträge"
        self.count.setText(text.replace(",", "."))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- selection and opening
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.proxy.record_id(rows[0].row()) if rows else None

    def select_id(self, record_id: int) -> bool:
        src_row = self.model.row_of_id(record_id)
        if src_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(src_row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _activated(self, index) -> None:
        record_id = self.proxy.record_id(index.row())
        if record_id is not None:
            self.open_record(record_id)

    def show_form(self, form) -> None:
        """Open a form window-modal without blocking (tests drive it as `current_form`)."""
        self.current_form = form
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(lambda change: self.select_after_save(change))
        form.open()

    def select_after_save(self, change) -> None:
        if change.entity == self.model.ENTITY:
            self.reload()
            self.select_id(change.id)

    def open_record(self, record_id: int) -> None:
        raise NotImplementedError

    def new_record(self) -> None:
        raise NotImplementedError
