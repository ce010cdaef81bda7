"""The window's import in a worker process (issue 14.1, bench/bench_ui_import.py): a thread of the
window holds the GIL while it checks and writes; on a busy machine the operating system pauses it
while it holds the lock and the window stands still for seconds. In a process of its own the import
competes for a CPU, never for the window's GIL.

`run_in_process(kind, url, user, path, today, progress, cancel)` starts a fresh ("spawn") Python
process that opens the database at `url` and runs `preview_import` (kind "preview") or
`import_workbook` ("import"); progress comes back through a queue, `cancel()` is passed on as an
event the process polls between phases (one transaction: a cancel or a dead process writes nothing).
Its errors come back as the same KitaDeskError types (ImportProblems with its problems)."""

from __future__ import annotations

import multiprocessing
import queue as queues
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from kitadesk.errors import (
    ConcurrentChange,
    DatabaseUnavailable,
    FinalizedRunError,
    InputError,
    KitaDeskError,
    PermissionDenied,
)
from kitadesk.importer.problems import Problem
from kitadesk.ops.payout_corrections import Cancelled

POLL_SECONDS = 0.1
GONE = "Der Hintergrundprozess des Imports wurde unerwartet beendet; es wurde nichts übernommen."


def run_in_process(kind: str, url: str, user: str, path: Path, today: date,
                   progress: Callable[[int, int], None] | None = None,
                   cancel: Callable[[], bool] | None = None) -> Any:
    """`preview_import` (kind "preview") or `import_workbook` ("import") in a worker process."""
    return call_in_process(_import_job, (kind, url, user, str(path), today), progress, cancel)


def write_problem_list_in_process(source: Path, problems: list[Problem], target: Path) -> Path:
    """The Fehlerliste of a big workbook (openpyxl holds every cell) in a worker process too."""
    return call_in_process(_problem_list_job, (str(source), problems, str(target)))


def call_in_process(job: Callable[..., Any], args: tuple, progress: Callable[[int, int], None] | None = None,
                    cancel: Callable[[], bool] | None = None) -> Any:
    """`job(*args, progress=…, cancel=…)` (a module-level function) in a fresh process."""
    context = multiprocessing.get_context("spawn")
    messages = context.Queue()
    stop = context.Event()
    process = context.Process(target=_child, args=(job, args, messages, stop),
                              name=f"kitadesk-{job.__name__.strip('_')}", daemon=True)
    process.start()
    try:
        while True:
            if cancel is not None and cancel():
                stop.set()
            try:
                what, payload = messages.get(timeout=POLL_SECONDS)
            except queues.Empty:
                if not process.is_alive():
                    raise KitaDeskError(GONE) from None
                continue
            if what == "progress" and progress is not None:
                progress(*payload)
            elif what == "result":
                return payload
            elif what == "error":
                raise _rebuilt(*payload)
    finally:
        process.join(timeout=10)
        if process.is_alive():
            process.terminate()
        messages.close()


def _import_job(kind: str, url: str, user: str, path: str, today: date, progress, cancel) -> Any:
    from kitadesk.ops.import_ import import_workbook, preview_import
    from kitadesk.store import Store

    store = Store(url)
    run = preview_import if kind == "preview" else import_workbook
    try:
        return run(store, path, user, today=today, cancel=cancel, progress=progress)
    finally:
        store.dispose()


def _problem_list_job(source: str, problems: list[Problem], target: str, progress, cancel) -> Path:
    from kitadesk.ops.import_ import write_problem_list

    return write_problem_list(source, problems, target)


def _child(job: Callable[..., Any], args: tuple, messages: Any, stop: Any) -> None:
    try:
        result = job(*args, progress=lambda done, total: messages.put(("progress", (done, total))),
                     cancel=stop.is_set)
        messages.put(("result", result))
    except KitaDeskError as exc:  # Cancelled, ImportProblems, PermissionDenied … as plain data
        found = getattr(exc, "found", None)
        messages.put(("error", (type(exc).__name__, exc.message, list(exc.problems), found)))
    except Exception as exc:  # never a traceback for the desk; the message names the cause
        text = str(exc).splitlines()[0][:200] if str(exc) else ""
        messages.put(("error", ("KitaDeskError", f"Import abgebrochen, nichts wurde übernommen "
                                                 f"({type(exc).__name__}: {text}).", [], None)))


def _rebuilt(name: str, message: str, problems: list[str], found: list | None) -> KitaDeskError:
    """The child's error as the same type in this process."""
    from kitadesk.ops.import_ import ImportProblems

    if found is not None:
        return ImportProblems(found)
    kinds = {cls.__name__: cls for cls in (KitaDeskError, InputError, PermissionDenied, ConcurrentChange,
                                           DatabaseUnavailable, FinalizedRunError, Cancelled)}
    return kinds.get(name, KitaDeskError)(message, problems)
