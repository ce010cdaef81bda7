"""Screen "Einstellungen": the Auslegungen (generated from domain.settings.REGISTRY,
berechnung.md §11), rate tables (R-G2) and fee tables (R-E1), letter text blocks (R-V2), SRT
contact blocks and the payer data of the SEPA file. Users without the right see everything
read-only (fields disabled, with a hint naming the right)."""

from PySide6.QtWidgets import (
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.ops.settings import CHANGES as SETTINGS_CHANGED
from kitadesk.ui.context import AppContext
from kitadesk.ui.views.settings_office import PaymentTab, SrtTab
from kitadesk.ui.views.settings_registry import AuslegungenTab, SystemTab
from kitadesk.ui.views.settings_texts import TextBlocksTab
from kitadesk.ui.widgets.fee_table_editor import FeesTab
from kitadesk.ui.widgets.rate_table_editor import RatesTab


class SettingsPage(QWidget):
    TABS = ("Auslegungen", "Satztabellen", "Beitragstabellen", "Textbausteine", "SRT-Kontakte", "Zahlungsdaten",
            "System")

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        title = QLabel("Einstellungen")
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.auslegungen = self.rates = self.fees = self.texts = self.srt = self.payment = self.system = None

    def activate(self) -> None:
        """Build and load the tabs when the page is first shown (small reads in the GUI thread)."""
        if self.loaded:
            return
        notify = lambda: self.ctx.bus.notify(SETTINGS_CHANGED)  # noqa: E731
        self.auslegungen = AuslegungenTab(self.ctx, notify)
        self.rates = RatesTab(self.ctx, notify)
        self.fees = FeesTab(self.ctx, notify)
        self.texts = TextBlocksTab(self.ctx, notify)
        self.srt = SrtTab(self.ctx, notify)
        self.payment = PaymentTab(self.ctx, notify)
        self.system = SystemTab(self.ctx, notify)
        for label, tab in zip(self.TABS, (self.auslegungen, self.rates, self.fees, self.texts, self.srt,
                                          self.payment, self.system)):
            self.tabs.addTab(tab, label)
            if hasattr(tab, "reload") and tab not in (self.rates, self.fees):
                tab.reload()
        from kitadesk.ui.views.privacy_tab import PrivacyTab  # issue 17 item 5

        self.tabs.addTab(PrivacyTab(self.ctx), "Datenschutz")
        self.loaded = True

    def show_tab(self, label: str) -> None:
        self.activate()
        self.tabs.setCurrentIndex(self.TABS.index(label))
