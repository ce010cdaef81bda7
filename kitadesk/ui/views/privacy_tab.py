"""Einstellungen → "Datenschutz" (issue 17 item 5): the retention run of the DSGVO (ops/privacy.py)
on the screen — a preview (counts and the records past their retention period, domain.md),
then, after a confirmation, the run (in a worker, `run_task`) and its result. Only for the right
`datenschutz` (disabled with a tooltip for the others); the op checks it again."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget

from kitadesk.formats import day
from kitadesk.ops.base import RIGHT_LABELS
from kitadesk.ops.privacy import Candidate, Preview, preview_anonymisation, run_anonymisation
from kitadesk.ops.privacy_summary import count_lines, done_line, head_line
from kitadesk.ui.context import AppContext
from kitadesk.ui.models.base import Column, RowTableModel
from kitadesk.ui.op import error_text
from kitadesk.ui.tasks import TaskHandle, run_task
from kitadesk.ui.widgets.settings_tab import note, read_only_hint

RIGHT = "datenschutz"
NOT_ALLOWED = (f"Nur für Benutzer mit dem Recht „{RIGHT_LABELS[RIGHT]}“ (Leitung, Administration).")
INTRO = ("Löschlauf nach Ablauf der Aufbewahrungsfrist (Einstellung „aufbewahrung_jahre“): Namen, Anschriften, "
         "Telefon, E-Mail, IBAN, Sorgeberechtigte und Notizen werden geschwärzt, Bescheide gelöscht; Nr, SRT, "
         "Geburtsjahr und alle Beträge bleiben für die Statistik. Erst die Vorschau prüfen, dann ausführen.")


class CandidateModel(RowTableModel):
    COLUMNS = (
        Column("Art", lambda c: c.art, lambda c: c.art, width=140),
        Column("Nr", lambda c: c.nr, lambda c: c.nr, width=90),
        Column("Name", lambda c: c.name, lambda c: c.name, width=220),
        Column("SRT", lambda c: c.srt, lambda c: c.srt, width=90),
        Column("Ende", lambda c: day(c.ende), lambda c: c.ende, width=100),
    )

    def search_text(self, row: Candidate) -> str:
        return f"{row.nr} {row.name}"


class PrivacyTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.allowed = ctx.actor.has(RIGHT)
        self.preview: Preview | None = None
        self.task: TaskHandle | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(note(INTRO))
        if not self.allowed:
            layout.addWidget(read_only_hint(NOT_ALLOWED))
        self.preview_button = QPushButton("Vorschau erstellen")
        self.run_button = QPushButton("Anonymisieren …")
        for button, slot in ((self.preview_button, self.make_preview), (self.run_button, self.ask_run)):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            button.setEnabled(self.allowed)
            button.setToolTip("" if self.allowed else NOT_ALLOWED)
        self.run_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(self.preview_button)
        bar.addWidget(self.run_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.summary = QLabel()
        self.summary.setObjectName("privacySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = CandidateModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(CandidateModel.COLUMNS):
            self.view.setColumnWidth(i, col.width)
        layout.addWidget(self.view, 1)
        self.status = QLabel()
        self.status.setObjectName("privacyStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #1d6b2f;")
        layout.addWidget(self.status)

    def make_preview(self) -> None:
        self.status.setText("Vorschau wird erstellt …")
        self._start(lambda control: preview_anonymisation(self.ctx.store, self.ctx.user, self.ctx.today()),
                    self.show_preview)

    def show_preview(self, preview: Preview) -> None:
        self.preview = preview
        self.summary.setText("\n".join([head_line(preview), " · ".join(count_lines(preview))]))
        rows: list[Candidate] = [*preview.carers, *preview.children]
        self.model.set_rows(rows)
        self.run_button.setEnabled(self.allowed and not preview.empty)
        self.status.setText("Nichts zu anonymisieren." if preview.empty else
                            "Vorschau – nichts wurde geändert. Prüfen, dann „Anonymisieren …“.")

    def ask_run(self) -> None:
        preview = self.preview
        if preview is None or preview.empty:
            return
        answer = QMessageBox.question(
            self, "Anonymisieren?",
            f"{len(preview.carers)} Tagespflegepersonen und {len(preview.children)} Kinder werden anonymisiert, "
            f"{preview.letters} Bescheide/Briefe gelöscht.\n\nDas lässt sich nicht rückgängig machen. Anonymisieren?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.run_button.setEnabled(False)
        self.status.setText("Löschlauf läuft …")
        self._start(lambda control: run_anonymisation(self.ctx.store, self.ctx.user, preview, self.ctx.today()),
                    self.show_done)

    def show_done(self, done: Preview) -> None:
        self.ctx.bus.notify(frozenset({"carer", "child"}))
        self.preview = None
        self.model.set_rows([])
        self.summary.setText("")
        self.status.setText(done_line(done))

    def _start(self, fn, on_result) -> None:
        self.preview_button.setEnabled(False)
        handle = self.task = run_task(fn)
        handle.finished.connect(on_result)
        handle.failed.connect(self._failed)
        handle.done.connect(lambda: self.preview_button.setEnabled(self.allowed))

    def _failed(self, exc: Exception) -> None:
        text = error_text(exc)  # German refusal, or "interner Fehler" (never raw exception text)
        self.status.setText(f"Nicht ausgeführt: {text.splitlines()[0]}")
        QMessageBox.warning(self, "Datenschutz", text)
