"""Render the Auswertungen page (R-S1, R-S2) and the QiK page (R-Q1..R-Q3) offscreen on
demo-like data into docs/screenshots/, and the QiK report PDF to PNG into docs/qik/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_statistics.py

Data: kitadesk.demo (`kitadesk demo`: carers, children with the R-S1 fields, QiK) when available,
else tests/ui/demo_data.py enriched by tests/statistics/factory; plus finalized payout runs
January–October. A fixed date keeps the pictures stable. Look at every PNG after a change.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 11, 24)
SIZE = (1180, 800)


def build(store) -> str:
    """Fill the store; returns the login to sign in with."""
    from kitadesk.ops.payout import compute_draft, finalize
    from kitadesk.store import upgrade

    upgrade(store.engine)
    try:
        from kitadesk.demo import create_demo
    except ImportError:
        from tests.statistics.factory import enrich_demo, qik_sample
        from tests.ui.demo_data import fill

        fill(store, 200, 800, seed=1, today=TODAY)
        enrich_demo(store)
        qik_sample(store, "anna")
        user, boss = "anna", "anna"
    else:
        from tests.statistics.factory import qik_activities

        create_demo(store, 200, 800, seed=1, admin="anna", today=TODAY)
        qik_activities(store, "anna")  # the year's coordination work, as a desk would log it
        user, boss = "anna", "leitung"
    for month in range(1, 11):
        run = compute_draft(store, boss, 2026, month)
        finalize(store, boss, run.run_id)
    return user


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--qik-out", default=str(ROOT / "docs" / "qik"))
    args = parser.parse_args()
    out, qik_out = Path(args.out), Path(args.qik_out)
    out.mkdir(parents=True, exist_ok=True)
    qik_out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from kitadesk.store import Store
    from kitadesk.ui.app import setup_application, sign_in
    from kitadesk.ui.main_window import STYLE
    from kitadesk.ui.views.qik_page import QikPage
    from kitadesk.ui.views.statistics_page import StatisticsPage

    app = QApplication.instance() or QApplication(sys.argv)
    setup_application(app)
    tmp = Path(tempfile.mkdtemp(prefix="kitadesk-shots-stat-"))
    store = Store(f"sqlite:///{tmp / 'demo.sqlite3'}")
    login = build(store)
    ctx = sign_in(store, login, lambda _login, _note: None, clock=lambda: TODAY)

    def shot(widget, name: str) -> None:
        app.processEvents()
        widget.grab().save(str(out / name))
        print(out / name)

    page = StatisticsPage(ctx)
    page.setStyleSheet(STYLE)
    page.resize(*SIZE)
    page.official.reload()
    page.show()
    shot(page, "auswertungen.png")
    page.tabs.setCurrentIndex(1)
    page.office.reload()
    shot(page, "auswertungen_zahlen.png")
    page.office.inner.setCurrentIndex(1)
    shot(page, "auswertungen_diagramme.png")
    page.tabs.setCurrentIndex(2)
    page.qik.reload()
    shot(page, "auswertungen_qik.png")
    page.office.write_pdf(tmp / "zahlen.pdf")
    page.hide()

    qik = QikPage(ctx)
    qik.setStyleSheet(STYLE)
    qik.resize(*SIZE)
    qik.show()
    qik.people_view.setCurrentIndex(qik.people_view.model().index(2, 0))
    shot(qik, "qik.png")
    qik.tabs.setCurrentIndex(2)
    shot(qik, "qik_koordination.png")
    qik.year.setValue(2026)
    pdf = qik.write_report(tmp / "qik-bericht.pdf", "pdf")
    for old in qik_out.glob("qik-bericht-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(qik_out / "qik-bericht")], check=True)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(tmp / "zahlen.pdf"), str(out / "auswertungen-pdf")], check=True)
    print(*sorted(qik_out.glob("qik-bericht-*.png")), sep="\n")
    store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
