"""The record tabs of the carer form (issue 14 item 1): a table (model/view with the table tools)
with Neu / Bearbeiten / Löschen, and a small form dialog per record (RecordForm: Enter saves,
Esc asks). Writes go through ops.records.carer_records (rights, audit, the domain rules)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.rules.carer_records import CarerFacts
from kitadesk.errors import ConcurrentChange, KitaDeskError
from kitadesk.ops import reads
from kitadesk.ops.queries.carer_records import RecordRow, record_rows
from kitadesk.ops.records.carer_records import delete_carer_record, record_problems, save_carer_record
from kitadesk.ui.context import AppContext
from kitadesk.ui.forms.base import RecordForm
from kitadesk.ui.forms.carer_record_specs import SPECS, FieldSpec, KindSpec, status_of
from kitadesk.ui.models.base import Column, RowTableModel
from kitadesk.ui.widgets.fields import DateField, DecimalField
from kitadesk.ui.widgets.record_table import fit_columns, record_table
from kitadesk.ui.widgets.table_tools import TableTools


class RecordModel(RowTableModel):
    """Rows of one kind of carer record (or the carer's placements), columns given per instance;
    `status(row)` adds a coloured Status column (abgelaufen red, läuft ab amber)."""

    def __init__(self, columns: tuple[Column, ...], parent=None, status: Callable[[Any], str] | None = None):
        self.status = status
        self.COLUMNS = columns + ((Column("Status", status, status),) if status is not None else ())
        super().__init__((), parent)

    def search_text(self, row) -> str:
        return " ".join(c.display(row) for c in self.COLUMNS)

    def tone(self, row) -> str | None:
        text = self.status(row) if self.status is not None else ""
        return "bad" if text == "abgelaufen" else "warn" if text == "läuft ab" else None

    def cell(self, row_number: int, column: int, role):
        if role == Qt.ItemDataRole.ToolTipRole:
            return None  # the base shows `row.status`; the Status column says it all
        return super().cell(row_number, column, role)


def _widget(spec: FieldSpec) -> QWidget:
    if spec.kind == "date":
        return DateField()
    if spec.kind in ("decimal", "money"):
        return DecimalField(places=2 if spec.kind == "money" else None)
    if spec.kind == "int":
        spin = QSpinBox()
        spin.setRange(0, 20)
        spin.setValue(spec.default or 0)
        spin.setMaximumWidth(80)
        return spin
    if spec.kind == "text":
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)  # Tab leaves the field (every control reachable by Tab)
        edit.setMinimumHeight(90)
        return edit
    if spec.kind in ("choice", "pick"):
        combo = QComboBox()
        combo.setEditable(spec.kind == "pick")
        for item in spec.choices:
            value, text = item if isinstance(item, tuple) else (item, item)
            combo.addItem(text, value)
        if spec.kind == "pick":
            combo.setCurrentIndex(-1)
            combo.setMinimumWidth(260)
        return combo
    return RecordForm.line(200)


class CarerRecordForm(RecordForm):
    """New or changed record of one kind for one carer; the domain rule's messages at the fields."""

    def __init__(self, ctx: AppContext, kind: str, carer_id: int, carer_srt: str, facts: CarerFacts,
                 row: RecordRow | None = None, parent=None):
        self.spec: KindSpec = SPECS[kind]
        super().__init__(ctx, self.spec.title, parent)
        self.kind, self.carer_id, self.facts = kind, carer_id, facts
        self.others: list[tuple[date, date | None]] = []
        self.record_id = row.id if row else None
        self.version = row.version if row else None
        box, form = self.group(self.spec.title)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addStretch(1)
        for field in self.spec.fields:
            self.add_field(form, field.name, field.label, _widget(field), field.hint)
        self.setWindowTitle(f"{self.spec.title.split(' (')[0]} {'bearbeiten' if row else 'neu'}")
        if row is not None:
            self.fill(row.values)
        if kind == "nachweis":  # R-G4: the kind of old-age provision belongs to Alterssicherung only
            art = self.boxes["art"].field
            if isinstance(art, QComboBox):
                art.currentIndexChanged.connect(self._alter_art_enabled)
            self._alter_art_enabled()
        self.resize(520, 120 + 44 * len(self.spec.fields))
        self.apply_edit_right(carer_srt)
        first = self.boxes[self.spec.fields[0].name].field
        first.setFocus()

    def _alter_art_enabled(self, *_args) -> None:
        art, alter_art = self.boxes["art"].field, self.boxes["alter_art"].field
        if isinstance(art, QComboBox) and isinstance(alter_art, QComboBox):
            is_alter = art.currentData() == "alter"
            if not is_alter:
                alter_art.setCurrentIndex(alter_art.findData(""))
            alter_art.setEnabled(is_alter and not self.read_only)  # chosen by the user: it decides the refund

    def fill(self, values: dict[str, Any]) -> None:
        self._filling = True
        try:
            for name, box in self.boxes.items():
                _set(box.field, values.get(name), name, values)
        finally:
            self._filling = False
        self.validate()

    def read(self, name: str, problems: dict[str, str]):
        widget = self.boxes[name].field
        if isinstance(widget, QComboBox) and widget.isEditable():
            return widget.currentText().strip()
        return super().read(name, problems)

    def collect(self, problems: dict[str, str]) -> dict[str, Any]:
        return {name: self.read(name, problems) for name in self.boxes}

    def problems(self, data) -> dict[str, str]:
        return record_problems(self.kind, data, self.facts, self.ctx.today(), self.others)

    def show_refusal(self, exc: KitaDeskError) -> None:
        """The operation's refusal in the banner and at the field it names ('Datum: …' or 'datum: …')."""
        self.banner.show_message(str(exc))
        names = {f.label: f.name for f in self.spec.fields} | {f.name: f.name for f in self.spec.fields}
        per_field = {}
        for problem in getattr(exc, "problems", []):
            label, _, text = problem.partition(": ")
            if label in names:
                per_field[names[label]] = text
        if per_field:
            self.show_problems(per_field)

    def load(self) -> None:
        """After a concurrent change: the stored record again (gone → the form closes)."""
        rows = {r.id: r for r in reads.query(self.ctx.store, self.ctx.user, record_rows, self.kind, self.carer_id)}
        row = rows.get(self.record_id or -1)
        if row is None:
            self.reject()
            return
        self.version = row.version
        self.fill(row.values)

    def save(self):
        return save_carer_record(self.ctx.store, self.ctx.user, self.kind, self.carer_id, self.collect({}),
                                 self.record_id, self.version, self.ctx.today())


def _set(widget: QWidget, value: Any, name: str, values: dict[str, Any]) -> None:
    if isinstance(widget, (DateField, DecimalField)):
        widget.set_value(value)
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or 0))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QComboBox):
        if name == "alter_art" and values.get("art") != "alter":
            value = ""  # stored placeholder of a proof that is no Alterssicherung
        index = widget.findData(value)
        if widget.isEditable() and index < 0:
            widget.setEditText(value or "")
        else:
            widget.setCurrentIndex(max(index, 0))
    else:
        widget.setText(value or "")  # type: ignore[attr-defined]


