"""The worker-process side of ui/process_tasks.py: runs one task in a spawned process.

No Qt here — a spawned child imports this module (and the task's module) only. The task gets
a `ProcessControl` (same surface as ui/tasks.TaskControl: progress, cancelled, check) and
sends back, through a pipe, ("progress", done, total) messages and one final (state, value):
("fertig", result), ("abgebrochen", None) or ("fehler", German KitaDeskError). Any other
exception is written with its traceback to the child's log (config.log_file) and comes back as
"Interner Fehler … siehe Protokoll <path>"; the window never sees a traceback.
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


log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.05  # s: at most 20 progress messages a second (the last one always goes)


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
    except KitaDeskError as exc:
        message = ("fehler", exc)
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
