"""Benchmark of the pure monthly calculation (berechnung.md §4–§8) at 10× the city.

Generates plain inputs — 2,000 carers / 8,000 children (and 20,000 children) with varied
placement versions, tiers, absences with and without substitutes, child status changes,
Monatsmeldungen, Vertretungsplätze, proofs and a rate change in the month — and times
`compute_month`. Not a test. Run: .venv/bin/python bench/bench_payout_calc.py
"""

import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kitadesk.domain.inputs import (  # noqa: E402
    QUALIFIZIERT,
    Absence,
    Carer,
    ChildStatus,
    ManualAmount,
    Monatsmeldung,
    PayoutInput,
    PlacementVersion,
    Proof,
    RateTable,
    VertretungsplatzPeriod,
)
from kitadesk.domain.lines import total  # noqa: E402
from kitadesk.domain.payout import compute_month  # noqa: E402
from kitadesk.domain.settings import DEFAULTS  # noqa: E402

YEAR, MONTH = 2026, 5  # May: 31 days, holidays on 1 May, 14 May (Himmelfahrt), 25 May (Pfingstmontag)
START, END = date(YEAR, MONTH, 1), date(YEAR, MONTH, 31)


def _d(text: str) -> Decimal:
    return Decimal(text)


def generate(carers_n: int, children_n: int, seed: int = 7) -> PayoutInput:
    rnd = random.Random(seed)
    tables = [
        RateTable(date(2025, 1, 1), _d("5.71"), _d("6.60"), _d("1.50"), _d("100.00"),
                  hoechstbetrag_unfallversicherung=_d("15.00"), mindestbeitrag_alterssicherung=_d("110.00"),
                  hoechstbetrag_kranken_pflege=_d("400.00")),
        RateTable(date(2026, 1, 1), _d("5.80"), _d("6.70"), _d("1.50"), _d("100.00"),
                  hoechstbetrag_unfallversicherung=_d("15.00"), mindestbeitrag_alterssicherung=_d("110.00"),
                  hoechstbetrag_kranken_pflege=_d("400.00")),
        # a mid-month table (worst case: cuts every segment of the month)
        RateTable(date(2026, 5, 20), _d("5.85"), _d("6.75"), _d("1.55"), _d("105.00"),
                  hoechstbetrag_unfallversicherung=_d("15.00"), mindestbeitrag_alterssicherung=_d("110.00"),
                  hoechstbetrag_kranken_pflege=_d("400.00")),
    ]
    carer_nrs = [f"T{i:05d}" for i in range(carers_n)]
    carers, proofs, absences, vplaetze = {}, [], [], []
    for nr in carer_nrs:
        kind = rnd.random()
        if kind < 0.5:
            tiers = ((date(2015, 1, 1), QUALIFIZIERT),)
        elif kind < 0.55:  # tier change in the month
            tiers = ((START + timedelta(days=rnd.randrange(31)), QUALIFIZIERT),)
        else:
            tiers = ()
        carers[nr] = Carer(nr, tiers)
        proofs += [Proof(nr, "unfall", _d("12.00"), date(2026, 1, 1)),
                   Proof(nr, "alter", _d(f"{rnd.randrange(80, 300)}.15"), date(2025, 1, 1),
                         alter_art=rnd.choice(["gesetzlich", "privat"])),
                   Proof(nr, "kranken", _d("2400.00"), date(2026, 1, 1), per="jahr")]
        if rnd.random() < 0.3:  # absences through the year, some crossing the month
            day = date(YEAR, 1, 5) + timedelta(days=rnd.randrange(20))
            for _ in range(rnd.randrange(1, 5)):
                length = rnd.randrange(3, 25)
                sub = rnd.choice(carer_nrs) if rnd.random() < 0.3 else None
                absences.append(Absence(nr, day, day + timedelta(days=length),
                                        rnd.choice(["Urlaub", "Krankheit", "sonstiges"]),
                                        sub if sub != nr else None))
                day += timedelta(days=length + rnd.randrange(10, 60))
        if rnd.random() < 0.1:
            vplaetze.append(VertretungsplatzPeriod(nr, date(2025, 6, 1)))
    placements, status, meldungen, manual = [], [], [], []
    for i in range(children_n):
        child = f"K{i:06d}"
        carer = carer_nrs[i % carers_n]
        von = date(2025, 8, 1) if rnd.random() < 0.8 else START + timedelta(days=rnd.randrange(31))
        bis = None if rnd.random() < 0.9 else START + timedelta(days=rnd.randrange(31))
        if bis is not None and bis < von:
            bis = None
        hours, off, nights = _d(rnd.choice(["20", "25", "30", "35", "40", "45"])), _d(rnd.choice(["0", "0", "2.5", "5"])), \
            _d("1") if rnd.random() < 0.03 else _d("0")
        versions = [PlacementVersion(child, carer, von, bis, hours, off, nights, placement_id=i, version=1)]
        if rnd.random() < 0.25:  # a new version in the month (hours change or carer change)
            change = START + timedelta(days=rnd.randrange(1, 31))
            if change > von and (bis is None or change <= bis):
                other = carer if rnd.random() < 0.8 else rnd.choice(carer_nrs)
                versions = [PlacementVersion(child, carer, von, change - timedelta(days=1), hours, off, nights, i, 1),
                            PlacementVersion(child, other, change, bis, hours + 5, off, nights, i, 2)]
        placements += versions
        if rnd.random() < 0.1:
            status.append(ChildStatus(child, date(2025, 1, 1), True, lvr=rnd.random() < 0.3))
        if rnd.random() < 0.02:
            status.append(ChildStatus(child, START + timedelta(days=rnd.randrange(31)), True))
        if rnd.random() < 0.05:
            meldungen.append(Monatsmeldung(child, date(YEAR, 5, 14), _d("8")))
        if rnd.random() < 0.002:
            manual.append(ManualAmount(carer, _d("-50.00"), "Einzelfall (Bench)", child))
    return PayoutInput(YEAR, MONTH, carers, placements, tables, status, absences, proofs, vplaetze,
                       meldungen, manual, carry_in={carer_nrs[0]: _d("-20.00")})


def bench(carers_n: int, children_n: int, repeat: int = 3) -> None:
    inp = generate(carers_n, children_n)
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        lines = compute_month(inp, DEFAULTS)
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    print(f"{children_n:>6} children / {carers_n:>5} carers: {len(inp.placements)} versions, "
          f"{len(inp.absences)} absences → {len(lines)} lines, total {total(lines)} €; "
          f"compute_month best of {repeat}: {best:.3f} s")


if __name__ == "__main__":
    bench(2000, 8000)
    bench(5000, 20000)
