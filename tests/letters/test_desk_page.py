"""The screen "Bescheide" per desk (issue 14.3; pytest-qt, keys and clicks, SQLite): a case worker
of SRT Ost sees the Ost letters, ticks one, creates only that one, prints it (vector pages to a PDF
printer), reprints it from the archive byte for byte; the preview shows all pages and zooms; the
Ablehnung dialog; the Elternbeiträge tab."""

import os
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtPrintSupport import QPrinter

from kitadesk.ops.letters import reprint
from kitadesk.ops.letters.desk import archive_rows
from kitadesk.ui.app import setup_application, sign_in
from kitadesk.ui.views.fee_list_tab import FeeListTab
from kitadesk.ui.views.letters_page import LettersPage
from tests.letters.desks import OST, seed_desks
from tests.letters.pdftext import flat
from tests.ui.conftest import wait_until_idle

TODAY = date(2026, 4, 28)


@pytest.fixture
def page(qtbot, qapp, sqlite_store):
    seed_desks(sqlite_store)
    setup_application(qapp)
    ctx = sign_in(sqlite_store, OST, lambda login, note: None, clock=lambda: TODAY)
    widget = LettersPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.due_model.rowCount() == 1, timeout=60000)
    yield widget
    QThreadPool.globalInstance().waitForDone(60000)  # nothing may run on into the next test
    qapp.processEvents()


def _pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _print(qtbot, page, start) -> object:
    handle = start()
    with qtbot.waitSignal(handle.done, timeout=60000):
        pass
    assert handle.state == "fertig", handle.result
    return handle


def _click_tab(qtbot, page, index: int) -> None:
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def test_r_v5_ost_desk_ticks_one_letter_creates_only_it_prints_and_reprints_identically(qtbot, page, tmp_path):
    store = page.ctx.store
    assert page.srt.currentText() == "SRT Ost"
    assert [(d.art, d.srt) for d in page.due_model.rows()] == [("eltern", "Ost")]
    assert page.create_button.text() == "1 erstellen"  # ticked by default
    page.srt.setFocus()
    qtbot.keyClick(page.srt, Qt.Key.Key_Home)  # "Alle SRT"
    qtbot.waitUntil(lambda: page.due_model.rowCount() == 3, timeout=60000)
    assert len(page.due_model.chosen()) == 3
    qtbot.mouseClick(page.none_button, Qt.MouseButton.LeftButton)
    assert page.due_model.chosen() == [] and not page.create_button.isEnabled()
    ost_row = next(i for i, d in enumerate(page.due_model.rows()) if d.srt == "Ost")
    page.due_view.setFocus()
    page.due_view.selectRow(0)
    for _ in range(ost_row):
        qtbot.keyClick(page.due_view, Qt.Key.Key_Down)
    qtbot.keyClick(page.due_view, Qt.Key.Key_Space)
    assert [d.srt for d in page.due_model.chosen()] == ["Ost"] and page.create_button.text() == "1 erstellen"
    qtbot.keyClick(page.due_view, Qt.Key.Key_Space)  # toggles back
    assert page.due_model.chosen() == []
    qtbot.keyClick(page.due_view, Qt.Key.Key_Space)
    qtbot.keyClick(page.due_view, Qt.Key.Key_Return)  # Enter = "Erstellen"
    qtbot.waitUntil(lambda: page.last_batch is not None, timeout=60000)
    archived = archive_rows(store, "test")
    assert [(a.art, a.aktenzeichen.split("-")[1]) for a in archived] == [("eltern", "O")]  # only the ticked one
    assert "1 Briefe erstellt und archiviert" in page.status.text()
    out = tmp_path / "gedruckt.pdf"
    handle = _print(qtbot, page, lambda: page.print_letters(page.last_batch.combined, _pdf_printer(out)))
    assert handle.result == 2
    printed = PdfReader(out)
    text = flat(" ".join(p.extract_text() for p in printed.pages))
    assert len(printed.pages) == 2 and "Olga" in text and "Brandt" in text and "Elternbeitrag" in text
    assert 5_000 < os.path.getsize(out) < 400_000  # vector pages: text and lines, no page bitmaps
    assert not printed.pages[0].images

    _click_tab(qtbot, page, 1)
    archive = page.archive
    qtbot.waitUntil(lambda: archive.model.rowCount() == 1, timeout=60000)
    assert archive.srt.currentText() == "SRT Ost"
    archive.view.setFocus()
    archive.view.selectRow(0)
    saved = archive.save_selected(str(tmp_path / "nachdruck.pdf"))
    letter = archive.selected()[0]
    assert open(saved, "rb").read() == reprint(store, OST, letter.id)  # R-V3
    again = tmp_path / "nochmal.pdf"
    _print(qtbot, page, lambda: archive.print_selected(_pdf_printer(again)))
    assert len(PdfReader(again).pages) == 2
    qtbot.keyClick(archive.view, Qt.Key.Key_Return)  # Enter = "Öffnen": all pages, large
    assert archive.dialog.isVisible() and archive.dialog.view.page_count == 2
    archive.dialog.accept()


