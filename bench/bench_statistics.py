"""Benchmark of the statistics (R-S1, R-S2) at 10× the city on SQLite.

Fills a fresh SQLite file with 2,000 carers and 8,000 children (kitadesk.demo, else
tests/ui/demo_data.py), then times the official Teil III.3 statistics on 1 March (loader +
domain), its workbook and CSV export, and the office figures (counts on the date, money and
fees over twelve months). Not a test; target: official statistics < 2 s.
Run: .venv/bin/python bench/bench_statistics.py [--carers N] [--children M] [--repeat R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kitadesk.ops.statistics import office, official  # noqa: E402
from kitadesk.reports.statistics import write_official_csv, write_official_xlsx  # noqa: E402
from kitadesk.store import Store, upgrade  # noqa: E402

TODAY = date(2026, 3, 20)
STICHTAG = date(2026, 3, 1)
TARGET = 2.0


def fill(store: Store, carers: int, children: int) -> str:
    try:
        from kitadesk.demo import create_demo
    except ImportError:
        from tests.ui.demo_data import fill as fill_rows

        fill_rows(store, carers, children, seed=1, today=TODAY)
        return "bench"
    create_demo(store, carers, children, seed=1, admin="bench", today=TODAY)
    return "bench"


def timed(fn, repeat: int) -> tuple[float, object]:
    """Median wall time of `repeat` runs (the CPU time is kept in CPU[-1]: a busy machine
    inflates the wall time, not the CPU time)."""
    runs, cpu, result = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU.append(statistics.median(cpu))
    return statistics.median(runs), result


CPU: list[float] = []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--carers", type=int, default=2000)
    parser.add_argument("--children", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kitadesk-bench-stat-"))
    store = Store(f"sqlite:///{folder / 'bench.sqlite3'}")
    upgrade(store.engine)
    start = time.perf_counter()
    user = fill(store, args.carers, args.children)
    print(f"Daten: {args.carers} Tagespflegepersonen, {args.children} Kinder in {time.perf_counter() - start:.1f} s")

    from kitadesk.domain.statistics import _days_of

    def cold():  # every run parses the time plans again (no warm cache)
        _days_of.cache_clear()
        return official(store, user, STICHTAG)

    seconds, stats = timed(cold, args.repeat)
    print(f"Amtliche Statistik {STICHTAG:%d.%m.%Y}: {len(stats.children)} Kinder, {len(stats.carers)} "
          f"Tagespflegepersonen, {len(stats.missing)} mit fehlenden Angaben — {seconds:.2f} s "
          f"(CPU {CPU[-1]:.2f} s; Ziel < {TARGET:.0f} s)")
    export, _ = timed(lambda: (write_official_xlsx(stats, folder / "statistik.xlsx"),
                               write_official_csv(stats, folder / "csv")), args.repeat)
    print(f"Export Arbeitsmappe + CSV: {export:.2f} s (CPU {CPU[-1]:.2f} s)")
    stock, fig = timed(lambda: office(store, user, STICHTAG, (2026, 3), (2026, 3), with_fees=False), args.repeat)
    print(f"Eigene Zahlen (Bestand, ohne Beiträge): {fig.stock.total.kinder} Kinder, {fig.stock.total.plaetze} "
          f"Plätze — {stock:.2f} s (CPU {CPU[-1]:.2f} s)")
    year, _ = timed(lambda: office(store, user, STICHTAG, (2025, 4), (2026, 3)), 1)
    print(f"Eigene Zahlen mit Beträgen und Elternbeiträgen für 12 Monate: {year:.2f} s (CPU {CPU[-1]:.2f} s)")
    store.dispose()
    ok = seconds < TARGET
    print("OK" if ok else "ZU LANGSAM")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
