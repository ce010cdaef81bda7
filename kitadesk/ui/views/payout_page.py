"""Screen "Auszahlung" (berechnung.md §8, interfaces.md §4): choose a month, compute the draft
in the background (progress, "Abbrechen"), check carers, lines and the "Warum?" of each line,
warnings and totals per SRT; finalize after a confirmation; export xlsx, PDF and (finalized
runs only) SEPA. Figures come from the ops; the month's ops and its view run in a worker
process (payout_jobs.py), exports in a worker thread.

Parts (issue 17.3): payout_widgets.py (month bar, header, carers, lines and "Warum?", notes),
payout_controller.py (what runs when); this page assembles them and holds the actions."""

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget

from kitadesk.errors import PermissionDenied
from kitadesk.formats import money, month_label
from kitadesk.ops.changes import PAYOUT, Changes
from kitadesk.ops.payout import RunSummary
from kitadesk.ops.payout_report import export_run
from kitadesk.ops.payout_view import CarerPayRow, RunHead, RunView
from kitadesk.ui.context import AppContext
from kitadesk.ui.rights import gate
from kitadesk.ui.tasks import TaskControl, TaskHandle
from kitadesk.ui.views.payout_controller import PayoutController
from kitadesk.ui.views.payout_data import ask, blocker_text, box
from kitadesk.ui.views.payout_jobs import discard_job, draft_job, finalize_job
from kitadesk.ui.views.payout_release import ReleaseBar
from kitadesk.ui.views.payout_tables import TextRows
from kitadesk.ui.views.payout_widgets import EXPORTS, MONTHS, CarerList, LinesPane, MonthBar, RunHeader, RunNotes

__all__ = ["EXPORTS", "MONTHS", "PayoutPage", "discard_job", "draft_job", "finalize_job"]


class PayoutPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.view: RunView | None = None
        self._last_dir = Path.home()
        today = ctx.today()
        self.controller = PayoutController(self)

        title = QLabel("Auszahlung")
        title.setObjectName("pageTitle")
        bar = self.bar = MonthBar(today.year, today.month)
        self.month, self.year, self.status, self.progress = bar.month, bar.year, bar.status, bar.progress
        self.compute_button, self.finalize_button = bar.compute_button, bar.finalize_button
        self.discard_button, self.export_buttons, self.cancel_button = bar.discard_button, bar.export_buttons, \
            bar.cancel_button
        self.month.currentIndexChanged.connect(self.reload)
        self.year.valueChanged.connect(self.reload)
        self.compute_button.clicked.connect(self.compute)
        self.finalize_button.clicked.connect(self.finalize_run)
        self.discard_button.clicked.connect(self.discard_draft)
        for kind, button in self.export_buttons.items():
            button.clicked.connect(lambda _=False, k=kind: self.export(k))
        self.cancel_button.clicked.connect(self.cancel)
        self.inputs_button = bar.inputs_button
        self.inputs_button.clicked.connect(self.open_inputs)

        self.run_header = RunHeader()
        self.header, self.changed = self.run_header.header, self.run_header.changed
        self.carers = CarerList(self)
        self.carer_model, self.carer_proxy, self.carer_table = self.carers.model, self.carers.proxy, self.carers.table
        self.search, self.srt, self.count = self.carers.search, self.carers.srt, self.carers.count
        self.carer_table.selectionModel().currentRowChanged.connect(self._carer_changed)
        self.lines = LinesPane(self)
        self.carer_model.modelReset.connect(self._carers_reset)
        self.line_model, self.line_proxy, self.line_table = self.lines.model, self.lines.proxy, self.lines.table
        self.lines_label, self.why = self.lines.label, self.lines.why
        self.notes = RunNotes()
        self.warnings, self.srt_table, self.tabs = self.notes.warnings, self.notes.srt_table, self.notes.tabs

        lsplit = QSplitter(Qt.Orientation.Vertical)
        lsplit.addWidget(self.carers.widget)
        lsplit.addWidget(self.tabs)
        lsplit.setSizes([420, 180])
        main = QSplitter()
        main.addWidget(lsplit)
        main.addWidget(self.lines.widget)
        main.setStretchFactor(1, 1)
        main.setSizes([400, 860])
        self.release = ReleaseBar(ctx)  # "zur Freigabe" (issue 14.4, ui/views/payout_release.py)
        self.setLayout(box(QVBoxLayout(), title, bar.bar, bar.progress_row, self.header, self.release, self.changed,
                           (main, 1), margins=True))
        self.show_busy(None)
        self._show(RunView(today.year, today.month))
        ctx.bus.changed.connect(self._on_changed)

    # -- the controller's state, as tests and benchmarks read it
    @property
    def task(self) -> TaskHandle | None:
        return self.controller.task

    @property
    def check(self) -> TaskHandle | None:
        return self.controller.check

    @property
    def loaded(self) -> bool:
        return self.controller.loaded

    # -- month and loading
    def selected_month(self) -> tuple[int, int]:
        return self.bar.selected()

    def set_month(self, year: int, month: int) -> None:
        self.month.blockSignals(True)
        self.month.setCurrentIndex(month - 1)
        self.month.blockSignals(False)
        if self.year.value() != year:
            self.year.setValue(year)  # reloads
        else:
            self.reload()

    def activate(self) -> None:
        self.controller.activate()

    def _on_changed(self, changes) -> None:  # a method of the page: Qt drops it with the page
        self.controller.on_changed(changes)

    def reload(self) -> TaskHandle | None:
        return self.controller.reload()

    def show_busy(self, label: str | None) -> None:
        self.bar.show_busy(label)
        self._enable(self.view)

    def show_loading(self, text: str) -> None:
        if self.view is None or (self.view.year, self.view.month) != self.selected_month():
            self.header.setText(text)

    def error(self, text: str) -> None:
        QMessageBox.warning(self, "Auszahlung", text)

    # -- showing a run
    def _show(self, view: RunView, carers: TextRows | None = None) -> None:
        """Show a month's view; `carers`: its rows prepared off the GUI thread (controller)."""
        self.view = view
        self.run_header.show(view)
        self.lines.show_carer(None, None)
        self.notes.show(view)
        self.carers.set_rows(view.carers, carers)
        if view.summary is not None and view.report is not None and not view.final and not view.fresh:
            self.controller.check_changes(view.summary.run_id)  # just computed: unchanged
        self.release.forget()  # read the hand-over of the run shown anew
        self._enable(view)

    def _enable(self, view: RunView | None) -> None:
        """The bar's buttons; Abschließen only with the right (disabled with who may, ui/rights.py)."""
        self.bar.enable(self.task is None, view)
        run = self.task is None and view is not None and view.report is not None and not view.final
        gate(self.finalize_button, self.ctx.actor, "auszahlung_abschliessen", run)
        summary = view.summary if view is not None and view.report is not None else None
        self.release.show_run(summary.run_id if summary is not None else None, run)

    def _carers_reset(self) -> None:  # new rows or a filter: the list chooses again (CarerList.filter)
        self.lines.show_carer(None, None)

    def _carer_changed(self, current, _previous=None) -> None:
        self.lines.show_carer(self.view, self.carers.row_at(current))

    def current_carer(self) -> CarerPayRow | None:
        return self.carers.current()

    def select_carer(self, nr: str) -> bool:
        return self.carers.select(nr)

    def select_line(self, proxy_row: int) -> None:
        self.lines.select(proxy_row)

    # -- actions
    def compute(self) -> TaskHandle | None:
        """Compute the month's draft in the worker; returns the TaskHandle (None when busy)."""
        if self.task is not None:
            return None
        year, month = self.selected_month()
        return self.controller.work(f"Berechne {month_label(year, month)} …", draft_job, (year, month),
                                    "Entwurf berechnet.")

    def cancel(self) -> None:
        self.controller.cancel()

    def _draft(self) -> tuple[RunView, RunSummary, RunHead] | None:
        """The shown draft (view, summary, report) when idle, else None."""
        view = self.view
        if self.task is not None or view is None or view.summary is None or view.report is None or view.final:
            return None
        return view, view.summary, view.report

    def finalize_run(self) -> TaskHandle | None:
        """Finalize after a confirmation naming month, total and payees (Leitung only)."""
        draft = self._draft()
        if draft is None:
            return None
        view, s, report = draft
        try:
            self.ctx.actor.require("auszahlung_abschliessen")
        except PermissionDenied as exc:
            self.status.setText(str(exc))
            self.error(str(exc))
            return None
        if not ask(self, "Auszahlungslauf abschließen", (
                f"Den Auszahlungslauf {s.number} für {month_label(view.year, view.month)} abschließen?\n\n"
                f"Summe: {money(report.total)}\n"
                f"Zahlungen: {s.payments} Tagespflegepersonen ({s.carers} mit Positionen)\n"
                f"Prüfsumme: {s.digest}\n\n"
                f"{blocker_text(view.sepa_blockers)}"
                "Danach ist der Lauf unveränderlich; spätere Änderungen werden als Korrektur im nächsten "
                "offenen Monat gebucht.")):
            return None
        return self.controller.work(f"Schließe Lauf {s.number} ab …", finalize_job,
                                    (s.run_id, s.digest, self.ctx.today(), view.year, view.month),
                                    f"Lauf {s.number} abgeschlossen.")

    def discard_draft(self) -> TaskHandle | None:
        draft = self._draft()
        if draft is None or not ask(self, "Entwurf verwerfen", f"Den Entwurf {draft[1].number} verwerfen?"):
            return None
        view, run_id = draft[0], draft[1].run_id
        return self.controller.work("Verwerfe Entwurf …", discard_job, (run_id, view.year, view.month),
                                    "Entwurf verworfen.", changes=Changes.record(PAYOUT, run_id))

    def open_inputs(self):
        """The month's payout inputs (ui/views/pay_records); a change marks the draft stale (bus)."""
        from kitadesk.ui.views.pay_records import open_for_month

        return open_for_month(self, self.ctx, *self.selected_month())

    def export(self, kind: str) -> TaskHandle | None:
        """Ask for a file name and write the export in the worker; returns the TaskHandle."""
        view = self.view
        if self.task is not None or view is None or view.report is None or view.summary is None:
            return None
        _label, title, pattern, suffix = EXPORTS[kind]
        name = f"Auszahlung_{view.year}-{view.month:02d}{'_SEPA' if kind == 'sepa' else ''}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, title, str(self._last_dir / name), pattern)
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        self._last_dir = target.parent
        store, user, run_id = self.ctx.store, self.ctx.user, view.summary.run_id

        paths: dict[str, Any] = {kind: target}

        def work(_control: TaskControl) -> Path:
            export_run(store, user, run_id, **paths)
            return target

        return self.controller.job(f"Schreibe {target.name} …", work,
                                   lambda written: self.status.setText(f"Gespeichert: {written}"))
