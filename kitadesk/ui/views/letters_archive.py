"""Tab "Archiv" of the screen "Bescheide" (R-V3, issue 14.3): every archived letter, filtered by SRT
(the desk that wrote it), kind, period and a search; several can be selected; "Öffnen" (Enter,
double click) shows all pages, "Drucken …" and "Als PDF speichern …" take the archived bytes
unchanged — any time, not only the batch of this session."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel, QLineEdit, QSplitter, QWidget

from kitadesk.errors import KitaDeskError
from kitadesk.formats import day
from kitadesk.ops.letters.desk import archive_rows, print_bundle
from kitadesk.ui.models.base import Column
from kitadesk.ui.views.letters_common import (
    EnterTable,
    TipModel,
    button,
    col,
    column,
    current_row,
    kind_box,
    label,
    row,
    selected_rows,
    srt_box,
    table,
)
from kitadesk.ui.widgets.pdf_view import PdfDialog, PdfView

LIMIT = 5000


class ArchiveModel(TipModel):
    COLUMNS = (
        Column("Datum", lambda a: day(a.datum), lambda a: (a.datum, a.id), width=86),
        col("Art", lambda a: a.label, 170), col("Aktenzeichen", lambda a: a.aktenzeichen, 150),
        col("Empfänger", lambda a: a.empfaenger, 200), col("Zeitraum", lambda a: a.monat or "", 70),
        col("Betreff", lambda a: a.betreff, 300), col("erstellt von", lambda a: a.erstellt_von, 90),
    )
    TIPS = {3: lambda a: a.empfaenger, 5: lambda a: a.betreff, 6: lambda a: f"am {a.erstellt_am:%d.%m.%Y %H:%M}"}

    def search_text(self, row) -> str:
        return f"{row.empfaenger} {row.aktenzeichen} {row.betreff}"


def period_of(text: str) -> str | None:
    """'04.2026', '4/2026', '2026-04' → '2026-04'; '2026' → '2026'; '' → None; else ValueError."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text):
        return text
    m = re.fullmatch(r"(\d{1,2})[./](\d{4})", text) or re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not m:
        raise ValueError(text)
    month, year = (m.group(1), m.group(2)) if len(m.group(2)) == 4 else (m.group(2), m.group(1))
    if not 1 <= int(month) <= 12:
        raise ValueError(text)
    return f"{int(year):04d}-{int(month):02d}"


class ArchiveTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page  # LettersPage: printing and saving
        ctx = page.ctx
        self.search = QLineEdit()
        self.search.setPlaceholderText("Suchen: Empfänger, Aktenzeichen, Betreff …")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.load)
        self.srt = srt_box(ctx.srt)
        self.kind = kind_box()
        self.period = QLineEdit()
        self.period.setPlaceholderText("Zeitraum: MM.JJJJ oder JJJJ")
        self.period.setToolTip("Monat (z. B. 04.2026) oder Jahr (2026); leer: alle")
        self.period.setMaximumWidth(190)
        self.period.returnPressed.connect(self.load)
        for box in (self.srt, self.kind):
            box.currentIndexChanged.connect(self.load)
        self.open_button = button("Öffnen", self.open_selected, "Alle Seiten der gewählten Briefe ansehen (Enter)")
        self.print_button = button("Drucken …", self.print_selected, "Die gewählten Briefe drucken (unverändert)")
        self.save_button = button("Als PDF speichern …", self.save_selected,
                                  "Die gewählten Briefe unverändert als eine PDF-Datei speichern")
        bar = row(self.search, self.srt, self.kind, self.period, button("Suchen", self.load), self.open_button,
                  self.print_button, self.save_button)
        bar.setStretch(0, 1)
        self.model = ArchiveModel()
        self.view = table(self.model, EnterTable(self.open_selected), multi=True)
        self.view.doubleClicked.connect(lambda *_: self.open_selected())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._count())
        self.preview = PdfView()
        self.preview.setMinimumWidth(320)
        split = QSplitter()
        split.addWidget(self.view)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1)
        split.setSizes([860, 420])
        self.count, self.status = QLabel(), label("")
        column(self, bar, split, row(self.count, None, self.status))

    def load(self) -> None:
        try:
            period = period_of(self.period.text())
        except ValueError:
            self.status.setText(f"Zeitraum „{self.period.text()}“ nicht erkannt – bitte MM.JJJJ oder JJJJ eingeben.")
            return
        try:
            rows = archive_rows(self.page.ctx.store, self.page.ctx.user, srt=self.srt.currentData(),
                                art=self.kind.currentData(), period=period, search=self.search.text(), limit=LIMIT)
        except KitaDeskError as exc:
            self.status.setText(f"Fehler: {exc.message}")
            return
        self.model.set_rows(rows)
        self.status.setText("")
        self._count()
        if rows:
            self.view.selectRow(0)
        else:
            self.preview.show_text("Kein Brief gefunden.", "Vorschau")

    def _count(self) -> None:
        rows = self.model.rowCount()
        more = f" (die neuesten {LIMIT:,})".replace(",", ".") if rows >= LIMIT else ""
        chosen = len(self.view.selectionModel().selectedRows())
        self.count.setText(f"{rows} Briefe im Archiv{more}" + (f", {chosen} ausgewählt" if chosen > 1 else ""))

    def selected(self) -> list:
        return selected_rows(self.view)

    def _bundle(self):
        letters = self.selected()
        if not letters:
            self.status.setText("Bitte einen oder mehrere Briefe auswählen.")
            return letters, None
        try:
            return letters, print_bundle(self.page.ctx.store, self.page.ctx.user, [a.id for a in letters])
        except KitaDeskError as exc:
            self.status.setText(f"Fehler: {exc.message}")
            return letters, None

    def show_current(self) -> None:
        letter = current_row(self.view)
        if letter is None:
            return
        try:
            pdf = print_bundle(self.page.ctx.store, self.page.ctx.user, [letter.id])
        except KitaDeskError as exc:
            return self.preview.show_text(f"Keine Vorschau: {exc.message}")
        self.preview.set_pdf(pdf, f"{letter.label} – {letter.empfaenger} ({day(letter.datum)})")

    def _name(self, letters) -> str:
        if len(letters) == 1:
            return f"{letters[0].art}_{letters[0].aktenzeichen.replace('/', '-')}.pdf"
        return f"Nachdruck_{len(letters)}_Briefe.pdf"

    def open_selected(self) -> PdfDialog | None:
        """All pages of the selected letters in a large, zoomable window with "Drucken …"."""
        letters, pdf = self._bundle()
        if pdf is None:
            return None
        caption = f"{letters[0].label} – {letters[0].empfaenger}" if len(letters) == 1 else f"{len(letters)} Briefe"
        dialog = PdfDialog(self, "Brief aus dem Archiv", pdf, caption, (
            ("Drucken …", lambda: self.page.print_letters(pdf)),
            ("Als PDF speichern …", lambda: self._save(pdf, letters))))
        dialog.setModal(True)
        dialog.show()
        self.dialog = dialog
        return dialog

    def print_selected(self, printer=None):
        _letters, pdf = self._bundle()
        return self.page.print_letters(pdf, printer) if pdf else None

    def save_selected(self, path: str | None = None) -> str | None:
        letters, pdf = self._bundle()
        return self._save(pdf, letters, path) if pdf else None

    def _save(self, pdf: bytes, letters, path: str | None = None) -> str | None:
        saved = self.page.save_pdf(pdf, self._name(letters), path)
        if saved:
            self.status.setText(f"Gespeichert: {saved}")
        return saved
