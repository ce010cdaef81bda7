"""Tab "Elternbeiträge" (issue 14.1, R-E1..R-E3): the month's fee list for the city treasury
(`kitadesk beitraege`) on the screen — month, table, the "Warum?" of the selected child's amount —
and the export to xlsx through ops.fees.export_fee_list (rights and audit live there). Both run in a
worker process (issue 17.2: 4 s and 2.5 s CPU at 10×, bench/bench_fee_list.py)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QFileDialog, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from kitadesk.formats import day, money
from kitadesk.ops.fees import export_fee_list, fee_screen
from kitadesk.ui.process_child import store_op
from kitadesk.ui.tasks import TaskHandle, run_in_process
from kitadesk.ui.views.letters_common import TipModel, button, col, column, current_row, label, row, srt_box, table


def _amount(value) -> str:
    return money(value) if value is not None else "offen"


class FeeModel(TipModel):
    COLUMNS = (
        col("Familie_Nr", lambda r: r.family_nr, 86), col("Kind", lambda r: f"{r.name}, {r.vorname} ({r.child_nr})", 190),
        col("Stufe", lambda r: "" if r.stufe is None else str(r.stufe), 196),
        col("Band", lambda r: "" if r.band is None else str(r.band), 86),
        col("Beitrag", lambda r: _amount(r.fee), 90, lambda r: r.fee),
        col("Ermäßigung", lambda r: money(r.waiver) if r.waiver else "", 90, lambda r: r.waiver),
        col("Zahlbetrag", lambda r: _amount(r.amount_due), 90, lambda r: r.amount_due),
        col("Änderung", lambda r: r.change, 80),
    )
    TIPS = {1: lambda r: f"Sorgeberechtigte: {r.guardians}", 2: lambda r: "" if r.stufe is None else str(r.stufe)}

    def search_text(self, row) -> str:
        return f"{row.family_nr} {row.child_nr} {row.name} {row.vorname}"


def explain(result, listed: bool = True) -> str:
    """The "Warum?" text of one child's fee (from the domain's explanation, not computed here);
    None: masked (income of another SRT) or no care this month."""
    if result is None:
        return ("Einkommen und Stufe sind nur für das eigene SRT sichtbar (Recht „IBAN und Einkommen einsehen“)."
                if listed else "Keine Berechnung für diesen Monat (Betreuung beendet).")
    lines = [result.why]
    if result.fehlt:
        lines.append(f"Fehlt: {result.fehlt}")
    for line in result.lines:
        if line.why in result.why:
            continue  # already said
        lines.append(f"• {line.position} {day(line.von)}–{day(line.bis)}: {money(line.amount)} – {line.why}")
    if result.geschwister:
        lines.append(f"Geschwister: {result.geschwister}")
    return "\n".join(lines)


class FeeListTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self.explanations: dict = {}
        self.tasks: dict[str, object] = {}
        self.exported: str | None = None  # the last workbook written
        today = ctx.today()
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setDisplayFormat("MM.yyyy")
        self.month.setToolTip("Monat der Beitragsliste")
        self.month.dateChanged.connect(self.reload)
        self.srt = srt_box(ctx.srt)
        self.srt.setToolTip("Kinder dieses SRT (die Ausfuhr enthält immer alle Kinder des Monats)")
        self.srt.currentIndexChanged.connect(self._show)
        self.fees = None
        self.srt_of: dict[str, str] = {}
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
        column(self, row("Monat", self.month, self.srt, button("Aktualisieren", self.reload), None, self.export_button),
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
        period = self.period()
        handle = self.tasks["load"] = run_in_process(store_op, fee_screen, self.ctx.store.url, self.ctx.user, *period,
                                                     then=lambda _control, result: (period, *result))
        handle.finished.connect(self._loaded)
        handle.failed.connect(self._failed)

    def _loaded(self, result) -> None:
        period, fees, explanations, srt_of = result
        if period != self.period():
            return  # the month changed meanwhile
        self.fees, self.explanations, self.srt_of = fees, explanations, srt_of
        self.warnings.setText("\n".join(fees.warnings))
        self.warnings.setVisible(bool(fees.warnings))
        self.export_button.setEnabled(bool(fees.rows))
        self._show()

    def _show(self) -> None:
        """The loaded list, filtered by the chosen SRT."""
        if self.fees is None:
            return
        srt = self.srt.currentData()
        rows = [r for r in self.fees.rows if srt is None or self.srt_of.get(r.child_nr) == srt]
        self.model.set_rows(rows)
        changed = sum(1 for r in rows if r.change)
        year, month = self.fees.info.year, self.fees.info.month
        self.status.setText(f"Beitragsliste {month:02d}/{year}, {self.srt.currentText()}: {len(rows)} Kinder, "
                            f"{changed} Änderungen gegenüber dem Vormonat (Ausfuhr: alle {len(self.fees.rows)} Kinder).")
        if rows:
            self.view.selectRow(0)

    def _failed(self, exc) -> None:
        self.status.setText(f"Fehler: {getattr(exc, 'message', None) or exc}")

    def show_why(self) -> None:
        fee = current_row(self.view)
        if fee is None:
            return
        self.why_title.setText(f"Warum {_amount(fee.amount_due)}? – {fee.vorname} {fee.name} ({fee.child_nr})")
        self.why.setText(explain(self.explanations.get(fee.child_nr), fee.child_nr in self.explanations))

    def export(self, path: str | None = None) -> TaskHandle | None:
        """The treasury workbook in a worker process (None: no file chosen)."""
        year, month = self.period()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Beitragsliste exportieren", f"Beitragsliste_{year}-{month:02d}.xlsx",
                                                  "Excel-Arbeitsmappen (*.xlsx)")
            if not path:
                return None
        self.status.setText(f"Beitragsliste {month:02d}/{year} wird gespeichert …")
        handle = self.tasks["export"] = run_in_process(store_op, export_fee_list, self.ctx.store.url, self.ctx.user,
                                                       year, month, path, then=lambda _control, _fees: (year, month, path))
        handle.finished.connect(self._exported)
        handle.failed.connect(self._export_failed)
        return handle

    def _exported(self, done: tuple[int, int, str]) -> None:
        year, month, path = done
        self.exported = path
        self.status.setText(f"Beitragsliste {month:02d}/{year} gespeichert: {path}")

    def _export_failed(self, exc) -> None:
        self.status.setText(f"Nicht exportiert: {getattr(exc, 'message', None) or exc}")
