"""Event-loop latency of the payout screen during a payout run at 10× the city (issue 5).

Fills a temporary SQLite file with `kitadesk.demo` (2,000 carers / 8,000 children by default),
opens the PayoutPage offscreen and computes the month in a worker process (its spans are not
traced here; the window's reader thread — receiving the view, preparing the rows — is) while a 10 ms QTimer
records the gaps between its ticks in the GUI thread. Target: no gap > 100 ms — the window
never freezes while compute_draft runs, nor while the result is shown. Also times the GUI
side of showing the result, selecting a carer, sorting by amount and (with --finalize, as the
Leitung) finalizing the run.

Each of the worst gaps is attributed to what the worker (or the GUI thread) did meanwhile: the
ops of the run, the SQLAlchemy JSON encoding/decoding, SQL statements and garbage collections
are wrapped with timers (WorkerTrace). Each gap also shows the process's and the GUI thread's
CPU share during it: process ~100 % with GUI ~0 % = the worker held the GIL (a CPU-bound cause
in the program: one long C call such as json.dumps of a large value, a sort, freeing a big
result); GUI ~100 % = the GUI thread's own work (painting, filling models); both far below
100 % = the process waited for a CPU (other jobs). After the result is shown the meter runs
0.5 s longer ("Anzeige, Nachlauf": layout, painting, the warnings list in batches).

--history N first computes and finalizes the N months before (so the run checks N finalized
months for corrections: digests, stored eingaben); --repeat N computes N times (recomputing
replaces the draft); --load N runs N CPU-burning processes meanwhile (a busy machine: the
2-core build box with other jobs), so before/after comparisons can use the same conditions.

Run: .venv/bin/python bench/bench_ui_payout.py [--carers 2000] [--children 8000] [--finalize]
     [--history 0] [--repeat 1] [--load 0]
"""

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402
from qtwait import run_until  # noqa: E402  (bench/, the script's folder)
from sqlalchemy import event  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from kitadesk.demo import create_demo  # noqa: E402
from kitadesk.ops.base import load_actor  # noqa: E402
from kitadesk.ops.payout import compute_draft, finalize  # noqa: E402
from kitadesk.store import Store, upgrade  # noqa: E402
from kitadesk.ui.app import setup_application  # noqa: E402
from kitadesk.ui.context import AppContext  # noqa: E402
from kitadesk.ui.views.payout_controller import PayoutController  # noqa: E402
from kitadesk.ui.views.payout_page import PayoutPage  # noqa: E402
from kitadesk.ui.views.payout_tables import CarerTextModel  # noqa: E402
from kitadesk.ui.views.payout_widgets import MonthBar  # noqa: E402

YEAR, MONTH = 2026, 5
TARGET_MS = 50.0  # issue 17: no GUI gap > 50 ms (the run computes in a worker process)


class GapMeter:
    """A 10 ms timer in the GUI thread; records the time between ticks (ms) with a phase label,
    the gap's start/end on the perf_counter clock (for WorkerTrace.blame) and the process's CPU
    time during the gap as a share of it: ~100 % = one thread computed the whole time while the
    GUI thread waited for the GIL (a CPU-bound cause in the program); far below = the process
    itself waited for a CPU (the machine was busy with other jobs)."""

    def __init__(self):
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[tuple[float, str, float, float, float]] = []  # ms, phase, start, end, CPU share
        self.gui_cpu: dict[float, float] = {}  # gap end → the GUI thread's own CPU share during the gap
        self.phase = ""
        self.last = self.last_cpu = self.last_gui = None
        self.stacks: dict[float, str] = {}  # gap end → where the other threads were then

    def start(self, phase: str) -> None:
        self.phase, self.gaps, self.last = phase, [], None
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        now, cpu, gui = time.perf_counter(), time.process_time(), time.thread_time()
        if self.last is not None:
            self.gaps.append(((now - self.last) * 1000, self.phase, self.last, now,
                              (cpu - self.last_cpu) / max(now - self.last, 1e-9)))
            self.gui_cpu[now] = (gui - self.last_gui) / max(now - self.last, 1e-9)
            if now - self.last > 0.04:  # where the other threads are as the GUI thread gets the GIL back
                self.stacks[now] = worker_stacks()
        self.last, self.last_cpu, self.last_gui = now, cpu, gui

    def cpu_bound(self, share: float = 0.8) -> list[float]:
        """Gaps during which the process computed (GIL held by one thread), not waited for a CPU."""
        return [g[0] for g in self.gaps if g[4] >= share]

    def stop(self) -> list[float]:
        self.timer.stop()
        return [g[0] for g in self.gaps]


