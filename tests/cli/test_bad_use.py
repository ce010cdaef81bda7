"""Ordinary mistakes on the command line end in exit 1 with a German message that says what to
do — never "Interner Fehler" (exit 3) or a traceback (interfaces.md §2, issue 16). Each case
runs `python -m kitadesk` as a subprocess, as a newcomer would, with its own empty user folders."""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path):
    """Environment of a fresh user account: empty data, config and log folders, no KITADESK_*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KITADESK_")}
    for var, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        env[var] = str(tmp_path / sub)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    return env


def kitadesk(env, *args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kitadesk", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, **kw)


def assert_user_error(out: subprocess.CompletedProcess, *texts: str) -> None:
    assert out.returncode == 1, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr and "Interner Fehler" not in out.stderr
    for text in texts:
        assert text in out.stderr


@pytest.fixture
def ready_db(tmp_path, sqlite_template) -> Path:
    path = tmp_path / "buero.sqlite3"
    shutil.copy(sqlite_template, path)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_r_cli_reminders_without_a_database_says_init_and_creates_nothing(home, tmp_path):
    out = kitadesk(home, "reminders")
    assert_user_error(out, "gibt es noch nicht", "kitadesk init")
    assert not list((tmp_path / "data").rglob("*.sqlite3"))  # no silent empty default database


def test_r_cli_database_never_initialized(home, tmp_path):
    empty = tmp_path / "leer.sqlite3"
    empty.touch()  # left by an interrupted first run
    assert_user_error(kitadesk(home, "--db", str(empty), "payout", "11/2026"),
                      "noch nicht eingerichtet", f"kitadesk --db {empty} init")


def test_r_cli_broken_file_is_named(home, tmp_path):
    broken = tmp_path / "kaputt.sqlite3"
    broken.write_text("keine Datenbank")
    assert_user_error(kitadesk(home, "--db", str(broken), "reminders"), "keine lesbare KitaDesk-Datenbank")


def test_r_cli_unreachable_postgresql(home):
    url = f"postgresql://kitadesk@127.0.0.1:{_free_port()}/kitadesk"
    assert_user_error(kitadesk(home, "--db", url, "reminders"), "PostgreSQL-Server 127.0.0.1:", "nicht erreichbar",
                      "Stimmen Host und Port?")


def test_r_cli_postgresql_database_missing_on_the_server(home, pg_cluster):
    url = pg_cluster.url("gibt_es_nicht")
    assert_user_error(kitadesk(home, "--db", url, "reminders"), "„gibt_es_nicht“ gibt es auf dem PostgreSQL-Server")


def test_r_cli_wrong_url_scheme(home):
    assert_user_error(kitadesk(home, "--db", "mysql://amt@server/kitadesk", "reminders"),
                      "kennt KitaDesk nicht", "postgresql://BENUTZER@SERVER/DATENBANK")


def test_r_cli_sqlite_file_in_a_missing_folder(home, tmp_path):
    out = kitadesk(home, "--db", str(tmp_path / "fehlt" / "kitadesk.sqlite3"), "init")
    assert_user_error(out, f"Der Ordner „{tmp_path / 'fehlt'}“", "existiert nicht")
    assert not (tmp_path / "fehlt").exists()


def test_r_cli_init_creates_and_then_commands_work(home, tmp_path):
    db = tmp_path / "neu.sqlite3"
    assert kitadesk(home, "--db", str(db), "init").returncode == 0
    out = kitadesk(home, "--db", str(db), "reminders", "--srt", "süd")
    assert out.returncode == 0 and "0 Wiedervorlagen" in out.stdout, out.stderr
    assert len(list((tmp_path / "Sicherungen").glob("kitadesk-*.sqlite3"))) == 1  # the day's backup


def test_r_cli_broken_pipe_ends_quietly(home, ready_db):
    proc = subprocess.Popen([sys.executable, "-m", "kitadesk", "--db", str(ready_db), "reminders"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=home, cwd=ROOT)
    proc.stdout.close()  # the reader (`| head`) is gone before the first line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and err == ""


def test_r_cli_unknown_srt_lists_the_allowed_values(home, ready_db):
    out = kitadesk(home, "--db", str(ready_db), "reminders", "--srt", "West")
    assert out.returncode == 2 and "SRT „West“ gibt es nicht – möglich: Mitte/Süd" in out.stderr
    assert "Traceback" not in out.stderr


def test_r_cli_usage_errors_in_german(home):
    out = kitadesk(home, "payout")
    assert out.returncode == 2
    assert out.stderr.startswith("Aufruf: kitadesk payout") and "Fehler: diese Angaben fehlen: MONAT" in out.stderr
    helped = kitadesk(home, "init", "--help")
    assert helped.returncode == 0 and "diese Hilfe anzeigen und beenden" in helped.stdout
    assert "Legt die Datenbank an" in helped.stdout and "usage" not in helped.stdout
    wrong = kitadesk(home, "zahlen")
    assert wrong.returncode == 2 and "„zahlen“ gibt es nicht" in wrong.stderr


def test_r_cli_version_and_help_import_no_command_and_no_qt(home):
    code = ("import sys; from kitadesk.cli import main; main(['--help']); main(['--version']); "
            "print(sorted(m for m in sys.modules if m.startswith(('kitadesk.commands.', 'PySide6', 'sqlalchemy'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=home, cwd=ROOT, timeout=60)
    assert out.stdout.strip().endswith("[]"), out.stdout[-300:]
    # the start time is measured by bench/bench_cli_start.py (≤ 0.3 s), not asserted (no timed tests)
    assert kitadesk(home, "--version").stdout.strip().startswith("KitaDesk ")
