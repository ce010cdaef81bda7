"""Table model over plain row objects (ops/queries rows): columns as constants, a sort role
with real values (dates, Decimal, int), the record id and the row object as roles.

Sorting happens here, in Python on precomputed keys (fast for 10× data); the filter proxy
(proxy.py) delegates `sort` to this model. Each row also gets a lower-case search text
(name, number, address …) built once when rows are set.

Rows loaded in a worker thread (ui/views/list_page.py) are prepared there too: `prepare(rows,
sort)` builds the search texts and sorts (pure Python, no Qt), `install(prepared)` in the GUI
thread only swaps the lists in (10,000 children: the GUI thread's part went from ~200 ms to a
reset of the model). `set_rows` does both at once.

A model with `ROW` (a NamedTuple) keeps its rows as plain tuples in that field order — the list
screens' rows (ops/queries/lists.py), which the cyclic garbage collector does not track — and
reads them by position; `row_at` hands out the NamedTuple for attribute access.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from kitadesk.domain.names import search_fold, sort_key

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # real value: date, Decimal, int, str
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the record id (int)
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the row object itself

_DISPLAY = Qt.ItemDataRole.DisplayRole
# roles `data` answers; a view asks 7 roles per painted cell, most of them answered with None
ROLES = frozenset({_DISPLAY, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2,
                    Qt.ItemDataRole.UserRole + 3})
WARN = QBrush(QColor("#9a5b00"))
BAD = QBrush(QColor("#b00020"))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def fold(text: str) -> str:
    """The searchable form of a row's text (domain/names.py: umlauts both ways, ß = ss,
    Turkish and Polish letters to their base letters)."""
    return search_fold(text)


@dataclass(frozen=True)
class Column:
    header: str
    display: Callable[[Any], str]
    value: Callable[[Any], Any]  # the real value for SORT_ROLE
    numeric: bool = False  # right-aligned
    width: int = 0  # preferred width in pixels (0 = to contents)


def positions(row_type: Any) -> Any:
    """The field positions of a NamedTuple row type (`F.nachname` → 3), to read plain tuple rows."""
    return SimpleNamespace(**{name: i for i, name in enumerate(row_type._fields)})


def _getter(row_type: Any, name: str) -> Callable[[Any], Any]:
    return attrgetter(name) if row_type is None else itemgetter(row_type._fields.index(name))


def _sort_key(value):
    """Flat tuples: a nested one can stay tracked by the cyclic collector into its oldest
    generation (the outer tuple is looked at before the inner one is untracked)."""
    if value is None:
        return (1, 0)
    if isinstance(value, str):
        return (0, *sort_key(value))
    return (0, value)


@dataclass
class Prepared:
    """Rows with their search texts, in the order of `sort` (built by `prepare`, any thread)."""

    rows: list
    search: list[str]
    sort: tuple[int, Qt.SortOrder] | None = None
    keys: dict[int, dict] = field(default_factory=dict)  # column → {id(row): sort key}


class RowTableModel(QAbstractTableModel):
    """Subclasses set COLUMNS, FILTERS ((label, flag), …) and implement search_text/srts/tone."""

    COLUMNS: tuple[Column, ...] = ()
    FILTERS: tuple[tuple[str, str | None], ...] = (("Alle", None),)
    DEFAULT_SORT = 0  # column the list opens sorted by
    ENTITY = ""
    # keep each cell's display text once formatted (money, dates: babel is slow, every repaint asks
    # again); only for immutable rows (frozen dataclasses), the cache is dropped with the rows
    CACHE_DISPLAY = False
    ROW: Any = None  # a NamedTuple: rows are kept as plain tuples in its field order (module doc)

    def __init__(self, rows: Sequence = (), parent=None):
        super().__init__(parent)
        self._rows: list = []
        self._search: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._display: dict[tuple[int, int], str] = {}  # (id(row), column) → text (CACHE_DISPLAY)
        self._keys: dict[int, dict] = {}  # column → {id(row): sort key} (computed on first sort)
        self.layout_version = 0  # bumped on every reorder/reset (the proxy caches per version)
        self.id_of = _getter(self.ROW, "id")  # a row's record id, flags and status (attribute or position)
        self.flags_of = _getter(self.ROW, "flags")
        self.status_of = _getter(self.ROW, "status")
        self.set_rows(rows)

    # -- what subclasses define
    def search_text(self, row) -> str:
        raise NotImplementedError

    def srts(self, row) -> tuple[str, ...]:
        return (row.srt,)

    def tone(self, row) -> str | None:
        """'warn' or 'bad' colours the row's status column."""
        return None

    # -- rows
    def set_rows(self, rows: Sequence) -> None:
        self.install(self.prepare(rows, self._sort))

    @property
    def sort_order(self) -> tuple[int, Qt.SortOrder] | None:
        """(column, order) the rows are kept in (read in the GUI thread, handed to `prepare`)."""
        return self._sort

    def prepare(self, rows: Sequence, sort: tuple[int, Qt.SortOrder] | None = None,
                all_keys: bool = False) -> Prepared:
        """Search texts and order of new rows. Pure Python, no Qt: may run in a worker thread.
        `all_keys`: also the sort keys of every column (10,000 children: ~70 ms in the worker;
        the first click on a column header then does not fold 10,000 texts in the GUI thread)."""
        prepared = Prepared(list(rows) if self.ROW is None else list(map(tuple, rows)), [], sort)
        prepared.search = [fold(self.search_text(r)) for r in prepared.rows]
        if all_keys:
            prepared.keys = {column: self._column_keys(prepared.rows, column) for column in range(len(self.COLUMNS))}
        if sort is not None:
            column, order = sort
            by_row = prepared.keys.get(column) or self._column_keys(prepared.rows, column)
            prepared.keys[column] = by_row
            permutation = _order(list(map(by_row.__getitem__, map(id, prepared.rows))), order)
            prepared.rows = list(map(prepared.rows.__getitem__, permutation))
            prepared.search = list(map(prepared.search.__getitem__, permutation))
        return prepared

    def install(self, prepared: Prepared) -> None:
        """Show prepared rows (GUI thread); the replaced ones are freed by reference counting
        (10,000 tuple rows with their texts and keys: a few ms)."""
        self.beginResetModel()
        self._rows, self._search, self._keys, self._display = prepared.rows, prepared.search, prepared.keys, {}
        if self._sort is not None and prepared.sort != self._sort:  # sorted differently meanwhile
            self._sort_rows(*self._sort)
        self.layout_version += 1
        self.endResetModel()

    def rows(self) -> list:
        return self._rows

    def row_at(self, row: int):
        """The row object (a model with ROW: its NamedTuple, made for the caller)."""
        return self._rows[row] if self.ROW is None else self.ROW._make(self._rows[row])

    def search_at(self, row: int) -> str:
        return self._search[row]

    def search_texts(self) -> list[str]:
        return self._search

    def row_of_id(self, record_id: int) -> int:
        for i, r in enumerate(map(self.id_of, self._rows)):
            if r == record_id:
                return i
        return -1

    # -- Qt model API
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in ROLES or not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row_number: int, column: int, role):
        """One cell's value for `role` (`data` and the filter proxy ask here; override this)."""
        row = self._rows[row_number]
        col = self.COLUMNS[column]
        if role == _DISPLAY:
            if not self.CACHE_DISPLAY:
                return col.display(row)
            key = (id(row), column)
            text = self._display.get(key)
            if text is None:
                text = self._display[key] = col.display(row)
            return text
        if role == SORT_ROLE:
            return col.value(row)
        if role == ID_ROLE:
            return self.id_of(row)
        if role == ROW_ROLE:
            return self.row_at(row_number)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col.header == "Status":
            tone = self.tone(row)
            return BAD if tone == "bad" else WARN if tone == "warn" else None
        if role == Qt.ItemDataRole.ToolTipRole and col.header == "Status":
            return self.status_of(row)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section].header
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS) or self._sort == (column, order):
            return  # the rows are kept in `_sort` order (QTableView.sortByColumn asks twice)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()  # selection, current cell: a few
        self._sort = (column, order)
        permutation = self._sort_rows(column, order)
        if persistent:
            new_row = dict(zip(permutation, range(len(permutation))))  # old row → new row
            self.changePersistentIndexList(persistent, [self.index(new_row[p.row()], p.column()) for p in persistent])
        self.layout_version += 1
        self.layoutChanged.emit()

    def _column_keys(self, rows: list, column: int) -> dict:
        """{id(row): sort key} — by row, so it stays valid when the rows are reordered."""
        value = self.COLUMNS[column].value
        return {id(r): _sort_key(value(r)) for r in rows}

    def _sort_rows(self, column: int, order) -> list[int]:
        """Reorder the rows (10,000: ~15 ms; the loops run in C via map); → new position → old."""
        by_row = self._keys.get(column)
        if by_row is None:
            by_row = self._keys[column] = self._column_keys(self._rows, column)
        permutation = _order(list(map(by_row.__getitem__, map(id, self._rows))), order)
        self._rows = list(map(self._rows.__getitem__, permutation))
        self._search = list(map(self._search.__getitem__, permutation))
        return permutation


def _order(keys: list, order) -> list[int]:
    """Stable sort permutation of `keys` (the key lookup in C: no Python call per row)."""
    return sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)


def persistent(index) -> QPersistentModelIndex:
    return QPersistentModelIndex(index)
