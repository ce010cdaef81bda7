"""Memory over an office day (issue 17): 20 payout runs and 20 list reloads in ONE app session.

Fills a temporary SQLite file with `kitadesk.demo` (2,000 carers / 8,000 children by default),
opens the Auszahlung page and the Kinder list offscreen, then repeats N times: compute the
month's draft (the page's way: worker process + view loaded in a thread, shown) and reload
the children list in the background. After each round the process's resident memory (VmRSS
from /proc/self/status, psutil elsewhere) is recorded, with the longest GUI-thread gap of a
10 ms timer during the round. Target: RSS after the last round ≤ 10 % above the 2nd (the
first round builds caches, fonts, the first view). Also shown per round: the objects the cyclic
garbage collector tracks and the full collections with their longest duration (nothing is
frozen, issue 17).

Run: .venv/bin/python bench/bench_session.py [--carers 2000] [--children 8000] [--rounds 20]
"""

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from qtwait import run_until  # noqa: E402  (bench/, the script's folder)

from kitadesk.demo import create_demo  # noqa: E402
from kitadesk.ops.base import load_actor  # noqa: E402
from kitadesk.store import Store, upgrade  # noqa: E402
from kitadesk.ui import collector  # noqa: E402
from kitadesk.ui.app import setup_application  # noqa: E402
from kitadesk.ui.context import AppContext  # noqa: E402
from kitadesk.ui.views.children_view import ChildrenView  # noqa: E402
from kitadesk.ui.views.payout_page import PayoutPage  # noqa: E402

YEAR, MONTH = 2026, 5
TARGET = 1.10  # RSS after the last round / after the 2nd


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import psutil  # not on Linux: the office PCs run Windows

    return psutil.Process().memory_info().rss / 2**20


class Gaps:
    """Longest gap between the ticks of a 10 ms timer in the GUI thread since `reset()`."""

    def __init__(self):
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.worst = 0.0
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.worst = max(self.worst, float(self.clock.restart()))

    def reset(self) -> float:
        worst, self.worst = max(self.worst, float(self.clock.restart())), 0.0
        return worst


class FullCollections:
    """Full (generation 2) collections of the cyclic garbage collector since the last `report()`."""

    def __init__(self):
        self.started = 0.0
        self.durations: list[float] = []
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self.started = time.perf_counter()
        else:
            self.durations.append(time.perf_counter() - self.started)

    def report(self) -> str:
        done, self.durations = self.durations, []
        longest = f", längste {max(done) * 1000:.0f} ms" if done else ""
        return f"{len(gc.get_objects())} GC-Objekte, {len(done)} volle Sammlungen{longest}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--carers", type=int, default=2000)
    parser.add_argument("--children", type=int, default=8000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(["bench"])
    setup_application(app)
    collector.install()  # as the window does (ui/app.main): collections from the event loop only
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.sqlite3")
        upgrade(store.engine)
        started = time.perf_counter()
        create_demo(store, args.carers, args.children, seed=1, admin="admin", today=date(YEAR, MONTH, 15))
        print(f"Demodaten {args.carers} TPP / {args.children} Kinder: {time.perf_counter() - started:.1f} s")
        with store.session("admin") as s:
            actor = load_actor(s, "admin")
        ctx = AppContext(store, "admin", actor, clock=lambda: date(YEAR, MONTH, 28))
        payout, children = PayoutPage(ctx), ChildrenView(ctx)
        for page in (payout, children):
            page.resize(1280, 800)
            page.show()
        payout.set_month(YEAR, MONTH)
        run_until(app, lambda: payout.task is None)
        collections = FullCollections()
        gaps = Gaps()
        rss, worst, seconds = [], [], []
        for i in range(1, args.rounds + 1):
            gaps.reset()
            t = time.perf_counter()
            payout.compute()
            run_until(app, lambda: payout.task is None and (payout.check is None or not payout.check.is_running),
                      timeout=600)
            children.reload_in_background()
            run_until(app, lambda: children.loaded and not children.is_loading, timeout=600)
            settle = time.perf_counter()
            run_until(app, lambda: time.perf_counter() - settle > 1.0)  # slices freed, timers idle
            seconds.append(time.perf_counter() - t)
            worst.append(gaps.reset())
            rss.append(rss_mb())
            print(f"Runde {i:2d}: {seconds[-1]:5.1f} s, RSS {rss[-1]:7.1f} MB, größte GUI-Lücke {worst[-1]:6.1f} ms, "
                  f"{payout.carer_model.rowCount()} TPP, {children.model.rowCount()} Kinder, {collections.report()}",
                  flush=True)
        ratio = rss[-1] / rss[1]
        print(f"RSS nach Runde 2: {rss[1]:.1f} MB, nach Runde {args.rounds}: {rss[-1]:.1f} MB → "
              f"{(ratio - 1) * 100:+.1f} % (Ziel ≤ {(TARGET - 1) * 100:.0f} %); "
              f"größte GUI-Lücke {max(worst):.1f} ms (Median je Runde {statistics.median(worst):.1f} ms)")
        for page in (payout, children):
            page.close()
        store.dispose()
    print("OK" if ratio <= TARGET else "ZIEL VERFEHLT: Speicher wächst")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
