"""Main window: navigation on the left, one page per area, status bar with database and
user; shortcuts Strg+1…8 (pages), Strg+F (search), Strg+N (new); window state in QSettings."""

from typing import Any, cast

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter, QStackedWidget

from kitadesk import __version__
from kitadesk.ui import collector
from kitadesk.ui.context import AppContext
from kitadesk.ui.first_frame import after_first_frame
from kitadesk.ui.views.lazy import LazyPage, Pages, lazy
from kitadesk.ui.views.start_view import StartView

# (key, title, page class) — order = Strg+1 … Strg+8; every page but the start screen is built
# on first show (issue 17), the lists handed out as built pages (`window.pages[key]`, lazy.Pages)
PAGES = (
    ("start", "Start", StartView),
    ("tagespflegepersonen", "Tagespflegepersonen",
     lazy(lambda ctx: _page("carers_view", "CarersView", ctx), transparent=True)),
    ("kinder", "Kinder", lazy(lambda ctx: _page("children_view", "ChildrenView", ctx), transparent=True)),
    ("betreuungen", "Betreuungen", lazy(lambda ctx: _page("placements_view", "PlacementsView", ctx), transparent=True)),
    ("auszahlung", "Auszahlung", lazy(lambda ctx: _page("payout_page", "PayoutPage", ctx))),
    ("bescheide", "Bescheide", lazy(lambda ctx: _page("letters_page", "LettersPage", ctx))),
    ("auswertungen", "Auswertungen", lazy(lambda ctx: _page("statistics_page", "StatisticsPage", ctx))),
    ("qik", "QiK", lazy(lambda ctx: _page("qik_page", "QikPage", ctx))),
    ("einstellungen", "Einstellungen", lazy(lambda ctx: _page("settings_page", "SettingsPage", ctx))),
)


def _page(module: str, name: str, ctx: AppContext):
    """Import a heavy page only when it is first shown (keeps the cold start short)."""
    import importlib

    return getattr(importlib.import_module(f"kitadesk.ui.views.{module}"), name)(ctx)


STYLE = """
#pageTitle { font-size: 16pt; font-weight: 600; color: #1f4e79; padding: 2px 0 6px 0; }
#navigation { font-size: 11pt; border: none; background: #f0f3f7; }
#navigation::item { padding: 7px 10px; }
#navigation::item:selected { background: #1f4e79; color: white; }
"""


