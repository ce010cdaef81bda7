"""The window during an import at 10× the city (issue 14.1): the import dialog checks (preview:
the whole import, rolled back) and imports the 10× workbook in the background while a 10 ms
QTimer in the GUI thread records the gaps between its ticks (bench_ui_payout.GapMeter: each gap
with the process's CPU share). Target: no gap > 100 ms in either phase.

The workbook comes from `kitadesk demo` + `export_workbook` (bench/bench_import.py); it is
imported into a fresh SQLite file.

Measured 03.12.2026 on the shared 2-core build box (load average ~10): with the import as a thread of
the window, gaps up to 2.7–4.2 s (118–274 gaps > 100 ms per phase, each with the process at ~10 % CPU:
the OS paused the worker while it held the GIL); with the worker process (ui/views/import_work.py via ui/tasks.run_in_process)
check + preview 62 s, largest gap 489 ms (2 > 100 ms, machine load), import 91 s, largest gap 59 ms.
After the one process runner (issue 17.2; check through ui/tasks.run_in_process, problem rows made in
the worker), load ~5: check + preview 45.8 s, largest gap 228 ms at 1 % process CPU (machine load),
largest gap with the program computing 14 ms. The demo's 10× workbook now holds 12 possible
duplicates (issue 19), which the window cannot confirm: the import phase stops after the check.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui_import.py [--carers 2000]
     [--children 8000] [--workbook import-10x.xlsx] [--keep DIR]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_import import fresh_store  # noqa: E402
from bench_ui_payout import GapMeter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from qtwait import run_until  # noqa: E402

TARGET_MS = 100.0


def make_workbook(folder: Path, carers: int, children: int) -> Path:
    from kitadesk.demo import create_demo
    from kitadesk.importer.export import export_workbook

    workbook = folder / "import-10x.xlsx"
    source = fresh_store(folder / "source.sqlite3")
    create_demo(source, carers, children, seed=1, admin="bench")
    export_workbook(source, workbook)
    source.dispose()
    return workbook


def report(phase: str, seconds: float, meter: GapMeter) -> float:
    """Prints the phase's gaps; returns the largest gap in which the process computed (CPU share
    ≥ 80 %: a thread held the GIL) — gaps with a low share are the machine's load, not the program."""
    gaps = [g[0] for g in meter.gaps]
    bound = meter.cpu_bound() or [0.0]
    worst = sorted(meter.gaps, reverse=True)[:5]
    over = sum(1 for g in gaps if g > TARGET_MS)
    print(f"{phase}: {seconds:.1f} s; Takte {len(gaps)}, Median {statistics.median(gaps):.1f} ms, "
          f"größte Lücke {max(gaps):.0f} ms, Lücken > {TARGET_MS:.0f} ms: {over}; "
          f"davon bei rechnendem Prozess (CPU ≥ 80 %): {sum(1 for g in bound if g > TARGET_MS)}, "
          f"größte {max(bound):.0f} ms; Prozess-CPU gesamt {meter.cpu_share:.0%}")
    for ms, _label, _start, end, cpu in worst:
        gui = meter.gui_cpu.get(end, 0.0)
        print(f"    {ms:6.0f} ms  Prozess-CPU {cpu:4.0%}, GUI-Thread {gui:4.0%}  {meter.stacks.get(end, '')[:160]}")
    return max(bound)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--carers", type=int, default=2000)
    parser.add_argument("--children", type=int, default=8000)
    parser.add_argument("--workbook", help="eine vorhandene Import-Arbeitsmappe (sonst aus der Demo erzeugt)")
    parser.add_argument("--keep", help="Ordner für Arbeitsmappe und Datenbanken (sonst temporär)")
    args = parser.parse_args()
    from kitadesk.ui.app import setup_application, sign_in
    from kitadesk.ui.views.import_dialog import ImportDialog

    tmp = tempfile.TemporaryDirectory()
    folder = Path(args.keep or tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    workbook = Path(args.workbook) if args.workbook else make_workbook(folder, args.carers, args.children)
    print(f"Arbeitsmappe {workbook.name}: {workbook.stat().st_size / 1e6:.1f} MB "
          f"({time.perf_counter() - started:.0f} s vorbereitet)")
    store = fresh_store(folder / "target.sqlite3")
    app = QApplication.instance() or QApplication([])
    setup_application(app)
    ctx = sign_in(store, "bench", lambda login, note: None, clock=lambda: date(2026, 11, 24))
    dialog = ImportDialog(ctx, path=workbook)
    dialog.resize(1040, 640)
    dialog.show()
    meter = GapMeter()
    worst: list[float] = []
    worst_all: list[float] = []
    for phase, start, expect in (("Prüfen + Vorschau", dialog.start_check, 2), ("Importieren", dialog.start_import, 3)):
        meter.start(phase)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        start()
        seconds = run_until(app, lambda: dialog.handle is not None and not dialog.handle.is_running, timeout=1800)
        end = time.perf_counter() + 0.5  # showing the result
        run_until(app, lambda e=end: time.perf_counter() >= e)
        meter.stop()
        meter.cpu_share = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
        worst.append(report(phase, seconds, meter))
        if dialog.stack.currentIndex() != expect:  # e.g. possible duplicates in the demo (issue 19)
            print(f"{phase}: unerwarteter Schritt {dialog.stack.currentIndex()} – {len(dialog.problems)} Probleme, "
                  f"{dialog.status.text()}")
            print("\n".join(r.detail for r in dialog.problems[:3]))
            sys.exit(1)
        worst_all.append(max(g[0] for g in meter.gaps))
    print(dialog.result_label.text(), "|", " | ".join(dialog.result_lines.text().splitlines()[:3]))
    verdict = "erfüllt" if max(worst) <= TARGET_MS else "VERFEHLT"
    print(f"Ziel: keine Lücke > {TARGET_MS:.0f} ms, die das Programm verursacht – {verdict} (größte {max(worst):.0f} ms; "
          f"alle Lücken einschließlich Maschinenlast: größte {max(worst_all):.0f} ms, Last {os.getloadavg()[0]:.1f})")
    store.dispose()


if __name__ == "__main__":
    main()
