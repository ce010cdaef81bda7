"""Benchmark of `kitadesk import` at 10× the city: 2,000 carers, 8,000 children, ~9,000
placements (plus absences, Fortbildungen, Monatsmeldungen, tables).

Run: .venv/bin/python bench/bench_import.py [--carers 2000] [--children 8000] [--keep DIR]
The workbook is made by `kitadesk demo` into a temporary SQLite file and
`export_workbook`, then imported into a fresh SQLite file. Prints wall and CPU seconds and
the peak resident memory of the process (ru_maxrss). Targets: < 20 s, < 300 MB.
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
from kitadesk.importer.export import export_workbook  # noqa: E402
from kitadesk.ops.import_ import import_workbook  # noqa: E402
from kitadesk.store import Store, upgrade  # noqa: E402


def fresh_store(path: Path) -> Store:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    store = Store(f"sqlite:///{path}")
    upgrade(store.engine, backup=False)
    return store


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--carers", type=int, default=2000)
    parser.add_argument("--children", type=int, default=8000)
    parser.add_argument("--keep", help="Ordner für Arbeitsmappe und Datenbanken (sonst temporär)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        workbook = folder / "import-10x.xlsx"
        source = fresh_store(folder / "source.sqlite3")
        create_demo(source, args.carers, args.children, seed=1, admin="bench")
        started = time.perf_counter()
        counts = export_workbook(source, workbook)
        source.dispose()
        print(f"Arbeitsmappe: {workbook.stat().st_size / 1e6:.1f} MB, Zeilen {counts} "
              f"(Export {time.perf_counter() - started:.1f} s)")
        before = peak_mb()
        target = fresh_store(folder / "target.sqlite3")
        wall, cpu = time.perf_counter(), time.process_time()
        result = import_workbook(target, workbook, "bench")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        target.dispose()
        print("\n".join(result.lines()))
        print(f"Import: {wall:.1f} s Wandzeit, {cpu:.1f} s CPU; Spitzenspeicher des Prozesses {peak_mb():.0f} MB "
              f"(vor dem Import {before:.0f} MB) — Ziele < 20 s, < 300 MB")


if __name__ == "__main__":
    main()
