"""docs/screenshots/bescheide.png: the screen "Bescheide" on demo-like data (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.letters.make_screenshot [--out PATH]

200 carers / 800 children (tests/ui/demo_data.py), October and November 2026 computed and
finalized, October's letters produced — so November shows new and changed letters.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 11, 24)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "bescheide.png"))
    parser.add_argument("--db", help="SQLite file to keep the demo data in (filled only when new)")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from kitadesk.ops.letters import produce_month
    from kitadesk.ops.payout import compute_draft, finalize
    from kitadesk.store import Store, upgrade
    from kitadesk.ui.app import setup_application, sign_in
    from kitadesk.ui.views.letters_page import LettersPage
    from tests.ui.demo_data import fill

    path = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="kitadesk-shot-")) / "demo.sqlite3"
    fresh = not path.exists()
    store = Store(f"sqlite:///{path}")
    if fresh:
        upgrade(store.engine)
        fill(store, 200, 800, seed=7, today=TODAY)
        for month in (10, 11):
            finalize(store, "leitung", compute_draft(store, "leitung", 2026, month).run_id)
            if month == 10:
                produce_month(store, "leitung", 2026, 10, today=date(2026, 10, 27), workers=None)

    app = QApplication.instance() or QApplication(["kitadesk"])
    setup_application(app)
    ctx = sign_in(store, "sachbearbeitung", lambda login, note: None, clock=lambda: TODAY)
    page = LettersPage(ctx)
    page.resize(1280, 800)
    page.show()
    end = time.monotonic() + 60
    while time.monotonic() < end and not (page.due_model.rowCount() and page.preview.pixmap()
                                          and not page.preview.pixmap().isNull()):
        app.processEvents()
        time.sleep(0.02)
    rows = [i for i in range(page.due_model.rowCount()) if page.due_model.row_at(i).art == "aenderung"
            and page.due_model.row_at(i).carer_id]
    if rows:  # show a carer's Änderungsbescheid with its calculation
        page.due_view.selectRow(rows[0])
        page.due_view.scrollTo(page.due_model.index(rows[0], 0))
        end = time.monotonic() + 30
        while time.monotonic() < end and "Änderung" not in page.preview_caption.text() or \
                "Seite" not in page.preview_caption.text():
            app.processEvents()
            time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    page.grab().save(args.out)
    print(args.out, page.status.text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
