"""The list of due letters on the "Bescheide" screen: one tick per letter (Leertaste toggles the
selected rows, only letters ready to be made can be ticked), the amount and state columns."""

from typing import cast

from PySide6.QtCore import Qt

from kitadesk.formats import money
from kitadesk.ui.views.letters_common import (
    EnterTable,
    TipModel,
    col,
)

CHECK = Qt.ItemDataRole.CheckStateRole


def _amount(value) -> str:
    return money(value) if value is not None else ""


def _state(d) -> str:
    return "archiviert" if d.archived_id is not None else ("Problem" if d.problem else "offen")


class DueModel(TipModel):
    """Due letters with a tick each (column 0); only letters that can be made are tickable."""

    COLUMNS = (
        col("", lambda d: "", 28), col("Art", lambda d: d.short_label, 116), col("Empfänger", lambda d: d.recipient, 170),
        col("SRT", lambda d: d.srt, 56), col("bisher", lambda d: _amount(d.old_amount), 82, lambda d: d.old_amount),
        col("neu", lambda d: _amount(d.new_amount), 82, lambda d: d.new_amount), col("Status", _state, 70),
        col("Anlass", lambda d: d.reason, 120),
    )
    TIPS = {0: lambda d: "Leertaste: ankreuzen", 1: lambda d: d.label, 2: lambda d: d.full_recipient,
            6: lambda d: d.status, 7: lambda d: d.reason}

    def __init__(self, parent=None):
        self.checked: set[tuple] = set()
        super().__init__((), parent)

    def search_text(self, row) -> str:
        return f"{row.recipient} {row.nr} {row.reason}"

    def tone(self, row) -> str | None:
        return "bad" if row.problem and row.archived_id is None else None

    def set_rows(self, rows) -> None:
        self.checked = {d.key for d in rows if d.ready}  # all ticked within the filter
        super().set_rows(rows)

    def chosen(self) -> list:
        return [d for d in self.rows() if d.key in self.checked and d.ready]

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() == 0 and self.row_at(index.row()).ready:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == CHECK and index.isValid() and index.column() == 0:
            d = self.row_at(index.row())
            return (Qt.CheckState.Checked if d.key in self.checked else Qt.CheckState.Unchecked) if d.ready else None
        return super().data(index, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != CHECK or not index.isValid() or not self.row_at(index.row()).ready:
            return False
        self.set_checked([index.row()], Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    def set_checked(self, row_numbers, on: bool) -> None:
        for n in row_numbers:
            d = self.row_at(n)
            if d.ready:
                (self.checked.add if on else self.checked.discard)(d.key)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0), [CHECK])

    def toggle(self, row_numbers) -> None:
        """Leertaste: tick the rows, or untick them all when all were ticked."""
        rows = [n for n in row_numbers if self.row_at(n).ready]
        self.set_checked(rows, not all(self.row_at(n).key in self.checked for n in rows))


class DueTable(EnterTable):
    """Leertaste toggles the ticks of the selected rows; Enter is the page's default action."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            rows = sorted({i.row() for i in self.selectionModel().selectedRows()} or {self.currentIndex().row()})
            cast(DueModel, self.model()).toggle([n for n in rows if n >= 0])
            return
        super().keyPressEvent(event)
