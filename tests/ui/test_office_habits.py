"""Office habits in every form (issue 14 item 6): Enter = Speichern, Strg+S saves, Esc asks
"Änderungen verwerfen?" when something was typed, the fields scroll at 1366×768."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from kitadesk.models import Child
from kitadesk.ui.forms.child_form import ChildForm


def _new_child_form(qtbot, window) -> ChildForm:
    window.show_page("kinder")
    page = window.current_page()
    qtbot.keySequence(window, QKeySequence("Ctrl+N"))
    form = page.current_form
    assert isinstance(form, ChildForm) and form.isVisible()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    return form


def _type_child(qtbot, form, nr: str) -> None:
    qtbot.keyClicks(form.nr, nr)
    qtbot.keyClicks(form.nachname, "Weber")
    qtbot.keyClicks(form.vorname, "Lena")
    qtbot.keyClicks(form.geburtsdatum.edit, "03.05.2025")


def _children(store) -> list[str]:
    with store.session() as s:
        return list(s.scalars(select(Child.nr)))


def _answer(button) -> list[str]:
    """Answer the next message box with `button`; returns its text once it was shown."""
    seen: list[str] = []

    def look():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)
    return seen


def test_enter_saves_the_form(qtbot, window, sqlite_store):
    form = _new_child_form(qtbot, window)
    _type_child(qtbot, form, "K-ENTER")
    qtbot.keyClick(form.vorname, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=60000)  # saved in the background
    assert "K-ENTER" in _children(sqlite_store)
    assert window.statusBar().currentMessage() == "Gespeichert: Kind angelegt."


def test_ctrl_s_saves_the_form(qtbot, window, sqlite_store):
    form = _new_child_form(qtbot, window)
    _type_child(qtbot, form, "K-STRGS")
    qtbot.keySequence(form.vorname, QKeySequence("Ctrl+S"))
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=60000)  # saved in the background
    assert "K-STRGS" in _children(sqlite_store)


def test_esc_asks_before_typed_data_is_lost(qtbot, window, sqlite_store):
    form = _new_child_form(qtbot, window)
    _type_child(qtbot, form, "K-ESC")
    seen = _answer(QMessageBox.StandardButton.No)
    qtbot.keyClick(form.nachname, Qt.Key.Key_Escape)
    assert seen and "Änderungen verwerfen?" in seen[0]
    assert form.isVisible()  # "Nein": keep typing
    seen = _answer(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(form.nachname, Qt.Key.Key_Escape)
    assert seen and not form.isVisible()
    assert "K-ESC" not in _children(sqlite_store)


def test_esc_on_an_untouched_form_closes_without_asking(qtbot, window):
    form = _new_child_form(qtbot, window)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()


def test_forms_fit_1366x768(qtbot, window):
    form = _new_child_form(qtbot, window)
    available = form.screen().availableGeometry().height()
    assert form.frameGeometry().height() <= available
    assert form.scroll.widget() is form.body  # the fields scroll, the buttons stay visible


def test_other_desks_records_open_read_only_with_a_banner(qtbot, qapp, sqlite_store, settings):
    from datetime import date

    from kitadesk.models import LEITUNG, SACHBEARBEITUNG
    from kitadesk.ui.app import setup_application, sign_in
    from kitadesk.ui.main_window import MainWindow
    from tests.support.factory import make_child, make_user

    with sqlite_store.session("test") as s:
        make_user(s, "sb.ost", SACHBEARBEITUNG, "Ost")
        make_user(s, "leitung", LEITUNG)
        nord = make_child(s, "K-NORD", srt="Nord").id
        ost = make_child(s, "K-OST", srt="Ost").id
        s.commit()
    setup_application(qapp)
    ctx = sign_in(sqlite_store, "sb.ost", lambda login, note: None, clock=lambda: date(2026, 11, 24))
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["kinder"]
    window.show_page("kinder")
    assert page.srt.currentData() == "Ost"  # lists open on the user's own SRT
    page.open_record(nord)
    form = page.current_form
    assert form.read_only and not form.save_button.isVisible() and not form.nachname.isEnabled()
    assert "Nur lesen: Datensatz des SRT Nord" in form.banner.label.text()
    form.reject()
    page.open_record(ost)
    assert not page.current_form.read_only and page.current_form.save_button.isVisible()


def test_menu_bar_with_the_usual_menus_and_shortcuts(qtbot, window, tmp_path, monkeypatch):
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["Datei", "Bearbeiten", "Ansicht", "Hilfe"]
    shortcuts = {a.shortcut().toString() for m in window.menuBar().actions() for a in m.menu().actions()}
    assert {"Ctrl+E", "Ctrl+Q", "Ctrl+N", "Ctrl+F", "Ctrl+1", "Ctrl+9", "F1"} <= shortcuts
    window.show_page("kinder")
    page = window.current_page()
    page.reload()
    monkeypatch.setattr("kitadesk.ui.widgets.table_tools.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "liste.xlsx"), ""))
    monkeypatch.setattr("kitadesk.ui.widgets.table_tools.offer_open", lambda parent, path: None)
    qtbot.keySequence(window, QKeySequence("Ctrl+E"))
    assert page.tools.last_export == tmp_path / "liste.xlsx" and page.tools.last_export.exists()
