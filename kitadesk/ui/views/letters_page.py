"""Screen "Bescheide": due letters of a month (R-V5) with preview, "Erstellen" in the worker
(progress, cancel), "Drucken" (QPrintDialog), and the archive with reprints (R-V3).
Page images come from PDFium (reports/letters/output.py). Printing uses the full sheet
(no printer margins), so the address stays in the envelope window."""

from PySide6.QtCore import QDate, QRectF, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.errors import KitaDeskError
from kitadesk.formats import day, money
from kitadesk.ops import letters as ops
from kitadesk.ops.letters.pages import page_images
from kitadesk.ops.payout import Cancelled
from kitadesk.reports.letters import page_count, render_page_png
from kitadesk.ui.context import AppContext
from kitadesk.ui.models.base import Column, RowTableModel
from kitadesk.ui.tasks import TaskCancelled, run_task

KINDS = (("Alle Bescheide des Monats", None), ("Tagespflegepersonen", "carer"), ("Eltern", "parent"),
         ("Änderungsbescheide", "changed"), ("Jahresbescheinigungen (Jahr)", "annual"))
PREVIEW_DPI = 72  # rendered, then scaled to the width of the preview pane


def _amount(value) -> str:
    return money(value) if value is not None else ""


def _state(d) -> str:
    return "archiviert" if d.archived_id is not None else ("Problem" if d.problem else "offen")


class _Tips(RowTableModel):
    TIPS: dict = {}  # column → full text for the tooltip (cells do not wrap)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        tip = self.TIPS.get(index.column()) if role == Qt.ItemDataRole.ToolTipRole else None
        return tip(self.row_at(index.row())) if tip and index.isValid() else super().data(index, role)


def _col(header: str, text, width: int, value=None) -> Column:
    return Column(header, text, value or text, numeric=value is not None, width=width)


class DueModel(_Tips):
    COLUMNS = (
        _col("Art", lambda d: d.short_label, 132), _col("Empfänger", lambda d: d.recipient, 184),
        _col("SRT", lambda d: d.srt, 68), _col("bisher", lambda d: _amount(d.old_amount), 78, lambda d: d.old_amount),
        _col("neu", lambda d: _amount(d.new_amount), 78, lambda d: d.new_amount), _col("Status", _state, 72),
        _col("Anlass", lambda d: d.reason, 120),
    )
    TIPS = {0: lambda d: d.label, 1: lambda d: d.full_recipient, 5: lambda d: d.status, 6: lambda d: d.reason}

    def search_text(self, row) -> str:
        return f"{row.recipient} {row.nr} {row.reason}"

    def tone(self, row) -> str | None:
        return "bad" if row.problem and row.archived_id is None else None


class ArchiveModel(_Tips):
    COLUMNS = (
        Column("Datum", lambda a: day(a.datum), lambda a: (a.datum, a.id), width=90),
        _col("Art", lambda a: a.label, 190), _col("Aktenzeichen", lambda a: a.aktenzeichen, 150),
        _col("Empfänger", lambda a: a.empfaenger, 230), _col("Betreff", lambda a: a.betreff, 360),
        _col("Zeitraum", lambda a: a.monat or "", 80), _col("erstellt von", lambda a: a.erstellt_von, 100),
    )
    TIPS = {3: lambda a: a.empfaenger, 4: lambda a: a.betreff, 6: lambda a: f"am {a.erstellt_am:%d.%m.%Y %H:%M}"}

    def search_text(self, row) -> str:
        return f"{row.empfaenger} {row.aktenzeichen} {row.betreff}"


def _button(text: str, slot, tip: str = "", enabled: bool = True) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setEnabled(enabled)
    button.clicked.connect(slot)
    return button


def _row(*items) -> QHBoxLayout:
    """A row of widgets; None adds the stretch."""
    bar = QHBoxLayout()
    for item in items:
        bar.addStretch(1) if item is None else bar.addWidget(item)
    return bar


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _column(widget: QWidget, *items) -> QWidget:
    """Lay out layouts and widgets top to bottom; a splitter or table takes the free height."""
    layout = QVBoxLayout(widget)
    for item in items:
        if isinstance(item, QHBoxLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item, 1 if isinstance(item, (QSplitter, QTableView, QScrollArea)) else 0)
    return widget


