"""Benchmark of a whole payout run through the store at 10× the city (issue 4).

Creates demo-like data in a temporary SQLite file with bulk Core inserts — 2,000 carers /
8,000 children (and 5,000 / 20,000) with proofs, permits, Fortbildungen, absences with
substitutes, status changes, second placement versions, Monatsmeldungen, Sonderbeträge —
then times: loading the inputs, the calculation, the completeness check, storing the
draft (compute_draft end to end), finalizing, the xlsx workbook and the PDF list; and a
draft of the following month with the finalized month checked for corrections.
Targets: 8,000 children < 5 s for load + calculation + store + xlsx + PDF; 20,000 < 2.5×.

Run: .venv/bin/python bench/bench_payout_run.py [--sizes 2000:8000,5000:20000] [--history 0] [--repeat 2]
(--history N also finalizes N months before and measures the draft with N months checked.)
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from kitadesk.domain.payout import compute_month  # noqa: E402
from kitadesk.domain.settings import DEFAULTS  # noqa: E402
from kitadesk.models import (  # noqa: E402
    Absence,
    Carer,
    CarerDocument,
    Child,
    ChildStatus,
    Erlaubnis,
    Erstattungsnachweis,
    Fortbildung,
    Monatsmeldung,
    Placement,
    PlacementVersion,
    RateTable,
    Sonderbetrag,
    Vertretungsplatz,
)
from kitadesk.ops.completeness import check_month  # noqa: E402
from kitadesk.ops.payout import compute_draft, finalize  # noqa: E402
from kitadesk.ops.payout_inputs import gc_paused, load_month  # noqa: E402
from kitadesk.ops.payout_report import build_report, export_run  # noqa: E402
from kitadesk.reports.payout_list import write_payout_list  # noqa: E402
from kitadesk.reports.payout_workbook import write_payout_workbook  # noqa: E402
from kitadesk.store import Store, upgrade  # noqa: E402

D = Decimal
YEAR, MONTH = 2026, 5
SURNAMES = ("Müller", "Schmitz", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
            "Hoffmann", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Yılmaz", "Özdemir", "Nowak")
FIRST = ("Anna", "Birgit", "Claudia", "Fatma", "Heike", "Ines", "Leyla", "Monika", "Petra", "Sabine", "Jürgen")
SRTS = ("Mitte/Süd", "Ost", "Nord")


def iban_for(i: int) -> str:
    bban = f"35450000{i:010d}"
    return f"DE{98 - int(bban + '131400') % 97:02d}{bban}"


def fill(store: Store, carers_n: int, children_n: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    stamp = datetime(2026, 1, 1)
    rows: dict = {t: [] for t in (Carer, Erlaubnis, CarerDocument, Erstattungsnachweis, Fortbildung, Absence,
                                  Vertretungsplatz, Child, ChildStatus, Placement, PlacementVersion, Monatsmeldung,
                                  Sonderbetrag)}
    tables = [dict(gueltig_ab=date(2025, 1, 1), stundensatz_basis=D("5.71"), stundensatz_qualifiziert=D("6.60"),
                   randzeitzuschlag=D("1.50"), vertretungsplatz_pauschale=D("100.00"), bestaetigt_von="leitung"),
              dict(gueltig_ab=date(2026, 1, 1), stundensatz_basis=D("5.80"), stundensatz_qualifiziert=D("6.70"),
                   randzeitzuschlag=D("1.50"), vertretungsplatz_pauschale=D("100.00"), bestaetigt_von="leitung")]
    for i in range(1, carers_n + 1):
        qual = rnd.choice(("Basis", "QHB", "QHB", "Fachkraft"))
        rows[Carer].append(dict(
            id=i, nr=f"T{i:05d}", nachname=rnd.choice(SURNAMES), vorname=rnd.choice(FIRST), srt=SRTS[i % 3],
            iban=iban_for(i) if rnd.random() > 0.002 else None, qualifikation=qual,
            qualifikation_seit=date(2018, 1, 1) if qual != "Basis" else None,
            taetig_seit=date(rnd.randrange(2005, 2024), 1, 1), created_at=stamp, created_by="bench"))
        rows[Erlaubnis].append(dict(carer_id=i, vom=date(2022, 1, 1), bis=date(2026, 12, 31) if rnd.random() > 0.01
                                    else date(2026, 3, 31), created_at=stamp))
        rows[CarerDocument].append(dict(carer_id=i, art="Führungszeugnis", erhalten_am=date(2023, 1, 1),
                                        created_at=stamp))
        for art, amount, je in (("unfall", "12.00", "monat"), ("alter", f"{rnd.randrange(80, 300)}.15", "monat"),
                                ("kranken", "2400.00", "jahr")):
            if rnd.random() > 0.01:
                rows[Erstattungsnachweis].append(dict(carer_id=i, art=art, betrag=D(amount), je=je, von=date(2026, 1, 1),
                                                      created_at=stamp))
        for year in range(2020, 2026):
            if rnd.random() < 0.8:
                rows[Fortbildung].append(dict(carer_id=i, datum=date(year, 10, 1), titel="Fortbildung",
                                              stunden=D("6"), created_at=stamp))
        if rnd.random() < 0.3:
            day = date(YEAR, 1, 5) + timedelta(days=rnd.randrange(20))
            for _ in range(rnd.randrange(1, 5)):
                length = rnd.randrange(3, 25)
                sub = rnd.randrange(1, carers_n + 1) if rnd.random() < 0.3 else None
                rows[Absence].append(dict(carer_id=i, von=day, bis=day + timedelta(days=length),
                                          art=rnd.choice(("Urlaub", "Krankheit", "sonstiges")),
                                          substitute_id=sub if sub != i else None, created_at=stamp))
                day += timedelta(days=length + rnd.randrange(10, 60))
        if rnd.random() < 0.1:
            rows[Vertretungsplatz].append(dict(carer_id=i, von=date(2025, 6, 1), created_at=stamp))
    start = date(YEAR, MONTH, 1)
    for i in range(1, children_n + 1):
        carer = (i - 1) % carers_n + 1
        rows[Child].append(dict(id=i, nr=f"K{i:06d}", nachname=rnd.choice(SURNAMES), vorname=rnd.choice(FIRST),
                                geburtsdatum=date(2024, 1, 1) + timedelta(days=rnd.randrange(700)), srt=SRTS[carer % 3],
                                created_at=stamp))
        von = date(2025, 8, 1) if rnd.random() < 0.8 else start + timedelta(days=rnd.randrange(31))
        ende = start + timedelta(days=rnd.randrange(31)) if rnd.random() < 0.1 else None
        if ende is not None and ende < von:
            ende = None
        rows[Placement].append(dict(id=i, child_id=i, carer_id=carer, beginn=von, ende=ende, created_at=stamp))
        hours = D(rnd.choice(("20", "25", "30", "35", "40", "45")))
        off = D(rnd.choice(("0", "0", "2.5", "5")))
        rows[PlacementVersion].append(dict(placement_id=i, gueltig_ab=von, wochenstunden=hours, randzeitstunden=off,
                                           uebernachtungen=D(1) if rnd.random() < 0.03 else D(0), created_at=stamp))
        if rnd.random() < 0.25:
            change = start + timedelta(days=rnd.randrange(1, 31))
            if change > von:
                rows[PlacementVersion].append(dict(placement_id=i, gueltig_ab=change, wochenstunden=hours + 5, uebernachtungen=D(0),
                                                   randzeitstunden=off, created_at=stamp))
        if rnd.random() < 0.1:
            rows[ChildStatus].append(dict(child_id=i, gueltig_ab=date(2025, 1, 1), besonderer_bedarf=True,
                                          lvr_inklusionshilfe=rnd.random() < 0.3, created_at=stamp))
        if rnd.random() < 0.05:
            rows[Monatsmeldung].append(dict(child_id=i, datum=date(YEAR, 5, 14), stunden=D("8"), created_at=stamp))
        if rnd.random() < 0.002:
            rows[Sonderbetrag].append(dict(carer_id=carer, child_id=i, monat=f"{YEAR}-{MONTH:02d}",
                                           betrag=D("-50.00"), grund=f"Einzelfall (Bench) Kind {i}", created_at=stamp))
    with store.engine.begin() as conn:
        conn.execute(insert(RateTable), tables)
        for model, data in rows.items():
            if data:
                conn.execute(insert(model), data)


def timed(label: str, fn, results: list, repeat: int = 1):
    """Best of `repeat` runs, wall clock and process CPU time (the machine may be shared: CPU
    time does not count waiting for other processes; the minimum is the least disturbed)."""
    best = None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        value = fn()
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        best = (wall, cpu) if best is None else (min(best[0], wall), min(best[1], cpu))
    results.append((label, *best))
    return value


def bench(carers_n: int, children_n: int, history: int, out: Path, repeat: int = 2) -> dict:
    path = out / f"bench_{children_n}.sqlite3"
    store = Store(f"sqlite:///{path}")
    upgrade(store.engine)
    t0 = time.perf_counter()
    fill(store, carers_n, children_n)
    fill_s = time.perf_counter() - t0
    for k in range(history, 0, -1):  # finalized months before (corrections are checked against them)
        y, m = (YEAR, MONTH - k) if MONTH - k >= 1 else (YEAR - 1, MONTH - k + 12)
        finalize(store, "bench", compute_draft(store, "bench", y, m).run_id)
    r: list = []
    with store.session() as s:  # warm-up as in a running app: mappers configured, statements compiled
        load_month(s, 2020, 1, DEFAULTS)
        loaded = timed("Eingaben laden", lambda: load_month(s, YEAR, MONTH, DEFAULTS), r, repeat)
        with gc_paused():  # as inside compute_draft
            lines = timed("Berechnung (compute_month)", lambda: compute_month(loaded.inp, DEFAULTS), r, repeat)
            timed("Vollständigkeitsprüfung", lambda: check_month(s, loaded, lines), r, repeat)
    summary = timed("Entwurf speichern (compute_draft gesamt)", lambda: compute_draft(store, "bench", YEAR, MONTH),
                    r, repeat)
    with gc_paused(), store.session() as s:  # as inside export_run
        report = timed("Bericht aufbauen (Lauf → PayoutReport)", lambda: build_report(s, summary.run_id, "bench"),
                       r, repeat)
    timed("xlsx (Auszahlungsmappe)", lambda: write_payout_workbook(report, out / "a.xlsx"), r, repeat)
    timed("PDF (Auszahlungsliste)", lambda: write_payout_list(report, out / "a.pdf"), r, repeat)
    timed("zum Vergleich: export_run xlsx + PDF", lambda: export_run(store, "bench", summary.run_id,
                                                                      xlsx=out / "b.xlsx", pdf=out / "b.pdf"), r)
    timed("Abschließen (mit Neuberechnung)", lambda: finalize(store, "bench", summary.run_id), r)
    with store.engine.begin() as conn:  # a late change to the finalized month
        conn.exec_driver_sql("UPDATE placement_versions SET wochenstunden = wochenstunden + 1, version = version + 1 "
                             "WHERE id % 50 = 0")
    nxt = timed("Folgemonat-Entwurf inkl. Korrekturprüfung",
                lambda: compute_draft(store, "bench", YEAR, MONTH + 1), r)
    store.dispose()
    core = [sum(row[i] for row in r if row[0].startswith(("Entwurf", "Bericht", "xlsx", "PDF"))) for i in (1, 2)]
    print(f"\n{children_n} Kinder / {carers_n} TPP — {summary.lines} Positionen, {summary.payments} Zahlungen, "
          f"Summe {summary.total} €, {len(summary.warnings)} Hinweise (Daten erzeugt in {fill_s:.1f} s"
          f"{f', {history} Monate abgeschlossen davor' if history else ''})")
    print(f"  {'Schritt':<45} {'Wand':>8} {'CPU':>8}")
    for label, wall, cpu in r:
        print(f"  {label:<45} {wall:7.3f}s {cpu:7.3f}s")
    print(f"  {'Folgemonat: Korrekturzeilen':<45} {nxt.corrections:8d}")
    print(f"  {'Lauf gesamt (Entwurf + Bericht + xlsx + PDF)':<45} {core[0]:7.3f}s {core[1]:7.3f}s")
    return {"core": core}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2000:8000,5000:20000")
    parser.add_argument("--history", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=2, help="best of N for the timed steps")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            carers_n, children_n = (int(x) for x in size.split(":"))
            results.append((children_n, bench(carers_n, children_n, args.history, Path(tmp), args.repeat)["core"]))
    if len(results) > 1:
        (n0, t0), (n1, t1) = results[0], results[-1]
        print(f"\nFaktor {n1} / {n0} Kinder: Wand {t1[0] / t0[0]:.2f}×, CPU {t1[1] / t0[1]:.2f}× (Ziel < 2,5×)")


if __name__ == "__main__":
    main()