def test_archive_filters_by_desk_kind_period_and_selects_several(qtbot, page, tmp_path):
    page.srt.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.due_model.rowCount() == 3, timeout=60000)
    page.create_letters()
    qtbot.waitUntil(lambda: page.last_batch is not None, timeout=60000)
    _click_tab(qtbot, page, 1)
    archive = page.archive
    qtbot.waitUntil(lambda: archive.model.rowCount() == 1, timeout=60000)  # the Ost desk's own
    archive.srt.setCurrentIndex(0)
    assert archive.model.rowCount() == 3
    archive.kind.setCurrentIndex(archive.kind.findData("tpp"))
    assert [a.art for a in archive.model.rows()] == ["tpp"]
    archive.kind.setCurrentIndex(0)
    qtbot.keyClicks(archive.period, "05.2026")
    qtbot.keyClick(archive.period, Qt.Key.Key_Return)
    assert archive.model.rowCount() == 0
    archive.period.clear()
    qtbot.keyClicks(archive.period, "2026")
    qtbot.keyClick(archive.period, Qt.Key.Key_Return)
    assert archive.model.rowCount() == 3
    archive.view.setFocus()
    archive.view.selectAll()
    assert "3 ausgewählt" in archive.count.text()
    saved = archive.save_selected(str(tmp_path / "alle.pdf"))
    assert len(PdfReader(saved).pages) == 6
    qtbot.keyClicks(archive.period, "x")
    qtbot.keyClick(archive.period, Qt.Key.Key_Return)
    assert "nicht erkannt" in archive.status.text()


