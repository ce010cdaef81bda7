"""Benchmark of the letters workflow: 1,000 carer Bescheide through the ops (R-V5, R-V3).

Run: .venv/bin/python bench/bench_bescheide.py [--carers 1000] [--workers N] [--out DIR]
A temporary SQLite database gets 1,000 carers with 3–4 children each (addresses, proofs, the
2026 rate table); April 2026 is computed and finalized; then `produce_month(kind="carer")` builds,
renders and archives every carer's Bescheid in one transaction and writes the files and the print
file. Prints seconds per phase (not a test). Target: < 10 s for the batch.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select  # noqa: E402

from kitadesk.models import Carer, Child, Erstattungsnachweis, Letter, Placement, PlacementVersion, RateTable  # noqa: E402
from kitadesk.ops.letters import due_letters, produce_month  # noqa: E402
from kitadesk.ops.payout import compute_draft, finalize  # noqa: E402
from kitadesk.reports.letters import render_letter, samples  # noqa: E402
from kitadesk.store import Store, upgrade  # noqa: E402

D = Decimal
SURNAMES = ("Müller", "Schmitz", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
            "Hoffmann", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Yılmaz", "Özdemir")
FIRST = ("Anna", "Birgit", "Claudia", "Dagmar", "Elke", "Fatma", "Gabriele", "Heike", "Ines", "Jutta")
KIDS = ("Mia", "Ben", "Emma", "Paul", "Lina", "Finn", "Ida", "Noah", "Lea", "Elias", "Ella", "Emil")
STREETS = ("Homberger Straße", "Uerdinger Straße", "Kirchstraße", "Steinstraße", "Römerstraße")


def fill(store: Store, carers: int, seed: int = 1) -> int:
    """Carers with 3–4 children placed from 1 April 2026 (Core inserts, one transaction)."""
    rnd = random.Random(seed)
    stamp = dict(version=1, created_at=datetime(2026, 3, 1), created_by="bench")
    carer_rows, proof_rows, child_rows, placement_rows, version_rows = [], [], [], [], []
    child_id = 0
    for i in range(1, carers + 1):
        carer_rows.append(dict(id=i, nr=f"T{i:05d}", nachname=rnd.choice(SURNAMES), vorname=rnd.choice(FIRST),
                               geschlecht="w", srt=("Mitte/Süd", "Ost", "Nord")[i % 3], qualifikation="QHB",
                               qualifikation_seit=date(2020, 1, 1), taetig_seit=date(2019, 1, 1),
                               strasse=f"{rnd.choice(STREETS)} {rnd.randint(1, 120)}", plz="47441", ort="Moers",
                               betreuungsort="eigener Haushalt", **stamp))
        for art, amount in (("unfall", "12.00"), ("alter", "201.15"), ("kranken", "250.00")):
            proof_rows.append(dict(carer_id=i, art=art, betrag=D(amount), je="monat", alter_art="gesetzlich",
                                   von=date(2026, 1, 1), **stamp))
        for _k in range(rnd.choice((3, 4))):
            child_id += 1
            child_rows.append(dict(id=child_id, nr=f"K{child_id:06d}", nachname=rnd.choice(SURNAMES),
                                   vorname=rnd.choice(KIDS), geburtsdatum=date(2024, rnd.randint(1, 12), 1),
                                   srt=carer_rows[-1]["srt"], **stamp))
            beginn = date(2026, 4, rnd.choice((1, 1, 1, 16)))
            placement_rows.append(dict(id=child_id, child_id=child_id, carer_id=i, beginn=beginn, antrag_vom=beginn,
                                       **stamp))
            version_rows.append(dict(placement_id=child_id, gueltig_ab=beginn, wochenstunden=D(rnd.randint(15, 45)),
                                     randzeitstunden=D(rnd.choice((0, 0, 5))), uebernachtungen=D(0),
                                     nacht_im_haushalt_der_eltern=False, grund="", **stamp))
    with store.session("bench") as s:
        s.add(RateTable(gueltig_ab=date(2026, 1, 1), stundensatz_basis=D("5.80"), stundensatz_qualifiziert=D("6.70"),
                        randzeitzuschlag=D("1.50"), vertretungsplatz_pauschale=D("100.00"),
                        zuschlag_besonderer_bedarf_prozent=D("30"), ist_beispiel=True, bestaetigt_von="bench",
                        bestaetigt_am=datetime(2025, 12, 1)))
        for model, rows in ((Carer, carer_rows), (Erstattungsnachweis, proof_rows), (Child, child_rows),
                            (Placement, placement_rows), (PlacementVersion, version_rows)):
            s.execute(insert(model.__table__), rows)
        s.commit()
    return child_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--carers", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None, help="render processes (default: all CPU cores)")
    parser.add_argument("--out", help="directory for the PDFs (default: a temporary one)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kitadesk-bench-bescheide-"))
    store = Store(f"sqlite:///{tmp / 'bench.sqlite3'}")
    upgrade(store.engine)
    t0 = time.perf_counter()
    children = fill(store, args.carers)
    t1 = time.perf_counter()
    run = compute_draft(store, "bench", 2026, 4)
    finalize(store, "bench", run.run_id)
    t2 = time.perf_counter()
    due = due_letters(store, "bench", 2026, 4, kind="carer")
    t3 = time.perf_counter()
    marks: dict[str, float] = {}

    def progress(done: int, total: int) -> None:
        key = "built" if done == 0 else "archived" if done == total - 1 else "rendered" if done == total - 2 else None
        if key and key not in marks:
            marks[key] = time.perf_counter()

    out = Path(args.out) if args.out else tmp / "out"
    result = produce_month(store, "bench", 2026, 4, kind="carer", out_dir=out, progress=progress,
                           workers=args.workers, today=date(2026, 4, 28))
    t4 = time.perf_counter()
    with store.session() as s:
        archived = s.scalar(select(func.count()).select_from(Letter))
        size = s.scalar(select(func.sum(func.length(Letter.pdf))))
    print(f"Daten: {args.carers} Tagespflegepersonen, {children} Kinder in {t1 - t0:.1f} s; "
          f"Lauf 04/2026 berechnet und abgeschlossen in {t2 - t1:.1f} s")
    print(f"Fällige Briefe ermittelt: {len(due.letters)} in {t3 - t2:.2f} s")
    print(f"Stapel: {len(result.letters)} Bescheide erstellt, archiviert ({archived} im Archiv, "
          f"{size / len(result.letters) / 1024:.0f} KiB je Brief), {len(result.files)} Dateien + Druckdatei "
          f"in {t4 - t3:.2f} s (Ziel < 10 s)")
    built, rendered, done = marks.get("built", t3), marks.get("rendered", t4), marks.get("archived", t4)
    workers = args.workers or os.cpu_count()
    print(f"  davon: Eingaben aufbauen {built - t3:.2f} s, PDF erzeugen {rendered - built:.2f} s "
          f"({workers} {'Prozess' if workers == 1 else 'Prozesse'}), archivieren {done - rendered:.2f} s, "
          f"Dateien und Druckdatei {t4 - done:.2f} s")
    sample = samples.carer_bescheid(4)
    render_letter(sample)
    t5 = time.perf_counter()
    for _ in range(20):
        render_letter(sample)
    print(f"Vergleich: reports.letters rendert den Musterbescheid (4 Kinder) in "
          f"{(time.perf_counter() - t5) / 20 * 1000:.0f} ms je Brief (1 Prozess) auf diesem Rechner; "
          f"Last {getattr(os, 'getloadavg', lambda: (0.0,))()[0]:.1f} bei {os.cpu_count()} Kernen")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
