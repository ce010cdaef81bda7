"""Screen "Auszahlung" (issue 5): compute in the worker, the run header, carers and lines,
"Warum?", finalize after confirmation, exports — on the worked example (berechnung.md §10)."""

import os
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import update

from kitadesk.models import SACHBEARBEITUNG, RateTable
from kitadesk.ops.payout import month_run
from kitadesk.ui.views import payout_page
from tests.ops.payout_helpers import real_payer
from tests.support.factory import make_carer, make_child, make_user, place
from tests.ui_payout import jobs
from tests.ui_payout.conftest import wait_idle

D = Decimal


def compute(qtbot, page):
    handle = page.compute()
    assert handle is not None and page.task is handle
    assert page.progress.isVisible() and page.cancel_button.isVisible()
    wait_idle(qtbot, page)
    assert not page.progress.isVisible()


def test_s10_april_2026_computed_in_the_worker_shows_total_lines_and_why(qtbot, example, page_for):
    page = page_for()
    assert "noch kein Auszahlungslauf" in page.header.text()
    assert not page.finalize_button.isEnabled() and not page.export_buttons["xlsx"].isEnabled()
    compute(qtbot, page)
    header = page.header.text()
    assert "2026-04/1" in header and "Entwurf" in header and "1.924,98 €" in header
    assert page.view.report.total == D("1924.98")
    assert page.carer_model.rowCount() == 1 and page.current_carer().nr == "A"
    assert page.line_proxy.rowCount() == 9
    shown = [[page.line_proxy.index(r, c).data() for c in range(8)] for r in range(page.line_proxy.rowCount())]
    assert shown[0] == ["K1 · Kind-K1, Mia", "Betreuung", "R-G1", "01.04.2026", "30.04.2026", "151,67", "6,70 €",
                        "1.016,17 €"]
    assert ["K2 · Kind-K2, Ben", "Betreuung", "R-G1", "16.04.2026", "30.04.2026", "86,67", "6,70 €",
            "290,33 €"] in shown
    page.select_line(0)
    why = page.why.plain_text()
    assert "Warum 1.016,17 €?" in why and "R-G1" in why and "Stundensatz der Stufe" in why
    assert "35 Std./Woche × 52/12 × 6,70 € = 1.016,17 €" in why
    assert "(h + 2·n) · f · r · d / D" in why and "01.04.2026 – 30.04.2026 (30 Tage)" in why
    assert page.srt_table.item(0, 0).text() == "SRT Mitte/Süd" and page.srt_table.item(1, 2).text() == "1.924,98 €"
    assert page.finalize_button.isEnabled() and not page.export_buttons["sepa"].isEnabled()


def test_s8_finalize_after_confirmation_then_sepa_and_no_recompute(qtbot, example, page_for, monkeypatch, tmp_path,
                                                                   sqlite_store):
    real_payer(sqlite_store)
    page = page_for()
    compute(qtbot, page)
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    page.finalize_run()
    wait_idle(qtbot, page)
    assert "2026-04/1" in asked[0] and "April 2026" in asked[0] and "1.924,98 €" in asked[0]
    assert "1 Tagespflegepersonen" in asked[0] or "Zahlungen: 1" in asked[0]
    assert page.view.final and "abgeschlossen" in page.header.text()
    assert month_run(page.ctx.store, 2026, 4).status == "abgeschlossen"
    assert not page.compute_button.isEnabled() and not page.finalize_button.isEnabled()
    assert page.export_buttons["sepa"].isEnabled()
    target = tmp_path / "april"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.export("sepa")
    wait_idle(qtbot, page)
    assert (tmp_path / "april.xml").read_bytes().startswith(b"<?xml")
    assert "Gespeichert" in page.status.text()


def test_s8_finalize_is_not_done_when_the_confirmation_is_declined(qtbot, example, page_for, monkeypatch):
    page = page_for()
    compute(qtbot, page)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    assert page.finalize_run() is None
    assert month_run(page.ctx.store, 2026, 4).status == "Entwurf"


def test_issue8_finalize_refused_without_the_right_shows_the_german_message(qtbot, example, page_for,
                                                                            monkeypatch, sqlite_store):
    with sqlite_store.session("test") as s:
        make_user(s, "anna", SACHBEARBEITUNG, "Mitte/Süd")
        s.commit()
    page = page_for("anna")
    compute(qtbot, page)  # every role may compute a draft
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: (_ for _ in ()).throw(AssertionError("not asked")))
    page.finalize_run()
    assert "Keine Berechtigung: „Auszahlungslauf abschließen“ fehlt" in shown[0]
    assert "Keine Berechtigung" in page.status.text()
    assert month_run(sqlite_store, 2026, 4).status == "Entwurf"


def test_interfaces_4_xlsx_and_pdf_exports_via_the_file_dialog(qtbot, example, page_for, monkeypatch, tmp_path):
    page = page_for()
    compute(qtbot, page)
    for kind, name in (("xlsx", "auszahlung.xlsx"), ("pdf", "liste.pdf")):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, n=name, **k: (str(tmp_path / n), ""))
        assert page.export(kind) is not None
        wait_idle(qtbot, page)
    ws = load_workbook(tmp_path / "auszahlung.xlsx")["Auszahlung"]
    assert [c.value for c in ws[1]][:6] == ["Nr", "Name", "Vorname", "SRT", "IBAN", "Betrag"]
    assert D(str(ws["F2"].value)) == D("1924.98")
    assert (tmp_path / "liste.pdf").read_bytes().startswith(b"%PDF")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))  # dialog cancelled
    assert page.export("pdf") is None


