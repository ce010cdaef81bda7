"""Cold start of the window (issue 17: start to usable window at 10× ≤ 1.0 s median,
bench/bench_ui.py --nur-start): what the start may not pull in, guarded in a fresh process."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# made lazy or done without: imported when a page, a document or an export needs them
HEAVY = ("reportlab", "openpyxl", "holidays", "schwifty", "babel", "sepaxml", "matplotlib", "pyphen", "pypdfium2",
         "PIL", "lxml", "numpy", "alembic")
# built on first show: the list pages and the record operations behind their forms
LATER = ("kitadesk.ui.views.carers_view", "kitadesk.ui.views.children_view", "kitadesk.ui.views.placements_view",
         "kitadesk.ui.views.list_page", "kitadesk.ops.records", "kitadesk.ops.queries.forms",
         "kitadesk.ui.views.payout_page", "kitadesk.ui.views.letters_page", "kitadesk.ui.views.statistics_page")

START = """
import sys
from datetime import date
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
import kitadesk.ui.app
from kitadesk.ui.app import prepare_store, setup_application, sign_in
from kitadesk.ui.main_window import MainWindow
app = QApplication(["kitadesk"])
setup_application(app)
store = prepare_store(sys.argv[1], lambda *_: True, lambda *_: None)
ctx = sign_in(store, "anna", lambda *_: None, clock=lambda: date(2026, 11, 24))
window = MainWindow(ctx, QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
app.processEvents()
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in sys.argv[3].split()
                      or m.startswith(tuple(sys.argv[4].split())))))
"""


def _started_modules(url: str, ini: Path) -> set[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", START, url, str(ini), " ".join(HEAVY), " ".join(LATER)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return set(out.stdout.split())


def test_issue17_window_start_imports_no_document_export_or_list_modules(sqlite_store, tmp_path):
    """Opening the window (sign-in, start screen shown) imports none of the heavy libraries of
    documents and exports (ReportLab, openpyxl, …) nor the pages built on first show."""
    loaded = _started_modules(sqlite_store.url, tmp_path / "ui.ini")
    assert loaded == set(), f"the cold start imports {sorted(loaded)} — import them where a screen needs them"


def test_issue17_month_names_are_babels():
    """formats spells month names without babel (its import cost the cold start); same text."""
    from babel.dates import format_date

    from kitadesk.formats import long_day, month_label

    for month in range(1, 13):
        for d in (1, 9, 30 if month != 2 else 28):
            value = date(2026, month, d)
            assert long_day(value) == format_date(value, format="d. MMMM y", locale="de_DE")
        assert month_label(2026, month) == format_date(date(2026, month, 1), format="MMMM y", locale="de_DE")


def test_issue17_qt_free_part_of_the_start_is_imported_before_pyside6(tmp_path):
    """ui.app.main imports SQLAlchemy, the models, the sign-in ops and the database driver before
    PySide6, whose import hook reads the source of every module imported after it."""
    code = ("import sys; from kitadesk.ui.app import preload_before_qt; preload_before_qt(sys.argv[1]); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'shiboken6'}), "
            "all(m in sys.modules for m in ('kitadesk.models', 'kitadesk.ops.users', 'kitadesk.ops.queries.sign_in', "
            "'sqlalchemy.orm', 'sqlalchemy.dialects.sqlite.pysqlite')))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "k.sqlite3")], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.stdout.split() == ["[]", "True"], out.stdout + out.stderr[-2000:]


SIGN_IN = """
import sys
from datetime import date
from kitadesk.models import User
from kitadesk.ops.base import load_actor
from kitadesk.ui.app import prepare_store, sign_in
store = prepare_store(sys.argv[1], lambda *_: True, lambda *_: None)
ctx = sign_in(store, "anna", lambda *_: None, clock=lambda: date(2026, 11, 24))
with store.session("anna") as s:
    actor = load_actor(s, "anna")
print(ctx.actor.rolle, ctx.actor.srt, actor.login, User.__mapper__.configured)
"""


def test_issue17_signing_in_configures_no_orm_mappers(sqlite_store):
    """Configuring the ~40 ORM mappers cost ~60 ms of the start; the sign-in and every op's actor
    read the user with Core columns (ops/identity.UserFacts) — the window's first data load does it."""
    from tests.support.factory import make_user

    with sqlite_store.session("test") as s:
        make_user(s, "anna", "sachbearbeitung", "SRT Ost")
        s.commit()
    out = subprocess.run([sys.executable, "-c", SIGN_IN, sqlite_store.url], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["sachbearbeitung", "SRT", "Ost", "anna", "False"]
