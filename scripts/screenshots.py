"""Render the main screens offscreen on demo-like data into docs/screenshots/*.png.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out docs/screenshots]

Uses kitadesk.demo when available, else tests/ui/demo_data.py; a fixed date keeps the
pictures stable. Look at every PNG after a change of the screens (labels must fit).
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
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 11, 24)
SIZE = (1280, 800)


def wait(app, predicate, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from kitadesk.store import Store, upgrade
    from kitadesk.ui.app import setup_application, sign_in
    from kitadesk.ui.forms.carer_form import CarerForm
    from kitadesk.ui.forms.child_form import ChildForm
    from kitadesk.ui.forms.placement_form import PlacementForm
    from kitadesk.ui.main_window import MainWindow
    from tests.ui.demo_data import fill_demo

    tmp = Path(tempfile.mkdtemp(prefix="kitadesk-shots-"))
    store = Store(f"sqlite:///{tmp / 'demo.sqlite3'}")
    upgrade(store.engine)
    print("Demodaten:", fill_demo(store, 200, 800, seed=7, today=TODAY))

    app = QApplication.instance() or QApplication(["kitadesk"])
    setup_application(app)
    ctx = sign_in(store, "leitung", lambda login, note: None, clock=lambda: TODAY)  # a user of kitadesk.demo
    ctx.display_name = "Frau Beispiel"
    window = MainWindow(ctx, QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
    window.resize(*SIZE)
    window.show()

    def shot(widget, name: str) -> None:
        wait(app, lambda: False, 0.2)
        widget.grab().save(str(out / name))
        print("geschrieben:", out / name)

    window.show_page("start")
    shot(window, "start.png")
    window.show_page("tagespflegepersonen")
    carers = window.current_page()
    shot(window, "tagespflegepersonen.png")
    window.show_page("kinder")
    children = window.current_page()
    children.search.setText("mül")
    children.set_srt_filter("Ost")
    shot(window, "kinder.png")
    window.show_page("betreuungen")
    placements = window.current_page()
    shot(window, "betreuungen.png")

    carer = next(r for r in carers.model.rows() if r.kinder >= 3 and r.qualifikation == "Basis")
    form = CarerForm(ctx, carer.id, window)
    form.show()
    form.max_kinder.setValue(9)  # shows the R-C6 message next to the field
    form.geschlecht.setCurrentIndex(0)  # "–": the amber line names what the statistics miss (R-S1)
    shot(form, "carer_form.png")
    form.reject()

    running = next(r for r in placements.model.rows() if r.status == "laufend" and r.versionen == 1)
    cform = ChildForm(ctx, running.child_id, window)
    cform.show()
    cform.herkunft_ausland.set_value(None)  # statistics fields (R-S1) not recorded: the amber line names them
    cform.verwandtschaft.setCurrentIndex(0)
    shot(cform, "child_form.png")
    cform.reject()

    row = next(r for r in placements.model.rows() if r.versionen == 2 and r.ende is None)
    pform = PlacementForm(ctx, placement_id=row.id, parent=window)
    pform.show()
    pform.wochenstunden.setText("25")
    pform.zeitplan.clear()  # without a Zeitplan the statistics miss the days per week (R-S1)
    pform.grund.setText("Eltern arbeiten weniger")
    pform.refresh_checks()
    wait(app, lambda: pform.last_preview is not None and not pform._timer.isActive()
         and not pform.preview_handle.is_running)
    shot(pform, "placement_form.png")
    pform.reject()
    window.close()
    store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
