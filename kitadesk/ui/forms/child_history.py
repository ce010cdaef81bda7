"""The child form's "Verlauf" tab (issue 14.1, R-K2, R-E2, R-E3): the dated values as a history
— status (besonderer Bedarf, LVR-Inklusionshilfe, beitragsfrei), the family's income,
waivers (Ermäßigungen) — each with a line to add a NEW dated entry (never an overwrite, like
the import's Gültig_ab rows), and the family's siblings in a Kita. Writes go through
kitadesk.ops.records.child_history (rights, rules, audit); refusals show in the form's banner."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kitadesk.errors import KitaDeskError
from kitadesk.formats import day, money
from kitadesk.ops.records import child_history as ops
from kitadesk.ui.context import AppContext
from kitadesk.ui.widgets.fields import DateField, DecimalField

HIDDEN = "nur für das eigene SRT sichtbar"


def _table(headers: tuple[str, ...], rows: int = 4) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    row_height = table.fontMetrics().height() + 8
    table.verticalHeader().setDefaultSectionSize(row_height)
    table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + rows * row_height + 4)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], right: tuple[int, ...] = ()) -> None:
    table.setRowCount(len(rows))
    for i, cells in enumerate(rows):
        for j, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if j in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(i, j, item)
    table.resizeColumnsToContents()


def _yes(flag: bool) -> str:
    return "ja" if flag else "nein"


class ChildHistoryTab(QWidget):
    """`report(text, kind)` shows a message in the form's banner; `changed()` after each write."""

    def __init__(self, ctx: AppContext, child_id: int, report: Callable[[str, str], None],
                 changed: Callable[[], None], parent=None):
        super().__init__(parent)
        self.ctx, self.child_id, self.report, self.changed = ctx, child_id, report, changed
        self.history: ops.ChildHistory | None = None
        layout = QVBoxLayout(self)

        box = QGroupBox("Status (R-K2) – jeder Eintrag gilt ab seinem Datum")
        v = QVBoxLayout(box)
        self.statuses = _table(("Gültig ab", "Besonderer Bedarf", "LVR-Inklusionshilfe", "Beitragsfrei",
                                "Erfasst von", "Erfasst am"))
        v.addWidget(self.statuses)
        row = QHBoxLayout()
        self.status_ab = DateField()
        self.besonderer_bedarf = QCheckBox("Besonderer Bedarf")
        self.lvr = QCheckBox("LVR-Inklusionshilfe")
        self.beitragsfrei = QCheckBox("Beitragsfrei")
        self.add_status = QPushButton("Neuer Eintrag")
        self.add_status.clicked.connect(self._add_status)
        for widget in (QLabel("Gültig ab:"), self.status_ab, self.besonderer_bedarf, self.lvr, self.beitragsfrei):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.add_status)
        v.addLayout(row)
        layout.addWidget(box)

        box = QGroupBox("Jahreseinkommen der Familie (R-E1, R-E3)")
        v = QVBoxLayout(box)
        self.family_label = QLabel()
        self.family_label.setStyleSheet("color: #555;")
        v.addWidget(self.family_label)
        self.incomes = _table(("Gültig ab", "Jahreseinkommen", "Erfasst von", "Erfasst am"), rows=3)
        v.addWidget(self.incomes)
        row = QHBoxLayout()
        self.income_ab = DateField()
        self.income = DecimalField(places=2)
        self.income.setPlaceholderText("leer = keine Erklärung")
        self.income.setMinimumWidth(190)
        self.income.setMaximumWidth(220)
        self.add_income = QPushButton("Neues Einkommen")
        self.add_income.clicked.connect(self._add_income)
        for part in (QLabel("Gültig ab:"), self.income_ab, QLabel("Jahreseinkommen (€):"), self.income):
            row.addWidget(part)
        row.addStretch(1)
        row.addWidget(self.add_income)
        v.addLayout(row)
        row = QHBoxLayout()
        self.kita = QSpinBox()
        self.kita.setRange(0, 20)
        self.save_kita = QPushButton("Übernehmen")
        self.save_kita.clicked.connect(self._save_kita)
        row.addWidget(QLabel("Geschwister in einer Kita (für die ganze Familie):"))
        row.addWidget(self.kita)
        row.addWidget(self.save_kita)
        row.addStretch(1)
        v.addLayout(row)
        layout.addWidget(box)

        box = QGroupBox("Ermäßigungen des Elternbeitrags (R-E2) – frühestens ab dem Antrag")
        v = QVBoxLayout(box)
        self.waivers = _table(("Prozent", "ab", "Antrag vom", "bis", "Erfasst von"), rows=2)
        v.addWidget(self.waivers)
        row = QHBoxLayout()
        self.prozent = DecimalField(places=2)
        self.prozent.setMaximumWidth(90)
        self.waiver_ab = DateField()
        self.antrag_vom = DateField()
        self.add_waiver = QPushButton("Neue Ermäßigung")
        self.add_waiver.clicked.connect(self._add_waiver)
        for item in (QLabel("Prozent:"), self.prozent, QLabel("ab:"), self.waiver_ab, QLabel("Antrag vom:"),
                     self.antrag_vom):
            row.addWidget(item)
        row.addStretch(1)
        row.addWidget(self.add_waiver)
        v.addLayout(row)
        layout.addWidget(box)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        h = self.history = ops.child_history(self.ctx.store, self.ctx.user, self.child_id)
        _fill(self.statuses, [(day(st.gueltig_ab), _yes(st.besonderer_bedarf), _yes(st.lvr_inklusionshilfe),
                               _yes(st.beitragsfrei), st.erfasst_von, _stamp(st.erfasst_am)) for st in h.statuses])
        hidden = h.incomes is None
        _fill(self.incomes, [] if h.incomes is None else [
            (day(i.gueltig_ab), money(i.jahreseinkommen) if i.jahreseinkommen is not None else "keine Erklärung",
             i.erfasst_von, _stamp(i.erfasst_am)) for i in h.incomes], right=(1,))
        for w in (self.income_ab, self.income, self.add_income):
            w.setEnabled(not hidden and bool(h.familie_nr))
        self.family_label.setText(
            HIDDEN if hidden else f"Familie {h.familie_nr} – das Einkommen gilt für alle Geschwister."
            if h.familie_nr else "Keine Familien-Nr. erfasst – bitte zuerst im Reiter „Kind“ eintragen.")
        self.kita.setValue(h.geschwister_in_kita)
        self.kita.setEnabled(bool(h.familie_nr))
        self.save_kita.setEnabled(bool(h.familie_nr))
        _fill(self.waivers, [(f"{w.prozent.normalize():f} %".replace(".", ","), day(w.ab), day(w.antrag_vom),
                              day(w.bis), w.erfasst_von) for w in h.waivers], right=(0,))

    def set_read_only(self) -> None:
        for w in (self.add_status, self.add_income, self.add_waiver, self.save_kita):
            w.setEnabled(False)

    # -- writes
    def _write(self, action: Callable, done: str) -> bool:
        try:
            action()
        except (KitaDeskError, ValueError) as exc:
            self.report(str(exc), "error")
            return False
        self.report(done, "info")
        self.load()
        self.changed()
        return True

    def _add_status(self) -> None:
        if self._write(lambda: ops.add_child_status(self.ctx.store, self.ctx.user, self.child_id,
                                                    self.status_ab.value(), self.besonderer_bedarf.isChecked(),
                                                    self.lvr.isChecked(), self.beitragsfrei.isChecked()),
                       "Status als neuer Eintrag gespeichert."):
            self.status_ab.set_value(None)

    def _add_income(self) -> None:
        if self._write(lambda: ops.add_family_income(self.ctx.store, self.ctx.user, self.child_id,
                                                     self.income_ab.value(), self.income.value()),
                       "Einkommen als neuer Eintrag gespeichert."):
            self.income_ab.set_value(None)
            self.income.set_value(None)

    def _add_waiver(self) -> None:
        if self._write(lambda: ops.add_waiver(self.ctx.store, self.ctx.user, self.child_id, self.prozent.value(),
                                              self.waiver_ab.value(), self.antrag_vom.value()),
                       "Ermäßigung gespeichert."):
            for w in (self.waiver_ab, self.antrag_vom):
                w.set_value(None)
            self.prozent.set_value(None)

    def _save_kita(self) -> None:
        self._write(lambda: ops.set_kita_siblings(self.ctx.store, self.ctx.user, self.child_id, self.kita.value(),
                                                  self.ctx.today()),
                    "Geschwister in Kita gespeichert.")


def _stamp(when) -> str:
    return when.strftime("%d.%m.%Y %H:%M") if when else ""
