"""Screen "QiK" — Quereinstieg in die Kinderbetreuung (R-Q1..R-Q3): participants with status
history, partner organisations with contacts, coordination activities; add/edit dialogs,
dated status changes, the yearly report as PDF and Excel. Writes go through kitadesk.ops.qik."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.qik import STATUSES, cohort_label
from kitadesk.errors import KitaDeskError
from kitadesk.formats import day, hours
from kitadesk.ops import qik as ops
from kitadesk.ui.context import AppContext
from kitadesk.ui.op import error_text
from kitadesk.ui.process_child import store_op
from kitadesk.ui.tasks import TaskHandle, run_in_process
from kitadesk.ui.views.qik_dialogs import ActivityDialog, ParticipantDialog, PartnerDialog, StatusDialog
from kitadesk.ui.widgets.chart import RowsModel, ask_save, display, table_view
from kitadesk.ui.widgets.chart import bar as _bar

__all__ = ["ActivityDialog", "ParticipantDialog", "PartnerDialog", "QikPage", "StatusDialog"]


class QikPage(QWidget):
    """QiK: tabs Teilnehmende, Partnerorganisationen, Koordination; report export (R-Q3)."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.partner_rows: list[ops.PartnerRow] = []
        self.participant_rows: list[ops.ParticipantRow] = []
        self.activity_rows: list[ops.ActivityRow] = []
        self.exporting: TaskHandle | None = None  # the report file being written (worker process)
        title = QLabel("QiK – Quereinstieg in die Kinderbetreuung")
        title.setObjectName("pageTitle")
        self.year = QSpinBox()
        self.year.setRange(2024, 2100)
        self.year.setValue(ctx.today().year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.cohort = QComboBox()
        self.cohort.setMinimumWidth(130)
        pdf, xlsx = QPushButton("Bericht als PDF …"), QPushButton("Bericht als Excel …")
        pdf.clicked.connect(lambda: self._export("pdf"))
        xlsx.clicked.connect(lambda: self._export("xlsx"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.people = RowsModel(("Name", "Jahrgang", "Status", "seit", "Kita", "Träger", "Berufskolleg", "Klasse",
                                 "Förderer", "Beginn"), self)
        self.people_view, _ = table_view(self.people)
        self.people_view.doubleClicked.connect(lambda _i: self.edit_participant())
        self.history = QLabel("Verlauf: einen Eintrag auswählen.")
        self.history.setWordWrap(True)
        self.people_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_history())
        self.partner_model = RowsModel(("Name", "Art", "Ansprechpartner/in", "Telefon", "E-Mail"), self)
        self.partner_view, _ = table_view(self.partner_model)
        self.partner_view.doubleClicked.connect(lambda _i: self.edit_partner())
        self.activity_model = RowsModel(("Datum", "Thema", "Partner", "Stunden"), self)
        self.activity_view, _ = table_view(self.activity_model)
        self.activity_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest first
        self.activity_view.doubleClicked.connect(lambda _i: self.edit_activity())
        for view, widths in ((self.people_view, (165, 65, 100, 78, 150, 140, 135, 55, 135)),
                             (self.partner_view, (280, 130, 200, 140)), (self.activity_view, (85, 340, 560))):
            for i, width in enumerate(widths):
                view.setColumnWidth(i, width)
        self.activity_sum = QLabel()

        def button(text, slot):
            b = QPushButton(text)
            b.clicked.connect(slot)
            return b

        self.tabs = QTabWidget()
        for label, view, buttons, extra in (
                ("Teilnehmende", self.people_view, (button("Neu …", self.new_participant),
                                                    button("Bearbeiten …", self.edit_participant),
                                                    button("Status ändern …", self.change_status),
                                                    button("Letzten Status zurücknehmen", self.undo_status)),
                 self.history),
                ("Partnerorganisationen", self.partner_view, (button("Neu …", self.new_partner),
                                                              button("Bearbeiten …", self.edit_partner),
                                                              button("Löschen", self.delete_partner)), None),
                ("Koordination", self.activity_view, (button("Neu …", self.new_activity),
                                                      button("Bearbeiten …", self.edit_activity),
                                                      button("Löschen", self.delete_activity)), self.activity_sum)):
            tab = QWidget()
            layout = QVBoxLayout(tab)
            layout.addLayout(_bar(*buttons, None))
            layout.addWidget(view, 1)
            if extra is not None:
                layout.addWidget(extra)
            self.tabs.addTab(tab, label)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(_bar("Berichtsjahr:", self.year, "  Jahrgang:", self.cohort, pdf, xlsx, None))
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.reload()

    def activate(self) -> None:
        self.reload()

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        store, user = self.ctx.store, self.ctx.user
        self.partner_rows = ops.partners(store, user)
        self.participant_rows = ops.participants(store, user)
        self.activity_rows = ops.activities(store, user, self.year.value())
        keep = self.cohort.currentData()
        self.cohort.blockSignals(True)
        self.cohort.clear()
        self.cohort.addItem("alle", None)
        for c in sorted({r.jahrgang for r in self.participant_rows}):
            self.cohort.addItem(cohort_label(c), c)
        self.cohort.setCurrentIndex(max(0, self.cohort.findData(keep)))
        self.cohort.blockSignals(False)
        self.people.set_rows([(r.name, cohort_label(r.jahrgang), r.status, r.status_seit, r.kita, r.traeger,
                               r.berufskolleg, r.klasse, r.foerderer, r.beginn) for r in self.participant_rows])
        self.partner_model.set_rows([(p.name, p.art, p.ansprechpartner, p.telefon, p.email) for p in self.partner_rows])
        self.activity_model.set_rows([(a.datum, a.thema, a.partner, a.stunden) for a in self.activity_rows])
        total = sum((a.stunden for a in self.activity_rows), Decimal("0.00"))
        n = len(self.activity_rows)
        self.activity_sum.setText(f"{display(n)} {'Tätigkeit' if n == 1 else 'Tätigkeiten'} mit {hours(total)} "
                                  f"{'Stunde' if total == 1 else 'Stunden'} im Jahr {self.year.value()}.")
        counts = {s: sum(1 for r in self.participant_rows if r.status == s) for s in STATUSES}
        self.summary.setText(f"{display(len(self.participant_rows))} Teilnehmende (" +
                             ", ".join(f"{n} {s}" for s, n in counts.items()) +
                             f") · {display(len(self.partner_rows))} Partnerorganisationen")
        self._show_history()

    def _selected(self, view, rows):
        index = view.currentIndex()
        if not index.isValid():
            return None
        return rows[view.model().mapToSource(index).row()]

    def _show_history(self) -> None:
        row = self._selected(self.people_view, self.participant_rows)
        if row is None:
            self.history.setText("Verlauf: einen Eintrag auswählen.")
            return
        steps = " → ".join(f"{e.status} ({day(e.datum)})" for e in row.history)
        self.history.setText(f"Verlauf {row.name}: {steps or 'kein Status'}")

    def _after(self, dialog: QDialog | None) -> None:
        if dialog is None or dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.ctx.bus.notify(ops.CHANGES)
            self.changed.emit()

    def _ask(self, question: str) -> bool:
        return QMessageBox.question(self, "QiK", question) == QMessageBox.StandardButton.Yes

    def _run(self, fn, *args) -> None:
        try:
            message = fn(self.ctx.store, self.ctx.user, *args)
        except KitaDeskError as exc:
            QMessageBox.warning(self, "QiK", str(exc))
            return
        if isinstance(message, str):
            self.summary.setText(message)
        self._after(None)

    # ------------------------------------------------------------------ actions
    def new_participant(self) -> None:
        self._after(ParticipantDialog(self.ctx, self.partner_rows, parent=self))

    def edit_participant(self) -> None:
        row = self._selected(self.people_view, self.participant_rows)
        if row:
            self._after(ParticipantDialog(self.ctx, self.partner_rows, row, self))

    def change_status(self) -> None:
        row = self._selected(self.people_view, self.participant_rows)
        if row:
            self._after(StatusDialog(self.ctx, row, self))

    def undo_status(self) -> None:
        row = self._selected(self.people_view, self.participant_rows)
        if row and self._ask(f"Letzten Status von {row.name} zurücknehmen?"):
            self._run(ops.undo_last_status, row.id)

    def new_partner(self) -> None:
        self._after(PartnerDialog(self.ctx, parent=self))

    def edit_partner(self) -> None:
        row = self._selected(self.partner_view, self.partner_rows)
        if row:
            self._after(PartnerDialog(self.ctx, row, self))

    def delete_partner(self) -> None:
        row = self._selected(self.partner_view, self.partner_rows)
        if row and self._ask(f"„{row.name}“ löschen?"):
            self._run(ops.delete_partner, row.id)

    def new_activity(self) -> None:
        self._after(ActivityDialog(self.ctx, self.partner_rows, parent=self))

    def edit_activity(self) -> None:
        row = self._selected(self.activity_view, self.activity_rows)
        if row:
            self._after(ActivityDialog(self.ctx, self.partner_rows, row, self))

    def delete_activity(self) -> None:
        row = self._selected(self.activity_view, self.activity_rows)
        if row and self._ask(f"Tätigkeit „{row.thema}“ vom {day(row.datum)} löschen?"):
            self._run(ops.delete_activity, row.id)

    # ------------------------------------------------------------------ report (R-Q3)
    def report(self):
        return ops.report(self.ctx.store, self.ctx.user, self.year.value(), self.cohort.currentData())

    def write_report(self, path, kind: str) -> Path:
        return ops.export_report(self.ctx.store, self.ctx.user, self.report(), path, kind,
                                 self.ctx.display_name or self.ctx.user)

    def _export(self, kind: str) -> None:
        """The report file in a worker process (ReportLab: 0.6 s CPU at first use; issue 17.2)."""
        cohort = self.cohort.currentData()
        name = f"qik-bericht-{self.year.value()}" + (f"-jahrgang-{cohort}" if cohort else "") + f".{kind}"
        path = ask_save(self, "QiK-Bericht", name, "PDF (*.pdf)" if kind == "pdf" else "Excel (*.xlsx)")
        if not path:
            return
        self.exporting = handle = run_in_process(
            store_op, ops.export_report, self.ctx.store.url, self.ctx.user, self.report(), path, kind,
            self.ctx.display_name or self.ctx.user, then=lambda _control, _written: path)
        handle.finished.connect(self._exported)
        handle.failed.connect(self._export_failed)

    def _exported(self, path: str) -> None:
        self.summary.setText(f"Bericht gespeichert: {path}")

    def _export_failed(self, exc) -> None:  # the export op's German refusal (no raw exception text)
        QMessageBox.warning(self, "QiK-Bericht", f"Bericht nicht möglich:\n{error_text(exc)}")
