"""The import in the window (issue 14.1, interfaces.md §3): Datei → Importieren … checks in the
background (every problem with Blatt/Zeile/Spalte, Importieren disabled, nothing written), shows
the preview counts and imports in one transaction; a cancel during the import writes nothing."""

import sqlite3

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QPushButton
from sqlalchemy import func, select

from kitadesk.models import Carer, Child, Placement
from tests.importer.book import CHILD, small_book
from tests.ui.conftest import wait_until_idle


def _records(store) -> tuple[int, int, int]:
    with store.session() as s:
        return tuple(s.scalar(select(func.count(m.id))) for m in (Carer, Child, Placement))  # type: ignore[return-value]


def _open(window, qtbot, path):
    window.import_action.trigger()
    dialog = window.import_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.path_edit, str(path))
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    wait_until_idle(qtbot, dialog.handle)
    return dialog


def test_r_import_check_lists_problem_with_cell_and_blocks_import(window, qtbot, sqlite_store, tmp_path):
    book = small_book(tmp_path)
    bad = book.add("Kinder", **{**CHILD, "Nr": "K3", "Geburtsdatum": "31.02.2025"})
    dialog = _open(window, qtbot, book.save())
    assert dialog.stack.currentIndex() == 1
    rows = dialog.problem_model.rows()
    assert [(r.sheet, r.row, r.column) for r in rows] == [("Kinder", bad, "Geburtsdatum")]
    assert not dialog.import_button.isEnabled()
    assert _records(sqlite_store) == (0, 0, 0)
    view = dialog.problems_view
    index = view.model().index(0, 3)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert f"Zeile {bad}" in dialog.detail.text() and "„31.02.2025“" in dialog.detail.text()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    view.setFocus()
    qtbot.keySequence(view, QKeySequence("Ctrl+C"))
    assert QGuiApplication.clipboard().text().startswith("Blatt\tZeile\tSpalte\tMeldung")
    target = tmp_path / "fehlerliste.xlsx"
    wait_until_idle(qtbot, dialog.save_problem_list(target))
    ws = load_workbook(target)["Kinder"]
    header = {c.value: c.column for c in ws[1]}
    assert ws.cell(bad, header["Geburtsdatum"]).comment is not None


def test_r_import_fixed_workbook_preview_counts_then_written(window, qtbot, sqlite_store, tmp_path):
    dialog = _open(window, qtbot, small_book(tmp_path).save())
    assert dialog.stack.currentIndex() == 2, dialog.status.text()
    counts = {dialog.counts.item(r, 0).text(): [dialog.counts.item(r, c).text() for c in (1, 2, 3)]
              for r in range(dialog.counts.rowCount())}
    assert counts["Tagespflegepersonen"] == ["1", "0", "0"] and counts["Kinder"] == ["2", "0", "0"]
    assert counts["Betreuungen"][0] == "3"
    assert _records(sqlite_store) == (0, 0, 0)  # the preview wrote nothing
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(window.ctx.bus.changed, timeout=60000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        wait_until_idle(qtbot, dialog.handle)
    assert dialog.stack.currentIndex() == 3
    assert dialog.result_label.text() == f"{dialog.imported.written} Datensätze importiert."
    assert _records(sqlite_store) == (1, 2, 2)


def test_r_import_cancel_during_import_writes_nothing(window, qtbot, sqlite_store, tmp_path):
    dialog = _open(window, qtbot, small_book(tmp_path).save())
    assert dialog.import_button.isEnabled()
    blocker = sqlite3.connect(sqlite_store.engine.url.database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another desk writes: the import waits for the lock
    try:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        progress = dialog.handle.dialog
        qtbot.waitUntil(progress.isVisible, timeout=60000)
        cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Abbrechen")
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    wait_until_idle(qtbot, dialog.handle)
    assert dialog.handle.state == "abgebrochen"
    assert "nichts übernommen" in dialog.status.text()
    assert _records(sqlite_store) == (0, 0, 0)
