"""Module-level tasks for tests/ui/test_process_tasks.py (a spawned process imports them)."""

import os
import time

from kitadesk.errors import InputError


def add_up(control, n):
    for i in range(1, n + 1):
        control.progress(i, n)
    return {"sum": sum(range(n + 1)), "pid": os.getpid()}


def wait_for_cancel(control, started_file):
    open(started_file, "w").close()
    for _ in range(12_000):  # up to 60 s: the cancel may come late on a busy 2-core runner
        control.check()
        time.sleep(0.005)
    raise AssertionError("never cancelled")


def refuse(control):
    raise InputError("Keine Satztabelle für April 2026.", ["Zeile 3: Stufe fehlt"])


def crash(control):
    return 1 / 0


def die(control):
    os._exit(3)


def environment(control, name):
    return os.environ.get(name), os.getcwd(), os.getpid()


def helper_allowed(control):
    """Whether a worker may start a helper process of its own, before and after it asks."""
    from kitadesk.ops.projection_fees import may_start_processes
    from kitadesk.ui.process_child import allow_helper_processes

    before = may_start_processes()
    allow_helper_processes()
    return before, may_start_processes()
