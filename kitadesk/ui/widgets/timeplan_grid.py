"""The weekly time plan as a grid (issue 14.5, R-K2): one row per day Mo–So, a Von/Bis column
pair per time slot; slots are added and removed with buttons (Strg+Plus / Strg+Minus) and the
cells are typed like a spreadsheet (Tab, arrows, typing starts editing; 7, 730, 7:30 → 07:30).
The grid writes the Zeitplan text of interfaces.md (domain/timeplan.py reads it); the text stays
the record's value, so the import and the grid mean the same thing."""

import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.timeplan import DAY_NAMES, DAYS, TimePlanError, parse_timeplan

_SHORT = re.compile(r"^(\d{1,2})(?::?(\d{2}))?$")
START_SLOTS = 2


def normal_time(text: str) -> str:
    """'7' → '07:00', '730' / '7.30' / '7:30' → '07:30'; anything else unchanged (the plan's
    parser names the fault)."""
    raw = text.strip().replace(".", ":")
    if raw.isdigit() and len(raw) in (3, 4):
        raw = f"{raw[:-2]}:{raw[-2:]}"
    match = _SHORT.match(raw)
    if not match:
        return text.strip()
    return f"{int(match.group(1)):02d}:{match.group(2) or '00'}"


class TimePlanGrid(QWidget):
    """Days × slots; `changed(text)` after each edit with the Zeitplan text."""

    changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._setting = False
        self.table = QTableWidget(len(DAYS), 0)
        self.table.setVerticalHeaderLabels(list(DAYS))
        for row, name in enumerate(DAY_NAMES):
            self.table.verticalHeaderItem(row).setToolTip(name)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setTabKeyNavigation(True)
        self.table.setAccessibleName("Wochenplan")
        self.table.itemChanged.connect(self._edited)
        self.add_button = QPushButton("Zeitfenster hinzufügen")
        self.add_button.setToolTip("Strg+Plus: eine weitere Spalte Von/Bis")
        self.add_button.clicked.connect(self.add_slot)
        self.remove_button = QPushButton("Zeitfenster entfernen")
        self.remove_button.setToolTip("Strg+Minus: die letzte Spalte Von/Bis entfernen")
        self.remove_button.clicked.connect(self.remove_slot)
        for keys, slot in ((QKeySequence("Ctrl++"), self.add_slot), (QKeySequence("Ctrl+-"), self.remove_slot)):
            QShortcut(keys, self.table).activated.connect(slot)
        self.sum_label = QLabel()
        self.sum_label.setStyleSheet("color: #555;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.sum_label)
        for _ in range(START_SLOTS):
            self.add_slot()
        row_height = self.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + len(DAYS) * row_height + 4)
        self._show_sum()

    # -- slots (column pairs)
    @property
    def slot_count(self) -> int:
        return self.table.columnCount() // 2

    def add_slot(self) -> None:
        column = self.table.columnCount()
        self.table.setColumnCount(column + 2)
        number = column // 2 + 1
        self.table.setHorizontalHeaderItem(column, QTableWidgetItem(f"Von {number}"))
        self.table.setHorizontalHeaderItem(column + 1, QTableWidgetItem(f"Bis {number}"))
        self.table.setColumnWidth(column, 62)
        self.table.setColumnWidth(column + 1, 62)
        self.remove_button.setEnabled(self.slot_count > 1)

    def remove_slot(self) -> None:
        if self.slot_count <= 1:
            return
        self.table.setColumnCount(self.table.columnCount() - 2)
        self.remove_button.setEnabled(self.slot_count > 1)
        self._edited()

    # -- text ↔ grid
    def text(self) -> str:
        """The Zeitplan text of the grid (interfaces.md grammar)."""
        days = []
        for row, day in enumerate(DAYS):
            slots = []
            for pair in range(self.slot_count):
                von, bis = (self._cell(row, 2 * pair + i) for i in (0, 1))
                if von or bis:
                    slots.append(f"{normal_time(von)}-{normal_time(bis)}")
            if slots:
                days.append(f"{day} " + ", ".join(slots))
        return "; ".join(days)

    def set_text(self, text: str, announce: bool = False) -> bool:
        """Show a Zeitplan text in the grid; False (grid unchanged) when it cannot be read.
        `announce`: as if typed into the grid (`changed` is emitted)."""
        try:
            plan = parse_timeplan(text)
        except TimePlanError:
            return False
        self._setting = True
        try:
            needed = max([len(slots) for slots in plan.days] + [START_SLOTS])
            while self.slot_count < needed:
                self.add_slot()
            for row, slots in enumerate(plan.days):
                for pair in range(self.slot_count):
                    von, bis = str(slots[pair]).split("-") if pair < len(slots) else ("", "")
                    self._set_cell(row, 2 * pair, von)
                    self._set_cell(row, 2 * pair + 1, bis)
        finally:
            self._setting = False
        self._show_sum()
        if announce:
            self.changed.emit(self.text())
        return True

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _set_cell(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        if item is None:
            self.table.setItem(row, column, QTableWidgetItem(text))
        elif item.text() != text:
            item.setText(text)

    def _edited(self, item: QTableWidgetItem | None = None) -> None:
        if self._setting:
            return
        if item is not None and item.text().strip():
            tidy = normal_time(item.text())
            if tidy != item.text():
                self._setting = True
                try:
                    item.setText(tidy)
                finally:
                    self._setting = False
        self._show_sum()
        self.changed.emit(self.text())

    def _show_sum(self) -> None:
        from kitadesk.formats import hours

        try:
            plan = parse_timeplan(self.text())
        except TimePlanError:
            self.sum_label.setText("Summe: –")
            return
        self.sum_label.setText(f"Summe: {hours(plan.weekly_hours)} Std./Woche, "
                               f"davon Randzeit {hours(plan.off_hours)}")
