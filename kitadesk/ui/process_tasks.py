"""Heavy work in a worker PROCESS, with the TaskHandle of ui/tasks.py (issue 17.2).

    handle = run_in_process(compute_job, store.url, user, year, month, then=load_view_step)

`fn(control, *args, **kwargs)` runs in a spawned process (as on Windows and in the PyInstaller
bundle: the entry points call multiprocessing.freeze_support): `fn` and the arguments are
pickled, so `fn` is a module-level function of a Qt-free module and database work opens its own
Store from the URL (ops.session.own_store). The worker's own interpreter computes: the
window's GIL, garbage collector and memory stay untouched; whatever the task built is gone
with the process. The child side and the pipe protocol are ui/process_child.py (Qt-free).

A reader thread in the window's process waits for the child (`Running.wait`): progress →
`handle.progress`, "Abbrechen" (handle.cancel) → the child's cancel flag (ops poll it), the
final state → finished / failed / cancelled, as for run_task. `then(control, result)`
(optional) runs in that reader thread after a successful result — preparing what the window
shows (e.g. loading the month's view) — and its return value is what `finished` carries. A
child that dies without an answer fails with `gone` (German, e.g. "… es wurde nichts
übernommen") or "Interner Fehler … Exitcode …". The window keeps a warm spare worker whose imports
are done (ui/process_spare.py): `start` hands the job to it if it is ready, else spawns.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from kitadesk.errors import KitaDeskError
from kitadesk.ops.session import unavailable
from kitadesk.ui.process_child import START_METHOD, Running, TaskCancelled, start
from kitadesk.ui.tasks import TaskControl, TaskHandle, progress_dialog, started

log = logging.getLogger(__name__)
__all__ = ["START_METHOD", "run_in_process"]


def run_in_process(fn: Callable[..., Any], *args: Any, parent: QWidget | None = None,
                   title: str = "Bitte warten", label: str = "Wird bearbeitet …",
                   then: Callable[..., Any] | None = None, gone: str | None = None,
                   **kwargs: Any) -> TaskHandle:
    """Start `fn(control, *args, **kwargs)` in a worker process; see the module doc."""
    handle = TaskHandle()
    if parent is not None:
        handle.dialog = progress_dialog(handle, parent, title, label)  # type: ignore[attr-defined]
    started(handle)
    running = start(fn, args, kwargs, gone)
    handle.process = running.process  # type: ignore[attr-defined]
    threading.Thread(target=_read, args=(handle, running, then),
                     name="kitadesk-process-reader", daemon=True).start()
    return handle


def _read(handle: TaskHandle, running: Running, then: Callable[..., Any] | None) -> None:  # reader thread
    control = handle.control
    state, value = running.wait(control)
    if state == "fertig" and then is not None:
        state, value = _then(control, then, value)
    try:
        handle._relay.report.emit(state, value)
    except RuntimeError:  # the application is shutting down; nobody listens any more
        log.info("Ergebnis eines Hintergrundprozesses verworfen (Programmende)")


def _then(control: TaskControl, then: Callable[..., Any], result: Any) -> tuple[str, Any]:
    try:
        value = then(control, result)
    except TaskCancelled:
        return "abgebrochen", None
    except KitaDeskError as exc:
        return "fehler", exc
    except Exception as exc:  # handed to the GUI thread, never lost
        log.exception("Hintergrundaufgabe fehlgeschlagen")
        return "fehler", unavailable(exc) or exc
    return ("abgebrochen", None) if control.cancelled else ("fertig", value)
