"""Widgets of the report screens (Auswertungen, QiK): `BarChart`, a grouped bar chart drawn
with QPainter (PySide6-Essentials has no QtCharts: title, legend, round axis steps, value
labels, wrapped category labels), `RowsModel`/`table_view` for read-only tables of plain
values with German formats and real sort values, and small date/file helpers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QRectF, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTableView,
    QWidget,
)

from kitadesk.formats import day, hours, number
from kitadesk.ops.report_parts import nice_scale, value_label
from kitadesk.ui.widgets.table_tools import TableTools

PALETTE = ("#1f4e79", "#e07b39", "#5b9a68", "#9b59b6", "#c0392b", "#7f8c8d")  # as reports/charts.py
INK, MUTED, GRID = QColor("#1d2733"), QColor("#5b6675"), QColor("#d5dbe3")


def value_text(value: float, money: bool, axis: bool = False) -> str:
    return value_label(value, money, axis)  # one label rule for screen and PDF charts


class BarChart(QWidget):
    """`set_data(categories, [(series name, values)], money=False)`; one colour per series."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[tuple[str, list[float]]] = []
        self.money = False
        self.hatched: set[int] = set()  # categories drawn hatched (e.g. projected months)
        self.note = "Keine Daten"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(300, 200)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return QSize(460, 260)

    def set_data(self, categories: Sequence[str], series: Sequence[tuple[str, Sequence]], money: bool = False,
                 title: str | None = None) -> None:
        self.categories = [str(c) for c in categories]
        self.series = [(name, [float(v or 0) for v in values]) for name, values in series]
        self.money = money
        if title is not None:
            self.title = title
        self.update()

    def has_data(self) -> bool:
        return any(any(values) for _, values in self.series)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt naming)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        base = QFont(self.font())
        bold = QFont(base)
        bold.setBold(True)
        bold.setPointSizeF(base.pointSizeF() * 1.1)
        small = QFont(base)
        small.setPointSizeF(max(6.5, base.pointSizeF() * 0.85))
        fm, fs = QFontMetricsF(bold), QFontMetricsF(small)
        w, h = self.width(), self.height()
        top = 6.0
        if self.title:
            p.setFont(bold)
            p.setPen(INK)
            p.drawText(QRectF(8, top, w - 16, fm.height()), Qt.AlignmentFlag.AlignLeft, self.title)
            top += fm.height() + 4
        if len(self.series) > 1:
            top = self._legend(p, small, fs, top, w)
        if not self.categories or not self.has_data():
            p.setFont(base)
            p.setPen(MUTED)
            p.drawText(QRectF(0, top, w, h - top), Qt.AlignmentFlag.AlignCenter, self.note)
            p.end()
            return
        p.setFont(small)
        values = [v for _, vs in self.series for v in vs]
        vmin, vmax, step = nice_scale(max(values) * 1.08, min(values) * 1.08, not self.money)
        ticks = [vmin + i * step for i in range(int(round((vmax - vmin) / step)) + 1)]
        axis_w = max(fs.horizontalAdvance(value_text(x, self.money, True)) for x in ticks) + 12
        left, right = 8 + axis_w, w - 10
        label_h = 2 * fs.height() + 6
        bottom = h - label_h - 4
        plot_h = bottom - top - fs.height()
        if plot_h < 30 or right - left < 40:
            p.end()
            return
        y_of = lambda v: bottom - (v - vmin) / (vmax - vmin) * plot_h  # noqa: E731
        for v in ticks:  # grid and axis labels
            y = y_of(v)
            p.setPen(QPen(GRID, 1))
            p.drawLine(int(left), int(y), int(right), int(y))
            p.setPen(MUTED)
            p.drawText(QRectF(4, y - fs.height() / 2, axis_w - 4, fs.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, value_text(v, self.money, True))
        groups = len(self.categories)
        group_w = (right - left) / groups
        n = len(self.series)
        bar_w = max(2.0, min(46.0, group_w * 0.78 / n))
        show_values = self.labels_fit(fs, bar_w, group_w)
        zero_y = y_of(0)
        for g, category in enumerate(self.categories):
            x0 = left + g * group_w + (group_w - bar_w * n) / 2
            for s, (_, vals) in enumerate(self.series):
                v = vals[g] if g < len(vals) else 0
                y = y_of(v)
                rect = QRectF(x0 + s * bar_w, min(y, zero_y), bar_w - 1, abs(zero_y - y))
                color = QColor(PALETTE[s % len(PALETTE)])
                if g in self.hatched:  # light fill, diagonal hatch in the series colour
                    p.fillRect(rect, color.lighter(175))
                    p.fillRect(rect, QBrush(color, Qt.BrushStyle.BDiagPattern))
                else:
                    p.fillRect(rect, color)
                if show_values and v:
                    p.setPen(INK)
                    text = value_text(v, self.money)
                    tw = fs.horizontalAdvance(text)
                    p.drawText(QRectF(rect.center().x() - tw / 2 - 2, rect.top() - fs.height() - 1, tw + 4,
                                      fs.height()), Qt.AlignmentFlag.AlignCenter, text)
            p.setPen(INK)
            p.drawText(QRectF(left + g * group_w + 1, bottom + 4, group_w - 2, label_h),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, category)
        p.setPen(QPen(INK, 1))
        p.drawLine(int(left), int(zero_y), int(right), int(zero_y))
        p.end()

    def labels_fit(self, fm: QFontMetricsF, bar_w: float, group_w: float) -> bool:
        """Value labels only where none overlaps its neighbour: within the bar when a group has
        several bars side by side, within the group for one series."""
        widest = max((fm.horizontalAdvance(value_text(v, self.money)) for _, vs in self.series for v in vs if v),
                     default=0.0)
        return widest + 2 <= (bar_w if len(self.series) > 1 else group_w)

    def _legend(self, p: QPainter, font: QFont, fm: QFontMetricsF, top: float, width: float) -> float:
        p.setFont(font)
        x = 10.0
        for i, (name, _) in enumerate(self.series):
            item_w = 14 + fm.horizontalAdvance(name) + 16
            if x + item_w > width - 8 and x > 10:
                x, top = 10.0, top + fm.height() + 2
            p.fillRect(QRectF(x, top + fm.height() / 2 - 5, 10, 10), QColor(PALETTE[i % len(PALETTE)]))
            p.setPen(INK)
            p.drawText(QRectF(x + 14, top, item_w, fm.height()), Qt.AlignmentFlag.AlignLeft, name)
            x += item_w
        return top + fm.height() + 6


# ------------------------------------------------------------------ tables and helpers

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def display(value) -> str:
    """German text of a cell value (ints with thousands dots, Decimal hours, dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int):
        return number(Decimal(value), 0)
    if isinstance(value, Decimal):
        return hours(value)
    if isinstance(value, date):
        return day(value)
    return str(value)


class RowsModel(QAbstractTableModel):
    """Read-only rows of plain values; numbers right-aligned; `SORT_ROLE` gives the raw value;
    `formats` may give a function per column for the displayed text (e.g. money)."""

    def __init__(self, headers: Sequence[str], parent=None, formats: dict | None = None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[tuple] = []
        self.formats = formats or {}
        self.bold_rows: set[int] = set()

    def set_rows(self, rows: Sequence[Sequence], bold_last: bool = False) -> None:
        self.beginResetModel()
        self.rows = [tuple(r) for r in rows]
        self.bold_rows = {len(self.rows) - 1} if bold_last and self.rows else set()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            fmt = self.formats.get(index.column())
            text = fmt(value) if fmt and value is not None else display(value)
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 30 else None
        if role == SORT_ROLE:
            if isinstance(value, Decimal):
                return float(value)
            if isinstance(value, date):
                return value.toordinal()
            return "" if value is None else value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and index.row() in self.bold_rows:
            font = QFont()
            font.setBold(True)
            return font
        return None


def table_view(model: RowsModel, sortable: bool = True) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(sortable)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    if sortable:
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    TableTools(view, "Auswertung")  # Strg+C into Excel and the context menu, as on every table (a child of the view)
    return view, proxy


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date, month_only: bool = False) -> QDateEdit:
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("MM.yyyy" if month_only else "dd.MM.yyyy")
    edit.setMinimumWidth(96 if month_only else 110)
    return edit


def ask_save(parent, title: str, name: str, pattern: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), pattern)
    return path


def bar(*widgets) -> QHBoxLayout:
    bar = QHBoxLayout()
    for w in widgets:
        if w is None:
            bar.addStretch(1)
        elif isinstance(w, str):
            bar.addWidget(QLabel(w))
        else:
            bar.addWidget(w)
    return bar
