"""Benchmark (issue 7): the monthly fee list for 8,000 children (10× Moers) on SQLite.

    .venv/bin/python bench/bench_fee_list.py [--children 8000] [--carers 2000]

Prints the time to compute the month's fees (with the previous month for the `Änderung`
column) and to write the treasury workbook. Target: < 3 s in total.
"""

import argparse
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from kitadesk.demo import create_demo
from kitadesk.ops.fees import fee_list
from kitadesk.reports.fee_list import write_fee_list
from kitadesk.store import Store, upgrade


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--carers", type=int, default=2000)
    parser.add_argument("--children", type=int, default=8000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        upgrade(store.engine)
        t = time.perf_counter()
        create_demo(store, args.carers, args.children, seed=7, admin="bench", today=date(2026, 11, 24))
        print(f"Demodaten {args.carers} TPP / {args.children} Kinder: {time.perf_counter() - t:.2f} s")
        t0 = time.perf_counter()
        result = fee_list(store, "bench", 2026, 11)
        t1 = time.perf_counter()
        write_fee_list(result, Path(tmp) / "beitraege.xlsx")
        t2 = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"Beiträge berechnen (2 Monate): {t1 - t0:.2f} s  ({len(result.rows)} Zeilen)")
        print(f"Arbeitsmappe schreiben:        {t2 - t1:.2f} s")
        print(f"gesamt:                        {t2 - t0:.2f} s  (Ziel < 3 s), Speicher-Spitze (RSS) {peak:.0f} MB")
        store.dispose()


if __name__ == "__main__":
    main()
