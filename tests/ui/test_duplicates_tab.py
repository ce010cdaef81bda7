"""Issue 19: Auswertungen → "Mögliche Duplikate" lists the pairs (Art, both records, Grund) with the
table tools (Strg+C, Excel export); double-click opens the record; "Zusammenführen …" only for
Leitung (disabled with a tooltip for others) merges two records of one child after the confirm dialog."""

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from kitadesk.models import LEITUNG, SACHBEARBEITUNG, Child
from kitadesk.ui.app import setup_application, sign_in
from kitadesk.ui.forms.child_form import ChildForm
from kitadesk.ui.views.duplicates_tab import ONLY_LEITUNG, DuplicatesTab
from kitadesk.ui.widgets.merge_dialog import MergeDialog
from tests.support.factory import make_carer, make_child, make_user

BORN = date(2024, 5, 3)


def _pairs(store) -> None:
    with store.session("test") as s:
        make_child(s, "K00412", nachname="Müller", vorname="Anna", geburtsdatum=BORN, srt="Ost")
        make_child(s, "K00999", nachname="Mueller", vorname="Anna", geburtsdatum=BORN, srt="Ost")
        make_carer(s, "T1", nachname="Schmidt", iban="DE89370400440532013000")
        make_carer(s, "T2", nachname="Becker", iban="DE89370400440532013000")
        s.commit()


def _signed_in(qapp, store, login, rolle, srt=None):
    with store.session("test") as s:
        make_user(s, login, rolle, srt)
        s.commit()
    setup_application(qapp)
    return sign_in(store, login, lambda login, note: None, clock=lambda: date(2026, 11, 24))


def test_r_dup_tab_lists_pairs_copies_exports_and_opens(qtbot, qapp, sqlite_store, tmp_path):
    _pairs(sqlite_store)
    ctx = _signed_in(qapp, sqlite_store, "sb.ost", SACHBEARBEITUNG, "Ost")
    tab = DuplicatesTab(ctx)
    qtbot.addWidget(tab)
    tab.reload()
    rows = [[tab.model.index(r, c).data() for c in (0, 1, 2, 3, 5, 9)] for r in range(tab.model.rowCount())]
    assert rows == [["Kind", "K00412", "Müller, Anna", "03.05.2024", "K00999",
                     "gleicher Name (Schreibweise), gleiches Geburtsdatum"],
                    ["Tagespflegeperson", "T1", "Schmidt, Anna", "05.05.1980", "T2", "gleiche IBAN"]]
    assert not tab.merge_button.isEnabled() and tab.merge_button.toolTip() == ONLY_LEITUNG  # a case worker
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    tab.view.setFocus()
    tab.view.selectRow(0)
    qtbot.keySequence(tab.view, QKeySequence.StandardKey.Copy)
    assert "K00412\tMüller, Anna" in QGuiApplication.clipboard().text()
    written = tab.tools.export_to(tmp_path / "duplikate.xlsx")
    assert load_workbook(written).active["B2"].value == "K00412"
    index = tab.model.index(0, 5)  # a column of the second record opens the second
    tab.view.doubleClicked.emit(index)
    forms = [w for w in tab.findChildren(ChildForm)]
    assert forms and forms[-1].windowTitle().startswith("Kind K00999")
    for form in forms:
        form.close()
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(0, 1))  # Enter on the first record opens it, as a double click
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    opened = [w for w in tab.findChildren(ChildForm) if w not in forms]
    assert len(opened) == 1 and opened[0].windowTitle().startswith("Kind K00412")


def test_r_dup_leitung_merges_two_records_of_one_child(qtbot, qapp, sqlite_store):
    _pairs(sqlite_store)
    ctx = _signed_in(qapp, sqlite_store, "leitung", LEITUNG)
    tab = DuplicatesTab(ctx)
    qtbot.addWidget(tab)
    tab.reload()
    tab.view.selectRow(0)
    assert tab.merge_button.isEnabled()
    seen = []

    def confirm():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MergeDialog):
            QTimer.singleShot(20, confirm)
            return
        seen.append(dialog.details.toPlainText())
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, confirm)
    qtbot.mouseClick(tab.merge_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0].startswith("Behalten: K00412 Müller, Anna (geb. 03.05.2024, SRT Ost)\n"
                                       "Aufgelöst (gelöscht): K00999 Mueller, Anna")
    with sqlite_store.session() as s:
        assert list(s.scalars(select(Child.nr))) == ["K00412"]
    tab.reload()
    assert [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())] == ["Tagespflegeperson"]
