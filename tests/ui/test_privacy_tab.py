"""Issue 17 item 5: Einstellungen → "Datenschutz" — the preview lists who is past the retention
period (nothing changed), "Anonymisieren …" asks, runs in the background and shows the result;
users without the right `datenschutz` see the buttons disabled with a tooltip."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from kitadesk.models import ADMIN, SACHBEARBEITUNG, Carer
from kitadesk.ui.app import setup_application, sign_in
from kitadesk.ui.views.privacy_tab import NOT_ALLOWED, PrivacyTab
from tests.support.factory import make_carer, make_child, make_user, place
from tests.ui.test_office_habits import _answer


def _office(store) -> None:
    with store.session("test") as s:
        make_user(s, "admin", ADMIN)
        make_user(s, "sb", SACHBEARBEITUNG, "Ost")
        old = make_carer(s, "ALT", nachname="Altmann", vorname="Olga", srt="Ost")
        kid = make_child(s, "K-ALT", nachname="Klein", vorname="Paul", srt="Ost")
        place(s, kid, old, date(2012, 8, 1), ende=date(2014, 7, 31))
        s.commit()


def _tab(qtbot, qapp, store, login) -> PrivacyTab:
    setup_application(qapp)
    ctx = sign_in(store, login, lambda login, note: None, clock=lambda: date(2026, 11, 24))
    tab = PrivacyTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def test_r_8_privacy_tab_previews_then_anonymises(qtbot, qapp, sqlite_store):
    _office(sqlite_store)
    tab = _tab(qtbot, qapp, sqlite_store, "admin")
    assert not tab.run_button.isEnabled()
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=60000)
    assert "Tagespflegepersonen: 1 · Kinder: 1" in tab.summary.text()
    assert [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())] == ["ALT", "K-ALT"]
    assert tab.model.index(0, 4).data() == "31.07.2014"
    seen = _answer(QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.run_button, Qt.MouseButton.LeftButton)
    assert seen and "1 Tagespflegepersonen und 1 Kinder werden anonymisiert" in seen[0]
    with sqlite_store.session() as s:
        assert s.scalar(select(Carer.nachname).where(Carer.nr == "ALT")) == "Altmann"  # Nein: nothing done
    seen = _answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.status.text().startswith("Anonymisiert"), timeout=60000)
    assert tab.status.text() == "Anonymisiert: 1 Tagespflegepersonen, 1 Kinder; 0 Bescheide/Briefe gelöscht."
    with sqlite_store.session() as s:
        assert s.scalar(select(Carer.nachname).where(Carer.nr == "ALT")) != "Altmann"


def test_r_8_privacy_tab_disabled_for_a_case_worker(qtbot, qapp, sqlite_store):
    _office(sqlite_store)
    tab = _tab(qtbot, qapp, sqlite_store, "sb")
    assert not tab.preview_button.isEnabled() and not tab.run_button.isEnabled()
    assert tab.preview_button.toolTip() == NOT_ALLOWED
