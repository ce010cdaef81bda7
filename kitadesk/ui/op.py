"""One way for a screen to run an operation (issue 17.2, in the spirit of anki's CollectionOp /
QueryOp):

    Op(page, lambda control: compute_draft(store, user, year, month)) \\
        .success(show_run).failure(show_refusal).with_progress("Berechne …").run()

`fn(control)` runs in a worker thread (kitadesk.ui.tasks.run_task: own session per op, progress
and cancel through `control`) — for small reads. Heavy work runs in a worker PROCESS:

    Op(page, draft_job, "Auszahlung").in_process(url, user, year, month, then=prepare).run()

calls the module-level `draft_job(control, url, user, year, month)` of a Qt-free module in a
spawned process (ui/process_tasks.run_in_process; `then(control, result)` runs afterwards in the
window's reader thread). Either way, in the GUI thread afterwards the change set the result
carries (ops/changes.py: a `Changes`, or a result with `.changes`) — or the one given to
`.changes(…)` — goes out on the ONE bus signal, then `success(result)` runs. A failure shows
the German message of a KitaDeskError (never raw exception text: anything else is "interner
Fehler", its details in the log) unless `failure(cb)` takes it; "Abbrechen" calls `cancelled`.
"""

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtWidgets import QMessageBox, QWidget

from kitadesk.errors import KitaDeskError
from kitadesk.ops.changes import Changes, carried_changes
from kitadesk.ui.tasks import TaskHandle, run_in_process, run_task

T = TypeVar("T")
log = logging.getLogger(__name__)
INTERNAL = "Ein interner Fehler ist aufgetreten – nichts wurde geändert. Einzelheiten stehen im Protokoll."


def error_text(exc: BaseException) -> str:
    """What a user may read of a failure: the German message of a KitaDeskError, else a plain
    note (the worker logged the traceback)."""
    if isinstance(exc, KitaDeskError):
        return str(exc)
    log.error("Fehler ohne deutsche Meldung: %r", exc)
    return INTERNAL


class Op(Generic[T]):
    def __init__(self, parent: QWidget, fn: Callable[..., T], title: str = "KitaDesk"):  # (control[, *args])
        self.parent, self.fn, self.title = parent, fn, title
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[BaseException], Any] | None = None
        self._cancelled: Callable[[], Any] | None = None
        self._done: Callable[[], Any] | None = None
        self._progress: Callable[[int, int], Any] | None = None
        self._dialog: str | None = None
        self._changes: Changes | None = None
        self._process: tuple[tuple, Callable[..., Any] | None] | None = None  # (args, then) when in a process

    def success(self, callback: Callable[[T], Any]) -> "Op[T]":
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], Any]) -> "Op[T]":
        self._failure = callback
        return self

    def cancelled(self, callback: Callable[[], Any]) -> "Op[T]":
        self._cancelled = callback
        return self

    def finally_(self, callback: Callable[[], Any]) -> "Op[T]":
        """After success, failure or cancel (before their callbacks)."""
        self._done = callback
        return self

    def with_progress(self, label: str | None = None, on_progress: Callable[[int, int], Any] | None = None
                      ) -> "Op[T]":
        """A modal progress dialog with „Abbrechen“ (`label`), and/or the page's own display."""
        self._dialog, self._progress = label, on_progress
        return self

    def changes(self, changes: Changes) -> "Op[T]":
        """The change set to announce when the result carries none (e.g. a text setting)."""
        self._changes = changes
        return self

    def in_process(self, *args: Any, then: Callable[[Any, Any], Any] | None = None) -> "Op[T]":
        """Run `fn(control, *args)` in a worker process (`fn` module-level in a Qt-free module, the
        arguments picklable); `then(control, result)` → what `success` gets, in the reader thread."""
        self._process = (args, then)
        return self

    def run(self) -> TaskHandle:
        parent, label = self.parent if self._dialog else None, self._dialog or ""
        if self._process is None:
            handle = run_task(lambda control: self.fn(control), parent=parent, title=self.title, label=label)
        else:
            args, then = self._process
            handle = run_in_process(self.fn, *args, parent=parent, title=self.title, label=label or "Wird bearbeitet …",
                                    then=then)
        if self._progress is not None:
            handle.progress.connect(self._progressed)
        handle.finished.connect(self._finished)
        handle.failed.connect(self._failed)
        handle.cancelled.connect(self._was_cancelled)
        handle.op = self  # type: ignore[attr-defined]  # the handle keeps the callbacks alive with the task
        return handle

    # -- GUI thread
    def _alive(self) -> bool:
        """False once the screen that started the op is gone (its callbacks would touch deleted widgets)."""
        return shiboken6.isValid(self.parent)

    def _progressed(self, done: int, total: int) -> None:
        if self._progress is not None and self._alive():  # a process reports on after its screen closed
            self._progress(done, total)

    def _finished(self, result: T) -> None:
        if not self._alive():
            return
        if self._done is not None:
            self._done()
        changes = carried_changes(result) or self._changes
        bus = getattr(getattr(self.parent, "ctx", None), "bus", None)
        if changes and bus is not None:
            bus.notify(changes)
        if self._success is not None:
            self._success(result)

    def _failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        if self._done is not None:
            self._done()
        if self._failure is not None:
            self._failure(exc)
        else:
            QMessageBox.warning(self.parent, self.title, error_text(exc))

    def _was_cancelled(self) -> None:
        if not self._alive():
            return
        if self._done is not None:
            self._done()
        if self._cancelled is not None:
            self._cancelled()
