"""Benchmark of the Elternbeitrag calculation (berechnung.md §9) at 10× the city.

Generates 8,000 children in families of 1–3 (with hours changes, income changes, no
declaration, Beitragsfrei, Kita siblings, waivers, starts and ends in the month) and
times `compute_fees` for one month, with default and alternative Auslegungen. Not a
test; target well under 1 s. Run: .venv/bin/python bench/bench_fees.py [--children N] [--repeat R]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kitadesk.domain.fee_changes import bescheid_flags, mark_changes  # noqa: E402
from kitadesk.domain.fees import (  # noqa: E402
    AB_3,
    UNTER_3,
    CareVersion,
    FeeCell,
    FeeChild,
    FeeFree,
    FeeTable,
    Income,
    KitaSiblings,
    Waiver,
    compute_fees,
)
from kitadesk.domain.settings import DEFAULTS  # noqa: E402

BRACKETS = (Decimal(18000), Decimal(24000), Decimal(36000), Decimal(48000), Decimal(60000), Decimal(72000), None)
BANDS = (Decimal(25), Decimal(35), Decimal(45))


def fee_table(gueltig_ab: date, factor: int) -> FeeTable:
    cells = []
    for alter in (UNTER_3, AB_3):
        for i, bound in enumerate(BRACKETS):
            for j, band in enumerate(BANDS):
                base = 0 if i == 0 else (i * 40 + j * 25) * factor // (2 if alter == AB_3 else 1)
                cells.append(FeeCell(alter, bound, band, Decimal(base)))
    return FeeTable(gueltig_ab, tuple(cells), is_example=True)


def children(n: int, seed: int = 7) -> list[FeeChild]:
    rng = random.Random(seed)
    result, family = [], 0
    while len(result) < n:
        family += 1
        income = None if rng.random() < 0.05 else Decimal(rng.randrange(10000, 120000, 500))
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            nr = str(len(result) + 1)
            born = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 1800))
            von = date(2024, 8, 1) + timedelta(days=rng.randrange(0, 640))
            bis = von + timedelta(days=rng.randrange(60, 900)) if rng.random() < 0.3 else None
            hours = Decimal(rng.choice((15, 20, 25, 30, 35, 40, 45, 50)))
            care = [CareVersion(von, bis, hours)]
            if rng.random() < 0.2:  # an hours change
                cut = von + timedelta(days=rng.randrange(10, 400))
                if bis is None or cut < bis:
                    care = [CareVersion(von, cut - timedelta(days=1), hours),
                            CareVersion(cut, bis, hours + 5)]
            incomes = [Income(date(2024, 1, 1), income)]
            if income is not None and rng.random() < 0.1:
                incomes.append(Income(date(2026, 4, rng.randrange(1, 29)), income + 6000))
            waiver = None
            if rng.random() < 0.08:
                antrag = date(2026, rng.randrange(1, 5), rng.randrange(1, 29))
                waiver = Waiver(Decimal(rng.choice((25, 50, 100))), antrag + timedelta(days=rng.randrange(0, 20)), antrag)
            result.append(FeeChild(
                nr, str(family), born, tuple(care), tuple(incomes),
                (FeeFree(date(2024, 1, 1), True),) if rng.random() < 0.05 else (),
                (KitaSiblings(date(2024, 1, 1), 1),) if rng.random() < 0.05 else (),
                waiver,
            ))
    return result[:n]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    kids = children(args.children)
    tables = [fee_table(date(2024, 8, 1), 1), fee_table(date(2025, 8, 1), 2), fee_table(date(2026, 4, 15), 3)]
    for label, settings in (
        ("Standard-Auslegungen", DEFAULTS),
        ("anteilig, alle zahlen, keine Festsetzung", DEFAULTS.with_(
            beitrag_anteilig="ja", geschwister="alle_zahlen", einkommen_ohne_erklaerung="keine_festsetzung")),
    ):
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            april = compute_fees(kids, tables, 2026, 4, settings)
            times.append(time.perf_counter() - start)
        print(f"compute_fees, {len(kids)} Kinder, April 2026 ({label}): best {min(times):.3f} s, "
              f"median {statistics.median(times):.3f} s of {args.repeat}, {len(april)} Zeilen")
    march = compute_fees(kids, tables, 2026, 3)
    start = time.perf_counter()
    marks, flags = mark_changes(march, april), bescheid_flags(march, april)
    print(f"mark_changes + bescheid_flags: {time.perf_counter() - start:.3f} s, "
          f"{sum(1 for m in marks.values() if m)} Änderungen, {len(flags)} Änderungsbescheide")


if __name__ == "__main__":
    main()
