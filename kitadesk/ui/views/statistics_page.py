"""Screen "Auswertungen": official statistics Teil III.3 (R-S1), the office's own figures with
tables and bar charts (R-S2), a QiK overview (R-Q3). Loaded off the GUI thread (ui/tasks.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.ui.context import AppContext
from kitadesk.ui.views.statistics_office import OfficeTab
from kitadesk.ui.views.statistics_official import OfficialTab, QikSummary
from kitadesk.ui.views.statistics_tab import StatsTab, default_stichtag

_Tab = StatsTab  # the name the tabs of other modules (projection_tab) knew
__all__ = ["OfficeTab", "OfficialTab", "QikSummary", "StatisticsPage", "StatsTab", "default_stichtag"]


class StatisticsPage(QWidget):
    """Auswertungen: tabs "Amtliche Statistik" (R-S1), "Eigene Zahlen" (R-S2), "QiK" (R-Q3),
    "Hochrechnung" (issue 20, ui/views/projection_tab.py)."""

    navigate = Signal(str)  # page key, e.g. "qik" (the main window may connect it)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        title = QLabel("Auswertungen")
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.official, self.office, self.qik = OfficialTab(ctx), OfficeTab(ctx), QikSummary(ctx)
        self.qik.open_qik.connect(self.open_qik)
        self.tabs.addTab(self.official, "Amtliche Statistik")
        self.tabs.addTab(self.office, "Eigene Zahlen")
        self.tabs.addTab(self.qik, "QiK")
        from kitadesk.ui.views.projection_tab import ProjectionTab  # imports StatsTab (statistics_tab.py)

        self.projection = ProjectionTab(ctx)
        self.tabs.addTab(self.projection, "Hochrechnung")
        from kitadesk.ui.views.duplicates_tab import DuplicatesTab  # issue 19

        self.tabs.addTab(DuplicatesTab(ctx), "Mögliche Duplikate")
        self.tabs.currentChanged.connect(lambda _i: self.activate())
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        ctx.bus.changed.connect(self._on_changed)

    def activate(self) -> None:
        """Load the visible tab's figures when needed (called by the main window on showing)."""
        self.tabs.currentWidget().ensure_loaded()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.activate()

    def _on_changed(self, _entities) -> None:
        for tab in (self.official, self.office, self.qik, self.projection):
            tab.stale = True
        if self.isVisible():
            self.activate()

    def open_qik(self) -> None:
        """Go to the QiK screen: by `navigate("qik")` when the window listens, else in a dialog."""
        if self.receivers("2navigate(QString)") > 0:
            self.navigate.emit("qik")
            return
        from kitadesk.ui.views.qik_page import QikPage

        dialog = QDialog(self)
        dialog.setWindowTitle("QiK – Quereinstieg in die Kinderbetreuung")
        layout = QVBoxLayout(dialog)
        layout.addWidget(QikPage(self.ctx, dialog))
        dialog.resize(1150, 720)
        dialog.exec()
        self.qik.stale = True
        self.qik.ensure_loaded()
