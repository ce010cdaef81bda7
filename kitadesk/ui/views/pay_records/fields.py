"""Fields of the payout-input forms: a carer/child picker searched by name or Nr with the
folding of domain/names.py (mueller finds Müller, kilic Kılıç), money typed the German way
(parsed in domain/money.py, never float) and a month (MM/JJJJ)."""

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from kitadesk.domain.money import parse_amount
from kitadesk.domain.names import search_fold, search_words
from kitadesk.domain.rules.pay_inputs import month_text, parse_month
from kitadesk.formats import number


class RecordPicker(QWidget):
    """A search line and the matching records; `value()` is the chosen record's id (or None)."""

    changed = Signal()

    def __init__(self, items: list[tuple[int, str]], optional: bool = False, parent=None):
        super().__init__(parent)
        self.items = items
        self.folded = [search_fold(text) for _id, text in items]
        self.optional = optional
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Suchen: Name, Nr.")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(180)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(320)
        layout.addWidget(self.search)
        layout.addWidget(self.combo, 1)
        self.search.textChanged.connect(self._filter)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.setFocusProxy(self.search)
        self._fill(range(len(items)))

    def _fill(self, shown) -> None:
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("– keine –" if self.optional else "", None)
        for i in shown:
            self.combo.addItem(self.items[i][1], self.items[i][0])
        index = self.combo.findData(current) if current is not None else -1
        self.combo.setCurrentIndex(index if index > 0 else (1 if self.search.text().strip() and
                                                             self.combo.count() > 1 else 0))
        self.combo.blockSignals(False)
        self.changed.emit()

    def _filter(self, text: str) -> None:
        words = search_words(text)
        self.combo.setCurrentIndex(0)  # the best match is chosen anew
        self._fill([i for i, f in enumerate(self.folded) if all(w in f for w in words)])

    def value(self) -> int | None:
        return self.combo.currentData()

    def set_value(self, record_id: int | None) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._fill(range(len(self.items)))
        self.combo.setCurrentIndex(max(self.combo.findData(record_id), 0) if record_id is not None else 0)

    def text(self) -> str:
        return self.combo.currentText()

    def setEnabled(self, flag: bool) -> None:  # noqa: N802 (Qt naming)
        self.search.setEnabled(flag)
        self.combo.setEnabled(flag)


class MoneyField(QLineEdit):
    """A Betrag as the office types it ('150,00', '-25,50 €'); parsed in domain/money.py."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMaximumWidth(140)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setPlaceholderText("0,00 €")
        self.textChanged.connect(self.changed)

    def value(self) -> Decimal | None:
        return parse_amount(self.text())

    def set_value(self, value: Decimal | None) -> None:
        self.setText("" if value is None else number(value, 2))


class MonthField(QLineEdit):
    """A month MM/JJJJ; `value()` is the stored key 'JJJJ-MM' (or None)."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMaximumWidth(110)
        self.setPlaceholderText("MM/JJJJ")
        self.textChanged.connect(self.changed)

    def value(self) -> str | None:
        return parse_month(self.text()) if self.text().strip() else None

    def set_value(self, key: str | None) -> None:
        self.setText(month_text(key) if key else "")
