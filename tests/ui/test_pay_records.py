"""Payout inputs in the window (issue 14 item 1): absences with substitute (R-G5), Monatsmeldungen
(berechnung.md §5) and Sonderbeträge (R-G11), entered with keys and clicks on a real database —
the month's payout draft (ops.payout.compute_draft) then has their lines."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from kitadesk.domain.lines import EINZELFALL, FEIERTAG
from kitadesk.models import Absence, Monatsmeldung, PayoutLine, Sonderbetrag
from kitadesk.ops.payout import compute_draft
from kitadesk.ui.app import setup_application, sign_in
from kitadesk.ui.views.pay_records import KINDS, open_for_carer, open_for_month
from tests.ops.payout_helpers import seed
from tests.support.factory import make_carer, make_child, make_user, place, rate_table_2026
from tests.ui.conftest import TODAY

D = Decimal


def _office(s):
    rate_table_2026(s)
    a = make_carer(s, "A", nachname="Müller", vorname="Anna")
    b = make_carer(s, "B", nachname="Kılıç", vorname="Berna")
    k1 = make_child(s, "K1")
    place(s, k1, a, date(2026, 4, 1), hours="35")
    make_user(s, "leitung", "Leitung")
    make_user(s, "sb_ost", "Sachbearbeitung", "Ost")
    return {"A": a.id, "B": b.id, "K1": k1.id}


@pytest.fixture
def office(qapp, sqlite_store):
    """The office's records (users recorded: no set-up mode) → ids."""
    setup_application(qapp)
    return seed(sqlite_store, _office)


def _sign_in(store, login="leitung"):
    return sign_in(store, login, lambda login, note: None, clock=lambda: TODAY)


@pytest.fixture
def lctx(office, sqlite_store):
    return _sign_in(sqlite_store)


