"""Search-as-you-type and filters (SRT, status flag) over a RowTableModel.

The rows shown are computed once per filter change in one Python pass over the precomputed
search texts (10,000 rows in a few milliseconds). Sorting is delegated to the source model
(real values, fast); the proxy keeps the source's order.

Not a QSortFilterProxyModel (issue 5): that one asks Python `filterAcceptsRow` for every source
row on each filter change and each sort, and for each role of every painted cell it creates a
source index (two more calls into Python, rowCount and columnCount) — ~23 calls per cell. Here
a cell costs the view's calls of `data` (answered from the source in Python) and `index`.
"""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from kitadesk.ui.models.base import ROLES, RowTableModel, fold


class RecordFilterProxy(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._source: RowTableModel | None = None
        self._words: list[str] = []
        self._srt: str | None = None
        self._flag: str | None = None
        self._shown: list[int] | None = None  # source rows shown, in order (None: all of them)
        self._kept: list[tuple[object, int]] = []  # (row, column) of the persistent indexes …
        self._kept_indexes: list = []  # … kept across a source layout change (sorting)

    # -- source
    def setSourceModel(self, model: RowTableModel) -> None:
        self.beginResetModel()
        if self._source is not None:
            for signal, slot in self._connections():
                signal.disconnect(slot)
        self._source = model
        for signal, slot in self._connections():
            signal.connect(slot)
        self._shown = self._compute()
        self.endResetModel()

    def sourceModel(self) -> RowTableModel | None:
        return self._source

    def _connections(self):
        s = self._source
        return ((s.modelAboutToBeReset, self._source_about_to_reset), (s.modelReset, self._source_reset),
                (s.layoutAboutToBeChanged, self._source_layout_about_to_change),
                (s.layoutChanged, self._source_layout_changed), (s.dataChanged, self._source_data_changed),
                (s.headerDataChanged, self.headerDataChanged))

    def _source_about_to_reset(self) -> None:
        self.beginResetModel()

    def _source_reset(self) -> None:
        self._shown = self._compute()
        self.endResetModel()

    def _source_layout_about_to_change(self, *_args) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()  # selection, current cell: a few
        self._kept = [(self.row_object(p.row()), p.column()) for p in persistent]
        self._kept_indexes = persistent

    def _source_layout_changed(self, *_args) -> None:
        self._shown = self._compute()
        if self._kept_indexes:
            rows = self._source.rows()
            source_row = dict(zip(map(id, rows), range(len(rows))))  # the loops run in C
            shown = None if self._shown is None else dict(zip(self._shown, range(len(self._shown))))
            new = []
            for row, column in self._kept:
                r = source_row.get(id(row))
                r = r if shown is None or r is None else shown.get(r)
                new.append(QModelIndex() if r is None else self.index(r, column))
            self.changePersistentIndexList(self._kept_indexes, new)
        self._kept, self._kept_indexes = [], []
        self.layoutChanged.emit()

    def _source_data_changed(self, *_args) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # -- filters
    def set_search(self, text: str) -> None:
        words = fold(text).split()
        if words != self._words:
            self._words = words
            self._refilter()

    def set_srt(self, srt: str | None) -> None:
        if srt != self._srt:
            self._srt = srt
            self._refilter()

    def set_flag(self, flag: str | None) -> None:
        if flag != self._flag:
            self._flag = flag
            self._refilter()

    @property
    def is_filtered(self) -> bool:
        return bool(self._words or self._srt or self._flag)

    def _refilter(self) -> None:
        # A reset is much cheaper for the view than the many row-range removals an
        # incremental update produces when a search hits scattered rows.
        self.beginResetModel()
        self._shown = self._compute()
        self.endResetModel()

    def _compute(self) -> list[int] | None:
        source = self._source
        if source is None or not self.is_filtered:
            return None
        rows = source.rows()
        keep = range(len(rows))
        if self._flag is not None:
            flag = self._flag
            keep = [i for i in keep if flag in rows[i].flags]
        if self._srt is not None:
            srt, srts = self._srt, source.srts
            keep = [i for i in keep if srt in srts(rows[i])]
        texts = source.search_texts()
        for word in self._words:
            keep = [i for i in keep if word in texts[i]]
        return list(keep)

    # -- Qt model API
    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() or self._source is None:
            return 0
        return len(self._shown) if self._shown is not None else len(self._source.rows())

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self._source is None else len(self._source.COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in ROLES or not index.isValid():
            return None
        row = index.row()
        return self._source.cell(self._shown[row] if self._shown is not None else row, index.column(), role)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return self._source.headerData(section, orientation, role) if self._source is not None else None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """By the source model on real values (the proxy follows its layout change)."""
        if self._source is not None:
            self._source.sort(column, order)

    # -- mapping and helpers
    def source_row(self, proxy_row: int) -> int:
        return self._shown[proxy_row] if self._shown is not None else proxy_row

    def mapToSource(self, index) -> QModelIndex:
        if not index.isValid() or self._source is None:
            return QModelIndex()
        return self._source.index(self.source_row(index.row()), index.column())

    def mapFromSource(self, source_index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = source_index.row()
        if self._shown is not None:
            try:
                row = self._shown.index(row)
            except ValueError:
                return QModelIndex()  # filtered out
        return self.index(row, source_index.column())

    def record_id(self, proxy_row: int) -> int | None:
        row = self.row_object(proxy_row)
        return row.id if row is not None else None

    def row_object(self, proxy_row: int):
        if self._source is None or not 0 <= proxy_row < self.rowCount():
            return None
        return self._source.row_at(self.source_row(proxy_row))
