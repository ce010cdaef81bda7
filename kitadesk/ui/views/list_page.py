"""A list screen: search-as-you-type, SRT and status filter, a sortable table, "Neu …".

Rows come from one read-only query (ops/queries) when the page is first shown and again
when the app-wide signal says its entity changed. Enter or double-click opens the record.

Loading runs in the background (issue 5: 10,000 children took ~1 s in the GUI thread): the
query, with its own session, and the model's preparation (search texts, sorting) run in a
worker (ui/tasks.py); the count label says "Wird geladen …"; the GUI thread only installs the
prepared rows and keeps the selection. A load overtaken by a newer one is ignored. `reload()`
still loads blocking (tests, benchmarks); `filled` tells when rows are shown.

The rows are plain tuples the cyclic garbage collector does not track (ops/queries/lists.py):
a load leaves nothing that brings on a full collection, a replaced list is freed by reference
counting when the new one is installed.
"""

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.choices import SRTS
from kitadesk.ui.context import AppContext
from kitadesk.ui.models import RecordFilterProxy, RowTableModel
from kitadesk.ui.models.base import Prepared
from kitadesk.ui.op import error_text
from kitadesk.ui.tasks import TaskHandle, run_task
from kitadesk.ui.widgets.table_tools import TableTools

ALL_SRT = "Alle SRT"


class ListPage(QWidget):
    filled = Signal()  # rows shown (after a load)
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
        self.loading: TaskHandle | None = None  # the running background load
        self._select_after: int | None = None  # record to select when the next rows arrive
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
        self.tools = TableTools(self.table, self.TITLE, export=self._export, open_row=self._open_row,
                                status=self._tell)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search, self.srt)
        self.setTabOrder(self.srt, self.status)
        self.setTabOrder(self.status, self.table)
        self.setTabOrder(self.table, self.new_button)
        ctx.bus.changed.connect(self._on_changed)
        if ctx.srt:
            self.set_srt_filter(ctx.srt)  # a desk opens its lists on its own SRT

    # -- data
    def query(self) -> list:
        """The rows, through a read operation (ops/reads.py: own session, read right)."""
        raise NotImplementedError

    @property
    def is_loading(self) -> bool:
        return self.loading is not None and self.loading.is_running

    def reload(self) -> None:
        """Load and show now, blocking (tests, benchmarks); a background load still running is dropped."""
        if self.is_loading:
            self.loading.cancel()
        self.loading, self._stale = None, False
        self._show_rows(self.model.prepare(self.query(), self.model.sort_order))

    def reload_in_background(self, select_id: int | None = None) -> TaskHandle:
        """Load off the GUI thread (see module doc); `select_id`: select that record afterwards."""
        if self.is_loading:
            self.loading.cancel()  # its rows would be older than ours
        if select_id is not None:
            self._select_after = select_id
        self._stale = False
        self.count.setText("Wird geladen …")
        handle = self.loading = run_task(self._load, self.model.sort_order)
        handle.finished.connect(self._loaded)  # methods of the page: Qt drops them with the page
        handle.failed.connect(self._load_failed)
        return handle

    def _load(self, control, sort) -> Prepared:  # worker thread: no widgets here
        rows = self.query()
        control.check()
        return self.model.prepare(rows, sort, all_keys=True)  # sorting later: no keys to compute

    def _loaded(self, prepared: Prepared) -> None:
        if self.loading is None or self.loading.result is not prepared:
            return  # an older load, overtaken by a newer one (or by a blocking reload)
        self.loading.result = None  # a task handle is a reference cycle: freed late, it must not hold the rows
        self._show_rows(prepared)

    def _load_failed(self, exc: BaseException) -> None:
        if self.loading is not None and self.loading.error is exc:
            self.count.setText(f"Fehler beim Laden: {error_text(exc).splitlines()[0]}")

    def _show_rows(self, prepared: Prepared) -> None:
        selected = self._select_after if self._select_after is not None else self.selected_id()
        self._select_after = None
        self.model.install(prepared)
        self.loaded = True  # `_stale` stays: a change after this load's query started set it again
        self._update_count()
        if selected is not None:
            self.select_id(selected)
        self.filled.emit()

    def activate(self) -> None:
        """Called when the page becomes visible: load on first use or after a change."""
        if self._stale or not (self.loaded or self.is_loading):
            self.reload_in_background()

    def _on_changed(self, entities) -> None:
        if not (entities & self.WATCH) or not (self.loaded or self.is_loading):
            return
        if self.isVisible():
            self.reload_in_background()
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
        if self.is_loading:
            return  # "Wird geladen …" stays until the rows are there
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

    def _export(self, path, header, rows):
        from kitadesk.ops.list_export import export_list

        return export_list(self.ctx.store, self.ctx.user, path, self.TITLE, header, rows)

    def _tell(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    def _open_row(self, proxy_row: int) -> None:
        record_id = self.proxy.record_id(proxy_row)
        if record_id is not None:
            self.open_record(record_id)

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
        what = {"carer": "Tagespflegeperson", "child": "Kind", "placement": "Betreuung"}.get(change.entity, "Datensatz")
        action = {"neu": "angelegt", "beendet": "beendet"}.get(change.action, "gespeichert")
        self._tell(f"Gespeichert: {what} {action}.")
        if change.entity == self.model.ENTITY:
            self.reload_in_background(select_id=change.id)

    def open_record(self, record_id: int) -> None:
        raise NotImplementedError

    def new_record(self) -> None:
        raise NotImplementedError
