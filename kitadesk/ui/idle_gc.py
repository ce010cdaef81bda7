"""Collect what background threads left frozen, while nobody works in the window (issue 17).

`ui/tasks.gc_held` freezes what a worker thread built (a payout view, 10,000 list rows): letting
the collector scan those objects right after the task would hold the GIL 50–200 ms — the window
would stutter. The few cyclic leftovers of a task (an ORM session's cycles, 10–300 objects) are
frozen with them. This collector unfreezes and collects once the user has not typed or clicked
for IDLE_SECONDS and no task runs, then freezes again: a full collection (~0.1–0.3 s at 10×)
happens when nobody waits for the window, and nothing stays uncollected over an office day.
"""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import QEvent, QObject, QTimer

from kitadesk.ui import tasks

log = logging.getLogger(__name__)
IDLE_SECONDS = 60.0
CHECK_MS = 10_000
_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})


class IdleCollector(QObject):
    """Installed on the application: watches input, collects frozen garbage when idle."""

    def __init__(self, app: QObject, idle_seconds: float = IDLE_SECONDS, check_ms: int = CHECK_MS):
        super().__init__(app)
        self.idle_seconds = idle_seconds
        self.last_input = time.monotonic()
        self.collections = 0
        app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.maybe_collect)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in _INPUT:
            self.last_input = time.monotonic()
        return False

    def maybe_collect(self) -> bool:
        """Collect now if the window is idle and something was frozen since the last time."""
        if not tasks.frozen_since_collect() or tasks.busy():
            return False
        if time.monotonic() - self.last_input < self.idle_seconds:
            return False
        collect_frozen()
        self.collections += 1
        return True


def collect_frozen() -> int:
    """Unfreeze, collect everything, freeze the survivors again; returns the objects freed."""
    started = time.perf_counter()
    gc.unfreeze()
    freed = gc.collect()
    gc.freeze()
    tasks.collected()
    log.info("Speicher aufgeräumt: %d Objekte in %.0f ms", freed, (time.perf_counter() - started) * 1000)
    return freed
