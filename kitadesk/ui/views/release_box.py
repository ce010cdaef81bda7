"""Leitung's start page: drafts handed over "zur Freigabe" (issue 14.4); a click opens the run on
the payout page (signal `open_run(year, month)`). Shown to users who may finalize."""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kitadesk.formats import money
from kitadesk.ui.context import AppContext

if TYPE_CHECKING:
    from kitadesk.ops.payout_release import Handover


class ReleaseList(QWidget):
    open_run = Signal(int, int)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[Handover] = []
        self.list = QListWidget()
        self.list.setToolTip("Klick oder Eingabetaste öffnet den Lauf in der Auszahlung")
        self.list.itemClicked.connect(self._open)
        self.list.itemActivated.connect(self._open)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self.wanted = ctx.actor.has("auszahlung_abschliessen")  # the Leitung (ops/base.py RIGHTS)
        ctx.bus.changed.connect(lambda entities: self.refresh() if "payout" in entities else None)
        self.setVisible(False)  # filled with the start screen's figures, after the window shows (issue 17)

    def refresh(self) -> None:
        if self.wanted:
            from kitadesk.ops import reads
            from kitadesk.ops.payout_release import pending_releases

            self.items = reads.query(self.ctx.store, self.ctx.user, pending_releases)
        self.list.clear()
        for h in self.items:
            item = QListWidgetItem(f"{h.text}\nSumme {money(h.total)} – öffnen mit Klick")
            item.setToolTip("Öffnet den Lauf in der Auszahlung")
            self.list.addItem(item)
        self.list.setFixedHeight(max(1, len(self.items)) * (3 * self.list.fontMetrics().lineSpacing() + 8) + 6)
        self.setVisible(bool(self.items))

    def _open(self, item: QListWidgetItem) -> None:
        h = self.items[self.list.row(item)]
        self.open_run.emit(h.year, h.month)
