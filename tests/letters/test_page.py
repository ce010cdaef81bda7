"""The screen "Bescheide" (pytest-qt, SQLite): due list, preview, batch in the worker, print, archive."""

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QThreadPool
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import func, select

from kitadesk.models import Letter
from kitadesk.ops.letters import reprint
from kitadesk.ui.app import setup_application, sign_in
from kitadesk.ui.views.letters_page import LettersPage
from tests.letters.scenario import finalize_month, seed

TODAY = date(2026, 4, 28)


@pytest.fixture
def page(qtbot, qapp, sqlite_store):
    seed(sqlite_store)
    finalize_month(sqlite_store, 2026, 4)
    setup_application(qapp)
    ctx = sign_in(sqlite_store, "test", lambda login, note: None, clock=lambda: TODAY)
    widget = LettersPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.due_model.rowCount() == 3, timeout=60000)
    yield widget
    QThreadPool.globalInstance().waitForDone(60000)  # nothing may run on into the next test
    qapp.processEvents()


def _archived(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Letter))


def test_page_lists_due_letters_and_previews_the_selected_one(qtbot, page):
    labels = [page.due_model.row_at(i).label for i in range(3)]
    assert labels == ["Bescheid Tagespflegeperson", "Bescheid Eltern", "Bescheid Eltern"]
    assert "3 Briefe fällig – 3 offen" in page.status.text()
    qtbot.waitUntil(lambda: page.preview.page_count == 2, timeout=60000)
    assert "Seite 1 von 2" in page.preview.page_label.text()
    page.kind.setCurrentIndex(page.kind.findData("tpp"))
    qtbot.waitUntil(lambda: page.due_model.rowCount() == 1, timeout=60000)
    page.month.setDate(QDate(2026, 3, 1))
    qtbot.waitUntil(lambda: page.due_model.rowCount() == 0, timeout=60000)
    assert "keinen Auszahlungslauf" in page.notes.text()


def test_page_creates_the_batch_in_the_worker_prints_and_reprints(qtbot, page, tmp_path):
    store = page.ctx.store
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_batch is not None, timeout=60000)
    assert _archived(store) == 3 and "3 Briefe erstellt und archiviert" in page.status.text()
    qtbot.waitUntil(lambda: page.due_model.rowCount() == 3 and page.due_model.row_at(0).status == "archiviert",
                    timeout=60000)
    assert page.print_button.isEnabled() and not page.create_button.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "gedruckt.pdf"))
    handle = page.print_letters(page.last_batch.combined, printer)
    with qtbot.waitSignal(handle.done, timeout=60000):
        pass
    assert handle.state == "fertig" and handle.result == 6
    assert len(PdfReader(tmp_path / "gedruckt.pdf").pages) == 6
    page.tabs.setCurrentIndex(1)
    archive = page.archive
    qtbot.waitUntil(lambda: archive.model.rowCount() == 3, timeout=60000)
    archive.view.selectRow(0)
    saved = archive.save_selected(str(tmp_path / "nachdruck.pdf"))
    letter = archive.selected()[0]
    assert open(saved, "rb").read() == reprint(store, "test", letter.id)
    archive.search.setText("Sonnenschein")
    archive.load()
    assert archive.model.rowCount() == 1


def test_page_cancel_archives_nothing(qtbot, page, monkeypatch):
    from kitadesk.ui import tasks

    real = tasks.TaskControl.progress

    def progress(control, done, total):  # "Abbrechen" pressed as soon as the first letter is rendered
        if done >= 1:
            control._cancel.set()
        real(control, done, total)

    monkeypatch.setattr(tasks.TaskControl, "progress", progress)
    page.create_letters()
    handle = page.tasks["produce"]
    with qtbot.waitSignal(handle.done, timeout=60000):
        pass
    assert handle.state == "abgebrochen" and _archived(page.ctx.store) == 0
    assert "nichts archiviert" in page.status.text() and page.create_button.isEnabled()
