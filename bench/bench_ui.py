"""UI benchmark at 10× the city (issue 5): 2,000 carers, 10,000 children.

    QT_QPA_PLATFORM=offscreen python bench/bench_ui.py [--carers 2000] [--children 10000]

Measures
- cold start: a fresh process (interpreter, imports, database, sign-in) until the main
  window shows the start screen with reminders and counts — target < 2 s;
- opening the list screens (one query each into plain rows);
- filtering the 10,000 children (search-as-you-type, SRT, status) — target < 100 ms,
  measured for the proxy alone and including the table's repaint;
- sorting 10,000 rows by a date column.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TODAY = date(2026, 11, 24)


def child_start(url: str) -> None:
    """Runs in a fresh process: start the window like `python -m kitadesk.ui`, print when usable."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from kitadesk.ui.app import prepare_store, setup_application, sign_in
    from kitadesk.ui.main_window import MainWindow

    app = QApplication(["kitadesk"])
    setup_application(app)
    store = prepare_store(url, lambda *_: True, lambda *_: None)
    ctx = sign_in(store, "bench", lambda *_: None, clock=lambda: TODAY)
    window = MainWindow(ctx, QSettings(str(Path(tempfile.gettempdir()) / "kitadesk-bench.ini"),
                                       QSettings.Format.IniFormat))
    start = window.pages["start"]
    start.filled.connect(lambda: (print(f"FILLED {time.time():.6f} reminders={len(start.reminders)}", flush=True),
                                  app.quit()))
    window.show_page("start")
    window.show()
    app.processEvents()
    print(f"USABLE {time.time():.6f}", flush=True)
    if not start.loaded:
        app.exec()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--carers", type=int, default=2000)
    parser.add_argument("--children", type=int, default=10000)
    parser.add_argument("--child-start", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_start:
        child_start(args.child_start)
        return 0

    from kitadesk.store import Store, upgrade
    from tests.ui.demo_data import fill

    tmp = Path(tempfile.mkdtemp(prefix="kitadesk-bench-ui-"))
    url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    store = Store(url)
    upgrade(store.engine)
    t = time.perf_counter()
    counts = fill(store, args.carers, args.children, seed=3, today=TODAY)
    print(f"Daten: {counts} (erzeugt in {time.perf_counter() - t:.1f} s)")
    store.dispose()

    usable, filled = [], []
    for _ in range(3):
        t0 = time.time()
        out = subprocess.run([sys.executable, __file__, "--child-start", url], capture_output=True, text=True,
                             check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
        stamps = {x.split()[0]: float(x.split()[1]) for x in out.splitlines() if x.split()[:1] in (["USABLE"],
                                                                                                 ["FILLED"])}
        usable.append(stamps["USABLE"] - t0)
        filled.append(stamps["FILLED"] - t0)
    print(f"Kaltstart bis nutzbares Hauptfenster (Median von 3): {ms(statistics.median(usable))}  "
          f"[{', '.join(f'{s:.2f}' for s in usable)} s]  Ziel < 2000 ms")
    print(f"Kaltstart bis Startseite mit Wiedervorlagen gefüllt:  {ms(statistics.median(filled))}  "
          f"[{', '.join(f'{s:.2f}' for s in filled)} s]")

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from kitadesk.ui.app import setup_application, sign_in
    from kitadesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["kitadesk"])
    setup_application(app)
    store = Store(url)
    ctx = sign_in(store, "bench", lambda *_: None, clock=lambda: TODAY)
    window = MainWindow(ctx, QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    for key in ("tagespflegepersonen", "kinder", "betreuungen"):
        t = time.perf_counter()
        window.show_page(key)
        app.processEvents()
        page = window.current_page()
        print(f"Liste {page.TITLE:<20} öffnen ({page.model.rowCount():>6} Zeilen): {ms(time.perf_counter() - t)}")

    window.show_page("kinder")
    page = window.current_page()
    app.processEvents()
    steps = [("Suche 'm'", lambda: page.search.setText("m")),
             ("Suche 'mü'", lambda: page.search.setText("mü")),
             ("Suche 'müller'", lambda: page.search.setText("müller")),
             ("Suche 'müller kirch'", lambda: page.search.setText("müller kirch")),
             ("SRT Ost", lambda: page.set_srt_filter("Ost")),
             ("Status in Betreuung", lambda: page.set_status_filter("in_betreuung")),
             ("Suche leeren", lambda: page.search.clear()),
             ("alle Filter aus", lambda: (page.set_srt_filter(None), page.set_status_filter(None)))]
    worst_proxy = worst_paint = 0.0
    for label, step in steps:
        t = time.perf_counter()
        step()
        t1 = time.perf_counter()
        app.processEvents()
        t2 = time.perf_counter()
        worst_proxy, worst_paint = max(worst_proxy, t1 - t), max(worst_paint, t2 - t)
        print(f"Filter {label:<22} → {page.proxy.rowCount():>6} Zeilen: Filter {ms(t1 - t)}, "
              f"mit Neuzeichnen {ms(t2 - t)}")
    print(f"Filtern 10.000 Zeilen, schlechtester Schritt: {ms(worst_proxy)} (mit Neuzeichnen {ms(worst_paint)})"
          f"  Ziel < 100 ms")
    t = time.perf_counter()
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    app.processEvents()
    print(f"Sortieren nach Geburtsdatum (10.000 Zeilen): {ms(time.perf_counter() - t)}")
    window.close()
    store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
