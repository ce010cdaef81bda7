"""The warm spare worker (issue 17.2 follow-up, ui/process_spare.py): one idle, already-imported
worker takes the next job; every worker still runs ONE job; at most one spare; it ends with the
window (also when the window's process is killed); KITADESK_WORKER_SPARE=0 switches it off."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kitadesk.ui import process_spare
from kitadesk.ui.process_child import call_in_process
from kitadesk.ui.tasks import run_in_process
from tests.ui import process_jobs

TIMEOUT = 60_000  # ms: a spawned interpreter imports KitaDesk on a busy 2-core machine
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def spare_on(monkeypatch):
    monkeypatch.delenv(process_spare.ENV, raising=False)
    assert process_spare.enable()
    yield process_spare.ensure()
    process_spare.disable()


def run(qtbot, n=3):
    handle = run_in_process(process_jobs.add_up, n)
    with qtbot.waitSignal(handle.finished, timeout=TIMEOUT) as blocker:
        pass
    return handle, blocker.args[0]


def next_spare(qtbot, old_pid):
    qtbot.waitUntil(lambda: process_spare.current() is not None
                    and process_spare.current().process.pid != old_pid, timeout=TIMEOUT)
    return process_spare.current()


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as stat:  # a zombie (not yet reaped by its parent) has ended too
        return stat.read().split(")")[-1].split()[0] == "Z"


def test_issue17_a_job_takes_the_warm_spare_and_the_next_job_a_new_one(qtbot, spare_on):
    first = spare_on
    assert first.ready(120)  # imports done before any job
    handle, result = run(qtbot)
    assert result == {"sum": 6, "pid": first.process.pid} and handle.process.pid == first.process.pid
    second = next_spare(qtbot, first.process.pid)  # spawned right after the first job took its spare
    _, result = run(qtbot)
    assert result["pid"] == second.process.pid != first.process.pid  # one job per process
    qtbot.waitUntil(lambda: not first.process.is_alive(), timeout=10_000)  # the first ended with its job


def test_issue17_at_most_one_spare(qtbot, spare_on):
    for _ in range(3):
        process_spare.enable()
        assert process_spare.ensure() is spare_on
    time.sleep(0.5)
    assert process_spare.current() is spare_on


def test_issue17_a_killed_spare_is_replaced_and_the_job_still_runs(qtbot, spare_on):
    killed = spare_on.process.pid
    os.kill(killed, signal.SIGKILL)
    qtbot.waitUntil(lambda: not spare_on.process.is_alive(), timeout=10_000)
    handle, result = run(qtbot)
    assert result["sum"] == 6 and result["pid"] not in (killed, os.getpid()) and handle.state == "fertig"
    replacement = next_spare(qtbot, killed)
    assert replacement.process.is_alive()


def test_issue17_spare_switched_off_by_the_environment_jobs_spawn_afresh(qtbot, monkeypatch):
    monkeypatch.setenv(process_spare.ENV, "0")
    assert not process_spare.enable() and process_spare.ensure() is None
    handle, result = run(qtbot)
    assert result["pid"] == handle.process.pid != os.getpid() and process_spare.current() is None


def test_issue17_command_line_use_has_no_spare_unless_asked(monkeypatch):
    monkeypatch.delenv(process_spare.ENV, raising=False)
    assert call_in_process(process_jobs.add_up, 4)["sum"] == 10
    assert process_spare.current() is None


def test_issue17_the_job_sees_the_environment_of_now_not_of_the_spares_start(qtbot, spare_on, monkeypatch):
    monkeypatch.setenv("KITADESK_TEST_MARK", "nach dem Start der Reserve")
    handle = run_in_process(process_jobs.environment, "KITADESK_TEST_MARK")
    with qtbot.waitSignal(handle.finished, timeout=TIMEOUT) as blocker:
        pass
    assert blocker.args[0] == ("nach dem Start der Reserve", os.getcwd(), spare_on.process.pid)


def test_issue17_disable_ends_the_idle_spare(qtbot, spare_on):
    process_spare.disable()
    qtbot.waitUntil(lambda: not spare_on.process.is_alive(), timeout=TIMEOUT)
    assert process_spare.current() is None


def test_issue17_the_spare_ends_when_the_window_process_is_killed():
    """Abnormal end: the spare's job pipe closes with its parent, the spare exits."""
    code = ("import os, signal, sys; from kitadesk.ui import process_spare as s; s.enable(); "
            "p = s.ensure().process.pid; print(p, flush=True); sys.stdin.readline(); "
            "os.kill(os.getpid(), signal.SIGKILL)")
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env={**os.environ, process_spare.ENV: "1"})
    pid = int(parent.stdout.readline())
    assert not gone(pid)
    parent.stdin.write("\n")
    parent.stdin.flush()
    parent.wait(60)
    deadline = time.monotonic() + 120  # it finishes its imports first, then reads the closed pipe
    while not gone(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert gone(pid)


def test_issue17_the_preloaded_modules_import_no_qt():
    code = ("import sys; from kitadesk.ui import process_spare as s; import importlib; "
            "[importlib.import_module(m) for m in s.PRELOAD]; "
            "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_issue17_the_window_starts_the_spare_after_its_start_screen_is_filled(qtbot, monkeypatch):
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QWidget

    from kitadesk.ui import spare_start

    class StartScreen(QObject):
        filled = Signal()
        loaded = False

    monkeypatch.delenv(process_spare.ENV, raising=False)
    monkeypatch.setattr(spare_start, "SPARE_AFTER_MS", 60_000)
    window = QWidget()
    qtbot.addWidget(window)
    window.pages = {"start": StartScreen()}
    try:
        spare_start.start_spare_after_start(window)
        qtbot.wait(300)
        assert process_spare.current() is None  # not while the start screen loads
        window.pages["start"].filled.emit()
        qtbot.waitUntil(lambda: process_spare.current() is not None, timeout=10_000)
        assert process_spare.current().ready(120)  # its imports done, waiting for a job
    finally:
        process_spare.disable()
