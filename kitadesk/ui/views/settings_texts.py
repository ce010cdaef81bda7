"""Tab "Textbausteine" of the settings screen: the letters' text blocks and the Rückforderung's
parts, each with its placeholders, saved through ops.letters.office."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
)

from kitadesk.ops.letters.office import TEXT_SETTINGS, set_letter_setting
from kitadesk.ops.letters.rueckforderung import DEFAULTS as RUECK_DEFAULTS
from kitadesk.ops.reads import letter_overrides
from kitadesk.ops.report_parts import TEXT_BLOCKS
from kitadesk.ui.context import AppContext
from kitadesk.ui.widgets.settings_tab import SettingsTab, call_op

RUECK_LABELS = {"betreff": "Betreff", "entscheidung": "Entscheidung", "betrag": "Betrag",
                "begruendung": "Begründung"}


class TextBlocksTab(SettingsTab):
    """Letter text blocks: edit, see the placeholders, reset to the default."""

    def __init__(self, ctx: AppContext, on_saved, parent=None):
        super().__init__(ctx, on_saved, parent)
        self.overrides: dict[str, str] = {}
        self.list = QListWidget()
        self.list.setFixedWidth(390)
        self.list.currentRowChanged.connect(self._show)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(not self.editable)
        self.placeholders = QListWidget()
        self.placeholders.setMaximumHeight(64)
        self.placeholders.setFlow(QListWidget.Flow.LeftToRight)
        self.placeholders.setWrapping(True)
        self.placeholders.setToolTip("Doppelklick fügt den Platzhalter an der Schreibmarke ein")
        self.placeholders.itemDoubleClicked.connect(self._insert)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.editor, 1)
        right.addWidget(QLabel("Platzhalter (Doppelklick fügt ein; eine Leerzeile beginnt einen neuen Absatz):"))
        right.addWidget(self.placeholders)
        self.default_button = self.button("Standard wiederherstellen", self.reset_default)
        self.save_button = self.button("Speichern", lambda: self.save())
        self.button_bar(self.default_button, self.save_button, layout=right)
        row = QHBoxLayout()
        row.addWidget(self.list)
        row.addLayout(right, 1)
        self.body.addLayout(row, 1)

    @staticmethod
    def label(key: str) -> str:
        if key in TEXT_BLOCKS:
            return TEXT_BLOCKS[key].label
        return f"Rückforderung: {RUECK_LABELS.get(key.split('.', 1)[1], key)}"

    @staticmethod
    def default(key: str) -> str:
        return TEXT_BLOCKS[key].default if key in TEXT_BLOCKS else RUECK_DEFAULTS[key]

    @staticmethod
    def placeholder_names(key: str) -> tuple[str, ...]:
        block = TEXT_BLOCKS.get(key) or TEXT_BLOCKS["aenderung." + key.split(".", 1)[1]]
        return block.placeholders

    def reload(self) -> None:
        self.overrides = letter_overrides(self.ctx.store, self.ctx.user)
        current = self.current_name()
        self.list.blockSignals(True)
        self.list.clear()
        for name, key in TEXT_SETTINGS.items():
            item = QListWidgetItem(self.label(key) + (" (geändert)" if key in self.overrides else ""))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        self.list.blockSignals(False)
        names = list(TEXT_SETTINGS)
        self.list.setCurrentRow(names.index(current) if current in names else 0)

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, name: str) -> None:
        self.list.setCurrentRow(list(TEXT_SETTINGS).index(name))

    def _show(self, _row: int) -> None:
        name = self.current_name()
        if name is None:
            return
        key = TEXT_SETTINGS[name]
        self.title.setText(f"{self.label(key)}  –  {name}")
        self.editor.setPlainText(self.overrides.get(key, self.default(key)))
        self.placeholders.clear()
        self.placeholders.addItems(["{" + p + "}" for p in self.placeholder_names(key)])
        self.status.setText("Geänderte Fassung" if key in self.overrides else "Standardtext")

    def _insert(self, item) -> None:
        if self.editable:
            self.editor.insertPlainText(item.text())
            self.editor.setFocus()

    def save(self, text: str | None = None) -> bool:
        name = self.current_name()
        value = self.editor.toPlainText() if text is None else text
        if name is None or call_op(self, lambda: set_letter_setting(self.ctx.store, self.ctx.user, name, value),
                                   "Textbaustein") is None:
            return False
        self.reload()
        self.status.setText("Gespeichert.")
        self.on_saved()
        return True

    def reset_default(self) -> bool:
        name = self.current_name()
        return name is not None and self.save(self.default(TEXT_SETTINGS[name]))
