"""To be removed (issue 17): only ops/payout_corrections.py still uses `paced`; the list pages
no longer do.

Pacing for the reads the window does in a worker THREAD (list pages, a payout run's lines
for the Auszahlung screen; issue 5). Heavy work — computing, finalizing, projections, change
checks, statistics — runs in a worker process instead (ui/process_tasks.py) and needs none.

Python switches threads only between bytecodes, and a loop that releases the GIL many times
for a few microseconds (SQLite per row) starves the waiting GUI thread: `pause()` lets it in,
`paced(rows)` pauses every ROWS rows (fetched in chunks of ROWS with `yield_per`).
"""

import threading
import time
from collections.abc import Iterable, Iterator

ROWS = 1000  # rows per fetch (`yield_per`): SQLAlchemy converts a chunk in one C loop
PAUSE_EVERY = 0.015  # s of work in a worker thread between two pauses
PAUSE = 0.0005  # s: long enough for the waiting GUI thread to wake up and take the GIL
_pauses = threading.local()


def pause() -> None:
    """In a worker thread: sleep briefly (0.5 ms) when 15 ms passed since the last pause.

    For loops that release the GIL many times for a few microseconds — SQLite per row,
    hashlib per update. CPython's GIL then starves the waiting GUI thread: every release
    wakes it, but the worker takes the GIL back before it runs, and since the GIL did change
    hands, the waiting thread's 5 ms timer never asks the worker to drop it. A sleep gives it
    the time to take over. No effect in the main thread (GUI, command line)."""
    if threading.current_thread() is threading.main_thread():
        return
    now = time.perf_counter()
    last = getattr(_pauses, "last", None)
    if last is None or now - last >= PAUSE_EVERY:
        if last is not None:
            time.sleep(PAUSE)
        _pauses.last = time.perf_counter()


def paced(rows: Iterable) -> Iterator:
    """The rows, with a `pause()` every ROWS of them (fetching from SQLite, see pause)."""
    for i, row in enumerate(rows):
        if not i % ROWS:
            pause()
        yield row
