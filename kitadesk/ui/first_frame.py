"""Run something once the window has painted its first frame (issue 17: the start screen's
data loads after the window shows, not before — a query started earlier competes with the
start-up for the one Python thread that may run, the GIL)."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000  # no paint seen (a minimized start): run anyway


class _FirstFrame(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None]):
        super().__init__(window)
        self.window, self.callback, self.done = window, callback, False
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.UpdateRequest and not self.done:
            QTimer.singleShot(0, self, self._run)  # queued behind the paint this event starts
        return False

    def _run(self) -> None:
        if self.done:
            return
        self.done = True
        self.window.removeEventFilter(self)
        self.callback()
        self.deleteLater()


def after_first_frame(window: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` once, right after the shown `window`'s first paint (or after a second)."""
    _FirstFrame(window, callback)
