"""Issue 17: the cyclic garbage collector runs only from the GUI thread's event loop
(ui/collector.py) — never inside a Qt destructor (a hang on Qt's signal/slot mutex, seen in the
suite) and never in a worker thread; nothing is frozen, cycles are still collected."""

import gc
import threading
import weakref

from kitadesk.ui import collector
from kitadesk.ui.tasks import run_task


class _Node:
    def __init__(self):
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_issue17_the_window_collects_from_the_event_loop_not_automatically(qtbot, window):
    assert not gc.isenabled() and gc.get_freeze_count() == 0
    ring = weakref.ref(_Node())
    assert ring() is not None  # automatic collection is off …
    for _ in range(gc.get_threshold()[0] + 10):  # … the allocations cross the first threshold
        _Node()
    qtbot.waitUntil(lambda: ring() is None, timeout=60000)  # … and the timer collected the cycle


def test_issue17_a_worker_thread_never_collects(qtbot, window):
    seen = []

    def work(_control):
        seen.append((gc.isenabled(), threading.current_thread() is threading.main_thread()))
        return len([_Node() for _ in range(5000)])  # many cycles: automatic collection would start here

    handle = run_task(work)
    with qtbot.waitSignal(handle.done, timeout=60000):
        pass
    assert handle.result == 5000 and seen == [(False, False)]


def test_issue17_uninstall_collects_once_and_returns_to_automatic(qtbot, qapp):
    installed = collector.install()
    assert installed is not None and collector.install() is installed and not gc.isenabled()
    ring = weakref.ref(_Node())
    collector.uninstall()
    assert ring() is None and gc.isenabled()
