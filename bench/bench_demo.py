"""Benchmark of `kitadesk demo` at 10× the city: 2,000 carers, 8,000 children into a fresh
SQLite file. Target: < 30 s.

Run: .venv/bin/python bench/bench_demo.py [--carers 2000] [--children 8000] [--db FILE]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kitadesk.demo import create_demo  # noqa: E402
from kitadesk.store import Store, upgrade  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--carers", type=int, default=2000)
    parser.add_argument("--children", type=int, default=8000)
    parser.add_argument("--db", help="SQLite-Datei (wird neu angelegt; sonst temporär)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db or Path(tmp) / "demo.sqlite3")
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        store = Store(f"sqlite:///{path}")
        upgrade(store.engine, backup=False)
        wall, cpu = time.perf_counter(), time.process_time()
        counts = create_demo(store, args.carers, args.children, seed=1, admin="bench")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        store.dispose()
        rows = sum(counts.values())
        print(f"Demo {args.carers} Tagespflegepersonen / {args.children} Kinder: {rows} Zeilen "
              f"({counts['placements']} Betreuungen, {counts['placement_versions']} Fassungen)")
        print(f"{wall:.1f} s Wandzeit, {cpu:.1f} s CPU; Spitzenspeicher "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB — Ziel < 30 s")


if __name__ == "__main__":
    main()
