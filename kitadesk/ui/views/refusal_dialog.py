"""Dialog "Ablehnung" (R-V5, issue 14.3): refuse an application — the parents' for a child or a
person's for the Erlaubnis — with the reason; ops.letters.refuse_application renders and archives
the letter at once, the dialog then shows all its pages with "Drucken …" and "Als PDF speichern …"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kitadesk.errors import KitaDeskError
from kitadesk.ops.changes import LETTERS, Changes
from kitadesk.ops.letters import ArchivedLetter, refuse_application, reprint
from kitadesk.ops.reads import carer_choices, child_choices
from kitadesk.ui.views.letters_common import label
from kitadesk.ui.widgets.pdf_view import PdfView


class RefusalDialog(QDialog):
    def __init__(self, page, parent: QWidget | None = None):
        super().__init__(parent or page)
        self.page, self.ctx = page, page.ctx
        self.letter: ArchivedLetter | None = None  # the archived letter, once made
        self.pdf: bytes | None = None
        self.setWindowTitle("Ablehnung eines Antrags")
        self.child_radio = QRadioButton("Kind (Antrag der Eltern)")
        self.carer_radio = QRadioButton("Tagespflegeperson (Erlaubnis)")
        self.child_radio.setChecked(True)
        group = QButtonGroup(self)
        for radio in (self.child_radio, self.carer_radio):
            group.addButton(radio)
            radio.toggled.connect(self._side_changed)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setPlaceholderText("Nr. oder Name eingeben …")
        self.applied = QDateEdit(QDate(self.ctx.today()))
        self.applied.setDisplayFormat("dd.MM.yyyy")
        self.applied.setCalendarPopup(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Grund der Ablehnung (erscheint im Bescheid)")
        self.reason.setTabChangesFocus(True)
        self.subject = QLineEdit()
        self.subject.setPlaceholderText("leer: Standardbetreff")
        self.legal = QLineEdit()
        self.legal.setPlaceholderText("z. B. § 24 SGB VIII (optional)")
        form = QFormLayout()
        side = QHBoxLayout()
        side.addWidget(self.child_radio)
        side.addWidget(self.carer_radio)
        form.addRow("Antrag von", side)
        form.addRow("Für", self.person)
        form.addRow("Antrag vom", self.applied)
        form.addRow("Grund", self.reason)
        form.addRow("Betreff", self.subject)
        form.addRow("Rechtsgrundlage", self.legal)
        self.status = label("Nach „Ablehnung erstellen“ wird der Bescheid sofort archiviert.")
        self.create_button = QPushButton("Ablehnung erstellen")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_letter)
        self.print_button = QPushButton("Drucken …")
        self.save_button = QPushButton("Als PDF speichern …")
        close = QPushButton("Schließen")
        close.clicked.connect(self.accept)
        for widget, slot in ((self.print_button, lambda: self.page.print_letters(self.pdf)),
                             (self.save_button, lambda: self.page.save_pdf(self.pdf, self._file_name()))):
            widget.setEnabled(False)
            widget.setAutoDefault(False)
            widget.clicked.connect(lambda *_, s=slot: s())
        close.setAutoDefault(False)
        buttons = QHBoxLayout()
        for widget in (self.create_button, self.print_button, self.save_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(close)
        left = QVBoxLayout()
        left.addLayout(form, 1)
        left.addWidget(self.status)
        left.addLayout(buttons)
        self.preview = PdfView()
        self.preview.show_text("Die Vorschau erscheint, sobald die Ablehnung erstellt ist.", "Vorschau")
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.preview, 1)
        self.resize(1150, 660)
        self._fill_people()

    def _side_changed(self, on: bool) -> None:
        if on:
            self._fill_people()

    def _fill_people(self) -> None:
        store, user = self.ctx.store, self.ctx.user
        choices = child_choices(store, user) if self.child_radio.isChecked() else \
            carer_choices(store, user, self.ctx.today())
        self.person.clear()
        for record_id, text in choices:
            self.person.addItem(text, record_id)
        self.person.setCurrentIndex(-1)
        completer = QCompleter(self.person.model(), self.person)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.person.setCompleter(completer)

    def chosen_id(self) -> int | None:
        """The picked record: the exact entry, else the one entry containing what was typed."""
        typed = self.person.currentText().strip()
        index = self.person.findText(typed)
        if index < 0 and typed:
            found = [i for i in range(self.person.count()) if typed.casefold() in self.person.itemText(i).casefold()]
            index = found[0] if len(found) == 1 else -1
        return self.person.itemData(index) if index >= 0 else None

    def _file_name(self) -> str:
        return f"Ablehnung_{self.letter.aktenzeichen.replace('/', '-')}.pdf" if self.letter else "Ablehnung.pdf"

    def create_letter(self) -> None:
        record_id = self.chosen_id()
        if record_id is None:
            who = "ein Kind" if self.child_radio.isChecked() else "eine Tagespflegeperson"
            self.status.setText(f"Bitte {who} aus der Liste wählen (Feld „Für“).")
            return self.person.setFocus()
        side = {"child_id": record_id} if self.child_radio.isChecked() else {"carer_id": record_id}
        applied = self.applied.date()
        try:
            letter = refuse_application(
                self.ctx.store, self.ctx.user, self.reason.toPlainText(),
                application_date=date(applied.year(), applied.month(), applied.day()),
                subject=self.subject.text().strip(), legal_basis=self.legal.text(), today=self.ctx.today(), **side)
            self.pdf = reprint(self.ctx.store, self.ctx.user, letter.id)
        except KitaDeskError as exc:
            self.status.setText(f"Nicht erstellt: {exc.message}")
            return
        self.letter = letter
        self.preview.set_pdf(self.pdf, f"Ablehnung – {letter.empfaenger}")
        self.status.setText(f"Ablehnung erstellt und archiviert ({letter.aktenzeichen}). Jetzt „Drucken …“.")
        self.create_button.setEnabled(False)
        for widget in (self.print_button, self.save_button):
            widget.setEnabled(True)
        self.print_button.setDefault(True)
        self.ctx.bus.notify(Changes.of(LETTERS))
