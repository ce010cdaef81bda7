"""Benchmark of the year-ahead projection (issue 20) at 10× the city.

Fills a temporary SQLite file like bench_payout_run.py (2,000 carers / 8,000 children,
placements, versions, absences, proofs, …) plus a fee table and families with incomes,
finalizes the first months (--finalized N), then times `ops.projection.projection` for the
year: the base case alone and with a +1.5 % scenario (both computed). Target ≤ 5 s.
At this size the fee side runs in a worker process (ops/projection_fees.py; --seriell: not):
its CPU time is shown apart ("Hilfsprozess").

Run: .venv/bin/python bench/bench_projection.py [--sizes 2000:8000] [--finalized 0] [--repeat 2] [--seriell]
"""

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_payout_run import YEAR, fill  # noqa: E402
from sqlalchemy import insert, update  # noqa: E402

from kitadesk.domain.projection import GESAMT, Scenario  # noqa: E402
from kitadesk.models import Child, Family, FamilyIncome, FeeCell, FeeTable  # noqa: E402
from kitadesk.ops.payout import compute_draft, finalize  # noqa: E402
from kitadesk.ops.projection import projection  # noqa: E402
from kitadesk.store import Store, upgrade  # noqa: E402

D = Decimal
BRACKETS = (D(18000), D(24000), D(36000), D(48000), D(60000), D(72000), None)
BANDS = (D(25), D(35), D(45))


def fill_fees(store: Store, children_n: int, seed: int = 11) -> None:
    rnd = random.Random(seed)
    stamp = datetime(2026, 1, 1)
    with store.engine.begin() as conn:
        table_id = conn.execute(insert(FeeTable).values(gueltig_ab=date(2025, 8, 1), ist_beispiel=True,
                                                        created_at=stamp)).inserted_primary_key[0]
        conn.execute(insert(FeeCell), [
            dict(table_id=table_id, alter=alter, einkommen_bis=bound, stunden_bis=band,
                 beitrag=D(0 if i == 0 else (i * 40 + j * 25) // (2 if alter == "ab 3" else 1)), created_at=stamp)
            for alter in ("unter 3", "ab 3") for i, bound in enumerate(BRACKETS) for j, band in enumerate(BANDS)])
        families = children_n * 2 // 3
        conn.execute(insert(Family), [dict(id=f, nr=f"F{f:05d}", created_at=stamp) for f in range(1, families + 1)])
        conn.execute(insert(FamilyIncome), [
            dict(family_id=f, gueltig_ab=date(2025, 1, 1), jahreseinkommen=D(rnd.randrange(10000, 90000)),
                 created_at=stamp) for f in range(1, families + 1) if rnd.random() > 0.05])
        for start in range(1, children_n + 1, 1000):
            for child in range(start, min(start + 1000, children_n + 1)):
                conn.execute(update(Child).where(Child.id == child).values(family_id=rnd.randrange(1, families + 1)))


def _children_cpu() -> float:
    """CPU seconds of the finished worker processes (the fee side, ops/projection_fees.py)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2000:8000")
    parser.add_argument("--finalized", type=int, default=0, help="months finalized before (from January)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--seriell", action="store_true", help="fee side in this process too (no worker process)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            carers_n, children_n = (int(x) for x in size.split(":"))
            store = Store(f"sqlite:///{Path(tmp) / f'p{children_n}.sqlite3'}")
            upgrade(store.engine)
            t0 = time.perf_counter()
            fill(store, carers_n, children_n)
            fill_fees(store, children_n)
            for month in range(1, args.finalized + 1):
                finalize(store, "bench", compute_draft(store, "bench", YEAR, month).run_id)
            print(f"{children_n} Kinder / {carers_n} TPP: Daten in {time.perf_counter() - t0:.1f} s, "
                  f"{args.finalized} Monate abgeschlossen")
            scenario = Scenario(rate_percent=D("1.5"), rate_from=date(YEAR, 7, 1))
            for label, sc in (("Basis", None), ("Basis + Szenario +1,5 % ab 01.07.", scenario)):
                runs: list[tuple[float, float, float]] = []
                for _ in range(args.repeat):
                    w0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
                    base, other = projection(store, "bench", YEAR, sc, parallel=False if args.seriell else None)
                    wall, cpu, worker = time.perf_counter() - w0, time.process_time() - c0, _children_cpu() - k0
                    runs.append((wall, cpu, worker))
                best = min(runs)  # the least disturbed run (the machine may be shared)
                total = base.year_total(GESAMT)
                print(f"  {label:<36} Wand {best[0]:6.2f} s  CPU {best[1]:6.2f} s + Hilfsprozess {best[2]:5.2f} s  "
                      f"(Jahr: Auszahlung {total.payout} €, Beiträge {total.fees} €)")
            store.dispose()


if __name__ == "__main__":
    main()
