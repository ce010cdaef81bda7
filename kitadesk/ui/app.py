"""Start-up of the window: `kitadesk [--db URL] [--user NAME]`, `kitadesk-app`, `python -m kitadesk.ui`.

Checks for a display (German message instead of Qt's abort), opens the database
(interfaces.md §1), offers to create or upgrade the schema (a copy of an SQLite file is kept
first, store.upgrade), signs the user in (password dialog when the office requires one), makes
the day's backup of an embedded database, sets the German locale and the app icon, then shows
the main window.
"""

import argparse
import ctypes
import logging
import os
import sys
import traceback
from collections.abc import Callable

from kitadesk import __version__, config
from kitadesk.argparse_de import GermanParser
from kitadesk.errors import KitaDeskError

log = logging.getLogger("kitadesk.ui")
ORGANIZATION, APPLICATION = "Stadt Moers", "KitaDesk"


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = GermanParser(prog="kitadesk-app", description="KitaDesk – Fenster")
    parser.add_argument("--version", action="store_true", help="Version ausgeben und beenden")
    parser.add_argument("--db", help="Datenbank-URL (sonst KITADESK_DB, kitadesk.ini, eingebettete SQLite)")
    parser.add_argument("--user", help="Benutzername (sonst KITADESK_USER oder Windows-Konto)")
    return parser.parse_known_args(argv)


# what Qt's xcb platform (Qt 6, X11) loads besides libxcb: soname → Debian/Ubuntu package
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-sync.so.1": "libxcb-sync1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libX11-xcb.so.1": "libx11-xcb1", "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1", "libdbus-1.so.3": "libdbus-1-3",
}


