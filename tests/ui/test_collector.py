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


def _collected_generation(col, allocate: int) -> list[int]:
    """The generations `col.check()` collects after `allocate` new tracked objects."""
    seen: list[int] = []

    def record(phase, info):
        if phase == "start":
            seen.append(info["generation"])

    keep = [[] for _ in range(allocate)]  # tracked containers: the first count rises
    gc.callbacks.append(record)
    try:
        col.check()
    finally:
        gc.callbacks.remove(record)
    del keep
    return seen


def test_issue17_a_full_collection_waits_while_background_work_runs_unless_overdue(qapp):
    """A full collection takes ~200 ms at 10× (bench/bench_session.py): not while a payout run's
    result is about to be shown, but after it — or at once when it is long overdue."""
    t0, _t1, t2 = gc.get_threshold()
    busy = [True]
    col = collector.Collector(qapp, interval_ms=10**7, busy=lambda: busy[0])
    try:
        gc.collect()
        for _ in range(t2 + 1):
            gc.collect(1)  # each counts one towards the full collection
        assert _collected_generation(col, t0 + 100) == [1] and col.deferred == 1  # work runs: it waits
        busy[0] = False
        assert _collected_generation(col, 0) == [2] and not col.waiting  # the work is done: now, even idle
        busy[0] = True
        for _ in range(collector.OVERDUE * t2 + 1):
            gc.collect(1)
        assert _collected_generation(col, t0 + 100) == [2]  # overdue: even while work runs
    finally:
        col.stop()
