"""The question before a child or carer is saved as a possible duplicate (issue 19):
"Mögliches Duplikat: K00412 Yılmaz, Elif (geb. 03.05.2024, SRT Ost) — trotzdem anlegen?"
(one line per candidate, at most five). Nein keeps the form open. A form hooks it in with
`before_save = confirm_no_duplicate` (RecordForm calls `before_save` before saving)."""

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from kitadesk.domain.duplicates import Duplicate, Person, describe
from kitadesk.ops.duplicates import duplicates_for_form
from kitadesk.ops.records import CarerData

SHOWN = 5  # candidates listed; more are "…"


def question_text(found: list[Duplicate], new: bool) -> str:
    lines = [f"Mögliches Duplikat: {describe(d.first)}" for d in found[:SHOWN]]
    if len(found) > SHOWN:
        lines.append("…")
    return "\n".join(lines) + f" — trotzdem {'anlegen' if new else 'speichern'}?"


def reasons_text(found: list[Duplicate]) -> str:
    return "\n".join(f"{d.first.nr}: {d.reason}" for d in found[:SHOWN])


def person_of(data: Any) -> Person:
    """The form's data (ChildData or CarerData) as the duplicate rule's Person."""
    if isinstance(data, CarerData):
        iban = data.iban if isinstance(data.iban, str) else ""  # KEEP: hidden from this desk
        address = f"{data.strasse or ''} {data.plz or ''}".strip()
        return Person(data.nr, data.nachname, data.vorname, data.geburtsdatum, data.srt, iban, address)
    return Person(data.nr, data.nachname, data.vorname, data.geburtsdatum, data.srt)


def question_box(parent: QWidget, found: list[Duplicate], new: bool) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, "Mögliches Duplikat", question_text(found, new),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("duplicateQuestion")
    box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 44em; }")  # one line per candidate, no wrapping
    box.setInformativeText(reasons_text(found))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


def ask(parent: QWidget, found: list[Duplicate], new: bool) -> bool:
    return question_box(parent, found, new).exec() == QMessageBox.StandardButton.Yes


def confirm_no_duplicate(form: Any) -> bool:
    """RecordForm pre-save hook: True = save (no candidate, or the user said Ja)."""
    data = form.collect({})
    person = person_of(data)
    found = duplicates_for_form(form.ctx.store, form.ctx.user, person, isinstance(data, CarerData),
                                form.record_id)
    return not found or ask(form, found, form.record_id is None)
