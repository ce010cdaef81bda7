"""Search as the office types it (issue #14 item 7) over 10,000 children: every keystroke of
folded searches ("mueller" finds Müller, "kilic" Kılıç, "sahin" Şahin, a birth date typed as
TT.MM.JJJJ) — the filter alone (proxy pass over the prepared search texts, no repaint).
Target ≤ 30 ms per keystroke.

    QT_QPA_PLATFORM=offscreen python bench/bench_search.py [--children 10000]
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TODAY = date(2026, 11, 24)
TYPED = ("mueller", "kilic", "sahin", "dabrowska", "celik", "15.05.2025", "mueller anna")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--carers", type=int, default=2000)
    parser.add_argument("--children", type=int, default=10000)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from qtwait import run_until

    from kitadesk.store import Store, upgrade
    from kitadesk.ui.app import setup_application, sign_in
    from kitadesk.ui.main_window import MainWindow
    from tests.ui.demo_data import fill

    tmp = Path(tempfile.mkdtemp(prefix="kitadesk-bench-search-"))
    store = Store(f"sqlite:///{tmp / 'bench.sqlite3'}")
    upgrade(store.engine)
    fill(store, args.carers, args.children, seed=3, today=TODAY)
    app = QApplication.instance() or QApplication(["kitadesk"])
    setup_application(app)
    ctx = sign_in(store, "bench", lambda *_: None, clock=lambda: TODAY)
    window = MainWindow(ctx, QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
    window.show()
    window.show_page("kinder")
    page = window.current_page()
    run_until(app, lambda: page.loaded and not page.is_loading)
    page.set_srt_filter(None)
    app.processEvents()
    print(f"{page.model.rowCount()} Kinder geladen")
    times: list[float] = []
    for text in TYPED:
        for n in range(1, len(text) + 1):
            t = time.perf_counter()
            page.proxy.set_search(text[:n])
            page.proxy.rowCount()  # the pass over the rows happens here
            times.append(time.perf_counter() - t)
        print(f"  „{text}“ → {page.proxy.rowCount():>5} Treffer, letzter Tastendruck {times[-1] * 1000:5.1f} ms")
        page.proxy.set_search("")
    times.sort()
    print(f"Suche je Tastendruck ({len(times)} Tastendrücke, nur Filter): Median {statistics.median(times) * 1000:.1f} ms, "
          f"95 % {times[int(len(times) * 0.95)] * 1000:.1f} ms, Maximum {times[-1] * 1000:.1f} ms  Ziel ≤ 30 ms")
    window.close()
    store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
