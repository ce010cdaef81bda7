"""THE worker-process runner's Qt-free core (issue 17.2): the child side and the pipe protocol
(both ends); ui/process_tasks.py wraps it into the window's TaskHandle.

No Qt here — a spawned child imports this module (and the task's module) only. The task
`fn(control, *args, **kwargs)` gets a `ProcessControl` (same surface as ui/tasks.TaskControl:
progress, cancelled, check) and sends back, through a one-way pipe, ("progress", done, total)
messages and one final (state, value): ("fertig", result), ("abgebrochen", None) or ("fehler",
German KitaDeskError, pickled whole: class, message, problems and attributes such as
ImportProblems.found with sheet/row/column). A KitaDeskError raised after "Abbrechen" (the ops'
`Cancelled`) counts as cancelled. Any other exception is written with its traceback to the
child's log (config.log_file) and comes back as "Interner Fehler … siehe Protokoll <path>"; a
child that dies without an answer comes back as `gone` (a German message; default: internal
error with the exit code). The window never sees a traceback.

    running = start(fn, args, kwargs)          # spawned, as on Windows and in the bundle
    state, value = running.wait(control)      # blocks: progress → control, its cancel → child
                                              # (start takes the warm spare if one is ready)
    value = call_in_process(fn, *args)        # the same, blocking, result or the error raised
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from kitadesk import config
from kitadesk.errors import KitaDeskError

if TYPE_CHECKING:  # (multiprocessing stays out of the window's start: ui/tasks imports this module)
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess


log = logging.getLogger(__name__)
START_METHOD = "spawn"  # the same on every platform: what Windows and the bundle do
PROGRESS_EVERY = 0.05  # s: at most 20 progress messages a second (the last one always goes)
POLL = 0.05  # s between the parent's looks at the cancel flag while the child works
READY = "bereit"  # a warm spare (ui/process_spare.py) says its imports are done


class TaskCancelled(Exception):
    """Raised by `control.check()` after the user pressed "Abbrechen"."""


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


class CancelChecks:
    """The cancel side of a task's control (thread: ui/tasks.TaskControl, process: ProcessControl)."""

    _cancel: CancelFlag

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled()


class Control(Protocol):
    """What a task (in a thread or a process) and the parent's reader see of their control."""

    @property
    def cancelled(self) -> bool: ...

    def progress(self, done: int, total: int) -> None: ...

    def check(self) -> None: ...


class ProcessControl(CancelChecks):
    """Handed to the task in the worker process: progress back to the window, the cancel flag."""

    def __init__(self, conn: Connection, cancel: CancelFlag):
        self._conn, self._cancel = conn, cancel
        self._last = 0.0

    def progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_EVERY or done >= total:
            self._last = now
            self._conn.send(("progress", int(done), int(total)))


def internal_error(what: str) -> KitaDeskError:
    return KitaDeskError(f"Interner Fehler bei der Hintergrundarbeit ({what}). "
                         f"Einzelheiten siehe Protokoll {config.log_file()}.")


# ------------------------------------------------------------------ child side
def run_child(conn: Connection, cancel: CancelFlag, fn: Callable[..., Any], args: tuple,
              kwargs: dict) -> None:
    """Entry point of the worker process (multiprocessing target)."""
    config.setup_logging()
    control = ProcessControl(conn, cancel)
    try:
        message: tuple[str, Any] = ("fertig", fn(control, *args, **kwargs))
        if control.cancelled:
            message = ("abgebrochen", None)
    except TaskCancelled:
        message = ("abgebrochen", None)
    except KitaDeskError as exc:  # after "Abbrechen": the op's Cancelled (nothing written)
        message = ("abgebrochen", None) if control.cancelled else ("fehler", exc)
    except BaseException as exc:  # noqa: BLE001 — logged here, a German message goes back
        from kitadesk.ops.session import unavailable

        log.exception("Hintergrundprozess fehlgeschlagen")
        message = ("fehler", unavailable(exc) or internal_error(type(exc).__name__))
    try:
        conn.send(message)
    except Exception as exc:  # noqa: BLE001 — e.g. a result that cannot be pickled
        log.exception("Ergebnis des Hintergrundprozesses nicht übertragbar")
        conn.send(("fehler", internal_error(f"Ergebnis nicht übertragbar: {type(exc).__name__}")))
    finally:
        conn.close()


