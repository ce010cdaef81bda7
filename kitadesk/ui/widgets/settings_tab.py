"""What every tab of the settings screen shares: the explanation on top, the read-only hint for
users without the right, a status line and the button bar; German refusals as a message box;
the base of the table editor dialogs."""

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from kitadesk.errors import KitaDeskError
from kitadesk.ui.context import AppContext
from kitadesk.ui.widgets.fields import ERROR_STYLE

HINT_STYLE = "color: #555; background: #f4f7fb; border: 1px solid #c9d6e3; border-radius: 3px; padding: 4px 8px;"
READ_ONLY = "Nur lesen: Ändern dürfen Benutzer mit dem Recht „Einstellungen ändern“ (Administration)."


def call_op(parent: QWidget, fn: Callable, title: str = "Einstellungen"):
    """Run an operation; a refusal (KitaDeskError) is shown in German → None."""
    try:
        return fn()
    except KitaDeskError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None


def note(text: str) -> QLabel:
    """An explanatory text that wraps (never widens the page)."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def read_only_hint(text: str) -> QLabel:
    label = note(text)
    label.setStyleSheet(HINT_STYLE)
    return label


class SettingsTab(QWidget):
    """Base of a settings tab. Subclasses set INTRO/READ_ONLY_HINT, may override `allowed`,
    add their widgets to `self.body` and end with `self.button_bar(...)`."""

    INTRO = ""                    # explanation at the top ("" = none)
    READ_ONLY_HINT = READ_ONLY    # shown to users without the right (everything read-only)

    def __init__(self, ctx: AppContext, on_saved: Callable[[], None] = lambda: None, parent=None):
        super().__init__(parent)
        self.ctx, self.on_saved = ctx, on_saved
        self.editable = self.allowed(ctx)
        self.status = QLabel()
        self.status.setStyleSheet("color: #1d6b2f;")
        self.status.setWordWrap(True)
        self.body = QVBoxLayout(self)
        if self.INTRO:
            self.body.addWidget(note(self.INTRO))
        if not self.editable:
            self.body.addWidget(read_only_hint(self.READ_ONLY_HINT))

    @staticmethod
    def allowed(ctx: AppContext) -> bool:
        """May this user edit the tab? Default: the right „Einstellungen ändern“."""
        return ctx.actor.has("einstellungen")

    def button(self, text: str, slot: Callable, tooltip: str = "", editing: bool = True) -> QPushButton:
        """A push button; one that edits is disabled for users without the right."""
        button = QPushButton(text)
        button.clicked.connect(slot)
        if tooltip:
            button.setToolTip(tooltip)
        if editing:
            button.setEnabled(self.editable)
        return button

    def button_bar(self, *right: QPushButton, left: tuple[QPushButton, ...] = (), status: bool = True,
                   layout: QVBoxLayout | None = None) -> QHBoxLayout:
        """[left buttons] [status line or stretch] [right buttons], added below the content."""
        bar = QHBoxLayout()
        for b in left:
            bar.addWidget(b)
        if status:
            bar.addWidget(self.status, 1)
        else:
            bar.addStretch(1)
        for b in right:
            bar.addWidget(b)
        (layout or self.body).addLayout(bar)
        return bar


class EditorDialog(QDialog):
    """Base of the table editors (rate and fee tables): an error line above the buttons and one
    way to submit — build the table from the fields, hand it to a callback, close on success."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.body = QVBoxLayout(self)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

    def add_buttons(self, actions: tuple[tuple[str, Callable], ...], close_text: str) -> dict[str, QPushButton]:
        """The error line, then the action buttons (each submits to its callback) and close."""
        self.body.addWidget(self.error)
        bar = QHBoxLayout()
        bar.addStretch(1)
        buttons = {}
        for text, callback in actions:
            button = buttons[text] = QPushButton(text)
            button.clicked.connect(lambda _=False, cb=callback: self.submit(cb))
            bar.addWidget(button)
        close = QPushButton(close_text)
        close.clicked.connect(self.reject)
        bar.addWidget(close)
        self.body.addLayout(bar)
        return buttons

    def table(self):
        """The entered table; ValueError with every German message (subclasses)."""
        raise NotImplementedError

    def submit(self, callback: Callable) -> None:
        """callback(table) → False keeps the dialog open; refusals are shown on the error line."""
        try:
            closes = callback(self.table())
        except (ValueError, KitaDeskError) as exc:
            self.show_error(str(exc))
            return
        if closes is not False:
            self.accept()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
