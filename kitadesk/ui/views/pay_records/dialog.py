"""The lists of payout inputs (one tab per kind) with Neu / Bearbeiten / Löschen, for one carer
or for a month of the user's SRT ("Eingaben des Monats" of the payout page). Tables have the
office habits of table_tools (context menu, Strg+C, Excel export, multi-select)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.errors import KitaDeskError
from kitadesk.ops import reads
from kitadesk.ops.queries.pay_inputs import Scope, absence_rows, meldung_rows, sonder_rows
from kitadesk.ops.records import pay_inputs as ops
from kitadesk.ui.context import AppContext
from kitadesk.ui.rights import gate
from kitadesk.ui.views.pay_records.forms import AbsenceForm, MeldungForm, PayInputForm, SonderForm
from kitadesk.ui.views.pay_records.table_models import AbsenceModel, MeldungModel, SonderModel
from kitadesk.ui.widgets.record_table import filtered_table
from kitadesk.ui.widgets.table_tools import TableTools


@dataclass(frozen=True)
class Kind:
    key: str  # as in KINDS
    entity: str  # ops Change entity
    title: str
    model: type
    rows: Callable
    form: type[PayInputForm]


KIND_LIST = (
    Kind("abwesenheiten", ops.ABSENCE, "Abwesenheiten", AbsenceModel, absence_rows, AbsenceForm),
    Kind("monatsmeldungen", ops.MELDUNG, "Monatsmeldungen", MeldungModel, meldung_rows, MeldungForm),
    Kind("sonderbetraege", ops.SONDER, "Sonderbeträge", SonderModel, sonder_rows, SonderForm),
)
BY_KEY = {k.key: k for k in KIND_LIST}


class RecordList(QWidget):
    def __init__(self, ctx: AppContext, kind: Kind, scope: Scope, parent=None):
        super().__init__(parent)
        self.ctx, self.kind, self.scope = ctx, kind, scope
        self.current_form: PayInputForm | None = None
        self.model = kind.model()
        self.proxy, self.table = filtered_table(self.model, self, stretch=len(self.model.COLUMNS) - 1)
        self.tools = TableTools(self.table, kind.title, export=self._export, open_row=self.edit_row,
                                status=self._tell)
        self.table.activated.connect(lambda index: self.edit_row(index.row()))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Suchen: Name, Nr. …")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.new_button = QPushButton("Neu …")
        self.edit_button = QPushButton("Bearbeiten …")
        self.delete_button = QPushButton("Löschen …")
        self.export_button = QPushButton("Exportieren (Excel) …")
        self.new_button.clicked.connect(self.new)
        self.edit_button.clicked.connect(lambda: self.edit_row(self.table.currentIndex().row()))
        self.delete_button.clicked.connect(self.ask_delete)
        self.export_button.clicked.connect(self.tools.ask_export)
        self.count = QLabel()
        if kind.entity == ops.SONDER:  # R-G11: disabled with "Nur die Leitung darf …" without the right
            for button in (self.new_button, self.delete_button):
                gate(button, ctx.actor, "einzelfallbetrag")
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for button in (self.new_button, self.edit_button, self.delete_button, self.export_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        ctx.bus.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(reads.query(self.ctx.store, self.ctx.user, self.kind.rows, self.scope))
        n = self.model.rowCount()
        self.count.setText(f"{n} {self.kind.title}" if n != 1 else f"1 Eintrag ({self.kind.title})")

    def _on_changed(self, entities) -> None:
        if self.kind.entity in entities or "carer" in entities or "child" in entities:
            self.reload()

    def preset(self) -> dict:
        s = self.scope
        values: dict = {"carer_id": s.carer_id}
        if s.year is not None and s.month is not None:
            values.update(monat=f"{s.year:04d}-{s.month:02d}", von=date(s.year, s.month, 1))
        return values

    def new(self) -> PayInputForm:
        form = self.kind.form(self.ctx, None, self)
        form.start(**self.preset())
        return self._show(form)

    def edit_row(self, proxy_row: int) -> None:
        row = self.proxy.row_object(proxy_row) if proxy_row >= 0 else None
        if row is None:
            return
        form = self.kind.form(self.ctx, row.id, self)
        form.start()
        self._show(form)

    def _show(self, form: PayInputForm) -> PayInputForm:
        self.current_form = form
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.open()
        return form

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.row_object(r).id for r in rows]

    def ask_delete(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self._tell("Bitte zuerst Zeilen markieren.")
            return
        answer = QMessageBox.question(self, "Löschen", f"{len(ids)} {self.kind.title} löschen?\n\n"
                                      "Ist der Monat schon abgeschlossen, wird die Änderung im nächsten offenen "
                                      "Lauf als Korrektur gebucht.")
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(ids)

    def delete(self, ids: list[int]) -> bool:
        try:
            change = ops.delete_pay_inputs(self.ctx.store, self.ctx.user, self.kind.entity, ids)
        except KitaDeskError as exc:
            QMessageBox.warning(self, "Löschen", str(exc))
            return False
        self.ctx.bus.notify(change.entities)
        self._tell(f"{len(ids)} gelöscht.")
        return True

    def _export(self, path, header, rows):
        from kitadesk.ops.list_export import export_list

        return export_list(self.ctx.store, self.ctx.user, path, self.kind.title, header, rows)

    def _tell(self, text: str) -> None:
        self.count.setToolTip(text)
        window = self.window().parent() or self.window()
        bar = getattr(window, "statusBar", None)
        if bar is not None:
            bar().showMessage(text, 8000)


class PayRecordsDialog(QDialog):
    """Tabs Abwesenheiten / Monatsmeldungen / Sonderbeträge of one scope."""

    def __init__(self, ctx: AppContext, scope: Scope, title: str, kind: str = "abwesenheiten", parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.tabs = QTabWidget()
        self.lists = {k.key: RecordList(ctx, k, scope, self) for k in KIND_LIST}
        for k in KIND_LIST:
            self.tabs.addTab(self.lists[k.key], k.title)
        self.tabs.setCurrentWidget(self.lists[kind])
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        hint = QLabel("Änderungen wirken auf den Entwurf der Auszahlung (bitte neu berechnen). Ein abgeschlossener "
                      "Lauf bleibt unverändert – Änderungen seines Monats werden im nächsten Lauf korrigiert.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Schließen")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, hint):
            layout.addWidget(widget)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1000, 560)

    def list(self, kind: str) -> RecordList:
        return self.lists[kind]
