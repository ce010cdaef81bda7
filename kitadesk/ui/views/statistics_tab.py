"""The base of the tabs of "Auswertungen": figures computed in a worker process (issue 17.2: 0.6–7.5 s
CPU at 10×, bench/bench_statistics.py) when first shown or after changes, exports in a worker process
too, with the German refusal; the default reference date (R-S1)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMessageBox,
    QWidget,
)

from kitadesk.ui.context import AppContext
from kitadesk.ui.op import error_text
from kitadesk.ui.process_child import store_op
from kitadesk.ui.tasks import TaskHandle, run_in_process
from kitadesk.ui.widgets.chart import ask_save

FILE_KINDS = {"xlsx": ("Excel", "Excel (*.xlsx)"), "pdf": ("PDF", "PDF (*.pdf)")}


def default_stichtag(today: date) -> date:
    """The latest 1 March on or before today (R-S1)."""
    return date(today.year if today >= date(today.year, 3, 1) else today.year - 1, 3, 1)


class StatsTab(QWidget):
    """A tab that computes its figures in a worker process when first shown or after changes."""

    filled = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.stale = True
        self.loading: TaskHandle | None = None
        self.result: Any = None  # the figures shown (type per tab)
        self.exporting: TaskHandle | None = None
        self._export_title, self._export_target = "", ""
        self.status = QLabel()
        self.status.setWordWrap(True)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter computes with what was typed (office habit)
            enter = QShortcut(QKeySequence(key), self)
            enter.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            enter.activated.connect(self._enter)

    def _enter(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractItemView):  # in a table Enter opens the row (as a double click)
            if focus.currentIndex().isValid():
                self.open_in_table(focus.currentIndex())
            return
        if not self.is_loading:
            self.reload_in_background()

    def open_in_table(self, index) -> None:
        """Enter on a row of the tab's table (a tab whose rows open a record says which)."""

    @property
    def is_loading(self) -> bool:
        return self.loading is not None and self.loading.is_running

    def ensure_loaded(self) -> None:
        if self.stale and not self.is_loading:
            self.reload_in_background()

    def params(self) -> tuple:
        """Inputs read from the widgets in the GUI thread."""
        return ()

    def op(self) -> Callable[..., Any]:
        """The read op `op(store, user, *params)` (module-level; imported on first use)."""
        raise NotImplementedError

    def query(self, *params):  # blocking (reload: tests and screenshots)
        return self.op()(self.ctx.store, self.ctx.user, *params)

    def show_result(self, result) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        """Load and show now (blocking; tests and screenshots)."""
        self._done(self.query(*self.params()))

    def reload_in_background(self) -> None:
        self.stale = False
        self.status.setText("Wird berechnet …")
        self.loading = run_in_process(store_op, self.op(), self.ctx.store.url, self.ctx.user, *self.params())
        self.loading.finished.connect(self._loaded)  # methods of the tab: dropped with it (a late answer)
        self.loading.failed.connect(self._load_failed)
        self.loading.cancelled.connect(self._load_cancelled)

    def _loaded(self, result) -> None:
        if self.sender() is self.loading or self.loading is None or not self.loading.is_running:
            self._done(result)  # not overtaken by a newer load

    def _load_failed(self, exc) -> None:
        self.status.setText(f"Fehler: {error_text(exc)}")

    def _load_cancelled(self) -> None:
        self.status.setText("Abgebrochen.")

    def _done(self, result) -> None:
        self.stale, self.result = False, result
        self.show_result(result)
        self.filled.emit()

    def ask_path(self, kind: str, caption: str, stem: str) -> tuple[str, str | None]:
        """(title, the chosen file or None) for an export `kind` ("xlsx", "pdf") named `stem.kind`."""
        title, pattern = FILE_KINDS[kind]
        return title, ask_save(self, f"{caption} als {title}", f"{stem}.{kind}", pattern)

    def export_in_background(self, title: str, shown: str | Path | None, op: Callable[..., Any],
                             *args: Any, **kwargs: Any) -> TaskHandle | None:
        """The export op `op(store, user, *args, **kwargs)` in a worker process (ReportLab and
        openpyxl stay out of the window); `shown`: the file or folder chosen (None: cancelled)."""
        if self.result is None or not shown:
            return None
        self._export_title, self._export_target = title, str(shown)
        self.exporting = run_in_process(store_op, op, self.ctx.store.url, self.ctx.user, *args, **kwargs)
        self.exporting.finished.connect(self._exported)
        self.exporting.failed.connect(self._export_failed)
        return self.exporting

    def _exported(self, _written) -> None:
        self.status.setText(f"{self.status.text().split(' · Gespeichert')[0]} · Gespeichert: {self._export_target}")

    def _export_failed(self, exc) -> None:  # the export ops' German refusal (no raw exception text)
        QMessageBox.warning(self, self._export_title, f"Export nicht möglich:\n{error_text(exc)}")
