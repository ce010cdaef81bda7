"""ui/process_tasks.py (issue 17.2): heavy work in a spawned worker process, with the same
TaskHandle as run_task — progress, cancel, German errors back, KitaDeskError round trip. Every
test runs with the warm spare worker (ui/process_spare.py) on and off; the spare's own tests
are tests/ui/test_process_spare.py."""

import ast
import multiprocessing
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

from kitadesk.errors import InputError, KitaDeskError
from kitadesk.ops.payout_corrections import Cancelled
from kitadesk.ui import process_tasks
from kitadesk.ui.tasks import run_in_process
from tests.ui import process_jobs
from tests.ui.spare_modes import spare  # noqa: F401 — every test with the warm spare on and off

TIMEOUT = 60_000  # ms: a spawned interpreter imports KitaDesk on a busy 2-core machine


def test_issue17_spawn_is_the_start_method_as_on_windows():
    assert process_tasks.START_METHOD == "spawn" and "spawn" in multiprocessing.get_all_start_methods()


def test_issue17_result_and_progress_come_back_from_another_process(qtbot):
    seen = []
    handle = run_in_process(process_jobs.add_up, 5)
    handle.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(handle.finished, timeout=TIMEOUT) as blocker:
        pass
    result = blocker.args[0]
    assert result["sum"] == 15 and handle.state == "fertig" and not handle.is_running
    assert result["pid"] != os.getpid()  # computed in the worker process
    assert seen and seen[-1] == (5, 5)  # the last progress report always arrives


def test_issue17_then_runs_after_the_process_and_its_value_is_the_result(qtbot):
    handle = run_in_process(process_jobs.add_up, 3, then=lambda control, result: ("gezeigt", result["sum"]))
    with qtbot.waitSignal(handle.finished, timeout=TIMEOUT) as blocker:
        pass
    assert blocker.args == [("gezeigt", 6)]


def test_issue17_cancel_reaches_the_process_and_emits_cancelled(qtbot, tmp_path):
    started = tmp_path / "started"
    handle = run_in_process(process_jobs.wait_for_cancel, str(started))
    qtbot.waitUntil(started.exists, timeout=TIMEOUT)
    with qtbot.waitSignal(handle.cancelled, timeout=TIMEOUT):
        handle.cancel()
    assert handle.state == "abgebrochen"
    qtbot.waitUntil(lambda: not handle.process.is_alive(), timeout=60000)


def test_issue17_a_kitadesk_error_comes_back_whole_with_its_german_message(qtbot):
    handle = run_in_process(process_jobs.refuse)
    with qtbot.waitSignal(handle.failed, timeout=TIMEOUT) as blocker:
        pass
    error = blocker.args[0]
    assert type(error) is InputError and error.message == "Keine Satztabelle für April 2026."
    assert error.problems == ["Zeile 3: Stufe fehlt"] and handle.state == "fehler"


def test_issue17_kitadesk_errors_survive_pickling_with_class_and_problems():
    for error in (InputError("Spalte fehlt", ["A", "B"]), Cancelled("Berechnung abgebrochen"), KitaDeskError("x")):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error) and back.problems == error.problems


def test_issue17_another_exception_becomes_an_internal_error_naming_the_log(qtbot):
    handle = run_in_process(process_jobs.crash)
    with qtbot.waitSignal(handle.failed, timeout=TIMEOUT) as blocker:
        pass
    error = blocker.args[0]
    assert isinstance(error, KitaDeskError) and error.message.startswith("Interner Fehler")
    assert "ZeroDivisionError" in error.message and "siehe Protokoll" in error.message
    assert "kitadesk.log" in error.message


def test_issue17_a_process_that_dies_reports_a_german_error_not_silence(qtbot):
    handle = run_in_process(process_jobs.die)
    with qtbot.waitSignal(handle.failed, timeout=TIMEOUT) as blocker:
        pass
    assert "Exitcode 3" in str(blocker.args[0]) and "Interner Fehler" in str(blocker.args[0])


def test_issue17_every_bundle_entry_point_calls_freeze_support_first():
    """A frozen worker process starts the bundle's executable again: its entry script must hand
    over to multiprocessing before anything else (kitadesk/__main__.py, kitadesk/ui/__main__.py)."""
    root = Path(__file__).resolve().parents[2]
    entries = re.findall(r'analysis\("([^"]+)"\)', (root / "build.spec").read_text(encoding="utf-8"))
    assert sorted(entries) == ["kitadesk/__main__.py", "kitadesk/ui/__main__.py"]
    for entry in entries:
        main = next(node for node in ast.parse((root / entry).read_text(encoding="utf-8")).body
                    if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test))
        assert ast.unparse(main.body[0]) == "multiprocessing.freeze_support()", entry


def test_issue17_the_worker_side_modules_import_no_qt():
    """A spawned child imports the runner's core and the task's module only: no Qt in there."""
    modules = ("kitadesk.ui.process_child", "kitadesk.ui.views.import_work", "kitadesk.ui.views.projection_job")
    code = (f"import sys; import {', '.join(modules)}; "
            "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))}))")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_issue20_a_worker_may_start_the_projections_fee_helper_after_it_asks(qtbot):
    """The window's projection job runs in a daemonic worker; multiprocessing refuses children to a
    daemon, so its fee side ran serially (~2 s more at 10×) until the job allows its helper."""
    handle = run_in_process(process_jobs.helper_allowed)
    with qtbot.waitSignal(handle.finished, timeout=TIMEOUT) as blocker:
        pass
    before, after = blocker.args[0]
    assert before is False and after is ((os.cpu_count() or 1) >= 2)


def test_issue20_the_window_process_itself_stays_as_it_is():
    from kitadesk.ui.process_child import allow_helper_processes

    allow_helper_processes()
    assert multiprocessing.current_process().name == "MainProcess"
    assert not multiprocessing.current_process().daemon
