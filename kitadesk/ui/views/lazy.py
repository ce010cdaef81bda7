"""Pages built on first show, so start-up stays fast (issues 5 and 17: cold start ≤ 1.0 s at 10×)."""

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kitadesk.ui.context import AppContext


class LazyPage(QWidget):
    """A place in the window's stack whose page is built by `factory(ctx)` on first `ensure()`.
    `transparent`: the window hands out the page inside (`window.pages[key]`, `current_page()`),
    as if it had been built at once (the list pages); otherwise this wrapper (`.page`, `.ensure()`)."""

    def __init__(self, ctx: AppContext, factory: Callable[[AppContext], Any], parent: QWidget | None = None,
                 transparent: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self._factory = factory
        self.transparent = transparent
        self.page: Any = None
        self.navigate_to: Callable[[str], None] | None = None  # main window's show_page, for a `navigate` signal
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> Any:
        if self.page is None:
            self.page = self._factory(self.ctx)
            self._layout.addWidget(self.page)
            self.page.show()  # at once, not queued by the layout: visible with this place (keys, focus)
            if self.navigate_to is not None and hasattr(self.page, "navigate"):
                self.page.navigate.connect(self.navigate_to)
        return self.page

    def activate(self) -> None:
        page = self.ensure()
        activate = getattr(page, "activate", None)
        if activate:
            activate()


def lazy(factory: Callable[[AppContext], Any], transparent: bool = False) -> Callable[[AppContext], LazyPage]:
    """PAGES entry: `lazy(PayoutPage)` builds the page the first time it is shown."""
    return lambda ctx: LazyPage(ctx, factory, transparent=transparent)


class Pages(Mapping[str, Any]):
    """`window.pages`: key → page. A transparent LazyPage is built on this access and its page
    handed out; other pages (and the heavy pages' LazyPage wrappers) as they sit in the stack."""

    def __init__(self) -> None:
        self.widgets: dict[str, QWidget] = {}  # what the stack holds

    def __getitem__(self, key: str) -> Any:
        widget = self.widgets[key]
        if isinstance(widget, LazyPage) and widget.transparent:
            return widget.ensure()
        return widget

    def __iter__(self) -> Iterator[str]:
        return iter(self.widgets)

    def __len__(self) -> int:
        return len(self.widgets)
