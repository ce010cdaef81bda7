"""The import assistant's tabs besides the mapping (ui/views/import_assistant.py): fixed values
for the whole sheet, value translations, and the check (preview counts, problem table)."""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.list_mapping import fields as f
from kitadesk.domain.list_mapping.values import FIRST_LAST, LAST_FIRST
from kitadesk.ui.models.import_problems import ProblemTableModel
from kitadesk.ui.views.import_mapping_table import PairTable
from kitadesk.ui.widgets.table_tools import TableTools


class AssistantPages:
    """Builds the three pages; `add_fixed` is the slot of „Hinzufügen“."""

    def __init__(self, add_fixed: Callable[[], None]):
        self.fixed = PairTable(("Feld", "Wert für jede Zeile"))
        self.fixed_field = _combo("Feld für festen Wert")
        self.fixed_value = QLineEdit()
        self.fixed_value.setPlaceholderText("z. B. Ost")
        self.fixed_value.setAccessibleName("fester Wert")
        self.add_button = add = _button("&Hinzufügen", add_fixed)
        fixed_page = QWidget()
        fixed_layout = QVBoxLayout(fixed_page)
        row = QHBoxLayout()
        row.addWidget(self.fixed_field, 2)
        row.addWidget(self.fixed_value, 1)
        row.addWidget(add)
        fixed_layout.addLayout(row)
        fixed_layout.addWidget(self.fixed)
        self.translated = PairTable(("Spalte (Import)", "Wert in der Liste", "Wert in KitaDesk"))
        self.translation_hint = QLabel()
        self.translation_hint.setWordWrap(True)
        translation_page = QWidget()
        translation_layout = QVBoxLayout(translation_page)
        translation_layout.addWidget(self.translation_hint)
        translation_layout.addWidget(self.translated)

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.problems = ProblemTableModel()
        self.problem_view = QTableView()
        self.problem_view.setModel(self.problems)
        self.problem_view.verticalHeader().setVisible(False)
        self.problem_view.horizontalHeader().setStretchLastSection(True)
        for column, spec in enumerate(ProblemTableModel.COLUMNS):
            self.problem_view.setColumnWidth(column, spec.width)
        self.tools = TableTools(self.problem_view, "Probleme der Liste")
        check_page = QWidget()
        check_layout = QVBoxLayout(check_page)
        check_layout.addWidget(self.preview)
        check_layout.addWidget(self.problem_view)
        self.check_page = check_page
        self.fixed_page, self.translation_page = fixed_page, translation_page


def top_row(self) -> QGridLayout:
    """The assistant's first rows (sets its widgets on `self`, the dialog): Datei, Blatt, Art der Liste, Namensfolge (file chooser and the list's shape)."""
    top = QGridLayout()
    self.path_edit = QLineEdit()
    self.path_edit.setReadOnly(True)
    self.path_edit.setPlaceholderText("Excel-Liste (.xlsx) oder CSV (; und Dezimalkomma)")
    self.sheet_combo = _combo("Blatt")
    self.sheet_combo.currentTextChanged.connect(self._sheet_chosen)
    self.kind_combo = kind_combo()
    self.kind_combo.currentIndexChanged.connect(self._kind_chosen)
    self.order_combo = order_combo()
    for column, (label, widget) in enumerate((("&Datei", self.path_edit), ("&Blatt", self.sheet_combo))):
        top.addWidget(_label(label, widget), 0, column * 2)
        top.addWidget(widget, 0, column * 2 + 1)
    top.addWidget(_button("Datei &wählen …", self.choose_file), 0, 4)
    for column, (label, widget) in enumerate((("&Art der Liste", self.kind_combo),
                                              ("&Namen ohne Komma", self.order_combo))):
        top.addWidget(_label(label, widget), 1, column * 2)
    top.addWidget(self.kind_combo, 1, 1)
    top.addWidget(self.order_combo, 1, 3, 1, 2)
    top.setColumnStretch(1, 3)
    top.setColumnStretch(3, 1)
    return top


def kind_combo() -> QComboBox:
    combo = _combo("Art der Liste")
    for kind, label in f.KIND_LABELS.items():
        combo.addItem(label, kind)
    return combo


def order_combo() -> QComboBox:
    combo = _combo("Namensfolge")
    combo.addItem("„Anna Müller“ (Vorname Nachname)", FIRST_LAST)
    combo.addItem("„Müller Anna“ (Nachname Vorname)", LAST_FIRST)
    return combo


def _button(text: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(slot)
    return button


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    return combo


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