def display_problem(env=os.environ, platform: str = sys.platform) -> str | None:
    """Why the window cannot open here (German, with what to do), or None. Linux only: Windows
    and macOS always have a display; QT_QPA_PLATFORM (offscreen in tests) is taken as chosen."""
    if not platform.startswith("linux"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None
    if not chosen and env.get("WAYLAND_DISPLAY"):
        return None
    if not env.get("DISPLAY"):
        return ("Kein Bildschirm gefunden (weder DISPLAY noch WAYLAND_DISPLAY gesetzt): das KitaDesk-Fenster kann "
                "hier nicht geöffnet werden. Bitte in der grafischen Sitzung starten; die Befehle ohne Fenster "
                "zeigt „kitadesk --help“.")
    missing = []
    for soname, package in XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    if missing:
        return ("Für das Fenster (Qt, X11) fehlen Systembibliotheken. Debian/Ubuntu: sudo apt-get install "
                + " ".join(missing))
    return None


def setup_application(app) -> None:
    """Names for QSettings, German locale, icon and bundled fonts."""
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon

    from kitadesk.resources import resource

    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    install_german_translations(app)
    icon = resource("icons", "kitadesk.svg")
    if not icon.exists():
        icon = resource("icons", "kitadesk.png")
    app.setWindowIcon(QIcon(str(icon)))
    families = []
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        path = resource("fonts", name)
        if path.exists():
            font_id = QFontDatabase.addApplicationFont(str(path))
            families += QFontDatabase.applicationFontFamilies(font_id)
    if families and QGuiApplication.platformName() in ("offscreen", "minimal"):
        app.setFont(QFont(families[0], 9))  # no system fonts there (screenshots, CI)


def install_german_translations(app) -> list:
    """Qt's own texts in German (Ja/Nein, OK/Abbrechen, the file dialog …): qtbase_de.qm from
    Qt's translations folder (shipped with PySide6 and in the bundle). Returns the translators
    (kept on the app so they are not collected)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translators = []
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(QLocale(QLocale.Language.German, QLocale.Country.Germany), name, "_", folder):
            app.installTranslator(translator)
            translators.append(translator)
    app.setProperty("kitadesk_translators", len(translators))
    return translators


def preload_before_qt(db_option: str | None) -> None:
    """Import the Qt-free part of the start before PySide6 (ops.session.preload, issue 17)."""
    from kitadesk.ops.session import preload

    try:
        url = config.database_url(db_option)
    except Exception:  # told with the window (main → database_url)
        url = None
    preload(url)


def prepare_store(url: str, ask: Callable[[str, str], bool], tell: Callable[[str, str], None]):
    """Open the store; create/upgrade the schema after asking (ops.session.prepare_store)."""
    from kitadesk.ops.session import prepare_store as open_store

    return open_store(url, ask, tell)


def sign_in(store, login: str, ask_password: Callable[[str, str], str | None], clock=None):
    """→ AppContext for `login`; asks for the password when the office requires one."""
    from kitadesk.errors import PermissionDenied
    from kitadesk.ops.session import sign_in_facts
    from kitadesk.ops.users import sign_in as op_sign_in
    from kitadesk.ui.context import AppContext

    needs, name = sign_in_facts(store, login)
    password, note = None, ""
    for _attempt in range(3):
        if needs:
            password = ask_password(login, note)
            if password is None:
                return None
        try:
            actor = op_sign_in(store, login, password)
        except PermissionDenied as exc:
            if not needs:
                raise
            note = str(exc)
            continue
        ctx = AppContext(store, login, actor, name)
        if clock is not None:
            ctx.clock = clock
        return ctx
    raise PermissionDenied("Anmeldung dreimal fehlgeschlagen.")


def daily_backup(ctx) -> None:
    """The day's backup of an embedded database (ops.daily_backup); its text for the status bar."""
    from kitadesk.ops.daily_backup import run_daily_backup

    result = run_daily_backup(ctx.store, ctx.today())
    if result is not None:
        ctx.backup_note = result.text()


def _install_excepthook(log_path) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from kitadesk.ops.session import unavailable

    def hook(kind, value, tb):
        value = unavailable(value) or value
        if isinstance(value, KitaDeskError):
            QMessageBox.warning(QApplication.activeWindow(), "KitaDesk", str(value))
            return
        logging.getLogger("kitadesk").error("Interner Fehler:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        QMessageBox.critical(QApplication.activeWindow(), "KitaDesk – interner Fehler",
                             f"Ein interner Fehler ist aufgetreten.\nDetails im Protokoll:\n{log_path}")

    sys.excepthook = hook


def main(argv: list[str] | None = None) -> int:
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.version:
        print(f"KitaDesk {__version__}")
        return 0
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    preload_before_qt(args.db)  # first: PySide6's import hook taxes every later import
    from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

    from kitadesk.ui import collector
    from kitadesk.ui.main_window import MainWindow

    log_path = config.setup_logging()
    app = QApplication.instance() or QApplication(["kitadesk", *qt_args])
    setup_application(app)
    collector.install()  # garbage collected from the event loop only (issue 17)
    _install_excepthook(log_path)

    def ask(title: str, text: str) -> bool:
        answer = QMessageBox.question(None, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def tell(title: str, text: str) -> None:
        QMessageBox.information(None, title, text)

    def ask_password(login: str, note: str) -> str | None:
        text = f"Passwort für {login}:" + (f"\n\n{note}" if note else "")
        value, ok = QInputDialog.getText(None, "KitaDesk – Anmeldung", text, QLineEdit.EchoMode.Password)
        return value if ok else None

    store = prepare_store(config.database_url(args.db), ask, tell)
    if store is None:
        return 1
    try:
        ctx = sign_in(store, config.current_user(args.user), ask_password)
    except KitaDeskError as exc:
        tell("Anmeldung", str(exc))
        return 1
    if ctx is None:
        return 1
    daily_backup(ctx)
    window = MainWindow(ctx)
    window.show()
    from kitadesk.ui.spare_start import start_spare_after_start

    start_spare_after_start(window)  # the warm spare worker, after the start screen (issue 17.2)
    code = app.exec()
    from kitadesk.ui import process_spare

    process_spare.disable()
    store.dispose()
    return code
