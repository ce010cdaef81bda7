"""docs/screenshots/bescheide.png, bescheid_vorschau.png, beitragsliste.png: the screen "Bescheide"
of the SRT Ost desk at 1366×768 on demo data (not a test).

    kitadesk --db sqlite:////tmp/demo.sqlite3 init && kitadesk --db … demo
    kitadesk --db … --user leitung payout 11/2026 --finalize   (and 12/2026)
    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python -m tests.letters.make_screenshot --db /tmp/demo.sqlite3

The database is copied first (the screenshots create no letters in it).
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 12, 3)
SIZE = (1366, 768)


def _wait(app, done, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not done():
        app.processEvents()
        time.sleep(0.02)
    for _ in range(10):
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite file with demo data and finalized runs")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--user", default="sb.ost")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from kitadesk.store import Store
    from kitadesk.ui.app import setup_application, sign_in
    from kitadesk.ui.views.letters_page import LettersPage
    from kitadesk.ui.widgets.pdf_view import PdfDialog

    copy = Path(tempfile.mkdtemp(prefix="kitadesk-shot-")) / "demo.sqlite3"
    shutil.copy(args.db, copy)
    store = Store(f"sqlite:///{copy}")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["kitadesk"])
    setup_application(app)
    ctx = sign_in(store, args.user, lambda login, note: None, clock=lambda: TODAY)
    page = LettersPage(ctx)
    page.resize(*SIZE)
    page.show()
    _wait(app, lambda: page.due_model.rowCount() and page.preview.page_count)
    rows = [i for i, d in enumerate(page.due_model.rows()) if d.art == "aenderung" and d.carer_id]
    if rows:  # a carer's Änderungsbescheid with its calculation
        page.due_view.selectRow(rows[0])
        _wait(app, lambda: "Änderung" in page.preview.caption.text() and page.preview.page_count)
    page.due_model.set_checked([0, 1], False)  # some ticks off, as a desk would
    page.grab().save(str(out / "bescheide.png"))
    print(out / "bescheide.png", page.status.text())

    dialog = PdfDialog(page, "Vorschau", page.preview.pages.pdf, page.preview.caption.text(),
                       (("Drucken …", lambda: None), ("Als PDF speichern …", lambda: None)))
    dialog.resize(*SIZE)
    dialog.show()
    dialog.view.set_zoom(1.0)
    dialog.view.area.verticalScrollBar().setValue(dialog.view.pages.page_rect(1).top() - 420)
    _wait(app, lambda: False, 1)
    dialog.grab().save(str(out / "bescheid_vorschau.png"))
    dialog.close()

    page.tabs.setCurrentWidget(page.fees)
    _wait(app, lambda: page.fees.model.rowCount())
    page.fees.view.selectRow(3)
    _wait(app, lambda: False, 1)
    page.grab().save(str(out / "beitragsliste.png"))
    print(out / "beitragsliste.png", page.fees.status.text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