def worker_stacks() -> str:
    """The innermost frames of every thread but this one (kitadesk's and the library's)."""
    import traceback
    out = []
    for ident, frame in sys._current_frames().items():
        if ident == threading.get_ident():
            continue
        frames = traceback.extract_stack(frame)[-4:]
        out.append(" < ".join(f"{Path(f.filename).stem}:{f.lineno} {f.name}" for f in reversed(frames)))
    return " | ".join(out)


class WorkerTrace:
    """Spans of named functions (by thread, nested) on the perf_counter clock.

    `wrap(fn)` replaces the function in every loaded kitadesk module that holds it (the ops
    import each other by name); `json(engine)` times SQLAlchemy's JSON encoding/decoding."""

    def __init__(self):
        self.spans: list[tuple[float, float, str, int, str]] = []  # start, end, name, depth, thread
        self.local = threading.local()
        self.on = False

    def _timed(self, name: str, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            if not self.on:
                return fn(*args, **kwargs)
            depth = getattr(self.local, "depth", 0)
            self.local.depth = depth + 1
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spans.append((t0, time.perf_counter(), name, depth, threading.current_thread().name))
                self.local.depth = depth
        timed.__wrapped_by_trace__ = True
        return timed

    def wrap(self, module_name: str, attr: str, name: str | None = None) -> None:
        module = sys.modules[module_name]
        original = getattr(module, attr)
        timed = self._timed(name or attr, original)
        for mod_name, mod in list(sys.modules.items()):
            if (mod_name == "kitadesk" or mod_name.startswith("kitadesk.")) and mod is not None:
                for key, value in list(vars(mod).items()):
                    if value is original:
                        setattr(mod, key, timed)

    def wrap_method(self, cls, attr: str, name: str) -> None:
        setattr(cls, attr, self._timed(name, getattr(cls, attr)))

    def json(self, engine) -> None:
        import json
        dialect = engine.dialect
        dialect._json_serializer = self._timed("JSON kodieren", dialect._json_serializer or json.dumps)
        dialect._json_deserializer = self._timed("JSON lesen", dialect._json_deserializer or json.loads)

    def gc(self) -> None:
        """Collections of the cyclic garbage collector (in whichever thread they happen)."""
        import gc
        started = {}

        def callback(phase, info):
            if phase == "start":
                started[threading.get_ident()] = time.perf_counter()
            elif self.on and threading.get_ident() in started:
                self.spans.append((started.pop(threading.get_ident()), time.perf_counter(),
                                   f"GC Generation {info['generation']}", 99, threading.current_thread().name))
        gc.callbacks.append(callback)

    def sql(self, engine) -> None:
        """SQL statements (execute only; fetching rows counts to the calling function)."""
        @event.listens_for(engine, "before_cursor_execute")
        def before(conn, cursor, statement, parameters, context, executemany):
            conn.info.setdefault("trace_t0", []).append(time.perf_counter())

        @event.listens_for(engine, "after_cursor_execute")
        def after(conn, cursor, statement, parameters, context, executemany):
            t0 = conn.info["trace_t0"].pop()
            if self.on:
                words = " ".join(statement.split()[:3])[:40]
                self.spans.append((t0, time.perf_counter(), f"SQL {words}", getattr(self.local, "depth", 0),
                                   threading.current_thread().name))

    def blame(self, start: float, end: float) -> str:
        """The deepest spans covering most of [start, end] (what held the GIL meanwhile)."""
        length = end - start
        hits = []
        for t0, t1, name, depth, thread in self.spans:
            overlap = min(t1, end) - max(t0, start)
            if overlap > 0.3 * length:
                hits.append((depth, overlap, name, thread, t1 - t0))
        if not hits:
            return "?"
        hits.sort(key=lambda h: (h[0], h[1]))
        path = " › ".join(f"{name} ({total * 1000:.0f} ms)" for depth, overlap, name, thread, total in hits[-3:])
        return f"{path} [{hits[-1][3]}]"

    def totals(self, start: float, end: float, top: int = 12) -> list[tuple[str, float, int]]:
        """Time per name within [start, end] (nested spans counted in each level)."""
        out: dict[str, list] = {}
        for t0, t1, name, _depth, _thread in self.spans:
            if t0 >= start and t1 <= end:
                entry = out.setdefault(name, [0.0, 0])
                entry[0] += (t1 - t0) * 1000
                entry[1] += 1
        return sorted(((n, ms, c) for n, (ms, c) in out.items()), key=lambda x: -x[1])[:top]


TRACED = {  # module: functions timed as phases of the worst gaps
    "kitadesk.ops.payout": ("compute_draft", "finalize", "calculate", "load_pool", "month_input", "carry_in",
                            "compute_month", "check_month", "digests", "_store_lines", "_summary", "changed_since",
                            "run_lines", "_finalized_window", "_corrections", "month_run", "load_actor"),
    "kitadesk.ops.payout_report": ("payout_report", "build_report"),
    "kitadesk.ops.payout_view": ("load_view", "changes_since"),
    "kitadesk.ops.reads": ("child_names",),
    "kitadesk.reports.payout_list": ("report_warnings",),
}


def install_trace(trace: WorkerTrace, engine) -> None:
    import kitadesk.reports.payout_list  # noqa: F401  (imported lazily by load_view)

    for module, names in TRACED.items():
        for name in names:
            trace.wrap(module, name)
    trace.wrap_method(Session, "flush", "Session.flush")
    trace.wrap_method(Session, "commit", "Session.commit")
    trace.wrap_method(PayoutPage, "_show", "PayoutPage._show (GUI)")
    trace.json(engine)
    trace.sql(engine)
    trace.gc()
    trace.wrap_method(PayoutPage, "show_busy", "PayoutPage.show_busy (GUI)")
    trace.wrap_method(MonthBar, "show_progress", "MonthBar.show_progress (GUI)")
    for name in ("_show", "_idle", "_start", "_changes"):  # what runs when (ui/views/payout_controller.py)
        trace.wrap_method(PayoutController, name, f"PayoutController.{name} (GUI)")
    # the window's reader thread: the child's result unpickled, the carers' rows prepared
    trace.wrap_method(Connection, "recv", "Ergebnis empfangen und entpickeln (Leser)")
    trace.wrap_method(CarerTextModel, "prepare", "CarerTextModel.prepare (Leser)")


def burn() -> None:  # a CPU-bound job of another process
    while True:
        pass


def show_worst(meter: GapMeter, trace: WorkerTrace, n: int = 6) -> None:
    for gap, phase, start, end, cpu in sorted(meter.gaps, reverse=True)[:n]:
        print(f"    {gap:6.1f} ms  CPU {cpu:4.0%} (GUI {meter.gui_cpu.get(end, 0):4.0%})  ({phase}) ← "
              f"{trace.blame(start, end)}")
        if end in meter.stacks and os.environ.get("BENCH_STACKS"):
            print(f"              Worker danach bei: {meter.stacks[end]}")
    bound = meter.cpu_bound()
    print(f"  größte Lücke mit CPU ≥ 80 % (Ursache im Programm, nicht im ausgelasteten Rechner): "
          f"{max(bound, default=0):.1f} ms")



def report(label: str, gaps: list[float]) -> bool:
    if not gaps:
        print(f"{label}: keine Messwerte")
        return True
    over = [g for g in gaps if g > TARGET_MS]
    p99 = statistics.quantiles(gaps, n=100)[98] if len(gaps) >= 100 else max(gaps)
    print(f"{label}: {len(gaps)} Ticks, max {max(gaps):.1f} ms, p99 {p99:.1f} ms, median "
          f"{statistics.median(gaps):.1f} ms, > {TARGET_MS:.0f} ms: {len(over)}")
    return not over


def history(store, months: int) -> None:
    """Compute and finalize the `months` months before YEAR-MONTH (as the Leitung)."""
    for back in range(months, 0, -1):
        ym = YEAR * 12 + MONTH - 1 - back
        summary = compute_draft(store, "leitung", ym // 12, ym % 12 + 1)
        finalize(store, "leitung", summary.run_id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--carers", type=int, default=2000)
    parser.add_argument("--children", type=int, default=8000)
    parser.add_argument("--finalize", action="store_true", help="also finalize the run (as the Leitung)")
    parser.add_argument("--history", type=int, default=0, help="finalized months before (checked for corrections)")
    parser.add_argument("--repeat", type=int, default=1, help="compute the draft this many times")
    parser.add_argument("--load", type=int, default=0, help="CPU-burning processes meanwhile (busy machine)")
    parser.add_argument("--burn", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.burn:
        burn()

    app = QApplication.instance() or QApplication(["bench"])
    setup_application(app)
    burners = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.sqlite3")
        upgrade(store.engine)
        started = time.perf_counter()
        create_demo(store, args.carers, args.children, seed=1, admin="admin", today=date(YEAR, MONTH, 15))
        print(f"Demodaten {args.carers} TPP / {args.children} Kinder: {time.perf_counter() - started:.1f} s")
        if args.history:
            started = time.perf_counter()
            history(store, args.history)
            print(f"{args.history} Monate davor berechnet und abgeschlossen: {time.perf_counter() - started:.1f} s")
        trace = WorkerTrace()
        install_trace(trace, store.engine)
        user = "leitung" if args.finalize or args.history else "admin"
        with store.session(user) as s:
            actor = load_actor(s, user)
        ctx = AppContext(store, user, actor, clock=lambda: date(YEAR, MONTH, 28))
        page = PayoutPage(ctx)
        page.resize(1280, 800)
        page.show()
        page.set_month(YEAR, MONTH)
        run_until(app, lambda: page.task is None)
        for _ in range(args.load):
            burners.append(subprocess.Popen([sys.executable, __file__, "--burn"]))
        if burners:
            print(f"Last: {len(burners)} rechnende Prozesse nebenher ({os.cpu_count()} Kerne)")

        meter = GapMeter()
        meter.start("Leerlauf")  # the machine's own noise: the same timer with nothing to do
        run_until(app, lambda: False if meter.clock.elapsed() < 3000 else True)
        report("Leerlauf (Vergleich, 3 s)", meter.stop())
        shown = {}
        original_show = page._show

        def timed_show(view, *prepared):
            meter.phase = "Anzeige"
            t = time.perf_counter()
            original_show(view, *prepared)
            shown["ms"] = (time.perf_counter() - t) * 1000

        page._show = timed_show
        ok, all_gaps, worst_all = True, [], []
        trace.on = True
        for i in range(args.repeat):
            meter.start("Berechnung")
            t_start = time.perf_counter()
            handle = page.compute()
            handle.progress.connect(lambda done, total: setattr(meter, "phase", f"Berechnung, Schritt {done}/{total}"))
            seconds = run_until(app, lambda: page.task is None and not handle.is_running)
            run_until(app, lambda: page.check is None or not page.check.is_running)  # "changed since" check
            meter.phase = "Anzeige, Nachlauf"  # layout, painting, the warnings list in batches
            shown_at = time.perf_counter()
            run_until(app, lambda: time.perf_counter() - shown_at > 0.5)
            gaps = meter.stop()
            all_gaps += gaps
            worst_all += meter.cpu_bound()
            ok &= report(f"Berechnen im Hintergrund #{i + 1} ({seconds:.1f} s)", gaps)
            by_phase = {}
            for gap, phase, *_rest in meter.gaps:
                key = "Anzeige" if phase.startswith("Anzeige") else "Berechnung"
                by_phase[key] = max(by_phase.get(key, 0.0), gap)
            print("  größte Lücke je Abschnitt: " + ", ".join(f"{k} {v:.1f} ms" for k, v in by_phase.items()))
            print("  größte Lücken, mit dem, was währenddessen lief (tiefste Phase zuletzt):")
            show_worst(meter, trace)
            print(f"  Anzeige des Ergebnisses im GUI-Thread: {shown.get('ms', 0):.0f} ms; "
                  f"{page.carer_model.rowCount()} TPP, Summe {page.view.report.total}")
            if i == 0:
                print("  Zeit je Phase (Worker und GUI, geschachtelt): " + ", ".join(
                    f"{name} {total:.0f} ms" + (f" ×{n}" if n > 1 else "")
                    for name, total, n in trace.totals(t_start, time.perf_counter())))
        if args.repeat > 1:
            report(f"Alle {args.repeat} Berechnungen", all_gaps)
            print(f"  größte Lücke mit CPU ≥ 80 % über alle: {max(worst_all, default=0):.1f} ms")
        trace.on = False

        times = []
        for row in (page.carer_proxy.rowCount() // 2, 10, page.carer_proxy.rowCount() - 1):
            t = time.perf_counter()
            page.select_carer(page.carer_proxy.row_object(row).nr)
            app.processEvents()
            times.append((time.perf_counter() - t) * 1000)
        print("TPP auswählen (Positionen + Warum?): " + ", ".join(f"{ms:.0f} ms" for ms in times))
        t = time.perf_counter()
        page.carer_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        app.processEvents()
        print(f"Nach Betrag sortieren: {(time.perf_counter() - t) * 1000:.1f} ms")
        t = time.perf_counter()
        page.search.setText("mül")
        app.processEvents()
        print(f"Suchen: {(time.perf_counter() - t) * 1000:.1f} ms ({page.carer_proxy.rowCount()} Treffer)")
        page.search.clear()

        if args.finalize:
            QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.Yes
            trace.on = True
            meter.start("Abschließen")
            handle = page.finalize_run()
            seconds = run_until(app, lambda: page.task is None)
            ok &= report(f"Abschließen im Hintergrund ({seconds:.1f} s)", meter.stop())
            show_worst(meter, trace, 4)
            trace.on = False
            print(f"  Status: {page.view.report.info.status}")
        for burner in burners:
            burner.kill()
            burner.wait()
        page.close()
        store.dispose()
    print("OK" if ok else f"ZIEL VERFEHLT: Lücken über {TARGET_MS:.0f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
