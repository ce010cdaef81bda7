"""A page built on first show, so start-up stays fast (issue 5: cold start < 2 s)."""

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kitadesk.ui.context import AppContext


class LazyPage(QWidget):
    def __init__(self, ctx: AppContext, factory, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._factory = factory
        self.page = None
        self.navigate_to = None  # main window's show_page, for pages with a `navigate` signal
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self):
        if self.page is None:
            self.page = self._factory(self.ctx)
            self._layout.addWidget(self.page)
            if self.navigate_to is not None and hasattr(self.page, "navigate"):
                self.page.navigate.connect(self.navigate_to)
        return self.page

    def activate(self) -> None:
        page = self.ensure()
        activate = getattr(page, "activate", None)
        if activate:
            activate()


def lazy(factory):
    """PAGES entry: `lazy(PayoutPage)` builds the page the first time it is shown."""
    return lambda ctx: LazyPage(ctx, factory)
