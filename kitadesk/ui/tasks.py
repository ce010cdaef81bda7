"""Run work off the GUI thread with progress and cancel; results come back by signal.

    handle = run_task(compute, month, parent=window, title="Auszahlung", label="Berechne …")
    handle.finished.connect(show_result)     # result of compute(control, month)
    handle.failed.connect(show_error)        # the exception (KitaDeskError → German message)

The callable receives a `TaskControl` first: `control.progress(done, total)` reports
progress (thread-safe), `control.cancelled` tells whether "Abbrechen" was pressed and
`control.check()` raises TaskCancelled at a convenient point. A cancelled task emits
`cancelled` instead of `finished`. With `parent` given, a progress dialog with
"Abbrechen" is shown (after a short delay, so quick tasks do not flash a window).

Database work in the task goes through the ops (each opens its own session), never
sharing one with the GUI thread; screens usually run their ops through kitadesk.ui.op.Op.

Long tasks hold the GIL and so stall the window too (issue 5): heavy work goes to a worker
PROCESS (`run_in_process`, ui/process_tasks.py, same TaskHandle). Reads that stay in a thread
build results the cyclic garbage collector need not look at (the list rows are plain tuples,
ops/queries/lists.py); nothing is frozen (issue 17). The cyclic collector runs only from the
GUI thread's event loop (ui/collector.py), never in a worker or reader thread.
"""

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from kitadesk.ops.session import unavailable
from kitadesk.ui import collector
from kitadesk.ui.process_child import CancelChecks, TaskCancelled  # shared by threads and worker processes

log = logging.getLogger(__name__)
_running: set["TaskHandle"] = set()  # keep handles alive until they report


def started(handle: "TaskHandle") -> "TaskHandle":
    """Keep `handle` alive until it reports; collections from now on only from the event loop
    (ui/collector.py: never amid a worker's or reader thread's work, never inside Qt)."""
    _running.add(handle)
    collector.install()
    return handle


def busy() -> bool:
    """A background task (thread or worker process) has not reported yet."""
    return bool(_running)


class TaskControl(CancelChecks):
    """Handed to the callable: report progress, look at the cancel flag (`cancelled`, `check()`)."""

    def __init__(self, handle: "TaskHandle"):
        self._handle = handle
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        # through the relay, queued: the handle re-emits `progress` in the GUI thread once it gets
        # there — after the caller of run_task has connected its slots. Emitted on the handle
        # from the worker, a report sent before the caller connected was lost.
        try:
            self._handle._relay.progress.emit(int(done), int(total))
        except RuntimeError:  # the application is shutting down; nobody listens any more
            pass


class TaskHandle(QObject):
    """Signals of one running task (emitted in the GUI thread via queued connections)."""

    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the callable's result
    failed = Signal(object)  # the exception
    cancelled = Signal()
    done = Signal()  # after any of finished/failed/cancelled

    def __init__(self):
        super().__init__()
        self._relay = _Relay()  # lives in the GUI thread like the handle; the worker emits on it
        self._relay.report.connect(self._report, Qt.ConnectionType.QueuedConnection)
        self._relay.progress.connect(self.progress, Qt.ConnectionType.QueuedConnection)
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
    """Lives in the GUI thread; the worker emits `report` and `progress`, Qt queues them to the
    GUI thread, where the handle emits its own signals."""

    report = Signal(str, object)
    progress = Signal(int, int)


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
            self._emit("fehler", unavailable(exc) or exc)  # a lost connection: German advice, no driver text
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
    if parent is not None:
        handle.dialog = progress_dialog(handle, parent, title, label)
    started(handle)
    (pool or QThreadPool.globalInstance()).start(_Runnable(handle, handle._relay, fn, args, kwargs))
    return handle


def run_in_process(fn: Callable, *args, **kwargs) -> TaskHandle:
    """`fn(control, *args)` in a worker process, same TaskHandle (ui/process_tasks.py)."""
    from kitadesk.ui.process_tasks import run_in_process as start

    return start(fn, *args, **kwargs)


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