def allow_helper_processes() -> None:
    """For a task in the worker process that starts a short-lived helper process of its own (the
    projection's fee side, ops/projection_fees.py): the worker is started as a daemon (it ends with
    the window), and multiprocessing refuses children to a daemon. The helper ends with its job
    (the task closes it on success, error and cancel), so the worker may have it."""
    import multiprocessing

    process = multiprocessing.current_process()
    if process.name != "MainProcess":  # only in a worker, never the window's own process
        process.daemon = False


# ------------------------------------------------------------------ parent side
class Running:
    """A started worker process and the reading end of its pipe."""

    def __init__(self, process: BaseProcess, receive: Connection, cancel: Any, gone: str | None):
        self.process, self._receive, self._cancel, self._gone = process, receive, cancel, gone

    def wait(self, control: Control) -> tuple[str, Any]:
        """Relay progress to `control` and its cancel flag to the child until the final message.
        Returns (state, value) as the child sent it, without waiting for the child's interpreter to
        wind down (~1 s with its imports on a loaded machine): it is joined in the background."""
        try:
            state, value = self._read(control)
        finally:
            self._receive.close()
        import threading

        threading.Thread(target=self.process.join, name="kitadesk-process-join", daemon=True).start()
        return state, value

    def _read(self, control: Control) -> tuple[str, Any]:
        try:
            while True:
                if control.cancelled and not self._cancel.is_set():
                    self._cancel.set()
                if not self._receive.poll(POLL):
                    continue
                message = self._receive.recv()
                if message[0] == "progress":
                    control.progress(message[1], message[2])
                    continue
                if message[0] == READY:  # a warm spare's "imports done" (ui/process_spare.py)
                    continue
                return message[0], message[1]
        except (EOFError, OSError):  # the child died: its pipe end closed without an answer
            self.process.join(5)
            code = self.process.exitcode
            log.error("Hintergrundprozess %s endete ohne Antwort (Exitcode %s)", self.process.name, code)
            if self._gone is not None:
                return "fehler", KitaDeskError(f"{self._gone} (Exitcode {code})")
            return "fehler", internal_error(f"Prozess endete unerwartet, Exitcode {code}")


def start(fn: Callable[..., Any], args: tuple = (), kwargs: dict | None = None,
          gone: str | None = None) -> Running:
    """Start `fn(control, *args, **kwargs)` (module-level, Qt-free module) in a spawned process:
    the warm spare if one is ready (ui/process_spare.py), else a fresh one."""
    from kitadesk.ui import process_spare

    running = process_spare.take(fn, args, kwargs or {}, gone)
    if running is not None:
        return running
    import multiprocessing

    context: Any = multiprocessing.get_context(START_METHOD)  # SpawnContext (typeshed: BaseContext)
    receive, send = context.Pipe(duplex=False)
    cancel = context.Event()
    process = context.Process(target=run_child, args=(send, cancel, fn, args, kwargs or {}),
                              name=f"kitadesk-{getattr(fn, '__name__', 'task')}", daemon=True)
    process.start()
    send.close()  # the child holds the only writing end: its death ends the pipe (EOFError)
    return Running(process, receive, cancel, gone)


class _Plain:
    """A control for `call_in_process`: progress to a callback, cancel from a callable."""

    def __init__(self, progress: Callable[[int, int], None] | None, cancel: Callable[[], bool] | None):
        self._progress, self._asked = progress, cancel

    @property
    def cancelled(self) -> bool:
        return bool(self._asked and self._asked())

    def check(self) -> None:
        if self.cancelled:
            raise TaskCancelled()

    def progress(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress(done, total)


def call_in_process(fn: Callable[..., Any], *args: Any, progress: Callable[[int, int], None] | None = None,
                    cancel: Callable[[], bool] | None = None, gone: str | None = None, **kwargs: Any) -> Any:
    """`fn(control, *args, **kwargs)` in a worker process, blocking (no window: command line,
    benchmarks, tests): its result, its error raised here, TaskCancelled after a cancel."""
    state, value = start(fn, args, kwargs, gone).wait(_Plain(progress, cancel))
    if state == "fehler":
        raise value
    if state == "abgebrochen":
        raise TaskCancelled()
    return value


def store_op(control: Control, op: Callable[..., Any], url: str, user: str, *args: Any, **kwargs: Any) -> Any:
    """A store op `op(store, user, *args, **kwargs)` (module-level, e.g. ops.statistics.office) as a
    worker-process task: `run_in_process(store_op, op, store.url, user, …)`; own Store from the URL."""
    from kitadesk.ops.session import own_store

    with own_store(url) as store:
        return op(store, user, *args, **kwargs)
