"""Confirm dialog of a merge of two records of one child (issue 19, ops/merge.py): which record
stays, and what moves over — shown before anything changes. Refusals (overlapping placements)
are shown in the dialog; "Zusammenführen" stays disabled then."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QRadioButton, QVBoxLayout, QWidget

from kitadesk.domain.duplicates import Person, describe
from kitadesk.errors import KitaDeskError
from kitadesk.ops.merge import MergePlan, merge_children, merge_preview
from kitadesk.ui.context import AppContext


class MergeDialog(QDialog):
    def __init__(self, ctx: AppContext, first: tuple[int, Person], second: tuple[int, Person],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Datensätze zusammenführen")
        self.ids = (first[0], second[0])
        self.plan: MergePlan | None = None
        self.done_plan: MergePlan | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Welcher Datensatz bleibt? Der andere wird aufgelöst; seine Betreuungen, "
                                "Status, Meldungen, Sonderbeträge und Bescheide gehen auf den bleibenden über."))
        self.keep_first = QRadioButton(f"{describe(first[1])} behalten")
        self.keep_second = QRadioButton(f"{describe(second[1])} behalten")
        self.keep_first.setChecked(True)
        for radio in (self.keep_first, self.keep_second):
            radio.toggled.connect(self._toggled)
            layout.addWidget(radio)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setObjectName("mergeDetails")
        layout.addWidget(self.details, 1)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("Zusammenführen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Abbrechen", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(False)
        self.ok.setAutoDefault(False)  # never by Enter: an explicit click
        self.ok.clicked.connect(self.merge)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(620, 380)
        self.refresh()

    def _toggled(self, on: bool) -> None:
        if on:
            self.refresh()

    def keep_drop(self) -> tuple[int, int]:
        return self.ids if self.keep_first.isChecked() else (self.ids[1], self.ids[0])

    def refresh(self) -> None:
        try:
            self.plan = merge_preview(self.ctx.store, self.ctx.user, *self.keep_drop())
        except KitaDeskError as exc:
            self.plan = None
            self.details.setPlainText(str(exc))
        else:
            self.details.setPlainText("\n".join(self.plan.lines()))
        self.ok.setEnabled(self.plan is not None)

    def merge(self) -> None:
        try:
            self.done_plan = merge_children(self.ctx.store, self.ctx.user, *self.keep_drop())
        except KitaDeskError as exc:
            self.details.setPlainText(str(exc))
            self.ok.setEnabled(False)
            return
        self.ctx.bus.notify(frozenset({"child", "placement"}))
        self.accept()