class RecordTab(QWidget):
    """Table of one kind of record + Neu / Bearbeiten / Löschen (read-only: only the table)."""

    changed = Signal(str)  # kind, after a save or delete

    def __init__(self, ctx: AppContext, kind: str, columns: tuple[Column, ...] | None = None,
                 title: str = "", parent=None):
        super().__init__(parent)
        self.ctx, self.kind = ctx, kind
        self.spec = SPECS[kind]
        self.carer_id: int | None = None
        self.carer_srt = ""
        self.facts = CarerFacts()
        self.read_only = False
        self.form: CarerRecordForm | None = None
        today = ctx.today()
        until = self.spec.until
        self.model = RecordModel(columns or self.spec.columns, self,
                                 (lambda row: status_of(row.get(until), today)) if until else None)
        # dated history: the latest on top; kinds of documents and proofs A–Z (a click on a header sorts)
        self.table = record_table(self.model, parent=self, sort=(0, Qt.SortOrder.DescendingOrder
                                                                 if self.spec.newest_first else Qt.SortOrder.AscendingOrder))
        self.tools = TableTools(self.table, title or self.spec.title.split(" (")[0], export=self._export,
                                open_row=lambda row: self.edit())
        self.table.activated.connect(lambda _index: self.edit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        what = self.spec.title.split(" (")[0]
        self.new_button = QPushButton("Neu …")
        self.new_button.setToolTip(f"{what} erfassen")
        self.edit_button = QPushButton("Bearbeiten …")
        self.delete_button = QPushButton("Löschen")
        self.new_button.clicked.connect(self.new)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def set_carer(self, carer_id: int, srt: str, facts: CarerFacts, read_only: bool) -> None:
        self.carer_id, self.carer_srt, self.facts, self.read_only = carer_id, srt, facts, read_only
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.setVisible(not read_only)

    def set_rows(self, rows: list[RecordRow]) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table)

    def reload(self) -> None:
        if self.carer_id is None:
            return
        self.set_rows(reads.query(self.ctx.store, self.ctx.user, record_rows, self.kind, self.carer_id, self.carer_srt))

    def current_row(self) -> RecordRow | None:
        index = self.table.currentIndex()
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}) or \
            ([index.row()] if index.isValid() else [])
        return self.model.row_at(rows[0]) if rows else None

    def _open(self, row: RecordRow | None) -> None:
        if self.carer_id is None:
            return
        form = CarerRecordForm(self.ctx, self.kind, self.carer_id, self.carer_srt, self.facts, row, self)
        if self.kind == "vertretungsplatz":
            form.others = [(r.get("vertretungsplatz_von"), r.get("vertretungsplatz_bis"))
                           for r in self.model.rows() if row is None or r.id != row.id]
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._saved)
        self.form = form
        form.open()

    def new(self) -> None:
        if not self.read_only:
            self._open(None)

    def edit(self) -> None:
        row = self.current_row()
        if row is not None:
            self._open(row)

    def delete(self) -> None:
        row = self.current_row()
        if row is None or self.read_only or self.carer_id is None:
            return
        what = self.spec.title.split(" (")[0]
        summary = " – ".join(filter(None, (c.display(row) for c in self.model.COLUMNS[:3])))
        if QMessageBox.question(self, f"{what} löschen?", f"{what} „{summary}“ wirklich löschen?",
                                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        carer_id = self.carer_id
        self.run(lambda: delete_carer_record(self.ctx.store, self.ctx.user, self.kind, carer_id, row.id, row.version))

    def run(self, action: Callable) -> None:
        try:
            change = action()
        except (ConcurrentChange, KitaDeskError) as exc:
            QMessageBox.warning(self, "Nicht gespeichert", str(exc))
            self.reload()
            return
        self.ctx.bus.notify(change.entities)
        self._saved(change)

    def _saved(self, change) -> None:
        self.reload()
        row = self.model.row_of_id(change.id)
        if row >= 0:
            self.table.selectRow(row)
        self.changed.emit(self.kind)

    def _export(self, path, header, rows):
        from kitadesk.ops.list_export import export_list

        return export_list(self.ctx.store, self.ctx.user, path, self.tools.title, header, rows)
