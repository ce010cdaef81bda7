"""When the window starts the warm spare worker (ui/process_spare.py): after its start screen is
filled (or SPARE_AFTER_MS at the latest), so that neither the start time nor the start screen's
background load shares the CPU with the spare's imports. Spawned from a background thread."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

SPARE_AFTER_MS = 3000  # at the latest, even if the start screen is still loading


def start_spare_after_start(window: QWidget) -> None:
    """Called once the main window shows (ui/app.py); the spare ends with the program."""
    from kitadesk.ui import process_spare

    start = getattr(window, "pages", {}).get("start")
    if start is not None and not getattr(start, "loaded", True):
        start.filled.connect(process_spare.enable)  # (enable is idempotent: one spare at most)
    QTimer.singleShot(0 if start is None or getattr(start, "loaded", True) else SPARE_AFTER_MS,
                      window, process_spare.enable)