def _selected(view: QTableView):
    index = view.currentIndex()
    return view.model().row_at(index.row()) if index.isValid() else None


def _table(model: RowTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the print order
    view.setSortingEnabled(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    for i, col in enumerate(model.COLUMNS):
        view.setColumnWidth(i, col.width)
    return view


def print_pdf(control, pdf: bytes, printer: QPrinter, chunk: int = 10) -> int:
    """Task: paint every page of `pdf` onto `printer` (full sheet); returns the number of pages.
    QPainter on a QPrinter may run in a worker thread."""
    pages = page_count(pdf)
    dpi = max(150, min(printer.resolution(), 300))
    painter = QPainter()
    if not painter.begin(printer):
        raise KitaDeskError("Der Drucker konnte nicht geöffnet werden.")
    try:
        target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        for first in range(1, pages + 1, chunk):
            control.check()
            last = min(pages, first + chunk - 1)
            for n, png in enumerate(page_images(pdf, first, last, dpi), start=first):
                if n > 1:
                    printer.newPage()
                painter.drawImage(target, QImage.fromData(png))
            control.progress(last, pages)
    finally:
        painter.end()
    return pages


def _print(control, store, user, pdf, printer):
    return print_pdf(control, pdf, printer)


def _produce(control, store, user, year, month, kind, today):
    try:
        common = dict(progress=control.progress, cancel=lambda: control.cancelled, today=today, workers=1)
        if kind == "annual":
            return ops.produce_annual(store, user, year, **common)
        return ops.produce_month(store, user, year, month, kind=kind, **common)
    except Cancelled as exc:
        raise TaskCancelled() from exc


def _load(control, store, user, year, month, kind, token):
    if kind == "annual":
        return token, ops.due_annual(store, user, year)
    return token, ops.due_letters(store, user, year, month, kind)


def _preview(control, store, user, due, today):
    pdf = ops.reprint(store, user, due.archived_id) if due.archived_id else ops.preview_letter(store, user, due, today)
    return due, render_page_png(pdf, 1, PREVIEW_DPI), page_count(pdf)


class LettersPage(QWidget):
    """Bescheide: fällige Briefe eines Monats, Vorschau, Erstellen, Drucken, Archiv."""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.last_batch: ops.BatchResult | None = None
        self.tasks: dict[str, object] = {}
        self._preview_for = None
        self._token = 0
        self.loaded = False
        title = QLabel("Bescheide")
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._due_tab(), "Fällige Briefe")
        self.tabs.addTab(self._archive_tab(), "Archiv")
        self.tabs.currentChanged.connect(lambda i: self.load_archive() if i == 1 else None)
        _column(self, title, self.tabs).layout().setStretch(1, 1)
        ctx.bus.changed.connect(self._data_changed)

    def _due_tab(self) -> QWidget:
        today = self.ctx.today()
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setDisplayFormat("MM.yyyy")
        self.month.setToolTip("Monat der Bescheide (bei Jahresbescheinigungen: das Jahr)")
        self.kind = QComboBox()
        for label, value in KINDS:
            self.kind.addItem(label, value)
        self.refresh_button = _button("Aktualisieren", self.reload)
        self.create_button = _button("Erstellen", self.create_letters,
                                     "Alle offenen Briefe der Liste erstellen und archivieren")
        self.print_button = _button("Drucken …", lambda: self.print_letters(self.last_batch.combined),
                                    "Die zuletzt erstellten Briefe drucken", False)
        self.save_button = _button("Druckdatei speichern …", lambda: self.save_pdf(
            self.last_batch.combined, f"Druckdatei_{self.last_batch.period}.pdf"), enabled=False)
        self.month.dateChanged.connect(self.reload)
        self.kind.currentIndexChanged.connect(self.reload)
        bar = _row(QLabel("Monat"), self.month, QLabel("Art"), self.kind, self.refresh_button, None,
                   self.create_button, self.print_button, self.save_button)
        self.due_model = DueModel()
        self.due_view = _table(self.due_model)
        self.due_view.selectionModel().currentRowChanged.connect(lambda *_: self.show_preview())
        self.preview = _label("Bitte einen Brief auswählen.")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview_scroll = QScrollArea()
        self.preview_scroll.setWidget(self.preview)
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setMinimumWidth(320)
        self.preview_caption = _label("Vorschau")  # wraps: a long name must not widen the pane
        side = _column(QWidget(), self.preview_caption, self.preview_scroll)
        side.layout().setContentsMargins(0, 0, 0, 0)
        split = QSplitter()
        split.addWidget(self.due_view)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        split.setSizes([880, 400])
        self.notes, self.status = _label(""), _label("")
        return _column(QWidget(), bar, self.notes, split, self.status)

    def period(self) -> tuple[int, int, str | None]:
        d = self.month.date()
        return d.year(), d.month(), self.kind.currentData()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.activate()

    def activate(self) -> None:
        if not self.loaded:
            self.reload()

    def _data_changed(self, entities) -> None:
        if self.loaded and entities & {"payout", "placement", "child", "carer", "letters"}:
            self.reload()

    def reload(self) -> None:
        """Load the due list in the background."""
        self.loaded = True
        year, month, kind = self.period()
        self.status.setText("Fällige Briefe werden ermittelt …")
        self._token += 1
        self._start("load", self._loaded, self._load_failed, _load, year, month, kind, self._token)

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
        text = f"{len(due.letters)} Briefe fällig: {ready} offen, {done} bereits archiviert"
        self.status.setText(text + (f", {problems} nicht möglich (Daten prüfen)" if problems else "") + ".")
        self.create_button.setEnabled(ready > 0)
        if due.letters:
            self.due_view.selectRow(0)
        else:
            self._show_text("Keine Briefe fällig.")

    def selected_due(self):
        return _selected(self.due_view)

    def show_preview(self) -> None:
        due = self.selected_due()
        if due is None:
            return
        self._preview_for = due
        self.preview_caption.setText(f"Vorschau: {due.label} – {due.recipient}")
        if due.problem and due.archived_id is None:
            return self._show_text(f"Dieser Brief kann nicht erstellt werden:\n{due.problem}")
        self.preview.setText("Vorschau wird erstellt …")
        self._start("preview", self._previewed, self._preview_failed, _preview, due, self.ctx.today())

    def _previewed(self, result) -> None:
        due, png, pages = result
        if due is not self._preview_for:
            return
        image = QImage.fromData(png)
        width = self.preview_scroll.viewport().width() - 2
        if 0 < width < image.width():
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.preview_caption.setText(f"Vorschau: {due.label} – {due.recipient} (Seite 1 von {pages})")

    def _preview_failed(self, exc) -> None:
        self._show_text(f"Keine Vorschau: {getattr(exc, 'message', exc)}")

    def _show_text(self, text: str) -> None:
        self.preview.setPixmap(QPixmap())
        self.preview.setText(text)

    def create_letters(self) -> None:
        year, month, kind = self.period()
        self.create_button.setEnabled(False)
        self.status.setText("Briefe werden erstellt …")
        handle = self._start("produce", self._produced, self._failed, _produce, year, month, kind, self.ctx.today(),
                             parent=self, title="Bescheide erstellen", label="Briefe werden erstellt …")
        handle.cancelled.connect(self._cancelled)

    def _produced(self, result: ops.BatchResult) -> None:
        self.last_batch = result if result.letters else self.last_batch
        for button in (self.print_button, self.save_button):
            button.setEnabled(self.last_batch is not None)
        self.ctx.bus.notify({"letters"})  # reloads this list
        skipped = [d for d in result.skipped if d.archived_id is None]
        self.status.setText(f"{len(result.letters)} Briefe erstellt und archiviert"
                            + (f", {len(skipped)} nicht möglich." if skipped else ".")
                            + (" Jetzt „Drucken …“." if result.letters else ""))

    def _cancelled(self) -> None:
        self.create_button.setEnabled(True)
        self.status.setText("Abgebrochen – es wurde nichts archiviert.")

    def _load_failed(self, exc) -> None:
        self._failed(exc, popup=False)

    def _failed(self, exc, popup: bool = True) -> None:
        self.create_button.setEnabled(True)
        message = getattr(exc, "message", None) or str(exc)
        self.status.setText(f"Fehler: {message}")
        if popup and self.isVisible():
            QMessageBox.warning(self, "Bescheide", str(exc))

    def print_letters(self, pdf: bytes | None, printer: QPrinter | None = None):
        """Print dialog, then the pages in the background; with `printer`: no dialog."""
        if not pdf:
            return None
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle("Bescheide drucken")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
        printer.setFullPage(True)
        self._printer = printer  # alive until the task ends
        return self._start("print", self._printed, self._failed, _print, pdf, printer, parent=self, title="Drucken",
                           label="Seiten werden gedruckt …")

    def _printed(self, pages: int) -> None:
        self.status.setText(f"{pages} Seiten an den Drucker übergeben.")

    def save_pdf(self, pdf: bytes | None, name: str, path: str | None = None) -> str | None:
        if not pdf:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "PDF speichern", name, "PDF-Dateien (*.pdf)")
            if not path:
                return None
        from kitadesk.reports.errors import ReportError
        from kitadesk.reports.output import write_bytes

        try:
            write_bytes(path, pdf)
        except ReportError as exc:
            QMessageBox.warning(self, "PDF speichern", exc.message)
            return None
        self.status.setText(f"Gespeichert: {path}")
        return path

    def _archive_tab(self) -> QWidget:
        self.archive_search = QLineEdit()
        self.archive_search.setPlaceholderText("Suchen: Empfänger, Aktenzeichen, Betreff …")
        self.archive_search.setClearButtonEnabled(True)
        self.archive_search.returnPressed.connect(self.load_archive)
        self.archive_kind = QComboBox()
        self.archive_kind.addItem("Alle Arten", None)
        for art, label in ops.KIND_LABELS.items():
            self.archive_kind.addItem(label, art)
        self.archive_kind.currentIndexChanged.connect(self.load_archive)
        self.reprint_button = _button("PDF speichern …", lambda: self.reprint_selected(),
                                      "Nachdruck: die archivierte Datei unverändert speichern")
        self.archive_print_button = _button("Drucken …", lambda: self._print_archived())
        bar = _row(self.archive_search, self.archive_kind, _button("Suchen", self.load_archive),
                   self.reprint_button, self.archive_print_button)
        bar.setStretch(0, 1)
        self.archive_model = ArchiveModel()
        self.archive_view = _table(self.archive_model)
        self.archive_view.doubleClicked.connect(lambda *_: self.reprint_selected())
        self.archive_count = QLabel()
        return _column(QWidget(), bar, self.archive_view, self.archive_count)

    def load_archive(self) -> None:
        try:
            rows = ops.archive_list(self.ctx.store, self.ctx.user, art=self.archive_kind.currentData(),
                                    search=self.archive_search.text())
        except KitaDeskError as exc:
            return self._failed(exc)
        self.archive_model.set_rows(rows)
        more = " (die neuesten 2.000)" if len(rows) >= 2000 else ""
        self.archive_count.setText(f"{len(rows)} Briefe im Archiv{more}")

    def selected_archived(self):
        return _selected(self.archive_view)

    def _archived_pdf(self):
        letter = self.selected_archived()
        try:
            return letter, ops.reprint(self.ctx.store, self.ctx.user, letter.id) if letter else None
        except KitaDeskError as exc:
            self._failed(exc)
            return letter, None

    def reprint_selected(self, path: str | None = None) -> str | None:
        """Nachdruck (R-V3): the archived bytes, unchanged, to a file."""
        letter, pdf = self._archived_pdf()
        return self.save_pdf(pdf, f"{letter.art}_{letter.aktenzeichen.replace('/', '-')}.pdf", path) if pdf else None

    def _print_archived(self) -> None:
        self.print_letters(self._archived_pdf()[1])

