"""Shared fixtures: a fresh, migrated database per test — a real SQLite file, and a real
PostgreSQL from a throwaway cluster started once per test session (issue 3)."""

import os
import shutil
import sys
import time

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import text  # noqa: E402

from kitadesk.store import Store, upgrade  # noqa: E402
from tests.support.pgcluster import Cluster, find_bindir  # noqa: E402

PG_SKIP_REASON = (
    "PostgreSQL-Serverprogramme (initdb/pg_ctl) nicht gefunden — Debian: apt-get install postgresql "
    "(CI installiert sie, dort wird nichts übersprungen)."
)


def _passwords_off(store) -> None:
    """Password sign-in is on by default on PostgreSQL (issue 18); the tests' office switched it
    off explicitly — on both databases alike, so their dumps compare (tests/security turn it on)."""
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO settings (name, value, version, created_at, created_by) "
                          "VALUES ('anmeldung_passwort', 'nein', 1, CURRENT_TIMESTAMP, 'test')"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """One migrated SQLite file; each test gets a copy (fast, still a real file)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    store = Store(f"sqlite:///{path}")
    upgrade(store.engine)
    _passwords_off(store)
    store.dispose()
    return path


@pytest.fixture(scope="session")
def pg_cluster():
    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("CI") or os.environ.get("KITADESK_REQUIRE_PG"):
            pytest.fail("PostgreSQL wird in CI verlangt, aber initdb/pg_ctl fehlen.")
        pytest.skip(PG_SKIP_REASON)
    cluster = Cluster(bindir).start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster):
    """A migrated template database; each test clones it with CREATE DATABASE … TEMPLATE."""
    url = pg_cluster.create_database("kitadesk_template")
    store = Store(url)
    upgrade(store.engine)
    _passwords_off(store)
    store.dispose()
    return "kitadesk_template"


_counter = {"n": 0}


def _sqlite_store(tmp_path, sqlite_template) -> Store:
    path = tmp_path / "kitadesk.sqlite3"
    shutil.copy(sqlite_template, path)
    return Store(f"sqlite:///{path}")


def _pg_store(pg_cluster, pg_template) -> Store:
    import psycopg

    _counter["n"] += 1
    name = f"kitadesk_t{os.getpid()}_{_counter['n']}"
    with psycopg.connect(f"host=127.0.0.1 port={pg_cluster.port} user=postgres dbname=postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    return Store(pg_cluster.url(name))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path, sqlite_template):
    """A fresh migrated database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        s = _sqlite_store(tmp_path, sqlite_template)
    else:
        cluster = request.getfixturevalue("pg_cluster")
        s = _pg_store(cluster, request.getfixturevalue("pg_template"))
    yield s
    s.dispose()


@pytest.fixture
def sqlite_store(tmp_path, sqlite_template):
    """A fresh migrated real SQLite file (UI and CLI tests)."""
    s = _sqlite_store(tmp_path, sqlite_template)
    yield s
    s.dispose()


SETTLE_SECONDS = 60  # generous: a busy 2-core CI runner; returns as soon as nothing runs


@pytest.fixture(autouse=True)
def background_tasks_settled():
    """Nothing of one test runs on into the next (CI flake of test_list_loading): a leftover load
    held a thread of the global QThreadPool (2 on 2 cores) or a worker process and its late report
    landed in the next test; a key sequence with Ctrl left the modifier pressed (the next list
    test's reload then toggled its selection away). Only where Qt was loaded."""
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    tasks = sys.modules.get("kitadesk.ui.tasks")
    if tasks is not None:
        _settle(tasks, app)
    if app is not None:
        _release_modifiers()
    collector = sys.modules.get("kitadesk.ui.collector")
    if collector is not None:  # collect now, at a safe point; plain tests collect automatically again
        collector.uninstall()


def _settle(tasks, app) -> None:
    """Cancel what still runs, wait for the pool and the handles to report, deliver the reports."""
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    if app is None:  # no event loop: no handle can report, only the threads can end
        pool.waitForDone(SETTLE_SECONDS * 1000)
        return
    deadline = time.monotonic() + SETTLE_SECONDS
    while tasks._running or pool.activeThreadCount():
        for handle in list(tasks._running):  # also what a report started meanwhile
            handle.cancel()
        if time.monotonic() > deadline:
            pytest.fail(f"Hintergrundaufgaben laufen nach {SETTLE_SECONDS} s noch: {len(tasks._running)}")
        pool.waitForDone(50)
        app.processEvents()  # the queued reports: handles leave tasks._running


def _release_modifiers() -> None:
    """QTest's Ctrl+… leaves QGuiApplication.keyboardModifiers() at Ctrl; a key release without
    modifiers resets it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        QTest.keyRelease(QWidget(), Qt.Key.Key_Control)
