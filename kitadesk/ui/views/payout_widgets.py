"""The parts of the "Auszahlung" screen (issue 17.3): the month bar with its actions and the
progress row, the run's header, the carers' list, the lines with their "Warum?" and the notes
(warnings, totals per SRT). Widgets only: what runs when is the controller's
(payout_controller.py), the figures come from ops/payout_view.py."""

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.choices import SRTS
from kitadesk.formats import MONTHS, money
from kitadesk.ops.payout_view import CarerPayRow, RunView, line_rows
from kitadesk.ui.views.payout_data import box, count, fill_srt_table, header_html, make_srt_table
from kitadesk.ui.views.payout_tables import CarerTextModel, LineTextModel, TextRows
from kitadesk.ui.widgets.record_table import record_table
from kitadesk.ui.widgets.why_panel import WhyPanel

EXPORTS = {  # kind: (button, dialog title, file filter, suffix)
    "xlsx": ("Excel …", "Auszahlung als Excel-Arbeitsmappe speichern", "Excel-Arbeitsmappe (*.xlsx)", ".xlsx"),
    "pdf": ("PDF …", "Auszahlungsliste als PDF speichern", "PDF-Dokument (*.pdf)", ".pdf"),
    "sepa": ("SEPA …", "SEPA-Überweisungsdatei speichern", "SEPA-Datei pain.001 (*.xml)", ".xml"),
}
_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


def _keep_size_when_hidden(*widgets: QWidget) -> None:
    # showing/hiding the progress row or a longer status must not move the tables: a relayout
    # repaints the whole page (~50 ms at 10×, each cell asks the models in Python)
    for widget in widgets:
        policy = widget.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        widget.setSizePolicy(policy)


class MonthBar:
    """Month and year, Berechnen / Abschließen / Entwurf verwerfen, the exports; below them the
    progress row (bar, „Abbrechen“, status line)."""

    def __init__(self, year: int, month: int):
        self.month = QComboBox()
        self.month.addItems(MONTHS)
        self.month.setCurrentIndex(month - 1)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.compute_button = QPushButton("Berechnen")
        self.compute_button.setToolTip("Entwurf des Monats berechnen (ersetzt den bisherigen Entwurf)")
        self.finalize_button = QPushButton("Abschließen …")
        self.finalize_button.setToolTip("Lauf abschließen – danach unveränderlich (Recht „Auszahlungslauf abschließen“)")
        self.discard_button = QPushButton("Entwurf verwerfen …")
        self.inputs_button = QPushButton("Eingaben des Monats …")  # absences, Monatsmeldungen, Sonderbeträge
        self.inputs_button.setToolTip("Abwesenheiten, Monatsmeldungen und Sonderbeträge des Monats (Ihr SRT)")
        self.export_buttons = {kind: QPushButton(label) for kind, (label, *_rest) in EXPORTS.items()}
        self.export_buttons["sepa"].setToolTip("SEPA-Datei (pain.001) – nur für abgeschlossene Läufe")
        self.bar = box(QHBoxLayout(), QLabel("Monat:"), self.month, self.year, self.compute_button,
                       self.finalize_button, self.discard_button, self.inputs_button, (QWidget(), 1), QLabel("Export:"),
                       *self.export_buttons.values())

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Abbrechen")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress_row = box(QHBoxLayout(), (self.progress, 2), self.cancel_button, (self.status, 3))
        _keep_size_when_hidden(self.progress, self.cancel_button)
        self.status.setMinimumHeight(2 * self.status.fontMetrics().lineSpacing())

    def selected(self) -> tuple[int, int]:
        return self.year.value(), self.month.currentIndex() + 1

    def show_busy(self, label: str | None) -> None:
        """The progress row for a computation (`label`), hidden when None."""
        self.progress.setVisible(label is not None)
        self.cancel_button.setVisible(label is not None)
        if label is not None:
            self.progress.setRange(0, 0)
            self.progress.setFormat("%v von %m")
            self.status.setText(label)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        if total and done >= total:
            self.progress.setFormat("Ergebnis wird geladen …")

    def enable(self, idle: bool, view: RunView | None) -> None:
        """What may be pressed: nothing amid a task; compute unless finalized; the rest on a run."""
        final = bool(view and view.final)
        run = idle and bool(view and view.report)
        for widget in (self.month, self.year):
            widget.setEnabled(idle)
        self.compute_button.setEnabled(idle and not final)
        self.finalize_button.setEnabled(run and not final)
        self.discard_button.setEnabled(run and not final)
        for kind, button in self.export_buttons.items():
            button.setEnabled(run and (final or kind != "sepa"))


