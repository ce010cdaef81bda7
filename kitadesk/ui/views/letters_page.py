"""Screen "Bescheide" (R-V5, issue 14.3): the due letters of the desk — filter by SRT (default: the
user's own) and kind, a tick per letter (Leertaste, "Alle"/"Keine"), "Erstellen" (Enter) makes ONLY
the ticked ones in the worker (progress, cancel) —, a zoomable preview of all pages, printing as
vector pages, "Ablehnung …", the archive (letters_archive.py) and the Elternbeiträge (fee_list_tab.py)."""


from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDateEdit, QLabel, QMessageBox, QSplitter, QTabWidget, QWidget

from kitadesk.ops import letters as ops
from kitadesk.ops.changes import CARER, CHILD, LETTERS, PAYOUT, PLACEMENT, Changes
from kitadesk.ops.letters.desk import due_for_desk, produce_chosen
from kitadesk.ops.payout import Cancelled
from kitadesk.ui.context import AppContext
from kitadesk.ui.op import error_text
from kitadesk.ui.printing import ask_printer, print_pdf
from kitadesk.ui.tasks import TaskCancelled, run_task
from kitadesk.ui.views.letters_common import (
    button,
    column,
    current_row,
    kind_box,
    label,
    row,
    save_pdf,
    srt_box,
    table,
)
from kitadesk.ui.views.letters_due import DueModel, DueTable
from kitadesk.ui.widgets.pdf_view import PdfView

REFUSAL_NOTE = "Ablehnungen sind nie fällig: „Ablehnung …“ erstellt eine auf Antrag (Kind oder Tagespflegeperson)."


def _produce(control, store, user, year, month, keys, today):
    try:
        return produce_chosen(store, user, year, month, keys, progress=control.progress,
                              cancel=lambda: control.cancelled, today=today, workers=1)
    except Cancelled as exc:
        raise TaskCancelled() from exc


def _load(control, store, user, year, month, srt, kind, token):
    return token, due_for_desk(store, user, year, month, srt, kind)


def _preview(control, store, user, due, today):
    pdf = ops.reprint(store, user, due.archived_id) if due.archived_id else ops.preview_letter(store, user, due, today)
    return due, pdf


def _print(control, store, user, pdf, printer):
    return print_pdf(control, pdf, printer)


