"""The first start (issue 16): `kitadesk` alone opens the window, values as the office writes
them, the lazy command table, the display check, the rotating log and the daily backup."""

import argparse
import logging
import time
from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kitadesk import cli, config
from kitadesk.commands import args as values
from kitadesk.ops.daily_backup import run_daily_backup
from kitadesk.ops.users import set_system_setting
from kitadesk.ui import tasks
from kitadesk.ui.app import display_problem
from kitadesk.ui.main_window import MainWindow


@pytest.mark.parametrize("text", ["11/2026", "2026-11", "11.2026", " 11/2026 "])
def test_r_cli_month_as_printed_or_iso(text):
    assert values.month(text) == (2026, 11)


@pytest.mark.parametrize("text", ["13/2026", "2026-13", "November", "11/26", ""])
def test_r_cli_bad_month_names_the_forms(text):
    with pytest.raises(argparse.ArgumentTypeError, match="MM/JJJJ, z. B. 11/2026"):
        values.month(text)


def test_r_cli_date_german_or_iso():
    assert values.day("01.03.2026") == values.day("2026-03-01") == values.day("1.3.2026") == date(2026, 3, 1)
    with pytest.raises(argparse.ArgumentTypeError, match="TT.MM.JJJJ"):
        values.day("31.02.2026")


@pytest.mark.parametrize(("text", "srt"), [("Mitte/Süd", "Mitte/Süd"), ("mitte", "Mitte/Süd"), ("SÜD", "Mitte/Süd"),
                                           ("Sued", "Mitte/Süd"), ("ost", "Ost"), ("Nord", "Nord")])
def test_r_cli_srt_any_case_and_the_desk_halves(text, srt):
    assert values.srt(text) == srt


def test_r_cli_lists_einstellungen_and_a_missing_module_breaks_nothing(capsys):
    assert cli.main(["--help"]) == 0
    assert "einstellungen" in capsys.readouterr().out
    if not cli.available("einstellungen"):
        assert cli.main(["einstellungen"]) == 2
        assert "nicht enthalten" in capsys.readouterr().err


def test_r_cli_chosen_command_skips_global_option_values():
    assert cli.chosen_command(["--db", "payout", "--user", "x", "reminders", "--srt", "Ost"]) == "reminders"
    assert cli.chosen_command(["--db", "x.sqlite3"]) is None


def test_r_ui_display_check_german_only_where_needed():
    assert "Kein Bildschirm gefunden" in display_problem({}, "linux")
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({}, "win32") is None
    problem = display_problem({"DISPLAY": ":0"}, "linux")  # this machine may lack some xcb libraries
    assert problem is None or "sudo apt-get install libxcb" in problem


def test_r_log_rotates_utf8_without_alembic_info(tmp_path, monkeypatch, sqlite_store):
    from kitadesk.store import upgrade

    monkeypatch.setattr(config, "log_file", lambda: tmp_path / "kitadesk.log")
    root = logging.getLogger()
    earlier = [h for h in root.handlers if getattr(h, "kitadesk", False)]  # from CLI tests run before
    for handler in earlier:
        root.removeHandler(handler)
    before = list(root.handlers)
    try:
        config.setup_logging()
        config.setup_logging()
        mine = [h for h in root.handlers if h not in before]
        assert len(mine) == 1 and isinstance(mine[0], config.LogHandler)
        assert (mine[0].max_bytes, mine[0].backups) == (2 * 1024 * 1024, 4)
        upgrade(sqlite_store.engine)
        logging.getLogger("kitadesk").info("Prüfung ä")
        text = (tmp_path / "kitadesk.log").read_text(encoding="utf-8")
        assert "Prüfung ä" in text and "alembic" not in text
        mine[0].max_bytes = 4000  # rotation: kitadesk.log.1 … .4, the newest lines in kitadesk.log
        for i in range(60):
            logging.getLogger("kitadesk").info("Zeile %03d %s", i, "ü" * 200)
        names = sorted(p.name for p in tmp_path.glob("kitadesk.log*"))
        assert names == ["kitadesk.log", "kitadesk.log.1", "kitadesk.log.2", "kitadesk.log.3", "kitadesk.log.4"]
        assert "Zeile 059" in (tmp_path / "kitadesk.log").read_text(encoding="utf-8")
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
        for handler in earlier:
            root.addHandler(handler)


