"""The one table builder of the record tables (issue 17 A, ui/widgets/record_table.py): order,
sorting, selection, widths, keyboard and Strg+C through table_tools — driven with keys and clicks."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QWidget

from kitadesk.ui.models.base import Column, RowTableModel
from kitadesk.ui.widgets.record_table import filtered_table, fit_columns, record_table
from kitadesk.ui.widgets.table_tools import TableTools


@dataclass(frozen=True)
class Row:
    id: int
    nr: str
    name: str
    srt: str
    amount: Decimal


class RowModel(RowTableModel):
    COLUMNS = (
        Column("Nr.", lambda r: r.nr, lambda r: r.nr, width=60),
        Column("Name", lambda r: r.name, lambda r: r.name),
        Column("Betrag", lambda r: f"{r.amount} €", lambda r: r.amount, numeric=True, width=90),
    )

    def search_text(self, r: Row) -> str:
        return f"{r.nr} {r.name}"


ROWS = [Row(1, "T2", "Zorn, Ida", "Ost", Decimal("5.00")), Row(2, "T1", "Adler, Eva", "Nord", Decimal("20.00")),
        Row(3, "T3", "Meier, Jan", "Ost", Decimal("10.00"))]


def _shown(table, column=0) -> list[str]:
    model = table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_issue17_record_table_keeps_the_stored_order_until_a_header_is_clicked(qtbot, parent):
    table = record_table(RowModel(ROWS), parent=parent)
    parent.show()
    assert _shown(table) == ["T2", "T1", "T3"] and table.horizontalHeader().sortIndicatorSection() == -1
    header = table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(2) + 5, 5))
    assert _shown(table) == ["T2", "T3", "T1"]  # by the Decimal, ascending


def test_issue17_record_table_opens_sorted_by_the_given_column(qtbot, parent):
    table = record_table(RowModel(ROWS), parent=parent, sort=(1, Qt.SortOrder.AscendingOrder))
    assert _shown(table, 1) == ["Adler, Eva", "Meier, Jan", "Zorn, Ida"]
    table = record_table(RowModel(ROWS), parent=parent, sort=(2, Qt.SortOrder.DescendingOrder))
    assert _shown(table) == ["T1", "T3", "T2"]


def test_issue17_record_table_rows_read_only_one_line_widths_and_stretch(qtbot, parent):
    table = record_table(RowModel(ROWS), parent=parent)
    assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert table.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not table.wordWrap() and not table.tabKeyNavigation() and table.verticalHeader().isHidden()
    assert table.columnWidth(0) == 60 and table.columnWidth(2) == 90
    assert table.horizontalHeader().stretchLastSection()
    assert table.model().headerData(1, Qt.Orientation.Horizontal) == "Name"
    multi = record_table(RowModel(ROWS), parent=parent, multi=True, stretch=1)
    assert multi.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    assert multi.horizontalHeader().sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch


def test_issue17_filtered_table_searches_and_filters_by_srt(qtbot, parent):
    model = RowModel(ROWS)
    proxy, table = filtered_table(model, parent, stretch=1)
    assert table.model() is proxy and proxy.sourceModel() is model
    proxy.set_search("adler")
    assert _shown(table) == ["T1"]
    proxy.set_search("")
    proxy.set_srt("Ost")
    assert _shown(table) == ["T2", "T3"]


def test_issue17_fit_columns_measures_columns_without_a_width(qtbot, parent):
    table = record_table(RowModel([Row(1, "T1", "Ein sehr langer Name, Vorname Zweitname", "Ost", Decimal(1))]),
                         parent=parent)
    fit_columns(table)
    assert table.columnWidth(0) == 60
    assert table.columnWidth(1) >= table.fontMetrics().horizontalAdvance("Ein sehr langer Name, Vorname Zweitname")


def test_issue17_record_table_with_table_tools_copies_the_selected_rows(qtbot, parent):
    table = record_table(RowModel(ROWS), parent=parent)
    TableTools(table, "Liste")
    parent.show()
    parent.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is parent)
    table.setFocus()
    table.selectRow(1)
    qtbot.keySequence(table, QKeySequence.StandardKey.Copy)
    assert QGuiApplication.clipboard().text() == "Nr.\tName\tBetrag\r\nT1\tAdler, Eva\t20.00 €\r\n"
