"""Run work off the GUI thread with progress and cancel; results come back by signal.

    handle = run_task(compute, month, parent=window, title="Auszahlung", label="Berechne …")
    handle.finished.connect(show_result)     # result of compute(control, month)
    handle.failed.connect(show_error)        # the exception (KitaDeskError → German message)

The callable receives a `TaskControl` first: `control.progress(done, total)` reports
progress (thread-safe), `control.cancelled` tells whether "Abbrechen" was pressed and
`control.check()` raises TaskCancelled at a convenient point. A cancelled task emits
`cancelled` instead of `finished`. With `parent` given, a progress dialog with
"Abbrechen" is shown (after a short delay, so quick tasks do not flash a window).

Database work in the task must open its own session (`store.session(...)` / ops),
never share one with the GUI thread.
"""

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)
_running: set["TaskHandle"] = set()  # keep handles alive until they report


class TaskCancelled(Exception):
    """Raised by `TaskControl.check()` after the user pressed "Abbrechen"."""


class TaskControl:
    """Handed to the callable: report progress, look at the cancel flag."""

    def __init__(self, handle: "TaskHandle"):
        self._handle = handle
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self._handle.progress.emit(int(done), int(total))

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled()


class TaskHandle(QObject):
    """Signals of one running task (emitted in the GUI thread via queued connections)."""

    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the callable's result
    failed = Signal(object)  # the exception
    cancelled = Signal()
    done = Signal()  # after any of finished/failed/cancelled

    def __init__(self):
        super().__init__()
        self.control = TaskControl(self)
        self.result = None
        self.error: BaseException | None = None
        self.state = "läuft"  # läuft | fertig | fehler | abgebrochen

    def cancel(self) -> None:
        self.control._cancel.set()

    @property
    def is_running(self) -> bool:
        return self.state == "läuft"

    def _report(self, state: str, value) -> None:  # GUI thread
        self.state = state
        if state == "fertig":
            self.result = value
            self.finished.emit(value)
        elif state == "abgebrochen":
            self.cancelled.emit()
        else:
            self.error = value
            self.failed.emit(value)
        self.done.emit()
        _running.discard(self)


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits `report`, Qt queues it to the GUI thread."""

    report = Signal(str, object)


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle, relay: _Relay, fn: Callable, args, kwargs):
        super().__init__()
        self.setAutoDelete(True)
        self.handle, self.relay, self.fn, self.args, self.kwargs = handle, relay, fn, args, kwargs

    def run(self) -> None:  # worker thread
        control = self.handle.control
        try:
            result = self.fn(control, *self.args, **self.kwargs)
        except TaskCancelled:
            self._emit("abgebrochen", None)
        except BaseException as exc:  # handed to the GUI thread, never lost
            log.exception("Hintergrundaufgabe fehlgeschlagen")
            self._emit("fehler", exc)
        else:
            self._emit("abgebrochen" if control.cancelled else "fertig", result)

    def _emit(self, state: str, value) -> None:
        try:
            self.relay.report.emit(state, value)
        except RuntimeError:  # the application is shutting down; nobody listens any more
            log.info("Ergebnis einer Hintergrundaufgabe verworfen (Programmende)")


def run_task(fn: Callable, *args, parent: QWidget | None = None, title: str = "Bitte warten",
             label: str = "Wird bearbeitet …", pool: QThreadPool | None = None, **kwargs) -> TaskHandle:
    """Start `fn(control, *args, **kwargs)` in the thread pool; see the module doc."""
    handle = TaskHandle()
    relay = _Relay()
    relay.report.connect(handle._report, Qt.ConnectionType.QueuedConnection)
    handle._relay = relay  # keep alive with the handle
    if parent is not None:
        handle.dialog = progress_dialog(handle, parent, title, label)
    _running.add(handle)
    (pool or QThreadPool.globalInstance()).start(_Runnable(handle, relay, fn, args, kwargs))
    return handle


def progress_dialog(handle: TaskHandle, parent: QWidget, title: str, label: str) -> QProgressDialog:
    """A modal progress dialog with "Abbrechen" bound to the task."""
    dialog = QProgressDialog(label, "Abbrechen", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if total:
            dialog.setLabelText(f"{label} ({done:,} von {total:,})".replace(",", "."))

    def on_cancel() -> None:
        dialog.setLabelText("Wird abgebrochen …")
        handle.cancel()

    def on_done() -> None:
        dialog.canceled.disconnect(on_cancel)  # closing the dialog emits `canceled` too
        dialog.close()
        dialog.deleteLater()

    handle.progress.connect(on_progress)
    dialog.canceled.connect(on_cancel)
    handle.done.connect(on_done)
    return dialog
