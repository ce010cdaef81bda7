"""The start screen's summary boxes: counts per SRT today (R-S2) and this month's payout status."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kitadesk.formats import money, month_label

COUNT_COLUMNS = ("SRT", "Tagespflege-\npersonen", "Kinder\nbetreut", "Plätze", "frei", "Erlaubnis\nläuft ab")


def _table(columns) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


class CountsBox(QGroupBox):
    """„Übersicht je SRT (heute)“: carers, children in care, places, free, permits running out."""

    def __init__(self):
        super().__init__("Übersicht je SRT (heute)")
        self.table = _table(COUNT_COLUMNS)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        QVBoxLayout(self).addWidget(self.table)

    def fill(self, counts) -> None:
        table = self.table
        table.setRowCount(len(counts))
        for i, c in enumerate(counts):
            values = (c.srt, c.tagespflegepersonen, c.kinder_in_betreuung, c.plaetze, c.frei, c.erlaubnis_laeuft_ab)
            for j, value in enumerate(values):
                item = QTableWidgetItem(f"{value:,}".replace(",", ".") if isinstance(value, int) else value)
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c.srt == "Gesamt":
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(i, j, item)
        table.resizeRowsToContents()
        header = table.horizontalHeader().height()
        table.setFixedHeight(header + sum(table.rowHeight(i) for i in range(table.rowCount())) + 4)


class PayoutBox(QGroupBox):
    """„Auszahlung <Monat>“: the month's run and „Zur Auszahlung“ (`go`)."""

    def __init__(self, today: date):
        super().__init__(f"Auszahlung {month_label(today.year, today.month)}")
        layout = self.box_layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.go = QPushButton("Zur Auszahlung")
        layout.addWidget(self.go, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def fill(self, status) -> None:
        if status.lauf is None:
            text = "Für diesen Monat ist noch kein Auszahlungslauf berechnet."
        else:
            when = status.erstellt_am.strftime("%d.%m.%Y") if status.erstellt_am else ""
            text = (f"Lauf {status.jahr:04d}-{status.monat:02d}/{status.lauf}: {status.status}\n"
                    f"Summe {money(status.summe)} — erstellt {when} von {status.erstellt_von}")
        self.label.setText(text)
