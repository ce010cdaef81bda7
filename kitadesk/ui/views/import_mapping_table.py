"""The editable parts of the import assistant: column → field (with sample values and what is
done to the values), fixed values for every row, and value translations."""

from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from kitadesk.domain.list_mapping import fields as f
from kitadesk.domain.list_mapping.mapping import Mapping
from kitadesk.domain.list_mapping.propose import ColumnGuess
from kitadesk.domain.names import search_fold
from kitadesk.formats import day
from kitadesk.importer.schema import BY_NAME

NOT_IMPORTED = "– nicht übernehmen –"


def _shown(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "year") and hasattr(value, "day"):
        return day(value)
    return " ".join(str(value).split())


def field_label(key: str) -> str:
    target = f.BY_KEY[key]
    return f"{target.sheet}: {target.label}"


def transform_note(key: str, shape: str | None) -> str:
    """What happens to the column's values (shown beside the field)."""
    if not key:
        return ""
    target = f.BY_KEY[key]
    if target.column == f.NAME_SPLIT:
        return "wird geteilt in Nachname und Vorname"
    if target.column == f.CARER_NAME:
        return "Suche über den Namen"
    if target.column == f.CHILD_NAME:
        return "Suche über Name und Geburtsdatum"
    column = BY_NAME[target.sheet].by_name.get(target.column)
    if column is not None and column.is_date:
        return "Datum (auch Text wie 3.5.24)"
    if column is not None and column.kind == "decimal":
        return "Zahl (Dezimalkomma)"
    if column is not None and column.choices:
        return f"Auswahl: {', '.join(column.choices)} (Übersetzungen möglich)"
    return ""


class MappingTable(QTableWidget):
    """One row per column of the list: header, sample values, field (combo), transform note."""

    HEADERS = ("Spalte der Liste", "Beispielwerte", "Feld in KitaDesk", "Umwandlung")

    def __init__(self, parent=None):
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels(self.HEADERS)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 170), (2, 330), (3, 280)):
            self.setColumnWidth(column, width)
        self.kind = f.KIND_CHILDREN
        self.shapes: dict[str, str | None] = {}
        self.on_change = lambda: None

    def fill(self, kind: str, headers: list[str], samples: list[list], guesses: list[ColumnGuess],
             columns: dict[str, str]) -> None:
        self.kind = kind
        self.shapes = {g.header: g.shape for g in guesses}
        self.setRowCount(0)
        for header, values in zip(headers, samples):
            if not header:
                continue
            row = self.rowCount()
            self.insertRow(row)
            name = QTableWidgetItem(header)
            self.setItem(row, 0, name)
            shown = " · ".join([s for s in (_shown(v) for v in values) if s][:3])
            samples_item = QTableWidgetItem(shown)
            samples_item.setToolTip(shown)
            self.setItem(row, 1, samples_item)
            combo = QComboBox()
            combo.setAccessibleName(f"Feld für Spalte {header}")
            combo.addItem(NOT_IMPORTED, "")
            for target in f.targets_for(kind):
                combo.addItem(field_label(target.key), target.key)
            combo.setCurrentIndex(max(0, combo.findData(columns.get(header, ""))))
            combo.currentIndexChanged.connect(lambda _i, r=row: self._changed(r))
            self.setCellWidget(row, 2, combo)
            self.setItem(row, 3, QTableWidgetItem(transform_note(columns.get(header, ""), self.shapes.get(header))))
        for row in range(self.rowCount()):
            for column in (0, 1, 3):
                item = self.item(row, column)
                if item is not None:
                    item.setFlags(item.flags() & ~item.flags().ItemIsEditable)

    def combo(self, row: int) -> QComboBox:
        widget = self.cellWidget(row, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def row_of(self, header: str) -> int:
        return next(r for r in range(self.rowCount()) if self.text(r, 0) == header)

    def _changed(self, row: int) -> None:
        key = self.combo(row).currentData() or ""
        note = self.item(row, 3)
        if note is not None:
            note.setText(transform_note(key, self.shapes.get(self.text(row, 0))))
            note.setToolTip(note.text())
        self.on_change()

    def columns(self) -> dict[str, str]:
        return {self.text(r, 0): self.combo(r).currentData() or "" for r in range(self.rowCount())}


class PairTable(QTableWidget):
    """Editable rows of plain texts (fixed values: Feld, Wert; translations: Spalte, Wert in der
    Liste, Wert in KitaDesk). An empty row is ignored."""

    def __init__(self, headers: tuple[str, ...], parent=None):
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def add(self, *values: str) -> int:
        row = self.rowCount()
        self.insertRow(row)
        for column in range(self.columnCount()):
            self.setItem(row, column, QTableWidgetItem(values[column] if column < len(values) else ""))
        return row

    def column_texts(self, column: int) -> list[str]:
        return [_text(self.item(row, column)) for row in range(self.rowCount())]

    def values(self) -> list[tuple[str, ...]]:
        out = []
        for row in range(self.rowCount()):
            cells = tuple(_text(self.item(row, c)) for c in range(self.columnCount()))
            if all(cells):
                out.append(cells)
        return out


def _text(item: QTableWidgetItem | None) -> str:
    return item.text().strip() if item is not None else ""


def fixed_values(table: PairTable) -> dict[str, str]:
    """Feld (key or its label) → value."""
    labels = {field_label(t.key): t.key for t in f.TARGETS}
    return {labels.get(k, k): v for k, v in table.values()}


def translations(table: PairTable) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for column, source, target in table.values():
        out.setdefault(column, {})[source] = target
    return out


def untranslated(mapping: Mapping, headers: list[str], samples: list[list]) -> list[tuple[str, str, str]]:
    """(§3 column, office value, proposed §3 value or "") for values of choice columns that are
    not one of the choices — the rows the translations table starts with."""
    out = []
    for header, values in zip(headers, samples):
        key = mapping.columns.get(header)
        if not key:
            continue
        target = f.BY_KEY[key]
        column = BY_NAME[target.sheet].by_name.get(target.column)
        if column is None or not column.choices:
            continue
        table = mapping.translation(target.column)
        folded = {search_fold(k): v for k, v in table.items()}
        seen = set()
        for value in values:
            text = _shown(value)
            if not text or text in column.choices or text in seen:
                continue
            seen.add(text)
            out.append((target.column, text, folded.get(search_fold(text), "")))
    return out


def choices_hint(columns: list[str]) -> str:
    """The allowed values of the columns the translations table holds (shown above it)."""
    parts = []
    for column in dict.fromkeys(columns):
        spec = next((s.by_name[column] for s in BY_NAME.values() if column in s.by_name), None)
        if spec is not None and spec.choices:
            parts.append(f"{column}: {', '.join(spec.choices)}")
    allowed = f" Erlaubt sind – {' · '.join(parts)}." if parts else ""
    return ("Werte der Liste, die KitaDesk so nicht kennt, und was sie in KitaDesk heißen (leer = unverändert "
            "übernehmen; ein unbekannter Wert wird bei der Prüfung gemeldet)." + allowed)