def test_ui_carers_sort_by_real_amount_and_filter(qtbot, example, page_for, sqlite_store):
    with sqlite_store.session("test") as s:
        b = make_carer(s, "B", nachname="Zander", srt="Ost", proofs=False)
        place(s, make_child(s, "K3", srt="Ost"), b, example["P1"].beginn, hours="10")
        s.commit()
    page = page_for()
    compute(qtbot, page)
    amounts = lambda: [page.carer_proxy.row_object(r).amount for r in range(page.carer_proxy.rowCount())]  # noqa
    page.carer_table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert amounts() == sorted(amounts()) and amounts()[0] < D("1000")  # '290…' < '1.924…' as numbers
    page.carer_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert amounts()[0] == D("1924.98")
    assert page.select_carer("A") and page.lines_label.text().startswith("Positionen von A")
    page.srt.setCurrentIndex(page.srt.findData("Ost"))
    assert [page.carer_proxy.row_object(r).nr for r in range(page.carer_proxy.rowCount())] == ["B"]
    assert page.count.text() == "1 von 2 Tagespflegepersonen"
    # the lines pane follows the list: A is hidden now, so B (the first shown) is chosen
    assert page.current_carer().nr == "B" and page.lines_label.text().startswith("Positionen von B")
    page.search.setText("niemand")
    assert page.carer_proxy.rowCount() == 0 and page.lines_label.text() == "Positionen"
    assert page.line_proxy.rowCount() == 0
    page.search.clear()
    page.srt.setCurrentIndex(0)
    assert page.current_carer().nr == "B"  # still shown: stays chosen
    page.search.setText("muster")
    assert page.carer_proxy.rowCount() == 1 and page.carer_proxy.row_object(0).nr == "A"
    assert page.current_carer().nr == "A" and page.lines_label.text().startswith("Positionen von A")


def test_issue17_draft_is_computed_in_a_worker_process(qtbot, example, page_for, monkeypatch, tmp_path):
    pid_file = tmp_path / "pid"
    monkeypatch.setenv(jobs.PID_FILE, str(pid_file))
    monkeypatch.setattr(payout_page, "draft_job", jobs.recording_draft_job)
    page = page_for()
    compute(qtbot, page)
    child = int(pid_file.read_text())
    assert child != os.getpid()
    assert page.view.report.total == D("1924.98") and page.status.text() == "Entwurf berechnet."
    assert page.line_proxy.rowCount() == 9  # the carer's lines, unpacked on selection


def test_ui_abbrechen_cancels_the_computation_in_the_process_nothing_stored(qtbot, example, page_for, monkeypatch):
    monkeypatch.setattr(payout_page, "draft_job", jobs.draft_job_after_cancel)
    page = page_for()
    handle = page.compute()
    qtbot.waitUntil(lambda: page.progress.maximum() == 4, timeout=60000)
    assert handle.process.pid != os.getpid()
    page.cancel_button.click()
    wait_idle(qtbot, page)
    assert page.status.text() == "Berechnung abgebrochen – es wurde nichts gespeichert."
    assert month_run(page.ctx.store, 2026, 4) is None and page.compute_button.isEnabled()
    assert "noch kein Auszahlungslauf" in page.header.text()


def test_abbrechen_while_loading_stops_the_load_and_starts_no_other(qtbot, example, page_for, monkeypatch):
    from kitadesk.ui.views import payout_jobs

    page = page_for()
    monkeypatch.setattr(payout_jobs, "view_job", jobs.view_job_until_cancelled)
    handle = page.reload()
    assert handle is not None
    qtbot.waitUntil(lambda: page.progress.maximum() == 4, timeout=60000)
    page.cancel_button.click()
    wait_idle(qtbot, page)
    assert handle.state == "abgebrochen" and page.task is None  # no new load (a reload here looped)
    assert page.status.text() == "Laden abgebrochen."
    monkeypatch.undo()
    page.activate()  # the next visit loads again
    wait_idle(qtbot, page)
    assert page.view is not None and page.view.month == 4


def test_r_g2_an_ops_error_in_the_process_arrives_as_the_german_message(qtbot, example, page_for, monkeypatch,
                                                                         sqlite_store):
    with sqlite_store.session("test") as s:  # the rates start after April: compute_draft refuses (R-G2)
        s.execute(update(RateTable).values(gueltig_ab=date(2026, 5, 1)))
        s.commit()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    page = page_for()
    page.compute()
    wait_idle(qtbot, page)
    assert len(shown) == 1 and "Keine Satztabelle gültig am 01.04.2026" in shown[0] and "R-G2" in shown[0]
    assert page.status.text() == shown[0].splitlines()[0]
    assert "Traceback" not in shown[0] and month_run(page.ctx.store, 2026, 4) is None