def test_r_backup_daily_once_keeps_backup_anzahl(sqlite_store, tmp_path):
    set_system_setting(sqlite_store, "admin", "backup_anzahl", "2")
    first = run_daily_backup(sqlite_store, date(2026, 12, 1))
    assert first.made == tmp_path / "Sicherungen" / "kitadesk-2026-12-01.sqlite3"
    assert run_daily_backup(sqlite_store, date(2026, 12, 1)).made is None  # once a day
    for day in (2, 3):
        last = run_daily_backup(sqlite_store, date(2026, 12, day))
    assert sorted(p.name for p in (tmp_path / "Sicherungen").iterdir()) == [
        "kitadesk-2026-12-02.sqlite3", "kitadesk-2026-12-03.sqlite3"]
    assert last.text().startswith("Letzte Sicherung: ") and last.last.name == "kitadesk-2026-12-03.sqlite3"


def test_r_cli_without_command_opens_the_window_with_backup_note(qtbot, sqlite_store, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "setup_logging", lambda: tmp_path / "kitadesk.log")
    seen = []

    deadline = time.monotonic() + 60  # a busy CI runner: look again until the window is up and idle

    def look_and_close():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if (not windows or tasks.busy()) and time.monotonic() < deadline:
            QTimer.singleShot(50, look_and_close)
            return
        for w in windows or QApplication.topLevelWidgets():  # (after the deadline: close, fail below)
            if windows:
                seen.append((w.backup_label.text(), w.pages["start"].backup_label.text()))
            w.close()

    QTimer.singleShot(50, look_and_close)
    try:
        assert cli.main(["--db", sqlite_store.url, "--user", "anna"]) == 0
    finally:
        import sys

        sys.excepthook = sys.__excepthook__
    assert seen and seen[0][0].startswith("Letzte Sicherung: ") and seen[0][0] == seen[0][1]
    import gc

    assert gc.get_freeze_count() == 0  # the window freezes nothing (issue 17)
    assert len(list((tmp_path / "Sicherungen").glob("kitadesk-*.sqlite3"))) == 1


def test_r_ui_window_database_errors_german_without_driver_text(tmp_path):
    import socket

    from kitadesk.ui.app import prepare_store

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    told = []
    url = f"postgresql+psycopg://kitadesk@127.0.0.1:{port}/kitadesk"
    assert prepare_store(url, lambda t, q: True, lambda t, m: told.append(m)) is None
    assert "nicht erreichbar: läuft er? Stimmen Host und Port?" in told[0]
    assert "refused" not in told[0] and "http" not in told[0]
    assert prepare_store("mysql://x@y/z", lambda t, q: True, lambda t, m: told.append(m)) is None
    assert "kennt KitaDesk nicht" in told[1]


def test_r_ui_lost_connection_in_a_task_arrives_as_german_error(qtbot):
    from sqlalchemy.exc import OperationalError

    from kitadesk.errors import DatabaseUnavailable
    from kitadesk.ui.tasks import run_task

    def work(control):
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))

    handle = run_task(work)
    with qtbot.waitSignal(handle.failed, timeout=60000) as blocker:
        pass
    error = blocker.args[0]
    assert isinstance(error, DatabaseUnavailable) and "Verbindung zum PostgreSQL-Server ist unterbrochen" in str(error)
    assert "server closed" not in str(error)


def test_r_log_rotation_keeps_writing_when_the_file_cannot_be_renamed(tmp_path, monkeypatch):
    import os

    handler = config.LogHandler(tmp_path / "kitadesk.log", max_bytes=50, backups=4)
    handler.setFormatter(logging.Formatter("%(message)s"))
    record = logging.LogRecord("kitadesk", logging.INFO, __file__, 1, "x" * 40, None, None)
    handler.emit(record)

    def refuse(src, dst):  # as Windows does while another process has the file open
        raise PermissionError(32, "used by another process")

    monkeypatch.setattr(os, "rename", refuse)
    monkeypatch.setattr(os, "replace", refuse, raising=False)
    handler.emit(record)
    handler.emit(record)
    handler.close()
    assert (tmp_path / "kitadesk.log").read_text(encoding="utf-8").count("x" * 40) == 3
