"""Fixtures of the statistics/QiK UI tests: the app context on a fresh SQLite database with a
fixed clock (fixture `sqlite_store` from tests/conftest.py)."""

from datetime import date

import pytest

TODAY = date(2026, 3, 15)


@pytest.fixture
def ctx(qapp, sqlite_store):
    from kitadesk.ui.app import setup_application, sign_in

    setup_application(qapp)
    return sign_in(sqlite_store, "anna", lambda login, note: None, clock=lambda: TODAY)
