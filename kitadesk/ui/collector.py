"""The cyclic garbage collector runs only from the GUI thread's event loop (issue 17).

Left automatic, Python collects wherever an allocation crosses a threshold: inside a Qt
destructor that holds one of Qt's signal/slot mutexes and asks Python for an override
(`disconnectNotify` …), a collection that frees another QObject needs the same mutex — the
window hangs for good (seen in the test suite: `QObject::~QObject` → shiboken → gc → `~QObject`
→ `QBasicMutex::lockInternal`); in a worker or reader thread it frees Qt objects in the wrong
thread. So the window switches automatic collection off and a timer in the event loop collects
by the same thresholds Python uses — between two events, where no Qt lock is held and no other
thread runs Python code of ours. Nothing is frozen: every object is collected as before.

A well-known recipe for Qt applications (PyQt/PySide "GarbageCollector" timer).

A full collection (generation 2) looks at every tracked object — ~200 ms at 10× the city on
the 2-core build machine. While background work runs (a payout run, a list loading: its
result is about to be shown) it waits, and the younger generations are collected instead;
it runs at the next tick after the work, or at once when it is overdue (OVERDUE × Python's
threshold), so memory stays bounded either way (bench/bench_session.py).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 200  # at most this long between a threshold crossed and its collection
OVERDUE = 5  # a full collection waits for background work until its count is this × the threshold


def _nothing_runs() -> bool:
    return False


class Collector(QObject):
    def __init__(self, app: QCoreApplication, interval_ms: int = INTERVAL_MS,
                 busy: Callable[[], bool] = _nothing_runs):
        super().__init__(app)
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.busy = busy  # background work runs (ui/tasks.busy): a full collection waits
        self.collections = 0
        self.deferred = 0  # full collections put off while work ran
        self.waiting = False  # one is put off: it runs at the first tick without work
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generation Python would collect now (gc.get_threshold / get_count)."""
        if threading.current_thread() is not threading.main_thread():
            return
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if self.waiting and not self.busy():  # the work is done: the full collection put off
            self._collect(2)
            return
        if c0 <= t0:
            return
        generation = 2 if c2 > t2 else 1 if c1 > t1 else 0
        if generation == 2 and c2 <= OVERDUE * t2 and self.busy():
            generation = 1  # the full one at the first tick after the work
            self.deferred += 1
            self.waiting = True
        self._collect(generation)

    def _collect(self, generation: int) -> None:
        gc.collect(generation)
        if generation == 2:
            self.waiting = False
        self.collections += 1

    def stop(self) -> None:
        """Back to automatic collection (after one collection here, at a safe point)."""
        self.timer.stop()
        gc.collect()
        if self.was_enabled:
            gc.enable()


_installed: list[Collector] = []


def install() -> Collector | None:
    """Collect from the event loop from now on (idempotent; needs a QCoreApplication and the GUI thread)."""
    app = QCoreApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        return None
    if _installed and shiboken6.isValid(_installed[0]):
        return _installed[0]
    from kitadesk.ui.tasks import busy  # (tasks imports this module)

    _installed[:] = [Collector(app, busy=busy)]
    return _installed[0]


def uninstall() -> None:
    """Automatic collection again (the test suite between window tests and plain tests)."""
    while _installed:
        _installed.pop().stop()
