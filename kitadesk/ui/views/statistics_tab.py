"""The base of the tabs of "Auswertungen": figures loaded off the GUI thread when first shown or
after changes, exports with the German refusal; the default reference date (R-S1)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QWidget,
)

from kitadesk.errors import KitaDeskError
from kitadesk.ui.context import AppContext
from kitadesk.ui.op import Op, error_text
from kitadesk.ui.tasks import TaskHandle


def default_stichtag(today: date) -> date:
    """The latest 1 March on or before today (R-S1)."""
    return date(today.year if today >= date(today.year, 3, 1) else today.year - 1, 3, 1)


class StatsTab(QWidget):
    """A tab that loads its figures off the GUI thread when first shown or after changes."""

    filled = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.stale = True
        self.loading: TaskHandle | None = None
        self.result: Any = None  # the figures shown (type per tab)
        self.status = QLabel()
        self.status.setWordWrap(True)

    def ensure_loaded(self) -> None:
        if self.stale and not (self.loading is not None and self.loading.is_running):
            self.reload_in_background()

    def params(self) -> tuple:
        """Inputs read from the widgets in the GUI thread."""
        return ()

    def query(self, *params):  # worker thread: own sessions (ops), no widgets
        raise NotImplementedError

    def show_result(self, result) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        """Load and show now (blocking; tests and screenshots)."""
        self._done(self.query(*self.params()))

    def reload_in_background(self) -> None:
        self.stale = False
        self.status.setText("Wird berechnet …")
        params = self.params()
        handle: TaskHandle | None = None

        def shown(result: Any) -> None:
            if handle is self.loading:  # not overtaken by a newer load
                self._done(result)

        handle = self.loading = Op(self, lambda control: self.query(*params)).success(shown) \
            .failure(lambda exc: self.status.setText(f"Fehler: {error_text(exc)}")).run()

    def _done(self, result) -> None:
        self.stale, self.result = False, result
        self.show_result(result)
        self.filled.emit()

    def _export(self, title: str, write) -> None:
        if self.result is None:
            return
        try:
            path = write()
        except KitaDeskError as exc:  # the export ops' German refusal (no raw exception text)
            QMessageBox.warning(self, title, f"Export nicht möglich:\n{exc}")
            return
        if path:
            self.status.setText(f"{self.status.text().split(' · Gespeichert')[0]} · Gespeichert: {path}")
