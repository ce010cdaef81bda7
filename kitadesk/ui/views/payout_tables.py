"""The "Auszahlung" screen's two tables (carers, a carer's lines) as lean text models (issue 17.2).

Each row's display texts, search text and sort keys are built once, off the GUI thread for the
carers (`prepare`, in the controller's reader thread), as plain tuples; the model filters (search,
SRT) and sorts itself. So painting a cell is one Python call answering from a tuple — no filter
proxy in Python between view and model (a repaint of the page's tables went from ~35 ms to a few)
and no formatting (money, dates) in the GUI thread while the result is shown. The UI computes no
money here: amounts come from the ops and are only formatted (kitadesk.formats)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kitadesk.domain.names import search_words, sort_key
from kitadesk.formats import day, hours, money
from kitadesk.ops.payout_view import CarerPayRow, LineRow
from kitadesk.ops.report_parts import natural_key
from kitadesk.ui.models.base import ROW_ROLE, SORT_ROLE, fold
from kitadesk.ui.widgets.why_panel import rate_text

R = TypeVar("R")
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TextColumn:
    header: str
    width: int
    numeric: bool = False  # right-aligned


@dataclass
class TextRows(Generic[R]):
    """Rows with their texts, search texts, SRTs and sort keys (built by `prepare`, any thread)."""

    rows: list[R]
    texts: list[tuple[str, ...]]
    search: list[str]
    srts: list[str]
    keys: list[list[Any]]  # column → sort key per row


class TextTableModel(QAbstractTableModel, Generic[R]):
    """Subclasses set COLUMNS and define texts/keys/search_text (pure Python: any thread)."""

    COLUMNS: tuple[TextColumn, ...] = ()
    TOOLTIP_COLUMNS: frozenset[int] = frozenset()  # cut texts: the tooltip shows them whole

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._data: TextRows[R] = TextRows([], [], [], [], [[] for _ in self.COLUMNS])
        self._order: list[int] = []  # all rows in the sort order
        self._shown: list[int] = []  # the rows the filters accept, in order
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._words: list[str] = []
        self._srt: str | None = None
        self._numeric = frozenset(i for i, c in enumerate(self.COLUMNS) if c.numeric)

    # -- what subclasses define
    def texts(self, row: R) -> tuple[str, ...]:
        raise NotImplementedError

    def keys(self, row: R) -> tuple[Any, ...]:
        raise NotImplementedError

    def search_text(self, row: R) -> str:
        return ""

    def srt(self, row: R) -> str:
        return ""

    # -- rows
    def prepare(self, rows: Sequence[R]) -> TextRows[R]:
        """Texts and keys of new rows. Pure Python, no Qt: may run in a worker thread."""
        rows = list(rows)
        keys = [self.keys(r) for r in rows]
        return TextRows(rows, [self.texts(r) for r in rows], [fold(self.search_text(r)) for r in rows],
                        [self.srt(r) for r in rows], [list(column) for column in zip(*keys)] if keys else
                        [[] for _ in self.COLUMNS])

    def install(self, prepared: TextRows[R]) -> None:
        self.beginResetModel()
        self._data = prepared
        self._order = self._sorted(range(len(prepared.rows)))
        self._shown = self._accepted()
        self.endResetModel()

    def set_rows(self, rows: Sequence[R]) -> None:
        self.install(self.prepare(rows))

    def total(self) -> int:
        return len(self._data.rows)

    def row_object(self, row: int) -> R | None:
        return self._data.rows[self._shown[row]] if 0 <= row < len(self._shown) else None

    def position(self, predicate: Callable[[R], bool]) -> int:
        """The shown row of the first row object `predicate` accepts, else -1."""
        rows = self._data.rows
        return next((i for i, r in enumerate(self._shown) if predicate(rows[r])), -1)

    # -- filters
    def set_search(self, text: str) -> None:
        words = search_words(text)
        if words != self._words:
            self._words = words
            self._refilter()

    def set_srt(self, srt: str | None) -> None:
        if srt != self._srt:
            self._srt = srt
            self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._shown = self._accepted()
        self.endResetModel()

    def _accepted(self) -> list[int]:
        keep = self._order
        if self._srt is not None:
            srt, srts = self._srt, self._data.srts
            keep = [i for i in keep if srts[i] == srt]
        texts = self._data.search
        for word in self._words:
            keep = [i for i in keep if word in texts[i]]
        return list(keep)

    # -- sorting (the view's header: setSortingEnabled)
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS) or self._sort == (column, order):
            return
        self.layoutAboutToBeChanged.emit()
        held = [(index, self._shown[index.row()]) for index in self.persistentIndexList()
                if index.row() < len(self._shown)]
        self._sort = (column, order)
        self._order = self._sorted(range(len(self._data.rows)))
        self._shown = self._accepted()
        at = {r: i for i, r in enumerate(self._shown)}
        self.changePersistentIndexList([i for i, _ in held], [
            self.index(at[r], i.column()) if r in at else QModelIndex() for i, r in held])
        self.layoutChanged.emit()

    def _sorted(self, rows: range) -> list[int]:
        if self._sort is None:
            return list(rows)
        column, order = self._sort
        keys = self._data.keys[column]
        return sorted(rows, key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    # -- Qt model API
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY or (role == _TOOLTIP and index.column() in self.TOOLTIP_COLUMNS):
            return self._data.texts[self._shown[index.row()]][index.column()]
        if role == _ALIGN:
            return _RIGHT if index.column() in self._numeric else None
        if role == SORT_ROLE:
            return self._data.keys[index.column()][self._shown[index.row()]]
        if role == ROW_ROLE:
            return self._data.rows[self._shown[index.row()]]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self.COLUMNS[section].header
        return None


class CarerTextModel(TextTableModel[CarerPayRow]):
    COLUMNS = (TextColumn("Nr.", 60), TextColumn("Name", 160), TextColumn("SRT", 72),
               TextColumn("Betrag", 95, numeric=True))

    def texts(self, r: CarerPayRow) -> tuple[str, ...]:
        return r.nr, r.name, r.srt, money(r.amount)

    def keys(self, r: CarerPayRow) -> tuple[Any, ...]:
        return natural_key(r.nr), sort_key(r.name), r.srt, r.amount

    def search_text(self, r: CarerPayRow) -> str:
        return f"{r.nr} {r.name}"

    def srt(self, r: CarerPayRow) -> str:
        return r.srt


class LineTextModel(TextTableModel[LineRow]):
    COLUMNS = (TextColumn("Kind", 150), TextColumn("Position", 192), TextColumn("Regel", 50),
               TextColumn("Von", 78), TextColumn("Bis", 78), TextColumn("Stunden", 60, numeric=True),
               TextColumn("Satz", 66, numeric=True), TextColumn("Betrag", 88, numeric=True))
    TOOLTIP_COLUMNS = frozenset({0, 1})  # names cut in a narrow window

    def texts(self, r: LineRow) -> tuple[str, ...]:
        ln = r.line
        return (r.child, ln.position, ln.rule, day(ln.von), day(ln.bis), hours(ln.hours), rate_text(ln.rate),
                money(ln.amount))

    def keys(self, r: LineRow) -> tuple[Any, ...]:
        ln = r.line
        return (sort_key(r.child), sort_key(ln.position), ln.rule, ln.von, ln.bis, _number(ln.hours),
                _number(ln.rate), ln.amount)


def _number(value: Any) -> tuple:
    return (1, 0) if value is None else (0, value)