@pytest.fixture
def lwindow(qtbot, lctx, settings):
    from kitadesk.ui.main_window import MainWindow

    win = MainWindow(lctx, settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    return win


def _lines(store, user="leitung"):
    summary = compute_draft(store, user, 2026, 4)
    with store.session() as s:
        return summary, list(s.scalars(select(PayoutLine).where(PayoutLine.run_id == summary.run_id)))


def _save(qtbot, form, field):
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter in a field saves (RecordForm's default button)
    assert not form.isVisible(), form.banner.label.text()


def test_r_g5_absence_with_substitute_entered_in_the_window_pays_the_substitute(qtbot, office, lctx):
    ids, ctx = office, lctx
    dialog = open_for_carer(None, ctx, ids["A"], "abwesenheiten")
    qtbot.addWidget(dialog)
    lst = dialog.list("abwesenheiten")
    qtbot.mouseClick(lst.new_button, Qt.MouseButton.LeftButton)
    form = lst.current_form
    assert form.carer.value() == ids["A"]  # preset: the carer the list belongs to
    qtbot.keyClicks(form.von.edit, "13.04.2026")
    qtbot.keyClicks(form.bis.edit, "17.04.2026")
    qtbot.keyClicks(form.substitute.search, "kilic")  # folding: Kılıç
    assert form.substitute.value() == ids["B"]
    _save(qtbot, form, form.bis.edit)
    assert lst.model.rowCount() == 1 and lst.model.row_at(0).substitute_nr == "B"
    _summary, lines = _lines(ctx.store)
    substitute = [ln for ln in lines if ln.carer_nr == "B" and ln.child_nr == "K1"]
    assert substitute and all("R-G5" in ln.regel or "Vertretung" in ln.begruendung for ln in substitute)
    assert {(ln.von, ln.bis) for ln in substitute} == {(date(2026, 4, 13), date(2026, 4, 17))}


def test_r_g5_messages_bis_before_von_and_substitute_is_the_carer(qtbot, office, lctx):
    ids, ctx = office, lctx
    dialog = open_for_carer(None, ctx, ids["A"], "abwesenheiten")
    qtbot.addWidget(dialog)
    lst = dialog.list("abwesenheiten")
    form = lst.new()
    qtbot.keyClicks(form.von.edit, "17.04.2026")
    qtbot.keyClicks(form.bis.edit, "13.04.2026")
    assert "Bis liegt vor Von" in form.boxes["bis"].error and "(R-G5)" in form.boxes["bis"].error
    qtbot.keyClicks(form.substitute.search, "mueller")  # folding: Müller
    assert form.substitute.value() == ids["A"]
    assert "nicht die abwesende Tagespflegeperson" in form.boxes["substitute_id"].error
    qtbot.keyClick(form.von.edit, Qt.Key.Key_Return)
    assert form.isVisible() and "markierten Felder" in form.banner.label.text()
    with ctx.store.session() as s:
        assert s.scalars(select(Absence)).first() is None


def test_monatsmeldung_entered_in_the_window_gives_the_holiday_line(qtbot, office, lctx):
    ids, ctx = office, lctx
    dialog = open_for_month(None, ctx, 2026, 4, "monatsmeldungen")
    qtbot.addWidget(dialog)
    lst = dialog.list("monatsmeldungen")
    form = lst.new()
    qtbot.keyClicks(form.child.search, "K1")
    assert form.child.value() == ids["K1"]
    qtbot.keyClicks(form.datum.edit, "07.04.2026")
    assert "kein gesetzlicher Feiertag" in form.boxes["datum"].error
    form.datum.edit.clear()
    qtbot.keyClicks(form.datum.edit, "06.04.2026")  # Ostermontag
    qtbot.keyClicks(form.stunden, "5")
    assert form.boxes["datum"].error == "" and form.boxes["stunden"].error == ""
    _save(qtbot, form, form.stunden)
    assert lst.model.rowCount() == 1 and lst.model.row_at(0).carer_nr == "A"
    _summary, lines = _lines(ctx.store)
    holiday = [ln for ln in lines if ln.position == FEIERTAG]
    assert len(holiday) == 1 and holiday[0].child_nr == "K1" and holiday[0].stunden == D(5)


def test_r_g11_sonderbetrag_in_german_money_becomes_its_line_with_the_grund(qtbot, lctx):
    ctx = lctx
    dialog = open_for_month(None, ctx, 2026, 4, "sonderbetraege")
    qtbot.addWidget(dialog)
    lst = dialog.list("sonderbetraege")
    form = lst.new()
    assert form.monat.text() == "04/2026"  # preset: the month of the list
    qtbot.keyClicks(form.carer.search, "muller")
    qtbot.keyClicks(form.betrag, "1.234,5x")
    assert "kein Betrag" in form.boxes["betrag"].error
    form.betrag.clear()
    qtbot.keyClicks(form.betrag, "1.234,50")
    assert "Grund fehlt" in form.boxes["grund"].error and "(R-G11)" in form.boxes["grund"].error
    qtbot.keyClicks(form.grund, "Mehraufwand Eingewoehnung")
    _save(qtbot, form, form.grund)
    with ctx.store.session() as s:
        stored = s.scalars(select(Sonderbetrag)).one()
        assert stored.betrag == D("1234.50") and isinstance(stored.betrag, Decimal) and stored.monat == "2026-04"
    _summary, lines = _lines(ctx.store)
    manual = [ln for ln in lines if ln.position == EINZELFALL]
    assert len(manual) == 1 and manual[0].betrag == D("1234.50")
    assert "Mehraufwand Eingewoehnung" in manual[0].begruendung


def test_r_g11_case_worker_may_not_enter_a_sonderbetrag(qtbot, office, sqlite_store):
    ctx = _sign_in(sqlite_store, "sb_ost")
    dialog = open_for_month(None, ctx, 2026, 4, "sonderbetraege")
    qtbot.addWidget(dialog)
    lst = dialog.list("sonderbetraege")
    assert not lst.new_button.isEnabled() and "Nur die Leitung" in lst.new_button.toolTip()
    assert "SRT Ost" in dialog.windowTitle()  # the case worker's month: own SRT


def test_delete_of_several_rows_and_the_payout_draft_shows_it_is_stale(qtbot, office, lwindow, lctx):
    ids, ctx, window = office, lctx, lwindow
    with ctx.store.session("test") as s:
        for day in (date(2026, 4, 6), date(2026, 5, 1)):
            s.add(Monatsmeldung(child_id=ids["K1"], datum=day, stunden=D(4)))
        s.commit()
    compute_draft(ctx.store, "leitung", 2026, 4)
    window.show_page("auszahlung")
    page = window.current_page().ensure()
    qtbot.waitUntil(lambda: page.task is None, timeout=60000)
    page.set_month(2026, 4)
    qtbot.waitUntil(lambda: page.task is None and page.view is not None and page.view.report is not None
                    and page.view.month == 4, timeout=60000)
    assert page.changed.text() == ""
    dialog = page.open_inputs()
    qtbot.addWidget(dialog)
    lst = dialog.list("monatsmeldungen")
    assert lst.model.rowCount() == 1  # April only
    lst.table.selectAll()
    QTimer.singleShot(0, lambda: _answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(lst.delete_button, Qt.MouseButton.LeftButton)
    assert lst.model.rowCount() == 0
    qtbot.waitUntil(lambda: "Monatsmeldungen" in page.changed.text(), timeout=60000)
    assert "bitte neu berechnen" in page.changed.text()


def _answer(button) -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        box.button(button).click()


def test_kinds_interface_and_menu_entry(qtbot, lwindow):
    assert KINDS == ("abwesenheiten", "monatsmeldungen", "sonderbetraege")
    dialog = lwindow.open_month_inputs()
    qtbot.addWidget(dialog)
    assert "Eingaben des Monats 11/2026" in dialog.windowTitle()
    assert dialog.tabs.count() == 3


def test_form_says_a_finalized_month_becomes_a_correction(qtbot, office, lctx):
    dialog = open_for_carer(None, lctx, office["A"], "abwesenheiten")
    qtbot.addWidget(dialog)
    form = dialog.list("abwesenheiten").new()
    form.finalized = {(2026, 4)}  # as if April's run were finalized (ops.records.pay_inputs.finalized_months)
    qtbot.keyClicks(form.von.edit, "28.04.2026")
    qtbot.keyClicks(form.bis.edit, "05.05.2026")
    assert form.note.isVisible() and "04/2026 ist bereits abgeschlossen" in form.note.text()
    assert "im nächsten offenen Lauf als Korrektur" in form.note.text()


def test_office_habits_copy_rows_and_esc_asks_before_typed_data_is_lost(qtbot, office, lctx):
    from kitadesk.ops.records.pay_inputs import AbsenceData, save_absence

    for von in (date(2026, 4, 13), date(2026, 4, 20)):
        save_absence(lctx.store, "leitung", None, None, AbsenceData(office["A"], von, von))
    dialog = open_for_carer(None, lctx, office["A"], "abwesenheiten")
    qtbot.addWidget(dialog)
    lst = dialog.list("abwesenheiten")
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=60000)
    assert lst.model.rowCount() == 2
    lst.table.setFocus()
    qtbot.keyClick(lst.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # multi-select
    qtbot.keySequence(lst.table, QKeySequence("Ctrl+C"))
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0].startswith("TPP Nr.\tTagespflegeperson") and len(copied) == 3
    form = lst.new()
    qtbot.keyClicks(form.bis.edit, "1")
    asked = []

    def answer_no():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.button(QMessageBox.StandardButton.No).click()
        else:
            QTimer.singleShot(20, answer_no)

    QTimer.singleShot(0, answer_no)
    qtbot.keyClick(form.bis.edit, Qt.Key.Key_Escape)
    assert asked and "nicht gespeichert" in asked[0] and form.isVisible()
