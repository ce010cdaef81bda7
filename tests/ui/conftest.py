"""UI fixtures: a fixed clock, isolated QSettings, the app context and the main window on a
fresh migrated SQLite database (fixture `sqlite_store` from tests/conftest.py)."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from kitadesk.ui.app import setup_application, sign_in

TODAY = date(2026, 11, 24)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "kitadesk-ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(qapp, sqlite_store):
    setup_application(qapp)
    return sign_in(sqlite_store, "anna", lambda login, note: None, clock=lambda: TODAY)


@pytest.fixture
def window(qtbot, ctx, settings):
    from kitadesk.ui.main_window import MainWindow

    win = MainWindow(ctx, settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def wait_until_idle(qtbot, handle, timeout=60000):
    if handle is not None and handle.is_running:
        with qtbot.waitSignal(handle.done, timeout=timeout):
            pass


def wait_loaded(qtbot, page, timeout=60000):
    """Wait until a list page shows the rows of its latest load (loads run in the background,
    ui/views/list_page.py)."""
    qtbot.waitUntil(lambda: page.loaded and not page.is_loading, timeout=timeout)
