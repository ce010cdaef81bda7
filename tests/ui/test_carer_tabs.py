"""The carer form's tabs (issue 14 item 1): records typed in on their tabs with keys and clicks,
saved through the record ops, the reminders they clear, other desks read-only on every tab, the
domain rule's message at the field, keyboard navigation and the 1366×768 fit."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from kitadesk.domain.rules.carer_records import CarerFacts, permit_record_problems, training_problems
from kitadesk.models import Carer, CarerDocument, Erstattungsnachweis, Fortbildung
from kitadesk.ops import records
from kitadesk.ui.forms.carer_form import CarerForm
from kitadesk.ui.forms.carer_tab_keys import TAB_KEYS, tab_for_reminder
from tests.ui.conftest import TODAY

RETURN = Qt.Key.Key_Return


def _type_new_carer(qtbot, window, nr: str) -> CarerForm:
    window.show_page("tagespflegepersonen")
    page = window.current_page()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.current_form
    assert isinstance(form, CarerForm) and not form.tabs.isTabEnabled(1)  # records need a saved carer
    qtbot.keyClicks(form.nr, nr)
    qtbot.keyClicks(form.nachname, "Brandt")
    qtbot.keyClicks(form.vorname, "Birgit")
    form.srt.setCurrentIndex(form.srt.findData("Ost"))
    qtbot.keyClicks(form.erlaubnis_vom.edit, "01.02.2025")
    qtbot.keyClicks(form.fuehrungszeugnis_vom.edit, "15.01.2022")
    qtbot.keyClick(form.vorname, RETURN)  # Enter saves
    assert not form.isVisible()
    return page


def _place_a_child(ctx, carer_id: int) -> None:
    child = records.create_child(ctx.store, ctx.user, records.ChildData(
        nr="K-1", nachname="Kind", vorname="Mia", geburtsdatum=date(2025, 1, 10), srt="Ost"), TODAY).id
    records.place_child(ctx.store, ctx.user, records.PlacementData(
        child, carer_id, date(2026, 3, 1), records.PlacementTerms(Decimal("30"))), TODAY)


def _reminders(window, nr: str) -> dict[str, str]:
    window.show_page("start")
    start = window.current_page()
    start.reload()
    proxy = start.reminder_proxy
    rows = [proxy.row_object(r) for r in range(proxy.rowCount())]
    return {r.art: r.hinweis for r in rows if r.nr == nr}


def _open_reminder_by_keys(qtbot, window, nr: str, art: str) -> CarerForm:
    start = window.current_page()
    proxy = start.reminder_proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.row_object(r).nr == nr and proxy.row_object(r).art == art)
    start.reminder_table.setFocus()
    start.reminder_table.selectRow(row)
    qtbot.keyClick(start.reminder_table, RETURN)
    form = window.pages["tagespflegepersonen"].current_form
    assert isinstance(form, CarerForm)
    return form


def _activate(qtbot, form) -> None:
    """The opened form is the active window (as on the desktop), so its shortcuts work."""
    from PySide6.QtWidgets import QApplication

    form.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)


def _new_record(qtbot, form: CarerForm, kind: str):
    tab = form.tabs.records[kind]
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = tab.form
    assert dialog is not None and dialog.isVisible()
    return tab, dialog


def test_r_g4_r_c2_new_carer_then_proof_and_document_on_their_tabs_clear_the_reminders(qtbot, window, ctx):
    _type_new_carer(qtbot, window, "T-NEU")
    with ctx.store.session(ctx.user) as s:
        carer_id = s.scalar(select(Carer.id).where(Carer.nr == "T-NEU"))
    _place_a_child(ctx, carer_id)
    before = _reminders(window, "T-NEU")
    assert before["Führungszeugnis"] == ("Erweitertes Führungszeugnis vom 15.01.2022: zu erneuern bis "
                                         "15.01.2027.")
    assert "fehlt" in before["Nachweis Unfallversicherung"]

    form = _open_reminder_by_keys(qtbot, window, "T-NEU", "Nachweis Unfallversicherung")
    assert form.record_id == carer_id and form.tabs.key() == "nachweise"  # where the reminder is cleared

    tab, dialog = _new_record(qtbot, form, "nachweis")
    assert dialog.boxes["art"].field.currentData() == "unfall"
    assert not dialog.boxes["alter_art"].field.isEnabled()  # R-G4: belongs to Alterssicherung only
    qtbot.keyClicks(dialog.boxes["betrag"].field, "12,50")
    qtbot.keyClicks(dialog.boxes["von"].field.edit, "01.01.2026")
    qtbot.keyClick(dialog.boxes["von"].field.edit, RETURN)  # Enter saves the small form
    assert not dialog.isVisible()
    assert tab.model.rowCount() == 1 and tab.model.index(0, 1).data() == "12,50 €"

    tab, dialog = _new_record(qtbot, form, "dokument")
    dialog.boxes["art"].field.lineEdit().insert("Führungszeugnis")  # QTest types ASCII only
    qtbot.keyClicks(dialog.boxes["erhalten_am"].field.edit, "01.10.2026")
    qtbot.keyClick(dialog.boxes["erhalten_am"].field.edit, RETURN)
    assert not dialog.isVisible() and tab.model.rowCount() == 2  # the Führungszeugnis of 2022 stays on file
    shown = {(tab.model.index(r, 2).data(), tab.model.index(r, 3).data()) for r in range(2)}
    assert ("01.10.2026", "30.09.2031") in shown  # R-C2: five years
    assert form.fuehrungszeugnis_vom.value() == date(2026, 10, 1)  # Stammdaten shows the stored one

    with ctx.store.session(ctx.user) as s:
        proof = s.scalars(select(Erstattungsnachweis).where(Erstattungsnachweis.carer_id == carer_id)).one()
        assert (proof.art, proof.betrag, proof.je, proof.von, proof.bis) == (
            "unfall", Decimal("12.50"), "monat", date(2026, 1, 1), None)
        doc = s.scalars(select(CarerDocument).where(CarerDocument.carer_id == carer_id)
                        .order_by(CarerDocument.erhalten_am.desc())).first()
        assert (doc.art, doc.person, doc.erhalten_am, doc.gueltig_bis) == (
            "Führungszeugnis", "", date(2026, 10, 1), date(2031, 9, 30))
    form.reject()
    after = _reminders(window, "T-NEU")
    assert "Führungszeugnis" not in after and "Nachweis Unfallversicherung" not in after
    assert "Nachweis Alterssicherung" in after  # the others are still missing


def _carer(ctx, nr: str, srt: str) -> int:
    data = records.CarerData(nr=nr, nachname="Öztürk", vorname="Ayşe", srt=srt, erlaubnis_vom=date(2024, 1, 1),
                             fuehrungszeugnis_vom=date(2024, 1, 1), max_kinder=5, max_gleichzeitig=5)
    return records.create_carer(ctx.store, ctx.user, data, TODAY).id


def test_r_c6_r_c4_rule_violation_shows_the_domain_message_at_the_field(qtbot, window, ctx):
    carer_id = _carer(ctx, "T-R", "Ost")
    window.pages["tagespflegepersonen"].open_record(carer_id)
    form = window.pages["tagespflegepersonen"].current_form
    _activate(qtbot, form)
    qtbot.keyClick(form.nr, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # Strg+Bild↓
    assert form.tabs.key() == "erlaubnis"
    tab, dialog = _new_record(qtbot, form, "erlaubnis")
    qtbot.keyClicks(dialog.boxes["erlaubnis_vom"].field.edit, "01.01.2026")
    qtbot.keyClicks(dialog.boxes["erlaubnis_bis"].field.edit, "01.01.2032")
    expected = permit_record_problems({"erlaubnis_vom": date(2026, 1, 1), "erlaubnis_bis": date(2032, 1, 1),
                                       "max_kinder": 5, "max_gleichzeitig": 5}, CarerFacts("Basis"))[0].message
    assert dialog.boxes["erlaubnis_bis"].error == expected and "(R-C6)" in expected
    qtbot.keyClick(dialog.boxes["erlaubnis_bis"].field.edit, RETURN)
    assert dialog.isVisible() and "markierten Felder" in dialog.banner.label.text()
    assert tab.model.rowCount() == 1  # only the permit typed on Stammdaten
    dialog.boxes["erlaubnis_bis"].field.edit.clear()
    qtbot.keyClick(dialog.boxes["erlaubnis_bis"].field.edit, RETURN)
    assert not dialog.isVisible() and tab.model.rowCount() == 2
    assert form.erlaubnis_vom.value() == date(2026, 1, 1)  # the newest permit is the one on Stammdaten

    form.tabs.show_tab("fortbildungen")
    tab, dialog = _new_record(qtbot, form, "fortbildung")
    qtbot.keyClicks(dialog.boxes["datum"].field.edit, "03.03.2026")
    qtbot.keyClicks(dialog.boxes["titel"].field, "Kinderschutz")
    qtbot.keyClicks(dialog.boxes["stunden"].field, "0")
    expected = training_problems({"datum": date(2026, 3, 3), "titel": "x", "stunden": Decimal(0)})[0].message
    assert dialog.boxes["stunden"].error == expected and "(R-C4)" in expected
    dialog.boxes["stunden"].field.setText("")
    qtbot.keyClicks(dialog.boxes["stunden"].field, "3,5")
    qtbot.keyClick(dialog.boxes["stunden"].field, RETURN)
    assert not dialog.isVisible()
    assert "2026: 3,5 Std. (Pflicht 5)" in form.tabs.training_sum.text()
    tab, dialog = _new_record(qtbot, form, "fortbildung")  # the same course again (import key Datum, Titel)
    qtbot.keyClicks(dialog.boxes["datum"].field.edit, "03.03.2026")
    qtbot.keyClicks(dialog.boxes["titel"].field, "Kinderschutz")
    qtbot.keyClicks(dialog.boxes["stunden"].field, "2")
    qtbot.keyClick(dialog.boxes["stunden"].field, RETURN)
    assert dialog.isVisible() and "gibt es bei dieser Tagespflegeperson schon" in dialog.boxes["datum"].error
    dialog.reject()
    with ctx.store.session(ctx.user) as s:
        assert s.scalars(select(Fortbildung.stunden).where(Fortbildung.carer_id == carer_id)).one() == Decimal("3.5")


def test_other_desks_carer_opens_read_only_on_every_tab(qtbot, qapp, sqlite_store, settings):
    from kitadesk.models import LEITUNG, SACHBEARBEITUNG
    from kitadesk.ops.records.carer_records import save_carer_record
    from kitadesk.ui.app import setup_application, sign_in
    from kitadesk.ui.main_window import MainWindow
    from tests.support.factory import make_carer, make_user

    with sqlite_store.session("test") as s:
        make_user(s, "sb.ost", SACHBEARBEITUNG, "Ost")
        make_user(s, "leitung", LEITUNG)
        nord = make_carer(s, "T-NORD", srt="Nord").id
        s.commit()
    for kind, values in (("notiz", {"datum": date(2026, 5, 1), "text": "Hund im Haushalt"}),
                         ("fortbildung", {"datum": date(2026, 5, 1), "titel": "Kinderschutz",
                                          "stunden": Decimal(6)}),
                         ("vertretungsplatz", {"vertretungsplatz_von": date(2026, 1, 1)}),
                         ("qualikosten", {"art": "Anmeldegebühr Qualifizierung", "betrag": Decimal(120)})):
        save_carer_record(sqlite_store, "leitung", kind, nord, values, today=TODAY)
    setup_application(qapp)
    ctx = sign_in(sqlite_store, "sb.ost", lambda login, note: None, clock=lambda: TODAY)
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["tagespflegepersonen"]
    page.open_record(nord, tab="notizen")
    form = page.current_form
    assert form.read_only and not form.nachname.isEnabled() and form.tabs.key() == "notizen"
    for key in TAB_KEYS:
        form.tabs.show_tab(key)
        assert form.tabs.key() == key
    for kind, tab in form.tabs.records.items():
        assert not tab.new_button.isVisible() and not tab.delete_button.isVisible(), kind
    tab = form.tabs.records["notiz"]
    form.tabs.show_tab("notizen")
    assert tab.model.rowCount() == 1
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, RETURN)  # opens the note, read-only
    dialog = tab.form
    assert dialog.read_only and not dialog.save_button.isVisible()
    assert not dialog.boxes["text"].field.isEnabled() and "Nur lesen" in dialog.banner.label.text()
    dialog.reject()
    tab.delete()  # no button, no key: nothing happens
    assert tab.model.rowCount() == 1


def test_keyboard_tabs_switch_with_ctrl_tab_and_every_control_is_reached_by_tab(qtbot, window, ctx):
    carer_id = _carer(ctx, "T-K", "Ost")
    page = window.pages["tagespflegepersonen"]
    page.open_record(carer_id, tab="vertretungsplatz")
    form = page.current_form
    _activate(qtbot, form)
    assert form.tabs.key() == "vertretungsplatz"
    qtbot.keyClick(form.tabs.currentWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert form.tabs.key() == "notizen"
    qtbot.keyClick(form.tabs.currentWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert form.tabs.key() == "vertretungsplatz"
    tab = form.tabs.records["vertretungsplatz"]
    tab.table.setFocus()
    seen = set()
    for _ in range(12):
        qtbot.keyClick(qapp_focus(form), Qt.Key.Key_Tab)
        seen.add(qapp_focus(form))
    wanted = {tab.new_button, tab.edit_button, tab.delete_button, *form.pay_buttons.values(), form.save_button}
    assert wanted <= seen
    qtbot.keyClick(qapp_focus(form), Qt.Key.Key_Escape)
    assert not form.isVisible()


def qapp_focus(form):
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget() or form


def test_carer_form_fits_1366x768(qtbot, window, ctx):
    carer_id = _carer(ctx, "T-F", "Ost")
    page = window.pages["tagespflegepersonen"]
    page.open_record(carer_id)
    form = page.current_form
    hint = form.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 728
    available = form.screen().availableGeometry().height()
    assert form.frameGeometry().height() <= available


def test_pay_record_buttons_open_the_carers_lists(qtbot, window, ctx, monkeypatch):
    from kitadesk.ui.views import pay_records

    calls = []
    monkeypatch.setattr(pay_records, "open_for_carer", lambda parent, c, cid, kind: calls.append((parent, cid, kind)))
    carer_id = _carer(ctx, "T-P", "Ost")
    page = window.pages["tagespflegepersonen"]
    page.open_record(carer_id)
    form = page.current_form
    for kind, button in form.pay_buttons.items():
        assert kind in pay_records.KINDS
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert calls == [(form, carer_id, kind) for kind in pay_records.KINDS]


@pytest.mark.parametrize(("art", "tab"), [("Erlaubnis", "erlaubnis"), ("Führungszeugnis", "nachweise"),
                                          ("Erste Hilfe am Kind", "nachweise"), ("Fortbildung", "fortbildungen"),
                                          ("Nachweis Kranken-/Pflegeversicherung", "nachweise")])
def test_r_w1_each_reminder_opens_the_tab_that_clears_it(art, tab):
    assert tab_for_reminder(art) == tab


def test_r_c8_delete_asks_and_removes_the_note(qtbot, window, ctx, monkeypatch):
    carer_id = _carer(ctx, "T-D", "Ost")
    page = window.pages["tagespflegepersonen"]
    page.open_record(carer_id, tab="notizen")
    form = page.current_form
    tab, dialog = _new_record(qtbot, form, "notiz")
    qtbot.keyClicks(dialog.boxes["datum"].field.edit, "02.11.2026")
    qtbot.keyClicks(dialog.boxes["text"].field, "Neuer Hund im Haushalt")
    _activate(qtbot, dialog)
    qtbot.keyClick(dialog.boxes["text"].field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Strg+S
    assert not dialog.isVisible() and tab.model.rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 0


def test_r_k2_kinder_tab_lists_the_carers_placements_and_enter_opens_one(qtbot, window, ctx):
    from kitadesk.ui.forms.placement_form import PlacementForm

    carer_id = _carer(ctx, "T-KI", "Ost")
    _place_a_child(ctx, carer_id)
    page = window.pages["tagespflegepersonen"]
    page.open_record(carer_id, tab="kinder")
    form = page.current_form
    table = form.tabs.placement_table
    assert table.model().rowCount() == 1
    assert table.model().index(0, 1).data() == "Kind, Mia" and table.model().index(0, 5).data() == "laufend"
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, RETURN)
    opened = form.tabs.placement_form
    assert isinstance(opened, PlacementForm) and opened.isVisible()
    opened.reject()