def actor_text(ctx: AppContext) -> str:
    actor = ctx.actor
    if actor.setup_mode:
        return f"Benutzer: {ctx.user} – Einrichtungsmodus (noch keine Benutzer angelegt, alle Rechte)"
    name = ctx.display_name or actor.login
    srt = f", SRT {actor.srt}" if actor.srt else ""
    return f"Benutzer: {name} ({actor.rolle}{srt})"


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, settings: QSettings | None = None):
        super().__init__()
        collector.install()  # garbage collected from the event loop only (ui/collector.py)
        self.ctx = ctx
        self.settings = settings or QSettings()
        self.setWindowTitle(f"KitaDesk {__version__} – Kindertagespflege Stadt Moers")
        self.setStyleSheet(STYLE)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()
        self.pages = Pages()
        self._activate_on_show = False  # a page shown before the window: its data loads after its first frame
        self.keys: list[str] = []
        for number, (key, title, cls) in enumerate(PAGES, start=1):
            page = cls(ctx)
            if isinstance(page, LazyPage):
                page.navigate_to = self.show_page
            self.pages.widgets[key] = page
            self.keys.append(key)
            self.stack.addWidget(page)
            item = QListWidgetItem(title)
            item.setToolTip(f"{title} (Strg+{number})")
            item.setSizeHint(QSize(200, 34))
            self.nav.addItem(item)
        self.nav.setMinimumWidth(200)
        self.nav.currentRowChanged.connect(self._row_changed)

        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([205, 1075])
        self.splitter = splitter
        self.setCentralWidget(splitter)

        self.build_menus()

        self.db_label = QLabel(f"Datenbank: {ctx.store.describe()}")
        self.user_label = QLabel(actor_text(ctx))
        self.statusBar().addWidget(self.db_label, 1)
        self.backup_label = QLabel(ctx.backup_note)
        self.backup_label.setContentsMargins(0, 0, 16, 0)
        if ctx.backup_note:
            self.statusBar().addPermanentWidget(self.backup_label)
        self.statusBar().addPermanentWidget(self.user_label)

        start = self.pages["start"]
        start.open_requested.connect(self.open_record)
        start.navigate.connect(self.show_page)
        start.new_requested.connect(self.new_record_on)
        assert isinstance(start, StartView)
        start.releases.open_run.connect(self.open_run)
        cast(StartView, start).import_requested.connect(self.open_import)
        self.restore_state()

    # -- menu bar (Datei, Bearbeiten, Ansicht, Hilfe) with the usual shortcuts
    def build_menus(self) -> None:
        bar = self.menuBar()
        datei = bar.addMenu("&Datei")
        self.import_action = datei.addAction("&Importieren …", self.open_import)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setEnabled(self.ctx.actor.has("import"))
        self.export_action = datei.addAction("Liste &exportieren (Excel) …", self.export_list)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        datei.addAction("Liste &zuordnen und importieren …", lambda: _page("import_assistant", "open_assistant", self.ctx))
        datei.addSeparator()
        datei.addAction("&Beenden", self.close).setShortcut(QKeySequence("Ctrl+Q"))
        bearbeiten = bar.addMenu("&Bearbeiten")
        bearbeiten.addAction("&Neu …", self.new_record).setShortcut(QKeySequence.StandardKey.New)
        bearbeiten.addAction("&Kopieren (Zeilen als Tabelle, Strg+C)", self.copy_rows)
        bearbeiten.addAction("&Suchen", self.focus_search).setShortcut(QKeySequence.StandardKey.Find)
        bearbeiten.addAction("&Eingaben des Monats (Abwesenheiten, Monatsmeldungen, Sonderbeträge) …",
                             self.open_month_inputs)
        ansicht = bar.addMenu("&Ansicht")
        for number, (key, title, _cls) in enumerate(PAGES, start=1):
            action = ansicht.addAction(title, lambda k=key: self.show_page(k))
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        hilfe = bar.addMenu("&Hilfe")
        hilfe.addAction("&Tastenkürzel", self.show_shortcuts).setShortcut(QKeySequence("F1"))
        hilfe.addAction("Über &KitaDesk", self.show_about)

    def open_run(self, year: int, month: int) -> None:
        """A run handed over "zur Freigabe" (start page) on the payout page."""
        self.show_page("auszahlung")
        self.payout_page().set_month(year, month)

    def open_month_inputs(self):
        """Bearbeiten → Eingaben des Monats: the payout page's month (ui/views/pay_records)."""
        self.show_page("auszahlung")
        return self.payout_page().open_inputs()

    def payout_page(self) -> Any:
        page = self.pages["auszahlung"]
        assert isinstance(page, LazyPage)
        return page.ensure()

    def list_page(self) -> Any:
        """The current page if it is a list (ListPage), else None."""
        from kitadesk.ui.views.list_page import ListPage

        page = self.current_page()
        return page if isinstance(page, ListPage) else None

    def export_list(self) -> None:
        page = self.list_page()
        if page is None:
            self.statusBar().showMessage("Exportieren: bitte zuerst eine Liste öffnen (Strg+2 … Strg+4).", 6000)
            return
        page.tools.ask_export()

    def copy_rows(self) -> None:
        page = self.list_page()
        if page is not None:
            page.tools.copy()

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        pages = "\n".join(f"Strg+{n}\t{title}" for n, (_k, title, _c) in enumerate(PAGES, start=1))
        QMessageBox.information(self, "Tastenkürzel", (
            "Strg+F\tSuchen\nStrg+N\tNeu\nEnter\tÖffnen / Speichern\nStrg+S\tSpeichern\n"
            "Esc\tAbbrechen (fragt bei Änderungen)\nStrg+C\tmarkierte Zeilen kopieren (für Excel)\n"
            "Strg+E\tListe exportieren (Excel)\nStrg+Q\tBeenden\n\n" + pages))

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "Über KitaDesk", f"KitaDesk {__version__}\nKindertagespflege der Stadt Moers, "
                          f"Fachdienst Jugend\n\nDatenbank: {self.ctx.store.describe()}")

    # -- navigation
    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.keys.index(key))

    def current_key(self) -> str:
        return self.keys[self.stack.currentIndex()]

    def current_page(self):
        return self.pages[self.current_key()]

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        if not self.isVisible():  # start-up: the page's data loads once the window shows (issue 17)
            if isinstance(page, LazyPage) and page.transparent:
                page.ensure()
            self._activate_on_show = True
            return
        self._activate_on_show = False
        activate = getattr(page, "activate", None)
        if activate:
            activate()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._activate_on_show:
            after_first_frame(self, self._activate_pending)

    def _activate_pending(self) -> None:
        if self._activate_on_show and self.isVisible():
            self._row_changed(self.stack.currentIndex())

    def focus_search(self) -> None:
        if self.list_page() is None:  # search lives on the lists; go to carers
            self.show_page("tagespflegepersonen")
        self.current_page().focus_search()

    def new_record(self) -> None:
        page = self.list_page()
        if page is not None:
            page.new_record()

    def new_record_on(self, key: str) -> None:
        self.show_page(key)
        self.pages[key].new_record()

    def open_import(self):
        """Datei → Importieren … (issue 14.1): the import dialog over the window."""
        from kitadesk.ui.views.import_dialog import open_import

        self.import_dialog = open_import(self.ctx, self)
        return self.import_dialog

    def open_record(self, entity: str, record_id: int, tab: str = "") -> None:
        """Open a record's form (e.g. from a reminder) on its list page; a carer's at `tab`."""
        key = {"carer": "tagespflegepersonen", "child": "kinder", "placement": "betreuungen"}[entity]
        page = self.pages[key]
        page.activate()
        page.open_record(record_id, **({"tab": tab} if entity == "carer" and tab else {}))

    # -- window state (QSettings)
    def restore_state(self) -> None:
        geometry = self.settings.value("fenster/geometrie")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.size_to_screen()
        state = self.settings.value("fenster/zustand")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("fenster/teiler")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        key = self.settings.value("fenster/seite", "start")
        self.show_page(key if key in self.keys else "start")

    def size_to_screen(self) -> None:
        """First start: as large as fits the screen's free area (at most 1280×820), centred."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None:
            self.resize(1280, 820)
            return
        width, height = min(1280, screen.width() - 20), min(820, screen.height() - 40)
        self.resize(width, height)
        self.move(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2)

    def save_state(self) -> None:
        self.settings.setValue("fenster/geometrie", self.saveGeometry())
        self.settings.setValue("fenster/zustand", self.saveState())
        self.settings.setValue("fenster/teiler", self.splitter.saveState())
        self.settings.setValue("fenster/seite", self.current_key())
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.save_state()
        super().closeEvent(event)
