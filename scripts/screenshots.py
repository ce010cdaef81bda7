"""Render every page and every form/dialog offscreen on demo data (issue #14.9).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py OUTDIR

Writes OUTDIR/<name>.png (window 1600×900) and the same set at the office's screen size
into OUTDIR/1366x768/ (window 1366×768; forms and dialogs at most 1366×728 — the taskbar).
The screens come from the modules in scripts/shots/: each defines `shots(env)`, a generator
yielding (file name, widget) — the widget is grabbed when the generator resumes, so it can
close its dialog afterwards. Demo data (kitadesk.demo, seed 1) and a fixed date keep the
pictures stable. Look at every PNG after a change of the screens (labels must fit).
"""

import argparse
import importlib
import os
import pkgutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 11, 24)
SIZES = {"": (1600, 900), "1366x768": (1366, 768)}
TASKBAR = 40


@dataclass
class Env:
    """What a shot module gets: the app, a signed-in main window (SRT Ost case worker unless
    the module signs in another user via `window_for`), the store and the fixed date."""

    app: object
    store: object
    today: date
    size: tuple[int, int]
    tmp: Path
    windows: dict = field(default_factory=dict)

    def wait(self, predicate=lambda: False, timeout: float = 0.3) -> None:
        end = time.monotonic() + timeout
        while not predicate() and time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.02)
        self.app.processEvents()

    def context(self, login: str = "sb.ost"):
        from kitadesk.ui.app import sign_in

        return sign_in(self.store, login, lambda _l, _n: None, clock=lambda: self.today)

    def window_for(self, login: str = "sb.ost"):
        """The main window of `login`, sized to the current screen size (created once per size)."""
        if login not in self.windows:
            from PySide6.QtCore import QSettings

            from kitadesk.ui.main_window import MainWindow

            settings = QSettings(str(self.tmp / f"ui-{login}.ini"), QSettings.Format.IniFormat)
            window = MainWindow(self.context(login), settings)
            window.show()
            self.windows[login] = window
        window = self.windows[login]
        window.resize(*self.size)
        return window

    @property
    def window(self):
        return self.window_for("sb.ost")

    def fit(self, widget) -> None:
        """A form or dialog as the office sees it: its own size, never beyond the screen."""
        limit_w, limit_h = self.size[0], self.size[1] - TASKBAR
        hint = widget.sizeHint()
        widget.resize(min(max(widget.width(), hint.width()), limit_w), min(max(widget.height(), hint.height()), limit_h))


def shot_modules(only: set[str] | None):
    import shots

    for info in sorted(pkgutil.iter_modules(shots.__path__), key=lambda m: m.name):
        if only is None or info.name in only:
            yield importlib.import_module(f"shots.{info.name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--nur", nargs="*", help="nur diese Module aus scripts/shots/")
    args = parser.parse_args()
    out = Path(args.outdir)

    from PySide6.QtWidgets import QApplication

    from kitadesk.demo import create_demo
    from kitadesk.store import Store, upgrade
    from kitadesk.ui.app import setup_application

    tmp = Path(tempfile.mkdtemp(prefix="kitadesk-shots-"))
    store = Store(f"sqlite:///{tmp / 'demo.sqlite3'}")
    upgrade(store.engine)
    print("Demodaten:", create_demo(store, 200, 800, seed=1, admin="admin", today=TODAY))
    app = QApplication.instance() or QApplication(["kitadesk"])
    setup_application(app)
    written, failed = 0, []
    for sub, size in SIZES.items():
        target = out / sub if sub else out
        target.mkdir(parents=True, exist_ok=True)
        env = Env(app=app, store=store, today=TODAY, size=size, tmp=tmp)
        for module in shot_modules(set(args.nur) if args.nur else None):
            try:
                for name, widget in module.shots(env):
                    if widget.isWindow() and widget not in env.windows.values():
                        env.fit(widget)
                    env.wait()
                    widget.grab().save(str(target / name))
                    written += 1
                    print("geschrieben:", target / name)
            except Exception as exc:  # one broken screen must not hide the others
                failed.append(f"{module.__name__}: {exc!r}")
                print("FEHLER", failed[-1], file=sys.stderr)
        for window in env.windows.values():
            window.close()
    store.dispose()
    print(f"{written} Bilder, {len(failed)} Fehler")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
