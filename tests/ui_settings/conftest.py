"""Fixtures of the settings screen tests: users of every role in a fresh SQLite store and the
page for one of them (fixture `sqlite_store`)."""

from datetime import date

import pytest

from kitadesk.models import ADMIN, LEITUNG, SACHBEARBEITUNG
from kitadesk.ops.base import load_actor
from kitadesk.ui.app import setup_application
from kitadesk.ui.context import AppContext
from tests.support.factory import make_user, rate_table_2026

TODAY = date(2026, 11, 24)


@pytest.fixture
def office(sqlite_store):
    """Admin, Leitung and a Sachbearbeitung; the worked example's rate table 2026 (confirmed)."""
    with sqlite_store.session("test") as s:
        make_user(s, "admin", ADMIN)
        make_user(s, "chefin", LEITUNG)
        make_user(s, "sb", SACHBEARBEITUNG, "Ost")
        rate_table_2026(s)
        s.commit()
    return sqlite_store


@pytest.fixture
def settings_for(qtbot, qapp, office):
    """settings_for(user) → the shown, loaded SettingsPage of that user."""
    setup_application(qapp)

    def build(user: str):
        from kitadesk.ui.views.settings_page import SettingsPage

        with office.session(user) as s:
            actor = load_actor(s, user)
        ctx = AppContext(office, user, actor, user.title(), clock=lambda: TODAY)
        page = SettingsPage(ctx)
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        page.activate()
        return page

    return build
