"""Form fields with their validation message right below them (German input formats).

`DateField` takes TT.MM.JJJJ (also T.M.JJ and TTMMJJJJ), `DecimalField` a decimal comma
or point. `value()` raises ValueError with a German message for unreadable input; the
form shows it via `set_error`. `FieldBox` wraps any widget with such an error line.
"""

import re
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from kitadesk.domain.money import parse_number
from kitadesk.formats import day, number

_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
ERROR_STYLE = "color: #b00020;"
WARN_STYLE = "color: #9a5b00;"
INVALID_EDIT = "QLineEdit, QComboBox, QPlainTextEdit { border: 1px solid #b00020; }"


def parse_date(text: str) -> date | None:
    s = text.strip()
    if not s:
        return None
    if s.isdigit() and len(s) in (6, 8):
        s = f"{s[:2]}.{s[2:4]}.{s[4:]}"
    m = _DATE.match(s)
    if not m:
        raise ValueError(f"„{text}“ ist kein Datum (TT.MM.JJJJ).")
    d, mth, y = (int(g) for g in m.groups())
    if y < 100:
        y += 2000 if y <= (date.today().year % 100) + 10 else 1900
    try:
        return date(y, mth, d)
    except ValueError:
        raise ValueError(f"„{text}“ gibt es nicht als Datum.") from None


def parse_decimal(text: str) -> Decimal | None:
    """A number typed in a form (domain/money.parse_number: decimal comma, never float)."""
    return parse_number(text)


class DateField(QWidget):
    """A date as text (may be empty) with a calendar button."""

    changed = Signal()

    def __init__(self, value: date | None = None, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("TT.MM.JJJJ")
        self.edit.setMaximumWidth(110)
        self.edit.textChanged.connect(self.changed)
        self.button = QToolButton()
        self.button.setText("…")
        self.button.setToolTip("Kalender")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self._calendar: QCalendarWidget | None = None  # made when first opened (a form has many dates)
        menu.aboutToShow.connect(self._sync_calendar)
        self.button.setMenu(menu)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.set_value(value)

    @property
    def calendar(self) -> QCalendarWidget:
        if self._calendar is None:
            calendar = self._calendar = QCalendarWidget()
            calendar.setLocale(QLocale(QLocale.Language.German, QLocale.Country.Germany))
            calendar.setGridVisible(True)
            calendar.clicked.connect(self._picked)
            menu = self.button.menu()
            action = QWidgetAction(menu)
            action.setDefaultWidget(calendar)
            menu.addAction(action)
        return self._calendar

    def _sync_calendar(self) -> None:
        calendar = self.calendar
        try:
            current = self.value()
        except ValueError:
            current = None
        if current:
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _picked(self, qdate: QDate) -> None:
        self.set_value(date(qdate.year(), qdate.month(), qdate.day()))
        self.button.menu().hide()

    def value(self) -> date | None:
        return parse_date(self.edit.text())

    def set_value(self, value: date | None) -> None:
        self.edit.setText(day(value))

    def setReadOnly(self, flag: bool) -> None:  # noqa: N802 (Qt naming)
        self.edit.setReadOnly(flag)
        self.button.setEnabled(not flag)


class DecimalField(QLineEdit):
    """A decimal number with German formatting (12,5)."""

    changed = Signal()

    def __init__(self, value: Decimal | None = None, places: int | None = None, parent=None):
        super().__init__(parent)
        self.places = places
        self.setMaximumWidth(120)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.textChanged.connect(self.changed)
        self.set_value(value)

    def value(self) -> Decimal | None:
        return parse_decimal(self.text())

    def set_value(self, value: Decimal | None) -> None:
        if value is None:
            self.setText("")
        elif self.places is None:
            self.setText(number(value, 2).rstrip("0").rstrip(","))
        else:
            self.setText(number(value, self.places))


class FieldBox(QWidget):
    """A field and its validation message (red) below it."""

    def __init__(self, field: QWidget, hint: str = "", parent=None):
        super().__init__(parent)
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        compact = isinstance(field, (QComboBox, QAbstractSpinBox, QCheckBox))
        layout.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft if compact else Qt.AlignmentFlag(0))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setVisible(False)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        if hint:
            field.setToolTip(hint)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusProxy(field)

    def set_error(self, text: str | None, warning: bool = False) -> None:
        self.message.setText(text or "")
        self.message.setStyleSheet(WARN_STYLE if warning else ERROR_STYLE)
        self.message.setVisible(bool(text))
        self.field.setStyleSheet(INVALID_EDIT if text and not warning else "")

    @property
    def error(self) -> str:
        return self.message.text() if self.message.isVisible() else ""
