"""The window during a projection at 10× the city (issue 20): the Hochrechnung tab computes the
year in the background (ui/tasks.run_task); a 10 ms timer in the GUI thread records its longest
gap meanwhile (target < 100 ms, as bench_ui.py).

    QT_QPA_PLATFORM=offscreen python bench/bench_ui_projection.py [--db sqlite:///path] (default: fills 2000:8000)
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qtwait import run_until  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="an existing database (else a temporary one is filled)")
    parser.add_argument("--varianten", default="kalt,Reserve", help="kalt (frisch gestartet), Reserve (warmer Ersatzprozess)")
    args = parser.parse_args()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kitadesk.store import Store, upgrade
    from kitadesk.ui.app import setup_application, sign_in
    from kitadesk.ui.views.projection_tab import ProjectionTab

    tmp = tempfile.TemporaryDirectory()
    if args.db:
        store = Store(args.db)
    else:
        from bench_payout_run import fill
        from bench_projection import fill_fees

        store = Store(f"sqlite:///{Path(tmp.name) / 'ui.sqlite3'}")
        upgrade(store.engine)
        fill(store, 2000, 8000)
        fill_fees(store, 8000)
    app = QApplication.instance() or QApplication([])
    setup_application(app)
    ctx = sign_in(store, "bench", lambda login, note: None, clock=lambda: date(2026, 1, 1))
    tab = ProjectionTab(ctx)
    tab.resize(1100, 760)
    tab.show()
    tab.year.setValue(2026)
    tab.rate_on.setChecked(True)
    gaps, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    done = []
    tab.filled.connect(lambda: done.append(True))
    from kitadesk.ui import process_spare

    for how in args.varianten.split(","):  # a freshly spawned worker, or the warm spare (issue 17.2)
        if how == "Reserve":
            process_spare.enable()
            spare = process_spare.ensure()
            assert spare is not None and spare.ready(300), "Reserveprozess nicht bereit"
        else:
            process_spare.disable()
        gaps.clear()
        done.clear()
        last[0] = time.perf_counter()
        timer.start(10)
        started = time.perf_counter()
        tab.reload_in_background()
        run_until(app, lambda: bool(done) or "Fehler" in tab.status.text())
        took = time.perf_counter() - started
        timer.stop()
        gaps.sort()
        print(f"Hochrechnung im Fenster (Basis + Szenario, {how}): {took:.1f} s; GUI-Takt 10 ms: längste Lücke "
              f"{gaps[-1] * 1000:.0f} ms, 99 %: {gaps[int(len(gaps) * 0.99)] * 1000:.0f} ms, {len(gaps)} Takte; "
              f"Status: {tab.status.text()[:80]}", flush=True)
    process_spare.disable()
    store.dispose()
    tmp.cleanup()


if __name__ == "__main__":
    main()
