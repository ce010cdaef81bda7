"""Tab "Elternbeiträge" (issue 14.1, R-E1..R-E3): the month's fee list for the city treasury
(`kitadesk beitraege`) on the screen — month, table, the "Warum?" of the selected child's amount —
and the export to xlsx through ops.fees.export_fee_list (rights and audit live there)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QFileDialog, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from kitadesk.formats import day, money
from kitadesk.ops.fees import export_fee_list, fee_explanations, fee_list
from kitadesk.ui.tasks import run_task
from kitadesk.ui.views.letters_common import TipModel, button, col, column, current_row, label, row, table


def _amount(value) -> str:
    return money(value) if value is not None else "offen"


class FeeModel(TipModel):
    COLUMNS = (
        col("Familie_Nr", lambda r: r.family_nr, 86), col("Kind", lambda r: f"{r.name}, {r.vorname} ({r.child_nr})", 210),
        col("Stufe", lambda r: "" if r.stufe is None else str(r.stufe), 150),
        col("Band", lambda r: "" if r.band is None else str(r.band), 110),
        col("Beitrag", lambda r: _amount(r.fee), 90, lambda r: r.fee),
        col("Ermäßigung", lambda r: money(r.waiver) if r.waiver else "", 90, lambda r: r.waiver),
        col("Zahlbetrag", lambda r: _amount(r.amount_due), 90, lambda r: r.amount_due),
        col("Änderung", lambda r: r.change, 80),
    )
    TIPS = {1: lambda r: f"Sorgeberechtigte: {r.guardians}", 2: lambda r: "" if r.stufe is None else str(r.stufe)}

    def search_text(self, row) -> str:
        return f"{row.family_nr} {row.child_nr} {row.name} {row.vorname}"


def explain(result) -> str:
    """The "Warum?" text of one child's fee (from the domain's explanation, not computed here)."""
    if result is None:
        return "Keine Berechnung für diesen Monat (Betreuung beendet)."
    lines = [result.why]
    if result.fehlt:
        lines.append(f"Fehlt: {result.fehlt}")
    for line in result.lines:
        lines.append(f"• {line.position} {day(line.von)}–{day(line.bis)}: {money(line.amount)} – {line.why}")
    if result.geschwister:
        lines.append(f"Geschwister: {result.geschwister}")
    return "\n".join(lines)


def _load(control, store, user, year, month):
    return (year, month), fee_list(store, user, year, month), fee_explanations(store, user, year, month)


class FeeListTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self.explanations: dict = {}
        self.tasks: dict[str, object] = {}
        today = ctx.today()
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setDisplayFormat("MM.yyyy")
        self.month.setToolTip("Monat der Beitragsliste")
        self.month.dateChanged.connect(self.reload)
        self.export_button = button("Als xlsx exportieren …", self.export, "Die Beitragsliste für die Stadtkasse", False)
        self.model = FeeModel()
        self.view = table(self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_why())
        self.why_title = QLabel("Warum?")
        self.why_title.setObjectName("sectionTitle")
        self.why = label("Bitte ein Kind auswählen.")
        self.why.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.why)
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.why_title)
        layout.addWidget(scroll, 1)
        split = QSplitter()
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        split.setSizes([900, 380])
        self.warnings, self.status = label(""), label("")
        self.warnings.hide()
        column(self, row("Monat", self.month, button("Aktualisieren", self.reload), None, self.export_button),
               self.warnings, split, self.status)

    def activate(self) -> None:
        if not self.loaded:
            self.reload()

    def period(self) -> tuple[int, int]:
        d = self.month.date()
        return d.year(), d.month()

    def reload(self) -> None:
        self.loaded = True
        self.status.setText("Beitragsliste wird berechnet …")
        handle = self.tasks["load"] = run_task(_load, self.ctx.store, self.ctx.user, *self.period())
        handle.finished.connect(self._loaded)
        handle.failed.connect(self._failed)

    def _loaded(self, result) -> None:
        period, fees, explanations = result
        if period != self.period():
            return  # the month changed meanwhile
        self.explanations = explanations
        self.model.set_rows(fees.rows)
        self.warnings.setText("\n".join(fees.warnings))
        self.warnings.setVisible(bool(fees.warnings))
        changed = sum(1 for r in fees.rows if r.change)
        self.status.setText(f"Beitragsliste {period[1]:02d}/{period[0]}: {len(fees.rows)} Kinder, {changed} Änderungen "
                            "gegenüber dem Vormonat.")
        self.export_button.setEnabled(bool(fees.rows))
        if fees.rows:
            self.view.selectRow(0)

    def _failed(self, exc) -> None:
        self.status.setText(f"Fehler: {getattr(exc, 'message', None) or exc}")

    def show_why(self) -> None:
        fee = current_row(self.view)
        if fee is None:
            return
        self.why_title.setText(f"Warum {_amount(fee.amount_due)}? – {fee.vorname} {fee.name} ({fee.child_nr})")
        self.why.setText(explain(self.explanations.get(fee.child_nr)))

    def export(self, path: str | None = None) -> str | None:
        year, month = self.period()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Beitragsliste exportieren", f"Beitragsliste_{year}-{month:02d}.xlsx",
                                                  "Excel-Arbeitsmappen (*.xlsx)")
            if not path:
                return None
        from kitadesk.errors import KitaDeskError

        try:
            export_fee_list(self.ctx.store, self.ctx.user, year, month, path)
        except KitaDeskError as exc:
            self.status.setText(f"Nicht exportiert: {exc.message}")
            return None
        self.status.setText(f"Beitragsliste {month:02d}/{year} gespeichert: {path}")
        return path
