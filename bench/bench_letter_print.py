"""Printing a month's letters from the window (issue 14.3): the print file of a batch painted as
vector pages (ui/pdf_paint.py) onto a PDF printer — time, output size, peak memory.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python bench/bench_letter_print.py --db DEMO.sqlite3 [--month 2026-12]

DEMO: `kitadesk init`, `kitadesk demo`, `kitadesk --user leitung payout MM/JJJJ --finalize` for two
months. The month's letters are produced into a copy of the database (the demo stays as it is).
"""

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class _Control:
    cancelled = False

    def check(self):
        pass

    def progress(self, done, total):
        pass


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--month", default="2026-12")
    args = parser.parse_args()
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from kitadesk.ops.letters import produce_month
    from kitadesk.store import Store
    from kitadesk.ui.printing import print_pdf

    app = QApplication.instance() or QApplication([])  # noqa: F841 (fonts need the application)
    work = Path(tempfile.mkdtemp(prefix="kitadesk-print-"))
    shutil.copy(args.db, work / "db.sqlite3")
    year, month = map(int, args.month.split("-"))
    started = time.perf_counter()
    batch = produce_month(Store(f"sqlite:///{work / 'db.sqlite3'}"), "leitung", year, month, workers=None)
    made = time.perf_counter() - started
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(work / "druck.pdf"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    pages = print_pdf(_Control(), batch.combined, printer)
    printed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = (work / "druck.pdf").stat().st_size
    print(f"{len(batch.letters)} Briefe erstellt in {made:.1f} s; Druckdatei {len(batch.combined) / 1e6:.1f} MB")
    print(f"gedruckt: {pages} Seiten in {printed:.1f} s ({printed / pages * 1000:.0f} ms/Seite), "
          f"Druckauftrag {size / 1e6:.1f} MB ({size / pages / 1000:.0f} kB/Seite), "
          f"Spitzenspeicher {before / 1024:.0f} → {after / 1024:.0f} MB")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