class LettersPage(QWidget):
    """Bescheide: fällige Briefe je SRT und Art, Vorschau, Erstellen, Drucken, Archiv, Elternbeiträge."""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        from kitadesk.ui.views.fee_list_tab import FeeListTab
        from kitadesk.ui.views.letters_archive import ArchiveTab

        self.ctx = ctx
        self.last_batch: ops.BatchResult | None = None
        self.tasks: dict[str, object] = {}
        self._preview_for: ops.DueLetter | None = None
        self._token = 0
        self._batch_note = ""  # "n Briefe erstellt …": kept in the status over the reload it causes
        self.loaded = False
        title = QLabel("Bescheide")
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._due_tab(), "Fällige Briefe")
        self.archive = ArchiveTab(self)
        self.tabs.addTab(self.archive, "Archiv")
        self.fees = FeeListTab(ctx, self)
        self.tabs.addTab(self.fees, "Elternbeiträge")
        self.tabs.currentChanged.connect(self._tab_changed)
        column(self, title, self.tabs)
        ctx.bus.changed.connect(self._data_changed)

    def _due_tab(self) -> QWidget:
        today = self.ctx.today()
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setDisplayFormat("MM.yyyy")
        self.month.setToolTip("Monat der Bescheide (bei Jahresbescheinigungen: das Jahr)")
        self.srt = srt_box(self.ctx.srt)
        self.kind = kind_box()
        self.refresh_button = button("Aktualisieren", self.reload, "Liste neu ermitteln (F5)")
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.all_button = button("Alle", lambda: self._tick_all(True), "Alle Briefe der Liste ankreuzen")
        self.none_button = button("Keine", lambda: self._tick_all(False), "Kein Häkchen")
        self.refuse_button = button("Ablehnung …", self.refuse, "Einen Antrag ablehnen: Ablehnungsbescheid erstellen")
        self.create_button = button("Erstellen", self.create_letters,
                                    "Die angekreuzten Briefe erstellen und archivieren (Enter)")
        self.create_button.setDefault(True)
        self.month.dateChanged.connect(self.reload)
        self.srt.currentIndexChanged.connect(self.reload)
        self.kind.currentIndexChanged.connect(self.reload)
        bar = row("Monat", self.month, self.srt, "Art", self.kind, self.refresh_button, self.all_button,
                  self.none_button, None, self.refuse_button, self.create_button)
        self.due_model = DueModel()
        self.due_model.dataChanged.connect(lambda *_: self._update_create())
        self.due_view = table(self.due_model, DueTable(self.create_letters), multi=True)
        self.due_view.selectionModel().currentRowChanged.connect(lambda *_: self.show_preview())
        self.preview = PdfView()
        self.preview.setMinimumWidth(340)
        split = QSplitter()
        split.addWidget(self.due_view)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1)
        split.setSizes([840, 400])
        self.notes, self.status = label(""), label("")
        self.print_button = button("Drucken …", self.print_batch, "Die zuletzt erstellten Briefe drucken", False)
        self.save_button = button("Als PDF speichern …", self.save_batch,
                                  "Die zuletzt erstellten Briefe als eine PDF-Datei speichern", False)
        status = row(self.status, self.print_button, self.save_button)
        status.setStretch(0, 1)
        return column(QWidget(), bar, self.notes, split, status)

    # -- loading
    def period(self) -> tuple[int, int | None, str | None, str | None]:
        """(year, month — None for Jahresbescheinigungen —, SRT, kind)."""
        d, kind = self.month.date(), self.kind.currentData()
        return d.year(), None if kind == "jahr" else d.month(), self.srt.currentData(), kind

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.activate()

    def activate(self) -> None:
        if not self.loaded:
            self.reload()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.archive:
            self.archive.load()
        elif self.tabs.widget(index) is self.fees:
            self.fees.activate()

    def _data_changed(self, entities) -> None:
        if self.loaded and entities & {PAYOUT, PLACEMENT, CHILD, CARER, LETTERS}:
            self.reload()
            if self.tabs.currentWidget() is self.archive:
                self.archive.load()

    def reload(self) -> None:
        """Load the due list in the background."""
        self.loaded = True
        year, month, srt, kind = self.period()
        self._token += 1
        if kind == "ablehnung":
            self.due_model.set_rows([])
            self.notes.setText(REFUSAL_NOTE)
            self.notes.show()
            self.status.setText("")
            self._update_create()
            return self.preview.show_text("Keine Briefe fällig.")
        self.status.setText("Fällige Briefe werden ermittelt …")
        self._start("load", self._loaded, self._load_failed, _load, year, month, srt, kind, self._token)

    def _start(self, key: str, done, failed, fn, *args, **kwargs):
        """Run fn(control, store, user, *args) in the worker; bound-method slots are disconnected
        by Qt when the page goes away."""
        handle = self.tasks[key] = run_task(fn, self.ctx.store, self.ctx.user, *args, **kwargs)
        handle.finished.connect(done)
        handle.failed.connect(failed)
        return handle

    def _loaded(self, result) -> None:
        token, due = result
        if token != self._token:
            return  # a newer request is on its way
        self.due_model.set_rows(due.letters)
        self.notes.setText("\n".join(due.notes))
        self.notes.setVisible(bool(due.notes))
        ready = len(due.ready)
        done = sum(1 for d in due.letters if d.archived_id is not None)
        problems = len(due.letters) - ready - done
        where = self.srt.currentText()
        text = f"{where}: {len(due.letters)} Briefe fällig – {ready} offen, {done} bereits archiviert"
        text += (f", {problems} nicht möglich (Daten prüfen)" if problems else "") + "."
        note, self._batch_note = self._batch_note, ""  # the batch just made stays in view once
        self.status.setText(f"{note} {text}" if note else text)
        self._update_create()
        if due.letters:
            self.due_view.selectRow(0)
        else:
            self.preview.show_text("Keine Briefe fällig.", "Vorschau")

    def _update_create(self) -> None:
        chosen = len(self.due_model.chosen())
        self.create_button.setEnabled(chosen > 0)
        self.create_button.setText(f"{chosen} erstellen" if chosen else "Erstellen")

    def _tick_all(self, on: bool) -> None:
        self.due_model.set_checked(range(self.due_model.rowCount()), on)

    # -- preview
    def selected_due(self):
        return current_row(self.due_view)

    def show_preview(self) -> None:
        due = self.selected_due()
        if due is None:
            return
        self._preview_for = due
        caption = f"Vorschau: {due.label} – {due.recipient}"
        if due.problem and due.archived_id is None:
            return self.preview.show_text(f"Dieser Brief kann nicht erstellt werden:\n{due.problem}", caption)
        self.preview.show_text("Vorschau wird erstellt …", caption)
        self._start("preview", self._previewed, self._preview_failed, _preview, due, self.ctx.today())

    def _previewed(self, result: tuple[ops.DueLetter, bytes]) -> None:
        due, pdf = result
        if due is self._preview_for:
            self.preview.set_pdf(pdf, f"Vorschau: {due.label} – {due.recipient}")

    def _preview_failed(self, exc) -> None:
        self.preview.show_text(f"Keine Vorschau: {getattr(exc, 'message', exc)}")

    # -- producing
    def create_letters(self) -> None:
        """Only the ticked letters (ops.letters.desk.produce_chosen), in the worker."""
        chosen = self.due_model.chosen()
        if not chosen:
            self.status.setText("Kein Brief angekreuzt – bitte die zu erstellenden Briefe ankreuzen (Leertaste).")
            return
        year, month, _srt, _kind = self.period()
        self.create_button.setEnabled(False)
        self.status.setText(f"{len(chosen)} Briefe werden erstellt …")
        handle = self._start("produce", self._produced, self._failed, _produce, year, month,
                             [d.key for d in chosen], self.ctx.today(),
                             parent=self, title="Bescheide erstellen", label="Briefe werden erstellt …")
        handle.cancelled.connect(self._cancelled)

    def _produced(self, result: ops.BatchResult) -> None:
        self.last_batch = result if result.letters else self.last_batch
        for widget in (self.print_button, self.save_button):
            widget.setEnabled(self.last_batch is not None)
        skipped = [d for d in result.skipped if d.archived_id is None]
        self._batch_note = (f"{len(result.letters)} Briefe erstellt und archiviert"
                            + (f", {len(skipped)} nicht möglich." if skipped else ".")
                            + (" Jetzt „Drucken …“." if result.letters else ""))
        self.ctx.bus.notify(Changes.of(LETTERS))  # reloads this list (its status keeps the note)
        self.status.setText(self._batch_note)

    def _cancelled(self) -> None:
        self._update_create()
        self.status.setText("Abgebrochen – es wurde nichts archiviert.")

    def _load_failed(self, exc) -> None:
        self._failed(exc, popup=False)

    def _failed(self, exc, popup: bool = True) -> None:
        self._update_create()
        text = error_text(exc)  # German; never raw exception text
        self.status.setText(f"Fehler: {getattr(exc, 'message', None) or text}")
        if popup and self.isVisible():
            QMessageBox.warning(self, "Bescheide", text)

    # -- printing and saving (also used by the archive and the Ablehnung)
    def print_batch(self) -> None:
        if self.last_batch is not None:
            self.print_letters(self.last_batch.combined)

    def save_batch(self) -> None:
        if self.last_batch is not None:
            self.save_pdf(self.last_batch.combined, f"Druckdatei_{self.last_batch.period}.pdf")

    def print_letters(self, pdf: bytes | None, printer=None):
        """Print dialog, then the pages (vector) in the background; with `printer`: no dialog."""
        if not pdf:
            return None
        printer = printer or ask_printer(self, "Bescheide drucken")
        if printer is None:
            return None
        self._printer = printer  # alive until the task ends
        return self._start("print", self._printed, self._failed, _print, pdf, printer, parent=self, title="Drucken",
                           label="Seiten werden gedruckt …")

    def _printed(self, pages: int) -> None:
        self.status.setText(f"{pages} Seiten an den Drucker übergeben.")
        self.archive.status.setText(self.status.text())

    def save_pdf(self, pdf: bytes | None, name: str, path: str | None = None) -> str | None:
        saved = save_pdf(self, pdf, name, path)
        if saved:
            self.status.setText(f"Gespeichert: {saved}")
        return saved

    def refuse(self) -> None:
        from kitadesk.ui.views.refusal_dialog import RefusalDialog

        self.refusal = RefusalDialog(self)
        self.refusal.setModal(True)
        self.refusal.show()
