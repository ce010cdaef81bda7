"""Table model over plain row objects (ops/queries rows): columns as constants, a sort role
with real values (dates, Decimal, int), the record id and the row object as roles.

Sorting happens here, in Python on precomputed keys (fast for 10× data); the filter proxy
(proxy.py) delegates `sort` to this model. Each row also gets a lower-case search text
(name, number, address …) built once when rows are set.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # real value: date, Decimal, int, str
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the record id (int)
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the row object itself

_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e"})
WARN = QBrush(QColor("#9a5b00"))
BAD = QBrush(QColor("#b00020"))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def fold(text: str) -> str:
    """Case- and umlaut-insensitive form for search and sorting (DIN 5007-1: ä = a)."""
    return text.casefold().translate(_FOLD)


@dataclass(frozen=True)
class Column:
    header: str
    display: Callable[[Any], str]
    value: Callable[[Any], Any]  # the real value for SORT_ROLE
    numeric: bool = False  # right-aligned
    width: int = 0  # preferred width in pixels (0 = to contents)


def _sort_key(value):
    if value is None:
        return (1, 0)
    if isinstance(value, str):
        return (0, fold(value))
    return (0, value)


class RowTableModel(QAbstractTableModel):
    """Subclasses set COLUMNS, FILTERS ((label, flag), …) and implement search_text/srts/tone."""

    COLUMNS: tuple[Column, ...] = ()
    FILTERS: tuple[tuple[str, str | None], ...] = (("Alle", None),)
    DEFAULT_SORT = 0  # column the list opens sorted by
    ENTITY = ""

    def __init__(self, rows: Sequence = (), parent=None):
        super().__init__(parent)
        self._rows: list = []
        self._search: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.layout_version = 0  # bumped on every reorder/reset (the proxy caches per version)
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
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [fold(self.search_text(r)) for r in self._rows]
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.layout_version += 1
        self.endResetModel()

    def rows(self) -> list:
        return self._rows

    def row_at(self, row: int):
        return self._rows[row]

    def search_at(self, row: int) -> str:
        return self._search[row]

    def search_texts(self) -> list[str]:
        return self._search

    def row_of_id(self, record_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == record_id:
                return i
        return -1

    # -- Qt model API
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.display(row)
        if role == SORT_ROLE:
            return col.value(row)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col.header == "Status":
            tone = self.tone(row)
            return BAD if tone == "bad" else WARN if tone == "warn" else None
        if role == Qt.ItemDataRole.ToolTipRole and col.header == "Status":
            return row.status
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section].header
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(p.row(), p.column(), self._rows[p.row()]) for p in persistent]
        self._sort = (column, order)
        self._sort_rows(column, order)
        if persistent:
            position = {id(r): i for i, r in enumerate(self._rows)}
            self.changePersistentIndexList(
                persistent, [self.index(position[id(r)], c) for _, c, r in before])
        self.layout_version += 1
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order) -> None:
        value, rows = self.COLUMNS[column].value, self._rows
        order_ = sorted(range(len(rows)), key=lambda i: _sort_key(value(rows[i])),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [rows[i] for i in order_]
        self._search = [self._search[i] for i in order_]


def persistent(index) -> QPersistentModelIndex:
    return QPersistentModelIndex(index)