def test_preview_shows_all_pages_and_zooms(qtbot, page):
    view = page.preview
    qtbot.waitUntil(lambda: view.page_count == 2, timeout=60000)
    first, second = view.pages.page_rect(0), view.pages.page_rect(1)
    assert second.top() > first.bottom() and first.width() > 300  # both pages, not a thumbnail
    fitted = view.zoom
    view.area.setFocus()
    qtbot.keyClick(view.area, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > fitted and view.zoom_label.text() == f"{round(view.zoom * 100)} %"
    bigger = view.pages.page_rect(0).width()
    qtbot.keyClick(view.area, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.area, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.pages.page_rect(0).width() < bigger
    qtbot.mouseClick(view.fit_button, Qt.MouseButton.LeftButton)
    assert abs(view.zoom - fitted) < 0.01
    view.area.verticalScrollBar().setValue(view.area.verticalScrollBar().maximum())
    assert view.page_label.text() == "Seite 2 von 2"
    assert not view.pages.grab().toImage().isNull()


def test_r_v5_ablehnung_dialog_archives_the_letter_and_shows_it(qtbot, page):
    qtbot.mouseClick(page.refuse_button, Qt.MouseButton.LeftButton)
    dialog = page.refusal
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "Bitte ein Kind aus der Liste wählen" in dialog.status.text()
    k2 = page.due_model.row_at(0).nr  # the Ost desk's child
    dialog.person.lineEdit().clear()
    qtbot.keyClicks(dialog.person.lineEdit(), f"{k2} ")  # its number picks it
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "Grund der Ablehnung" in dialog.status.text()
    qtbot.keyClicks(dialog.reason, "Der Betreuungsbedarf ist nicht nachgewiesen.")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "erstellt und archiviert" in dialog.status.text(), dialog.status.text()
    assert dialog.preview.page_count >= 1 and dialog.print_button.isEnabled()
    assert [a.art for a in archive_rows(page.ctx.store, "test")] == ["ablehnung"]
    dialog.accept()


def test_elternbeitraege_tab_lists_the_month_explains_and_exports(qtbot, page, tmp_path):
    _click_tab(qtbot, page, 2)
    fees = page.fees
    own = page.due_model.row_at(0).nr  # the Ost desk's child
    qtbot.waitUntil(lambda: fees.model.rowCount() == 1, timeout=60000)  # worker process; the desk's own SRT by default
    headers = [fees.model.headerData(i, Qt.Orientation.Horizontal) for i in range(fees.model.columnCount())]
    assert headers == ["Familie_Nr", "Kind", "Stufe", "Band", "Beitrag", "Ermäßigung", "Zahlbetrag", "Änderung"]
    assert fees.model.row_at(0).child_nr == own and fees.model.row_at(0).stufe != "nicht sichtbar"
    assert fees.why_title.text().startswith("Warum") and own in fees.why_title.text()
    assert "Stufe" in fees.why.text() and "€" in fees.model.index(0, 6).data()
    fees.srt.setFocus()
    qtbot.keyClick(fees.srt, Qt.Key.Key_Home)  # "Alle SRT"
    assert fees.model.rowCount() == 2
    stufen = {r.child_nr: (r.stufe, fees.explanations[r.child_nr]) for r in fees.model.rows()}
    assert all((stufe == "nicht sichtbar") == (nr != own) and (why is None) == (nr != own)
               for nr, (stufe, why) in stufen.items())  # another desk's income: masked on the screen
    other = next(i for i, r in enumerate(fees.model.rows()) if r.child_nr != own)
    fees.view.setFocus()
    fees.view.selectRow(other)
    assert "nur für das eigene SRT sichtbar" in fees.why.text()
    wait_until_idle(qtbot, fees.export(str(tmp_path / "ost.xlsx")), timeout=60000)  # in a worker process
    assert fees.exported is None  # the export has every child: refused, not masked
    assert "Nicht exportiert: Keine Berechtigung" in fees.status.text() and not (tmp_path / "ost.xlsx").exists()
    lead = FeeListTab(sign_in(page.ctx.store, "test", lambda login, note: None, clock=lambda: TODAY))
    qtbot.addWidget(lead)
    wait_until_idle(qtbot, lead.export(str(tmp_path / "beitraege.xlsx")), timeout=60000)
    saved = lead.exported
    assert saved and os.path.getsize(saved) > 1000 and "gespeichert" in lead.status.text()


def test_page_fits_1366x768(page):
    hint = page.minimumSizeHint()
    assert hint.width() <= 1366 - 220 and hint.height() <= 768 - 60  # beside the navigation, under the title


def test_print_cancel_aborts_the_job_between_pages(qapp, tmp_path):
    from kitadesk.reports.letters import render_letter, samples
    from kitadesk.ui.printing import print_pdf
    from kitadesk.ui.tasks import TaskCancelled

    class Control:  # "Abbrechen" pressed while page 1 is printed
        cancelled = False

        def progress(self, done, total):
            self.cancelled = True

        def check(self):
            if self.cancelled:
                raise TaskCancelled()

    printer = _pdf_printer(tmp_path / "abgebrochen.pdf")
    with pytest.raises(TaskCancelled):
        print_pdf(Control(), render_letter(samples.carer_bescheid(children=8)), printer)
    out = tmp_path / "abgebrochen.pdf"  # the PDF engine cannot abort; a spooler drops the job
    assert not out.exists() or len(PdfReader(out).pages) == 1  # no page after "Abbrechen"
