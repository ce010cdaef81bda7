"""Fixtures of the payout screen tests: the worked example of berechnung.md §10 in a fresh
SQLite store (fixture `sqlite_store`), the app context of a signed-in user, the page."""

from datetime import date

import pytest

from kitadesk.ops.base import load_actor
from kitadesk.ui.app import setup_application
from kitadesk.ui.context import AppContext
from tests.support.factory import worked_example

TODAY = date(2026, 4, 28)


def make_ctx(store, user: str) -> AppContext:
    with store.session(user) as s:
        actor = load_actor(s, user)
    return AppContext(store, user, actor, user.title(), clock=lambda: TODAY)


@pytest.fixture
def example(sqlite_store):
    with sqlite_store.session("test") as s:
        built = worked_example(s)
        s.commit()
    return built


@pytest.fixture
def page_for(qtbot, qapp, sqlite_store):
    """page_for(user) → a shown PayoutPage on April 2026, its first load finished."""
    setup_application(qapp)

    def build(user: str = "anna"):
        from kitadesk.ui.views.payout_page import PayoutPage

        page = PayoutPage(make_ctx(sqlite_store, user))
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        page.set_month(2026, 4)
        wait_idle(qtbot, page)
        return page

    return build


def wait_idle(qtbot, page, timeout=60000):  # a worker process starts first
    qtbot.waitUntil(lambda: page.task is None, timeout=timeout)
