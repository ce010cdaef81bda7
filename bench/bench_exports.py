"""Benchmark of the finance exports at 10× the city: 2,000 carers, ~40,000 lines.

Run: .venv/bin/python bench/bench_exports.py [--carers 2000] [--out DIR]
Prints seconds per export (not a test). Target: workbook + PDF < 2 s together.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kitadesk.domain.lines import ALTER, BETREUUNG, KRANKEN, MBA, RANDZEIT, UNFALL, VERTRETUNGSPLATZ, Line  # noqa: E402
from kitadesk.reports.data import STATUS_DRAFT, PayoutCarer, PayoutReport, PayoutRunInfo  # noqa: E402

SURNAMES = ("Müller", "Schmitz", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
            "Schulz", "Hoffmann", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
            "Neumann", "Schwarz", "Zimmermann", "Braun", "Hofmann-Krüger", "Yılmaz", "Özdemir")
FIRST = ("Anna", "Birgit", "Claudia", "Dagmar", "Elke", "Fatma", "Gabriele", "Heike", "Ines",
         "Jutta", "Katrin", "Leyla", "Monika", "Nicole", "Petra", "Sabine", "Ursula", "Jürgen")
SRTS = ("Mitte/Süd", "Ost", "Nord")


def iban_for(i: int) -> str:
    """A valid German IBAN with bank code 37040044 and account i."""
    bban = f"37040044{i:010d}"
    check = 98 - int(bban + "131400") % 97
    return f"DE{check:02d}{bban}"


def make_report(carers: int = 2000, children_per_carer: int = 5, seed: int = 1,
                status: str = STATUS_DRAFT) -> PayoutReport:
    rnd = random.Random(seed)
    von, bis = date(2026, 4, 1), date(2026, 4, 30)
    people, lines = [], []
    rate = Decimal("6.70")
    for i in range(1, carers + 1):
        nr = f"{1000 + i}"
        people.append(PayoutCarer(nr, rnd.choice(SURNAMES), rnd.choice(FIRST), SRTS[i % 3], iban_for(i)))
        for c in range(children_per_carer):
            kid = f"K{i * 10 + c}"
            h = Decimal(rnd.choice((15, 20, 25, 30, 35, 40, 45)))
            for pos, rule, hours, r in ((BETREUUNG, "R-G1", h * 52 / 12, rate), (MBA, "R-G3", Decimal(52) / 12, rate),
                                        (RANDZEIT, "R-G3", Decimal(5) * 52 / 12, Decimal("1.50"))):
                hours = hours.quantize(Decimal("0.01"))
                lines.append(Line(nr, kid, pos, rule, von, bis, hours, r, (hours * r).quantize(Decimal("0.01"))))
        for pos, amount in ((UNFALL, "12.00"), (ALTER, "100.58"), (KRANKEN, "125.00")):
            lines.append(Line(nr, None, pos, "R-G4", von, bis, None, None, Decimal(amount)))
        lines.append(Line(nr, None, VERTRETUNGSPLATZ, "R-G3", von, bis, None, None, Decimal("150.00")))
        lines.append(Line(nr, None, "Korrektur: Betreuung", "R-K4", date(2026, 3, 1), date(2026, 3, 31),
                          None, None, Decimal(rnd.randint(-5000, 5000)) / 100))
    info = PayoutRunInfo(2026, 4, "2026-04/1", status, datetime(2026, 4, 24, 10, 15), "mmeier",
                         "sqlite:///kitadesk.sqlite3", "0.1.0", {"monatsfaktor": "52/12"})
    warnings = [f"TPP {1000 + i}: Nachweis Alterssicherung fehlt" for i in range(1, carers // 50)]
    return PayoutReport(info, people, lines, warnings)


def main(argv=None) -> None:
    from kitadesk.reports.data import STATUS_FINAL, SepaPayer
    from kitadesk.reports.payout_list import write_payout_list
    from kitadesk.reports.payout_workbook import write_payout_workbook
    from kitadesk.reports.sepa import write_sepa

    parser = argparse.ArgumentParser()
    parser.add_argument("--carers", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=None, help="keep the files here (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kitadesk-bench-") as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        report = make_report(args.carers)
        _ = report.payments
        t1 = time.perf_counter()
        print(f"data: {args.carers} carers, {len(report.lines)} lines, {len(report.payments)} payments "
              f"({t1 - t0:.2f} s to generate)")
        timings = {}
        for name, write, target in (("workbook", write_payout_workbook, "auszahlung.xlsx"),
                                    ("pdf", write_payout_list, "auszahlungsliste.pdf")):
            wall, cpu = time.perf_counter(), time.process_time()
            write(report, out / target)
            timings[name] = (time.perf_counter() - wall, time.process_time() - cpu)
            print(f"{name + ':':9} {timings[name][0]:.2f} s wall, {timings[name][1]:.2f} s CPU")
        wall = sum(t[0] for t in timings.values())
        cpu = sum(t[1] for t in timings.values())
        print(f"together: {wall:.2f} s wall, {cpu:.2f} s CPU (target < 2 s; wall time depends on machine load)")
        final = make_report(args.carers, status=STATUS_FINAL)
        payer = SepaPayer("Stadt Moers", "DE02100100100006820101", None, date(2026, 4, 28))
        t4 = time.perf_counter()
        write_sepa(final, payer, out / "sepa.xml")
        print(f"sepa:     {time.perf_counter() - t4:.2f} s wall (info; includes the XSD validation)")
        if args.out:
            print(f"files in {out}")


if __name__ == "__main__":
    main()
