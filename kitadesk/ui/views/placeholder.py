"""Frame of a screen another engineer fills: title, a clear note, an empty `content` layout."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kitadesk.ui.context import AppContext


class PlaceholderPage(QWidget):
    TITLE = ""
    NOTE = ""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        title = QLabel(self.TITLE)
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.note = QLabel(f"{self.NOTE}\n\nDiese Seite wird gerade ausgebaut.")
        self.note.setObjectName("placeholderNote")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.note)
        self.content = QVBoxLayout()  # filled by the page's owner
        layout.addLayout(self.content, 1)

    def activate(self) -> None:
        """Called when the page becomes visible (load data here)."""
