"""The WARM SPARE of the worker-process runner (issue 17.2 follow-up; ui/process_child.py).

A spawned worker pays the interpreter start and its imports (SQLAlchemy, the models, the ops …)
before it computes — seconds on a loaded machine. The spare is one idle worker, spawned ahead,
that has imported `PRELOAD` and waits for ONE job on a pipe; `process_child.start` hands the
next job to it (same result pipe, cancel flag and messages as a fresh worker) and a new spare is
spawned in the background. A worker still runs one job and exits: what a job built is gone
with its process. At most one spare; it is a daemon, and it also ends when its job pipe closes
without a job (the window ended, normally or not).

    enable()        # the window, after its start screen (ui/spare_start.py); the CLI never asks
    take(...)       # process_child.start: a Running on the spare, or None (none ready) → spawn
    disable()       # the spare ends; KITADESK_WORKER_SPARE=0 keeps it off altogether

Qt-free: the spare imports this module, process_child and `PRELOAD` only.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kitadesk.ui.process_child import READY, START_METHOD, CancelFlag, Running, run_child

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

log = logging.getLogger(__name__)
ENV = "KITADESK_WORKER_SPARE"  # "0" (or "aus"/"nein"/"false"/"off") switches the spare off
# THE list of what the jobs need (import_work, projection_job, the ops run by process_child.store_op:
# statistics, fees, payout, QiK) and the database drivers; a module missing here is imported by the job.
PRELOAD = (
    "kitadesk.ops.session",
    "kitadesk.ops.statistics",
    "kitadesk.ops.fees",
    "kitadesk.ops.payout",
    "kitadesk.ops.payout_corrections",
    "kitadesk.ops.projection",
    "kitadesk.ops.qik",
    "kitadesk.ui.views.import_work",
    "kitadesk.ui.views.projection_job",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
)


def switched_off(env: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    return env.get(ENV, "").strip().lower() in {"0", "aus", "nein", "false", "off", "no"}


# ------------------------------------------------------------------ the spare's side
def spare_main(jobs: Connection, send: Connection, cancel: CancelFlag, preload: tuple[str, ...]) -> None:
    """Entry point of the spare: import `preload`, wait for one job, run it as run_child does."""
    for name in preload:
        try:
            importlib.import_module(name)
        except ImportError:  # e.g. no PostgreSQL driver installed: the job imports what it needs
            pass
    try:
        send.send((READY,))
    except OSError:  # dropped while importing
        return
    try:
        fn, args, kwargs, env, cwd = jobs.recv()
    except (EOFError, OSError):  # the parent ended (or dropped the spare) without a job
        return
    finally:
        jobs.close()
    os.environ.clear()  # the job sees the window's environment and folder of now, as a fresh worker
    os.environ.update(env)
    os.chdir(cwd)
    run_child(send, cancel, fn, args, kwargs)


# ------------------------------------------------------------------ the parent's side
@dataclass
class Spare:
    process: BaseProcess
    receive: Connection  # the job's messages (process_child protocol)
    cancel: Any  # multiprocessing Event
    jobs: Connection  # where the one job goes
    imported: bool = False

    def ready(self, timeout: float = 0.0) -> bool:
        """Has it finished its imports (waiting up to `timeout` s)? For tests and benchmarks."""
        try:
            if not self.imported and self.receive.poll(timeout):
                self.imported = self.receive.recv()[0] == READY
        except (EOFError, OSError):  # it died
            return False
        return self.imported

    def rss_kb(self) -> int:
        """Its resident memory (Linux /proc; 0 elsewhere) — for the benchmarks."""
        try:
            with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
                return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            return 0

    def drop(self) -> None:
        """End an unused spare: its job pipe closes, it exits (joined in the background)."""
        self.jobs.close()
        self.receive.close()
        # joined in a thread that holds the spare: its cancel Event (a named semaphore) must live
        # until a spare that is still starting has opened it
        threading.Thread(target=_join, args=(self.process, self.cancel), name="kitadesk-spare-join",
                         daemon=True).start()


_lock = threading.Lock()
_spare: Spare | None = None
_wanted = False


def enable() -> bool:
    """Keep a spare from now on (unless KITADESK_WORKER_SPARE=0); it is spawned in the background."""
    global _wanted
    if switched_off():
        return False
    _wanted = True
    _in_background(ensure)
    return True


def disable() -> None:
    """No spare any more; the current one ends."""
    global _wanted, _spare
    with _lock:
        _wanted, spare, _spare = False, _spare, None
    if spare is not None:
        spare.drop()


def current() -> Spare | None:
    """The idle spare, if there is one (tests, benchmarks)."""
    return _spare


def ensure() -> Spare | None:
    """Spawn the spare if one is wanted and none is alive; returns it."""
    global _spare
    with _lock:
        if not _wanted:
            return None
        if _spare is not None and not _spare.process.is_alive():
            log.warning("Reserve-Hintergrundprozess beendet (Exitcode %s), wird ersetzt", _spare.process.exitcode)
            _spare.drop()
            _spare = None
        if _spare is None:
            _spare = _spawn()
        return _spare


def take(fn: Callable[..., Any], args: tuple, kwargs: dict, gone: str | None) -> Running | None:
    """The job on the spare (a Running as process_child.start returns), or None: no spare ready.
    Pickling errors are raised here, before the spare is used, as a fresh start raises them."""
    global _spare
    if _spare is None:  # (no lock: the usual case without a spare costs nothing)
        return None
    from multiprocessing.reduction import ForkingPickler

    job = bytes(ForkingPickler.dumps((fn, args, kwargs, dict(os.environ), os.getcwd())))
    with _lock:
        spare, _spare = _spare, None
    if spare is None:
        return None
    _in_background(ensure)  # the next spare while this one works
    if not spare.process.is_alive():
        spare.drop()
        return None
    try:
        spare.jobs.send_bytes(job)
    except OSError:  # it died just now: the job starts afresh
        spare.drop()
        return None
    spare.jobs.close()
    spare.process.name = f"kitadesk-{getattr(fn, '__name__', 'task')}"
    return Running(spare.process, spare.receive, spare.cancel, gone)


def _spawn() -> Spare:
    import multiprocessing

    context: Any = multiprocessing.get_context(START_METHOD)
    receive, send = context.Pipe(duplex=False)
    job_receive, jobs = context.Pipe(duplex=False)
    cancel = context.Event()
    process = context.Process(target=spare_main, args=(job_receive, send, cancel, PRELOAD),
                              name="kitadesk-spare", daemon=True)
    process.start()
    send.close()  # the spare holds the only writing end of the result pipe, and
    job_receive.close()  # the only reading end of its job pipe: the parent's end closing ends it
    return Spare(process, receive, cancel, jobs)


def _join(process: BaseProcess, cancel: Any) -> None:
    process.join()
    del cancel


def _in_background(work: Callable[[], Any]) -> None:
    """Spawning costs the caller a fork and an exec: not in the window's GUI thread."""
    threading.Thread(target=_quietly, args=(work,), name="kitadesk-spare-start", daemon=True).start()


def _quietly(work: Callable[[], Any]) -> None:
    try:
        work()
    except Exception:  # noqa: BLE001 — without a spare every job spawns as before
        log.exception("Reserve-Hintergrundprozess nicht gestartet")
