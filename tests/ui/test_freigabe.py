"""Finalizing as an office does it (issue 14 item 4): the case worker may not finalize (button
disabled, tooltip says who may), hands the draft over "zur Freigabe"; Leitung's start page lists
it and opens it; the finalize confirmation lists what would block the SEPA file (missing IBAN)."""

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from kitadesk.models import AuditEntry, PayoutRun
from kitadesk.ops.payout import compute_draft
from kitadesk.ops.payout_release import pending_releases
from kitadesk.ui.app import setup_application, sign_in
from kitadesk.ui.main_window import MainWindow
from tests.ops.payout_helpers import seed
from tests.support.factory import make_carer, make_child, make_user, place, rate_table_2026
from tests.ui.conftest import TODAY


def _office(s):
    rate_table_2026(s)
    a = make_carer(s, "A", nachname="Müller", srt="Ost")
    b = make_carer(s, "B", nachname="Ohne-Konto", vorname="Berta", srt="Ost", iban=None)
    place(s, make_child(s, "K1", srt="Ost"), a, date(2026, 4, 1), hours="35")
    place(s, make_child(s, "K2", srt="Ost"), b, date(2026, 4, 1), hours="20")
    make_user(s, "leitung", "Leitung")
    make_user(s, "sb_ost", "Sachbearbeitung", "Ost")


@pytest.fixture
def office(qapp, sqlite_store):
    setup_application(qapp)
    seed(sqlite_store, _office)
    return compute_draft(sqlite_store, "sb_ost", 2026, 4)


def _window(qtbot, store, login, settings):
    ctx = sign_in(store, login, lambda login, note: None, clock=lambda: TODAY)
    win = MainWindow(ctx, settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    return win


def _payout_page(qtbot, win, year=2026, month=4):
    win.show_page("auszahlung")
    page = win.current_page().ensure()
    qtbot.waitUntil(lambda: page.task is None, timeout=60000)
    page.set_month(year, month)
    qtbot.waitUntil(lambda: page.task is None and page.view is not None and page.view.month == month
                    and page.view.report is not None, timeout=60000)
    return page


def test_case_worker_may_not_finalize_and_hands_the_draft_over(qtbot, office, sqlite_store, settings):
    win = _window(qtbot, sqlite_store, "sb_ost", settings)
    page = _payout_page(qtbot, win)
    assert not page.finalize_button.isEnabled()
    assert page.finalize_button.toolTip() == "Nur die Leitung darf einen Lauf abschließen."
    assert page.release.submit_button.isEnabled()
    qtbot.mouseClick(page.release.submit_button, Qt.MouseButton.LeftButton)
    assert page.release.label.text().startswith("Zur Freigabe: Lauf 2026-04/1, vorgelegt von sb_ost am ")
    assert page.release.withdraw_button.isVisible() and not page.release.submit_button.isVisible()
    with sqlite_store.session() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.tabelle == "payout_runs")).all()
        assert [(a.benutzer, a.aktion) for a in audit] == [("sb_ost", "Freigabe")]
    qtbot.mouseClick(page.release.withdraw_button, Qt.MouseButton.LeftButton)  # withdraw is possible
    assert page.release.label.text() == "" and page.release.submit_button.isVisible()
    with sqlite_store.session() as s:
        assert pending_releases(s) == []


def test_leitung_start_page_lists_the_handed_over_run_and_opens_it(qtbot, office, sqlite_store, settings):
    from kitadesk.ops.payout_release import submit_for_release

    submit_for_release(sqlite_store, "sb_ost", office.run_id)
    win = _window(qtbot, sqlite_store, "leitung", settings)
    start = win.pages["start"]
    qtbot.waitUntil(lambda: start.releases.list.count() == 1, timeout=60000)
    item = start.releases.list.item(0)
    assert item.text().startswith("Zur Freigabe: Lauf 2026-04/1, vorgelegt von sb_ost am ")
    rect = start.releases.list.visualItemRect(item)
    qtbot.mouseClick(start.releases.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.current_key() == "auszahlung"
    page = win.pages["auszahlung"].page
    qtbot.waitUntil(lambda: page.task is None and page.view is not None and page.view.month == 4
                    and page.view.report is not None, timeout=60000)
    assert page.finalize_button.isEnabled()
    assert page.release.label.text().startswith("Zur Freigabe: Lauf 2026-04/1")


def test_leitung_finalize_confirmation_lists_the_missing_iban(qtbot, office, sqlite_store, settings):
    win = _window(qtbot, sqlite_store, "leitung", settings)
    page = _payout_page(qtbot, win)
    seen = []

    def answer_no():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.No).click()
        else:
            QTimer.singleShot(20, answer_no)

    QTimer.singleShot(0, answer_no)
    qtbot.mouseClick(page.finalize_button, Qt.MouseButton.LeftButton)
    assert seen, "no confirmation shown"
    text = seen[0]
    assert "SEPA-Datei dieses Laufs würde abgelehnt" in text
    assert "TPP-Nr. B (Ohne-Konto, Berta)" in text and "IBAN" in text
    assert "TPP-Nr. A" not in text  # a valid IBAN is not listed
    with sqlite_store.session() as s:
        assert s.scalars(select(PayoutRun.status)).one() == "Entwurf"  # "Nein": nothing closed
