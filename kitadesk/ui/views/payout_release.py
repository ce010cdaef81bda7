"""The payout page's hand-over row (issue 14.4): the case worker marks the draft "zur Freigabe",
the row says who handed it over and when; withdrawing is possible (ops/payout_release.py)."""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from kitadesk.errors import KitaDeskError
from kitadesk.ops import reads
from kitadesk.ops.payout_release import Handover, handover_of, submit_for_release, withdraw_release
from kitadesk.ui.context import AppContext
from kitadesk.ui.rights import gate


class ReleaseBar(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.run_id: int | None = None
        self.handover: Handover | None = None
        self.label = QLabel()
        self.label.setStyleSheet("color: #1f4e79;")
        self.submit_button = QPushButton("Zur Freigabe vorlegen")
        self.submit_button.setToolTip("Der Leitung den Entwurf zum Abschließen vorlegen (erscheint auf ihrer "
                                      "Startseite)")
        self.withdraw_button = QPushButton("Vorlage zurückziehen")
        self.submit_button.clicked.connect(self.submit)
        self.withdraw_button.clicked.connect(self.withdraw)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.submit_button)
        layout.addWidget(self.withdraw_button)
        self.show_run(None, False)

    def show_run(self, run_id: int | None, draft: bool, force: bool = False) -> None:
        """The run now shown (None: none); `draft`: a draft the user could act on now. The hand-over
        is read again only for another run or when `force`d (the page calls this on every state)."""
        run_id = run_id if draft else None
        if force or run_id != self.run_id:
            self.run_id, self.handover = run_id, None
            if run_id is not None:
                self.handover = reads.query(self.ctx.store, self.ctx.user, handover_of, run_id)
        self.label.setText(self.handover.text if self.handover else "")
        gate(self.submit_button, self.ctx.actor, "auszahlung_berechnen",
             self.run_id is not None and self.handover is None)
        self.withdraw_button.setEnabled(self.handover is not None)
        self.submit_button.setVisible(self.handover is None)
        self.withdraw_button.setVisible(self.handover is not None)

    def forget(self) -> None:
        self.run_id = -1  # no run: the next show_run reads the hand-over again

    def submit(self) -> None:
        self._act(submit_for_release)

    def withdraw(self) -> None:
        self._act(withdraw_release)

    def _act(self, action) -> None:
        if self.run_id is None or self.run_id < 0:
            return
        try:
            action(self.ctx.store, self.ctx.user, self.run_id)
        except KitaDeskError as exc:
            QMessageBox.warning(self, "Zur Freigabe", str(exc))
        self.show_run(self.run_id, True, force=True)
        self.ctx.bus.notify({"payout"})
