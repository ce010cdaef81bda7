"""Screen "Auszahlung" (berechnung.md §8, interfaces.md §4): choose a month, compute the draft
in the background (progress, "Abbrechen"), check carers, lines and the "Warum?" of each line,
warnings and totals per SRT; finalize after a confirmation; export xlsx, PDF and (finalized
runs only) SEPA. Figures come from the ops; database work runs in the worker (ui/tasks.py)."""

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.errors import PermissionDenied
from kitadesk.formats import money, month_label
from kitadesk.models import SRTS
from kitadesk.ops.payout import Cancelled, delete_draft
from kitadesk.ops.payout_report import export_run
from kitadesk.ui.context import AppContext
from kitadesk.ui.tasks import gc_held, run_in_process, run_task
from kitadesk.ui.views.payout_data import (
    CarerPayModel,
    CarerPayRow,
    LineModel,
    RunView,
    ask,
    blocker_text,
    box,
    count,
    fill_srt_table,
    header_html,
    line_rows,
    load_view,
    make_srt_table,
    make_table,
    release_view_later,
)
from kitadesk.ui.views.payout_jobs import changes_job, compute_job, finalize_job
from kitadesk.ui.widgets.why_panel import WhyPanel

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
EXPORTS = {  # kind: (button, dialog title, file filter, suffix)
    "xlsx": ("Excel …", "Auszahlung als Excel-Arbeitsmappe speichern", "Excel-Arbeitsmappe (*.xlsx)", ".xlsx"),
    "pdf": ("PDF …", "Auszahlungsliste als PDF speichern", "PDF-Dokument (*.pdf)", ".pdf"),
    "sepa": ("SEPA …", "SEPA-Überweisungsdatei speichern", "SEPA-Datei pain.001 (*.xml)", ".xml"),
}


class PayoutPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.view: RunView | None = None
        self.task = None  # the running TaskHandle (one at a time)
        self.check = None  # "changed since" check
        self.loaded = self._stale = self._pending = self._loading = False
        self._done_text = ""
        self._children = None  # Kind-Nr → name, read once (again after children changed)
        self._last_dir = Path.home()
        today = ctx.today()

        title = QLabel("Auszahlung")
        title.setObjectName("pageTitle")
        self.month = QComboBox()
        self.month.addItems(MONTHS)
        self.month.setCurrentIndex(today.month - 1)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.month.currentIndexChanged.connect(self.reload)
        self.year.valueChanged.connect(self.reload)
        self.compute_button = QPushButton("Berechnen")
        self.compute_button.setToolTip("Entwurf des Monats berechnen (ersetzt den bisherigen Entwurf)")
        self.compute_button.clicked.connect(self.compute)
        self.finalize_button = QPushButton("Abschließen …")
        self.finalize_button.setToolTip("Lauf abschließen – danach unveränderlich (Recht „Auszahlungslauf abschließen“)")
        self.finalize_button.clicked.connect(self.finalize_run)
        self.discard_button = QPushButton("Entwurf verwerfen …")
        self.discard_button.clicked.connect(self.discard_draft)
        self.export_buttons = {kind: QPushButton(label) for kind, (label, *_rest) in EXPORTS.items()}
        for kind, button in self.export_buttons.items():
            button.clicked.connect(lambda _=False, k=kind: self.export(k))
        bar = box(QHBoxLayout(), QLabel("Monat:"), self.month, self.year, self.compute_button, self.finalize_button,
                  self.discard_button, (QWidget(), 1), QLabel("Export:"), *self.export_buttons.values())
        self.export_buttons["sepa"].setToolTip("SEPA-Datei (pain.001) – nur für abgeschlossene Läufe")

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Abbrechen")
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setWordWrap(True)
        prow = box(QHBoxLayout(), (self.progress, 2), self.cancel_button, (self.status, 3))
        # showing/hiding the progress row or a longer status must not move the tables: a relayout
        # repaints the whole page (~50 ms at 10×, each cell asks the models in Python)
        for widget in (self.progress, self.cancel_button):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        self.status.setMinimumHeight(2 * self.status.fontMetrics().lineSpacing())

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

        self.carer_model = CarerPayModel()
        self.carer_proxy, self.carer_table = make_table(self.carer_model, 1, self)
        self.carer_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.carer_table.selectionModel().currentRowChanged.connect(self._carer_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Suchen: Nr., Name …")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.srt = QComboBox()
        self.srt.addItem("Alle SRT", None)
        for srt in SRTS:
            self.srt.addItem(f"SRT {srt}", srt)
        self.srt.currentIndexChanged.connect(self._filter)
        self.count = QLabel()
        left = box(QVBoxLayout(), box(QHBoxLayout(), (self.search, 1), self.srt), (self.carer_table, 1), self.count,
                   widget=True)

        self.line_model = LineModel()
        self.line_proxy, self.line_table = make_table(self.line_model, 0, self)
        self.line_table.selectionModel().currentRowChanged.connect(self._line_changed)
        self.line_table.setMinimumWidth(700)  # the carers' list gives way in a narrow window
        self.lines_label = QLabel("Positionen")
        self.lines_label.setStyleSheet("font-weight: 600;")
        self.why = WhyPanel()
        rsplit = QSplitter(Qt.Orientation.Vertical)
        rsplit.addWidget(self.line_table)
        rsplit.addWidget(self.why)
        rsplit.setSizes([290, 320])
        right = box(QVBoxLayout(), self.lines_label, (rsplit, 1), widget=True)

        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.warnings.setLayoutMode(QListWidget.LayoutMode.Batched)  # hundreds of wrapped lines at 10×
        self.srt_table = make_srt_table()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.warnings, "Hinweise")
        self.tabs.addTab(self.srt_table, "Summen je SRT")
        lsplit = QSplitter(Qt.Orientation.Vertical)
        lsplit.addWidget(left)
        lsplit.addWidget(self.tabs)
        lsplit.setSizes([420, 180])
        main = QSplitter()
        main.addWidget(lsplit)
        main.addWidget(right)
        main.setStretchFactor(1, 1)
        main.setSizes([400, 860])

        self.setLayout(box(QVBoxLayout(), title, bar, prow, self.header, self.changed, (main, 1), margins=True))
        self._set_busy(None)
        self._show(RunView(today.year, today.month))
        ctx.bus.changed.connect(self._on_changed)

    # -- month and loading
    def selected_month(self) -> tuple[int, int]:
        return self.year.value(), self.month.currentIndex() + 1

    def set_month(self, year: int, month: int) -> None:
        self.month.blockSignals(True)
        self.month.setCurrentIndex(month - 1)
        self.month.blockSignals(False)
        if self.year.value() != year:
            self.year.setValue(year)  # reloads
        else:
            self.reload()

    def activate(self) -> None:
        if not self.loaded or self._stale:
            self.reload()

    def _on_changed(self, entities) -> None:
        if "child" in entities:
            self._children = None
        if entities - {"payout"}:
            self._stale = True
            if self.isVisible() and self.task is None:
                self.reload()

    def reload(self):
        """Load the selected month's run in the background (after the running task, if any)."""
        if self.task is not None:
            self._pending = True
            return None
        year, month = self.selected_month()
        self.loaded, self._stale, self._pending = True, False, False
        return self._run(f"Lade {month_label(year, month)} …", lambda control: None, "", busy=False)

    def _run(self, label: str, op, done: str, busy: bool = True, job: tuple | None = None):
        """Run `op(control)` (→ RunSummary or None) and load the month's view, all in the worker;
        a `job` (fn, *args) runs in a worker process instead of op (payout_jobs.py)."""
        store, user, children = self.ctx.store, self.ctx.user, self._children
        year, month = self.selected_month()

        def view(control, summary):
            with gc_held():
                control.progress(1, 1)
                shown = load_view(store, user, year, month, summary, children)
                shown.fresh = summary is not None
                return shown

        return self._start(lambda control: view(control, op(control)), label, busy, done, job, view)

    def _start(self, fn, label: str, busy: bool = True, done: str = "", job: tuple | None = None, then=None):
        # slots are methods of the page: Qt drops the connections when the page is destroyed
        handle = self.task = run_in_process(*job, then=then) if job else run_task(fn)
        self._loading, self._done_text = not busy, done
        self._set_busy(label if busy else None, loading=label)
        handle.progress.connect(self._progress)
        handle.finished.connect(self._finished)
        handle.failed.connect(self._failed)
        handle.cancelled.connect(self._cancelled)
        return handle

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        if total and done >= total:
            self.progress.setFormat("Ergebnis wird geladen …")

    def _idle(self) -> bool:
        """The task ended; False when a reload was asked for meanwhile (it starts now)."""
        self.task = None
        self._set_busy(None)
        if self._pending:
            self.reload()
            return False
        return True

    def _finished(self, result) -> None:
        done = self._done_text
        if isinstance(result, RunView):
            self._children = result.children or self._children
        if self._idle() and isinstance(result, RunView):
            if (result.year, result.month) == self.selected_month():
                self._show(result)
            else:
                self.reload()
        if isinstance(result, Path):
            self.status.setText(f"Gespeichert: {result}")
        elif done:
            self._done(done)

    def _failed(self, exc) -> None:
        load = self._loading
        self._idle()
        if isinstance(exc, Cancelled):
            self.status.setText("Berechnung abgebrochen – es wurde nichts gespeichert.")
        else:
            self.status.setText(str(exc).splitlines()[0])
            self.error(str(exc))
        if not load:  # show what is stored now
            self.reload()

    def _cancelled(self) -> None:
        self._idle()
        self.status.setText("Abgebrochen.")
        self.reload()

    def error(self, text: str) -> None:
        QMessageBox.warning(self, "Auszahlung", text)

    def _set_busy(self, label: str | None, loading: str = "") -> None:
        busy = self.task is not None
        computing = label is not None
        self.progress.setVisible(computing)
        self.cancel_button.setVisible(computing)
        if computing:
            self.progress.setRange(0, 0)
            self.progress.setFormat("%v von %m")
            self.status.setText(label)
        elif loading and (self.view is None or (self.view.year, self.view.month) != self.selected_month()):
            self.header.setText(loading)
        for w in (self.month, self.year):
            w.setEnabled(not busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle, final = self.task is None, bool(self.view and self.view.final)
        run = idle and bool(self.view and self.view.report)
        self.compute_button.setEnabled(idle and not final)
        self.finalize_button.setEnabled(run and not final)
        self.discard_button.setEnabled(run and not final)
        for kind, button in self.export_buttons.items():
            button.setEnabled(run and (final or kind != "sepa"))

    # -- showing a run
    def _show(self, view: RunView) -> None:
        old, self.view = self.view, view
        if old is not None and old is not view and old.report is not None:
            release_view_later(old, self)  # not at once: freeing its 30,000 lines stalled the window
        self.warnings.clear()
        self.changed.clear()
        self.why.clear()
        self.line_model.set_rows([])
        self.header.setText(header_html(view))
        fill_srt_table(self.srt_table, view)
        self.carer_model.set_rows(view.carers)
        self.warnings.addItems(view.warnings or ([] if view.report is None else ["Keine Hinweise."]))
        self.tabs.setTabText(0, f"Hinweise ({len(view.warnings)})" if view.report else "Hinweise")
        if view.report is not None and not view.final and not view.fresh:  # just computed: unchanged
            self._check_changes(view.summary.run_id)
        self._update_count()
        self._update_buttons()
        if self.carer_proxy.rowCount():
            self.carer_table.selectRow(0)

    def _check_changes(self, run_id: int) -> None:
        self.check = run_in_process(changes_job, self.ctx.store.url, run_id)  # digests of all inputs
        self.check.finished.connect(self._changes)

    def _changes(self, labels: list[str]) -> None:
        current = self.check is not None and self.check.result is labels  # not an older check
        if current and labels and self.view and self.view.report and not self.view.final:
            self.changed.setText(f"Seit der Berechnung geändert: {', '.join(labels)} – bitte neu berechnen, "
                                 "bevor der Lauf abgeschlossen wird.")

    def _filter(self) -> None:
        self.carer_proxy.set_search(self.search.text())
        self.carer_proxy.set_srt(self.srt.currentData())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.carer_proxy.rowCount(), self.carer_model.rowCount()
        text = count(total, "Tagespflegeperson", "Tagespflegepersonen")
        self.count.setText(f"{shown:,} von {text}".replace(",", ".") if shown != total else text)

    def _carer_changed(self, current, _previous=None) -> None:
        row = self.carer_proxy.row_object(current.row()) if current.isValid() else None
        self.why.clear()
        if row is None or self.view is None:
            self.line_model.set_rows([])
            self.lines_label.setText("Positionen")
            return
        self.line_model.set_rows(line_rows(self.view, row.nr))
        self.lines_label.setText(f"Positionen von {row.nr} – {row.name} ({row.srt}): {money(row.amount)}")
        if self.line_proxy.rowCount():
            self.line_table.selectRow(0)

    def _line_changed(self, current, _previous=None) -> None:
        row = self.line_proxy.row_object(current.row()) if current.isValid() else None
        carer = self.current_carer()
        if row is None:
            self.why.clear()
        else:
            self.why.show_line(row.line, f"{carer.nr} – {carer.name}" if carer else "",
                               row.child if row.line.child_nr else "")

    def current_carer(self) -> CarerPayRow | None:
        index = self.carer_table.currentIndex()
        return self.carer_proxy.row_object(index.row()) if index.isValid() else None

    def select_carer(self, nr: str) -> bool:
        rows = [i for i, r in enumerate(self.carer_model.rows()) if r.nr == nr]
        index = self.carer_proxy.mapFromSource(self.carer_model.index(rows[0], 0)) if rows else None
        if index is None or not index.isValid():
            return False
        self.carer_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def select_line(self, proxy_row: int) -> None:
        self.line_table.selectionModel().setCurrentIndex(
            self.line_proxy.index(proxy_row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    # -- actions
    def compute(self):
        """Compute the month's draft in the worker; returns the TaskHandle (None when busy)."""
        if self.task is not None:
            return None
        store, user = self.ctx.store, self.ctx.user
        year, month = self.selected_month()
        return self._run(f"Berechne {month_label(year, month)} …", None, "Entwurf berechnet.",
                         job=(compute_job, store.url, user, year, month))

    def _done(self, text: str) -> None:
        self.status.setText(text)
        self.ctx.bus.notify({"payout"})

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText("Wird abgebrochen …")

    def _draft(self):
        view = self.view
        ok = self.task is None and view is not None and view.report is not None and not view.final
        return view if ok else None

    def finalize_run(self):
        """Finalize after a confirmation naming month, total and payees (Leitung only)."""
        view = self._draft()
        if view is None:
            return None
        try:
            self.ctx.actor.require("auszahlung_abschliessen")
        except PermissionDenied as exc:
            self.status.setText(str(exc))
            self.error(str(exc))
            return None
        s = view.summary
        if not ask(self, "Auszahlungslauf abschließen", (
                f"Den Auszahlungslauf {s.number} für {month_label(view.year, view.month)} abschließen?\n\n"
                f"Summe: {money(view.report.total)}\n"
                f"Zahlungen: {s.payments} Tagespflegepersonen ({s.carers} mit Positionen)\n"
                f"Prüfsumme: {s.digest}\n\n"
                f"{blocker_text(view.sepa_blockers)}"
                "Danach ist der Lauf unveränderlich; spätere Änderungen werden als Korrektur im nächsten "
                "offenen Monat gebucht.")):
            return None
        store, user, today = self.ctx.store, self.ctx.user, self.ctx.today()
        return self._run(f"Schließe Lauf {s.number} ab …", None, f"Lauf {s.number} abgeschlossen.",
                         job=(finalize_job, store.url, user, s.run_id, s.digest, today))

    def discard_draft(self):
        view = self._draft()
        if view is None or not ask(self, "Entwurf verwerfen", f"Den Entwurf {view.summary.number} verwerfen?"):
            return None
        store, user, run_id = self.ctx.store, self.ctx.user, view.summary.run_id
        return self._run("Verwerfe Entwurf …", lambda c: delete_draft(store, user, run_id) and None,
                         "Entwurf verworfen.")

    def export(self, kind: str):
        """Ask for a file name and write the export in the worker; returns the TaskHandle."""
        view = self.view
        if self.task is not None or view is None or view.report is None:
            return None
        _label, title, pattern, suffix = EXPORTS[kind]
        name = f"Auszahlung_{view.year}-{view.month:02d}{'_SEPA' if kind == 'sepa' else ''}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, title, str(self._last_dir / name), pattern)
        if not path:
            return None
        path = Path(path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self._last_dir = path.parent
        store, user, run_id = self.ctx.store, self.ctx.user, view.summary.run_id

        def work(control):
            export_run(store, user, run_id, **{kind: path})
            return path

        return self._start(work, f"Schreibe {path.name} …")
