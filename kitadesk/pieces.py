"""Big work in small pieces, so a worker thread never holds the GIL for long (issue 5).

Python switches threads only between bytecodes (every `sys.getswitchinterval()`, 5 ms). A
single C call holds the GIL until it returns, however long it takes — and meanwhile the GUI
thread cannot run a single line: the window freezes. At 10× the city three such calls took
30–100 ms each during a payout run:

- `json.dumps` of a run's `eingaben` (~0.5 MB of [id, version] pairs) and of the digests;
- SQLAlchemy turning all rows of a query into Python values at once (`yield_per` in
  ops/payout_inputs.py fetches in chunks instead, see ROWS);
- dropping the last reference to a result of 100,000 objects: freeing them is one C call.

`dumps(value)` returns exactly `json.dumps(value)`, built from pieces of at most ITEMS list
items each; `json_pieces` yields the pieces (digests hash them one by one);
`release(obj)` frees the big containers of a dead result piece by piece (`release_steps`:
one slice per step, for the GUI thread). `pause()` lets a waiting GUI thread in during loops
that release the GIL only very briefly (SQLite rows, hashlib updates).
"""

import dataclasses
import json
import threading
import time
from collections.abc import Iterable, Iterator

ITEMS = 1000  # list items per json.dumps call (1,000 [id, version] pairs ≈ 0.5 ms)
ROWS = 1000  # rows per fetch (`yield_per`): SQLAlchemy converts a chunk in one C loop
_SMALL = 64  # containers up to this size are looked into by `release` (records, table dicts)
PAUSE_EVERY = 0.015  # s of work in a worker thread between two pauses
PAUSE = 0.0005  # s: long enough for the waiting GUI thread to wake up and take the GIL
_pauses = threading.local()


def json_pieces(value, separators: tuple[str, str] | None = None) -> Iterator[str]:
    """Pieces whose concatenation is `json.dumps(value, separators=separators)`.

    Dicts with string keys are split per key, lists and tuples into runs of ITEMS items;
    everything else (and dicts with other keys, which json converts) goes to json.dumps
    whole. Between two pieces the calling thread can hand over the GIL."""
    item_sep, key_sep = separators or (", ", ": ")
    if isinstance(value, dict) and value and all(type(k) is str for k in value):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield f"{item_sep if i else ''}{json.dumps(key)}{key_sep}"
            yield from json_pieces(item, separators)
        yield "}"
    elif isinstance(value, (list, tuple)) and len(value) > ITEMS:
        yield "["
        for start in range(0, len(value), ITEMS):
            inner = json.dumps(value[start:start + ITEMS], separators=separators)[1:-1]
            yield f"{item_sep}{inner}" if start else inner
        yield "]"
    else:
        yield json.dumps(value, separators=separators)


def dumps(value) -> str:
    """`json.dumps(value)` (same text), encoded in pieces; the JSON serializer of the engine."""
    return "".join(json_pieces(value))


def release(*objects) -> None:
    """Free the big containers of objects nobody uses any more, ITEMS entries at a time.

    Looks into dataclass records, tuples and small dicts/lists (≤ 64 entries, e.g. one list
    per input table) and empties every list, dict or set with more than ITEMS entries in
    slices. Only for objects owned by the caller: a shared container would be emptied too."""
    for _ in release_steps(*objects):
        pass


def release_steps(*objects, items: int = ITEMS) -> Iterator[None]:
    """`release`, one step per slice of `items` entries (the GUI thread drives it from a timer)."""
    seen: set[int] = set()
    for obj in objects:
        yield from _release(obj, seen, 0, items)


def _release(obj, seen: set[int], depth: int, items: int) -> Iterator[None]:
    if depth > 6 or id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, list):
        if len(obj) > ITEMS:
            while obj:
                del obj[-items:]
                yield
        elif len(obj) <= _SMALL:
            for item in obj:
                yield from _release(item, seen, depth + 1, items)
    elif isinstance(obj, dict):
        if len(obj) > ITEMS:
            for i, key in enumerate(list(obj)):  # one entry per bytecode loop: the GIL can change hands
                del obj[key]
                if not (i + 1) % items:
                    yield
            yield
        elif len(obj) <= _SMALL:
            for item in list(obj.values()):
                yield from _release(item, seen, depth + 1, items)
    elif isinstance(obj, set):
        if len(obj) > ITEMS:
            while obj:
                obj.pop()
            yield
    elif isinstance(obj, tuple):
        if len(obj) <= _SMALL:
            for item in obj:
                yield from _release(item, seen, depth + 1, items)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _release(getattr(obj, f.name, None), seen, depth + 1, items)


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