class RunHeader:
    """The run's head line and the note „Seit der Berechnung geändert …“."""

    def __init__(self):
        self.header = QLabel()
        self.header.setObjectName("runHeader")
        self.header.setStyleSheet("#runHeader { background: #f4f7fb; border: 1px solid #c9d6e3; border-radius: 4px;"
                                  " padding: 6px 10px; font-size: 10pt; }")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setMinimumHeight(2 * self.header.fontMetrics().lineSpacing() + 14)
        self.changed = QLabel()
        self.changed.setStyleSheet("color: #9a5b00;")
        self.changed.setWordWrap(True)
        self.changed.setMinimumHeight(self.changed.fontMetrics().lineSpacing())

    def show(self, view: RunView) -> None:
        self.header.setText(header_html(view))
        self.changed.clear()

    def show_changed(self, labels: list[str]) -> None:
        self.changed.setText(f"Seit der Berechnung geändert: {', '.join(labels)} – bitte neu berechnen, "
                             "bevor der Lauf abgeschlossen wird.")


class CarerList:
    """The carers of the run with search and SRT filter; `on_current(row | None)` on a change."""

    def __init__(self, parent: QWidget):
        self.model = CarerTextModel(parent)
        self.proxy = self.model  # filters and sorts itself (payout_tables.py)
        self.table = record_table(self.model, stretch=1, sort=(0, Qt.SortOrder.AscendingOrder))
        # the scroll bar stays: a run's 1,862 rows arriving relayout no page (issue 17: GUI gaps)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Suchen: Nr., Name …")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter)
        self.srt = QComboBox()
        self.srt.addItem("Alle SRT", None)
        for srt in SRTS:
            self.srt.addItem(f"SRT {srt}", srt)
        self.srt.currentIndexChanged.connect(self.filter)
        self.count = QLabel()
        self.widget = box(QVBoxLayout(), box(QHBoxLayout(), (self.search, 1), self.srt), (self.table, 1), self.count,
                          widget=True)

    def filter(self) -> None:
        """Narrow the list; the chosen carer stays chosen while shown, else the first shown one
        (the lines pane never shows a carer the list hides)."""
        chosen = self.current()
        self.proxy.set_search(self.search.text())
        self.proxy.set_srt(self.srt.currentData())
        self.update_count()
        if not (chosen is not None and self.select(chosen.nr)) and self.model.rowCount():
            self.table.selectRow(0)

    def update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        text = count(total, "Tagespflegeperson", "Tagespflegepersonen")
        self.count.setText(f"{shown:,} von {text}".replace(",", ".") if shown != total else text)

    def set_rows(self, rows: list[CarerPayRow], prepared: TextRows | None = None) -> None:
        """Show the run's carers (`prepared` off the GUI thread: CarerTextModel.prepare)."""
        self.model.install(prepared if prepared is not None else self.model.prepare(rows))
        self.update_count()
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def row_at(self, index) -> CarerPayRow | None:
        return self.model.row_object(index.row()) if index.isValid() else None

    def current(self) -> CarerPayRow | None:
        return self.row_at(self.table.currentIndex())

    def select(self, nr: str) -> bool:
        row = self.model.position(lambda r: r.nr == nr)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), _ROW)
        return True


class LinesPane:
    """The chosen carer's lines and, below, the „Warum?“ of the chosen line."""

    def __init__(self, parent: QWidget):
        self.model = LineTextModel(parent)
        self.proxy = self.model  # (payout_tables.py)
        self.table = record_table(self.model, stretch=0)
        self.table.setMinimumWidth(700)  # the carers' list gives way in a narrow window
        self.label = QLabel("Positionen")
        self.label.setStyleSheet("font-weight: 600;")
        self.why = WhyPanel()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.why)
        split.setSizes([290, 320])
        self.widget = box(QVBoxLayout(), self.label, (split, 1), widget=True)
        self.table.selectionModel().currentRowChanged.connect(self._line_changed)
        self.carer: CarerPayRow | None = None

    def show_carer(self, view: RunView | None, row: CarerPayRow | None) -> None:
        self.carer = row
        self.why.clear()
        if row is None or view is None:
            self.model.set_rows([])
            self.label.setText("Positionen")
            return
        self.model.set_rows(line_rows(view, row.nr))
        self.label.setText(f"Positionen von {row.nr} – {row.name} ({row.srt}): {money(row.amount)}")
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def select(self, proxy_row: int) -> None:
        self.table.selectionModel().setCurrentIndex(self.model.index(proxy_row, 0), _ROW)

    def _line_changed(self, current, _previous=None) -> None:
        row = self.model.row_object(current.row()) if current.isValid() else None
        if row is None:
            self.why.clear()
        else:
            carer = self.carer
            self.why.show_line(row.line, f"{carer.nr} – {carer.name}" if carer else "",
                               row.child if row.line.child_nr else "")


class RunNotes:
    """Tabs „Hinweise“ (the run's warnings) and „Summen je SRT“."""

    def __init__(self):
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.warnings.setLayoutMode(QListWidget.LayoutMode.Batched)  # hundreds of wrapped lines at 10×
        self.srt_table = make_srt_table()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.warnings, "Hinweise")
        self.tabs.addTab(self.srt_table, "Summen je SRT")

    def show(self, view: RunView) -> None:
        self.warnings.clear()
        fill_srt_table(self.srt_table, view)
        self.warnings.addItems(view.warnings or ([] if view.report is None else ["Keine Hinweise."]))
        self.tabs.setTabText(0, f"Hinweise ({len(view.warnings)})" if view.report else "Hinweise")
