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
"""

from __future__ import annotations

import gc
import threading

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 200  # at most this long between a threshold crossed and its collection


class Collector(QObject):
    def __init__(self, app: QCoreApplication, interval_ms: int = INTERVAL_MS):
        super().__init__(app)
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.collections = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generation Python would collect now (gc.get_threshold / get_count)."""
        if threading.current_thread() is not threading.main_thread():
            return
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if c0 <= t0:
            return
        generation = 2 if c2 > t2 else 1 if c1 > t1 else 0
        gc.collect(generation)
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
    _installed[:] = [Collector(app)]
    return _installed[0]


def uninstall() -> None:
    """Automatic collection again (the test suite between window tests and plain tests)."""
    while _installed:
        _installed.pop().stop()
