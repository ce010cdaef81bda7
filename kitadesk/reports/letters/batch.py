"""Render many letters: in this process, or spread over worker processes (the 1 January batch).

Each letter is independent, so a batch scales with the CPU cores of the office PC. Output
bytes are the same either way (R-V3).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from kitadesk.reports.letters import fontcache
from kitadesk.reports.letters.data import Letter


def _render_chunk(letters: Sequence[Letter]) -> list[bytes]:
    from kitadesk.reports.letters import render_letter

    return [render_letter(letter) for letter in letters]


def render_many(letters: Sequence[Letter], workers: int | None = 1) -> list[bytes]:
    """PDF bytes of each letter, in order. workers=None: one per CPU core; 1: no extra process."""
    letters = list(letters)
    if workers is None:
        workers = os.cpu_count() or 1
    workers = max(1, min(workers, len(letters) // 50 or 1))   # small batches: not worth a pool
    if workers == 1:
        return _render_chunk(letters)
    size = -(-len(letters) // (workers * 4))
    chunks = [letters[i:i + size] for i in range(0, len(letters), size)]
    with ProcessPoolExecutor(max_workers=workers, initializer=fontcache.install) as pool:
        return [pdf for part in pool.map(_render_chunk, chunks) for pdf in part]
