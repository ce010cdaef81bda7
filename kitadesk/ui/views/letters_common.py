"""Small building blocks of the screen "Bescheide" and its tabs (due letters, archive, Ablehnung,
Elternbeiträge): buttons, rows, tables, the SRT and kind filters, saving a PDF."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.choices import SRTS
from kitadesk.errors import KitaDeskError
from kitadesk.ops.exports import save_bytes
from kitadesk.ops.letters.desk import KINDS
from kitadesk.ui.models.base import Column, RowTableModel
from kitadesk.ui.widgets.record_table import record_table as table  # noqa: F401  (the tabs' name for THE record table)

ALL_SRT = "Alle SRT"


def button(text: str, slot, tip: str = "", enabled: bool = True) -> QPushButton:
    widget = QPushButton(text)
    widget.setToolTip(tip)
    widget.setEnabled(enabled)
    widget.setAutoDefault(False)
    widget.clicked.connect(lambda *_: slot())
    return widget


def row(*items) -> QHBoxLayout:
    """A row of widgets; None adds the stretch, a str a label."""
    bar = QHBoxLayout()
    for item in items:
        if item is None:
            bar.addStretch(1)
        else:
            bar.addWidget(QLabel(item) if isinstance(item, str) else item)
    return bar


def label(text: str) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    return widget


def column(widget: QWidget, *items) -> QWidget:
    """Lay out layouts and widgets top to bottom; a splitter, table or tab widget takes the free height."""
    layout = QVBoxLayout(widget)
    for item in items:
        if isinstance(item, QHBoxLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item, 1 if isinstance(item, (QSplitter, QTableView, QScrollArea, QTabWidget)) else 0)
    return widget


def col(header: str, text, width: int, value=None) -> Column:
    return Column(header, text, value or text, numeric=value is not None, width=width)


class TipModel(RowTableModel):
    TIPS: dict = {}  # column → full text for the tooltip (cells do not wrap)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        tip = self.TIPS.get(index.column()) if role == Qt.ItemDataRole.ToolTipRole else None
        return tip(self.row_at(index.row())) if tip and index.isValid() else super().data(index, role)


class EnterTable(QTableView):
    """A table whose Enter runs the tab's default action (`on_enter`)."""

    def __init__(self, on_enter):
        super().__init__()
        self.on_enter = on_enter

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.on_enter()
            return
        super().keyPressEvent(event)


def rows_of(view: QTableView) -> RowTableModel:
    return cast(RowTableModel, view.model())


def current_row(view: QTableView):
    index = view.currentIndex()
    return rows_of(view).row_at(index.row()) if index.isValid() else None


def selected_rows(view: QTableView) -> list:
    """Selected rows in the table's order."""
    model = rows_of(view)
    return [model.row_at(i.row()) for i in sorted(view.selectionModel().selectedRows(), key=lambda i: i.row())]


def srt_box(default: str | None) -> QComboBox:
    """SRT filter: "Alle SRT" and each SRT; starts on the user's own SRT (none: all)."""
    box = QComboBox()
    box.addItem(ALL_SRT, None)
    for srt in SRTS:
        box.addItem(f"SRT {srt}", srt)
    box.setCurrentIndex(max(0, box.findData(default)) if default else 0)
    box.setToolTip("Sozialraumteam: Standard ist das eigene SRT")
    return box


def kind_box(first: str = "Alle Arten") -> QComboBox:
    box = QComboBox()
    box.addItem(first, None)
    for value, text in KINDS.items():
        box.addItem(text, value)
    return box


def save_pdf(parent: QWidget, pdf: bytes | None, name: str, path: str | None = None) -> str | None:
    """Save PDF bytes unchanged (dialog unless `path`); returns the path or None."""
    if not pdf:
        return None
    if path is None:
        path, _ = QFileDialog.getSaveFileName(parent, "Als PDF speichern", name, "PDF-Dateien (*.pdf)")
        if not path:
            return None
    try:
        save_bytes(path, pdf)
    except KitaDeskError as exc:
        QMessageBox.warning(parent, "Als PDF speichern", str(exc))
        return None
    return path
