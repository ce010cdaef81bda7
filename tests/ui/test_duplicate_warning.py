"""Issue 19 item 3, the form: saving a new child that looks like a stored one asks
"Mögliches Duplikat: K00412 Yılmaz, Elif (geb. 03.05.2024, SRT Ost) — trotzdem anlegen?";
Nein keeps the form open (nothing saved), Ja saves. Unchanged names of a stored record never ask."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from kitadesk.domain.duplicates import Duplicate, Person
from kitadesk.models import Child
from kitadesk.ui.forms.child_form import ChildForm
from kitadesk.ui.widgets.duplicate_warning import question_text
from tests.support.factory import make_child
from tests.ui.test_office_habits import _answer, _new_child_form


def _children(store) -> list[str]:
    with store.session() as s:
        return sorted(s.scalars(select(Child.nr)))


def _stored(store) -> int:
    with store.session("test") as s:
        child = make_child(s, "K00412", nachname="Yılmaz", vorname="Elif", geburtsdatum=date(2024, 5, 3), srt="Ost")
        s.commit()
        return child.id


def test_r_dup_form_asks_before_saving_a_possible_duplicate(qtbot, window, sqlite_store):
    _stored(sqlite_store)
    form = _new_child_form(qtbot, window)
    qtbot.keyClicks(form.nr, "K1")
    qtbot.keyClicks(form.nachname, "Yilmaz")
    qtbot.keyClicks(form.vorname, "Elif")
    qtbot.keyClicks(form.geburtsdatum.edit, "03.05.2024")
    seen = _answer(QMessageBox.StandardButton.No)
    qtbot.keyClick(form.vorname, Qt.Key.Key_Return)
    assert seen == ["Mögliches Duplikat: K00412 Yılmaz, Elif (geb. 03.05.2024, SRT Ost) — trotzdem anlegen?"]
    assert form.isVisible() and _children(sqlite_store) == ["K00412"]  # Nein: keep the form open
    seen = _answer(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(form.vorname, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=60000)  # saved in the background
    assert seen and _children(sqlite_store) == ["K00412", "K1"]


def test_r_dup_form_does_not_ask_when_names_of_a_stored_record_stay(qtbot, ctx, sqlite_store):
    child_id = _stored(sqlite_store)
    with sqlite_store.session("test") as s:
        make_child(s, "K00413", nachname="Yilmaz", vorname="Elif", geburtsdatum=date(2024, 5, 3), srt="Ost")
        s.commit()
    form = ChildForm(ctx, child_id)
    qtbot.addWidget(form)
    assert form.before_save()  # no question: name and birth date unchanged
    form.nachname.setText("Yilmas")  # a changed name asks again, never about the record itself
    seen = _answer(QMessageBox.StandardButton.No)
    assert not form.before_save()
    assert seen == ["Mögliches Duplikat: K00413 Yilmaz, Elif (geb. 03.05.2024, SRT Ost) — trotzdem speichern?"]


def test_r_dup_question_lists_five_candidates_then_ellipsis():
    new = Person("K9", "Weber", "Lena", date(2025, 5, 3))
    found = [Duplicate(Person(f"K{i}", "Weber", "Lena", date(2025, 5, 3), "Ost"), new, "gleicher Name")
             for i in range(7)]
    lines = question_text(found, new=True).splitlines()
    assert len(lines) == 6 and lines[5] == "… — trotzdem anlegen?"
    assert lines[0] == "Mögliches Duplikat: K0 Weber, Lena (geb. 03.05.2025, SRT Ost)"
