"""The two tables of the placement form (placement_form.py): the preview of a placement or a
change per month (bisher / neu / Differenz of the carer, the parents' fee, the correction mark,
for a change the sum of every month) and the versions of an existing placement (R-K4)."""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from kitadesk.formats import day, hours, money

PREVIEW_COLUMNS = ("Monat", "TPP bisher", "TPP neu", "Differenz", "Elternbeitrag bisher", "Elternbeitrag neu",
                   "Hinweis")
PREVIEW_WIDTHS = (130, 105, 105, 105, 130, 120, 200)
HISTORY_COLUMNS = ("Gültig ab", "Std./Woche", "Randzeit", "Nächte", "Zeitplan", "Grund", "Erfasst von", "Erfasst am")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class PreviewBox(QGroupBox):
    """The preview table (as tall as its rows, up to 8) and the notes below it."""

    def __init__(self, title: str):
        super().__init__(title)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(PREVIEW_COLUMNS))
        self.table.setHorizontalHeaderLabels(PREVIEW_COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate(PREVIEW_WIDTHS):
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self._fit(1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #555;")
        layout.addWidget(self.table)
        layout.addWidget(self.notes)

    def show_preview(self, preview: Any, with_sum: bool) -> None:
        """One row per month and, `with_sum` (a change), the sum of every month: the whole effect."""
        rows = [(m.month_text, m.carer_before, m.carer_after, m.carer_delta, m.fee_before, m.fee_after, m.note)
                for m in preview.months]
        if with_sum:
            rows.append(("Summe", None, None, preview.carer_total_delta, None, None,
                         "mit Korrekturen" if preview.has_corrections else ""))
        self.table.setRowCount(len(rows))
        self._fit(len(rows))
        for i, (label, before, after, delta, fee_before, fee_after, note) in enumerate(rows):
            total = label == "Summe"
            cells = (label, "" if total else money(before) or "–", "" if total else money(after) or "–",
                     _signed(delta), "" if total else money(fee_before) or "–",
                     "" if total else money(fee_after) or "–", note)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 0 < j < 6:
                    item.setTextAlignment(_RIGHT)
                if total or note:
                    font = item.font()
                    font.setBold(total)
                    font.setItalic(bool(note) and not total)
                    item.setFont(font)
                self.table.setItem(i, j, item)
        self.notes.setText(" ".join(preview.notes))

    def _fit(self, rows: int) -> None:
        """As tall as its rows (up to 8; more scroll), so the notes below stay in view."""
        row = self.fontMetrics().height() + 10
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + min(max(rows, 1), 8) * row + 4)


class HistoryBox(QGroupBox):
    """The versions of a placement, newest first (never overwritten, R-K4)."""

    def __init__(self) -> None:
        super().__init__("Versionen (nie überschrieben, R-K4)")
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(HISTORY_COLUMNS))
        self.table.setHorizontalHeaderLabels(HISTORY_COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)

    def show_versions(self, history: Sequence[Any]) -> None:
        self.table.setRowCount(len(history))
        for i, v in enumerate(reversed(history)):
            cells = (day(v.gueltig_ab), hours(v.wochenstunden), hours(v.randzeitstunden), hours(v.uebernachtungen),
                     v.zeitplan, v.grund, v.erfasst_von, v.erfasst_am.strftime("%d.%m.%Y %H:%M") if v.erfasst_am else "")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 1 <= j <= 3:
                    item.setTextAlignment(_RIGHT)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()


def _signed(delta) -> str:
    return (("+" if delta > 0 else "") + money(delta)) if delta is not None else "–"
