"""The children list as a desk uses it (issue 14 item 7): typed searches fold umlauts both ways and
Turkish/Polish letters, a birth date typed as TT.MM.JJJJ finds the child, sorting is German."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from kitadesk.ui.models.children import COL_NACHNAME
from tests.support.factory import make_child
from tests.ui.conftest import wait_loaded

NAMES = (("Müller", date(2024, 2, 1)), ("Kılıç", date(2025, 5, 15)), ("Krüger", date(2024, 3, 3)),
         ("Şahin", date(2023, 12, 24)), ("Dąbrowska", date(2024, 7, 7)), ("Çelik", date(2024, 8, 8)),
         ("Zimmer", date(2024, 9, 9)), ("Becker", date(2024, 10, 10)))


def _children(store):
    with store.session("test") as s:
        for i, (name, born) in enumerate(NAMES):
            make_child(s, f"K{i}", nachname=name, geburtsdatum=born)
        s.commit()


def _shown(page) -> list[str]:
    return [page.proxy.index(r, COL_NACHNAME).data() for r in range(page.proxy.rowCount())]


def _search(qtbot, page, text: str) -> list[str]:
    page.search.clear()
    qtbot.keyClicks(page.search, text)
    return _shown(page)


def test_typed_search_finds_the_names_of_moers(qtbot, window, sqlite_store):
    _children(sqlite_store)
    qtbot.keySequence(window, QKeySequence("Ctrl+3"))  # Strg+3: Kinder
    assert window.current_key() == "kinder"
    page = window.pages["kinder"]
    page.reload()
    wait_loaded(qtbot, page)
    assert _search(qtbot, page, "mueller") == ["Müller"]
    assert _search(qtbot, page, "kilic") == ["Kılıç"]
    assert _search(qtbot, page, "sahin") == ["Şahin"]
    assert _search(qtbot, page, "dabrowska") == ["Dąbrowska"]
    assert _search(qtbot, page, "15.05.2025") == ["Kılıç"]
    assert _search(qtbot, page, "24.12.2023") == ["Şahin"]


def test_sorting_is_german_collation(qtbot, window, sqlite_store):
    _children(sqlite_store)
    page = window.pages["kinder"]
    qtbot.keySequence(window, QKeySequence("Ctrl+3"))
    page.reload()
    wait_loaded(qtbot, page)
    page.search.clear()
    page.table.sortByColumn(COL_NACHNAME, Qt.SortOrder.AscendingOrder)
    assert _shown(page) == ["Becker", "Çelik", "Dąbrowska", "Kılıç", "Krüger", "Müller", "Şahin", "Zimmer"]


def test_ctrl_c_copies_selected_rows_as_tab_separated_text_with_header(qtbot, window, sqlite_store):
    from PySide6.QtWidgets import QApplication

    _children(sqlite_store)
    qtbot.keySequence(window, QKeySequence("Ctrl+3"))
    page = window.pages["kinder"]
    page.reload()
    wait_loaded(qtbot, page)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # two rows
    qtbot.keySequence(page.table, QKeySequence("Ctrl+C"))
    lines = QApplication.clipboard().text().split("\r\n")
    assert lines[0].split("\t")[:4] == ["Nr.", "Nachname", "Vorname", "Geburtsdatum"]
    assert [ln.split("\t")[1] for ln in lines[1:3]] == ["Becker", "Çelik"]
    assert lines[1].split("\t")[3] == "10.10.2024" and lines[3] == ""
    assert "2 Zeilen kopiert" in window.statusBar().currentMessage()


def test_list_export_writes_real_values_and_is_audited(qtbot, window, sqlite_store, tmp_path):
    from openpyxl import load_workbook
    from sqlalchemy import select

    from kitadesk.models import AuditEntry

    _children(sqlite_store)
    qtbot.keySequence(window, QKeySequence("Ctrl+3"))
    page = window.pages["kinder"]
    page.reload()
    wait_loaded(qtbot, page)
    qtbot.keyClicks(page.search, "kilic")
    written = page.tools.export_to(tmp_path / "neu" / "kinder")
    assert written == tmp_path / "neu" / "kinder.xlsx"
    sheet = load_workbook(written).active
    assert [c.value for c in sheet[1]][:4] == ["Nr.", "Nachname", "Vorname", "Geburtsdatum"]
    assert sheet["B2"].value == "Kılıç" and sheet["D2"].value.date() == date(2025, 5, 15)
    with sqlite_store.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.tabelle == "exporte")).one()
        assert entry.neu["export"] == "Liste „Kinder“ (1 Zeile)" and entry.neu["dateien"] == str(written)
