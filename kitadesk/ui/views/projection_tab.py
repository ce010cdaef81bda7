"""Tab "Hochrechnung" of Auswertungen (issue 20): the year ahead per month and SRT, a scenario
side by side with the base case; chart (finalized months solid, projected hatched), table,
Excel and PDF. Computed in a worker process (ui/tasks.run_in_process, projection_job.py) with progress."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import cast

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from kitadesk.domain.choices import SRTS
from kitadesk.domain.money import cents
from kitadesk.domain.projection import GESAMT, HOCHRECHNUNG, Projection, Scenario, compare
from kitadesk.errors import InputError
from kitadesk.formats import money
from kitadesk.ops.report_parts import MONTHS_SHORT
from kitadesk.ui.context import AppContext
from kitadesk.ui.tasks import run_in_process
from kitadesk.ui.views.projection_job import projection_job
from kitadesk.ui.views.statistics_tab import StatsTab
from kitadesk.ui.widgets.chart import BarChart, RowsModel, date_edit, pydate, table_view
from kitadesk.ui.widgets.chart import bar as _bar

ALL = "alle SRT"


def default_year(today: date) -> int:
    """From September the budget asks for next year."""
    return today.year + 1 if today.month >= 9 else today.year


def parse_amount(text: str, what: str) -> Decimal:
    try:
        return Decimal(text.strip().replace("%", "").replace("€", "").replace(".", "").replace(",", ".").strip())
    except InvalidOperation:
        raise InputError(f"{what}: „{text}“ ist keine Zahl (z. B. 1,5).") from None


class ProjectionTab(StatsTab):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        today = ctx.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(default_year(today))
        self.srt = QComboBox()
        self.srt.addItems([ALL, *SRTS])
        self.srt.currentIndexChanged.connect(self._srt_changed)
        go = QPushButton("Berechnen")
        go.clicked.connect(self.reload_in_background)
        self.xlsx_button, self.pdf_button = QPushButton("Als Excel …"), QPushButton("Als PDF …")
        self.xlsx_button.clicked.connect(lambda: self._ask("xlsx"))
        self.pdf_button.clicked.connect(lambda: self._ask("pdf"))
        jan = date(self.year.value(), 1, 1)
        self.rate_on, self.rate, self.rate_from = QCheckBox("Sätze +"), QLineEdit("1,5"), date_edit(jan)
        self.rand_on, self.rand, self.rand_from = QCheckBox("Randzeitzuschlag neu"), QLineEdit("1,60"), date_edit(jan)
        self.fee_on, self.fee_file = QCheckBox("Beitragstabelle aus Datei"), QLineEdit()
        self.fee_file.setPlaceholderText("Arbeitsmappe mit Blatt Beitragstabelle")
        pick = QPushButton("Datei …")
        pick.clicked.connect(self._pick_fee_file)
        self.extra_on, self.extra, self.extra_from = QCheckBox("zusätzliche Plätze je SRT"), QSpinBox(), date_edit(jan)
        self.extra.setRange(1, 500)
        for edit in (self.rate, self.rand):
            edit.setMaximumWidth(70)
        self.chart = BarChart("Auszahlung je Monat")
        self.model = RowsModel(("Monat", "Status", "Auszahlung", "Elternbeiträge", "Auszahlung\nSzenario",
                                "Differenz\nAuszahlung", "Elternbeiträge\nSzenario", "Differenz\nElternbeiträge"), self,
                               {i: money for i in range(2, 8)})
        view, _ = table_view(self.model, sortable=False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # the amounts share the width …
        for column in (0, 1):  # … after month and status ("Hochrechnung (Sätze unbestätigt)") in full
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table = view
        layout = QVBoxLayout(self)
        layout.addLayout(_bar("Jahr:", self.year, "SRT:", self.srt, go, None, self.xlsx_button, self.pdf_button))
        layout.addLayout(_bar("Szenario:", self.rate_on, self.rate, "% ab", self.rate_from, "  ", self.rand_on,
                              self.rand, "€ ab", self.rand_from, None))
        layout.addLayout(_bar("", self.fee_on, self.fee_file, pick, "  ", self.extra_on, self.extra, "ab",
                              self.extra_from, None))
        layout.addWidget(self.status)
        self.chart.setMinimumHeight(150)  # at 1366×768 the table's 12 months and the year stay in view
        layout.addWidget(self.chart, 1)
        layout.addWidget(view, 2)  # (at most as high as its rows: _fit_table)

    # ------------------------------------------------------------------ inputs
    def _pick_fee_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Beitragstabelle", str(Path.home()), "Excel (*.xlsx)")
        if path:
            self.fee_file.setText(path)
            self.fee_on.setChecked(True)

    def scenario(self) -> tuple[Scenario | None, str]:
        """(scenario without the fee file, fee file path or '') from the widgets; InputError if unreadable."""
        sc = Scenario()
        if self.rate_on.isChecked():
            sc = Scenario(rate_percent=parse_amount(self.rate.text(), "Sätze +"), rate_from=pydate(self.rate_from.date()))
        if self.rand_on.isChecked():
            sc = replace(sc, randzeit=cents(parse_amount(self.rand.text(), "Randzeitzuschlag")),
                         randzeit_from=pydate(self.rand_from.date()))
        if self.extra_on.isChecked():
            sc = replace(sc, extra_places=self.extra.value(), extra_from=pydate(self.extra_from.date()))
        fee_file = self.fee_file.text().strip() if self.fee_on.isChecked() else ""
        return (None if sc.empty and not fee_file else sc), fee_file

    def params(self) -> tuple:
        return (self.year.value(), *self.scenario())

    def query(self, year, scenario, fee_file, progress=None, cancel=None):  # worker thread
        from kitadesk.ops.projection import projection, with_fee_file

        if fee_file:
            scenario = with_fee_file(scenario, fee_file)
        return projection(self.ctx.store, self.ctx.user, year, scenario, self.ctx.today(), progress, cancel)

    def reload_in_background(self) -> None:
        try:
            params = self.params()
        except InputError as exc:
            self.status.setText(str(exc))
            return
        self.stale = False
        self.status.setText("Wird berechnet …")
        year, scenario, fee_file = params
        handle = self.loading = run_in_process(  # type: ignore[assignment]
            projection_job, self.ctx.store.url, self.ctx.user, year, scenario, fee_file, self.ctx.today(),
            parent=self, title="Hochrechnung", label=f"Hochrechnung {year} wird berechnet …")
        handle.finished.connect(self._loaded)  # methods of the tab: dropped with it (a late answer)
        handle.failed.connect(self._load_failed)
        handle.cancelled.connect(self._load_cancelled)

    # ------------------------------------------------------------------ output
    def shown_srt(self) -> str:
        return GESAMT if self.srt.currentText() == ALL else self.srt.currentText()

    def show_result(self, result) -> None:
        base, other = result
        srt = self.shown_srt()
        series = [("Basis", [f.payout for f in base.series(srt)])]
        if other is not None:
            series.append(("Szenario", [f.payout for f in other.series(srt)]))
        self.chart.hatched = {i for i, f in enumerate(base.series(srt)) if f.status == HOCHRECHNUNG}
        self.chart.set_data(MONTHS_SHORT, series, money=True,
                            title=f"Auszahlung je Monat {base.year} – {srt} (schraffiert = Hochrechnung)")
        rows = []
        for i, b in enumerate(base.series(srt)):
            status = b.status + (" (Sätze unbestätigt)" if b.unconfirmed_rates else "")
            row = [f"{b.month:02d}/{b.year}", status, b.payout, b.fees]
            if other is not None:
                s = other.series(srt)[i]
                row += [s.payout, s.payout - b.payout, s.fees, s.fees - b.fees]
            rows.append(tuple(row + [None] * (8 - len(row))))
        total = base.year_total(srt)
        last = ["Jahr", "", total.payout, total.fees]
        if other is not None:
            diff = compare(base, other, srt)[-1]
            last += [other.year_total(srt).payout, diff.payout, other.year_total(srt).fees, diff.fees]
        rows.append(tuple(last + [None] * (8 - len(last))))
        self.model.set_rows(rows, bold_last=True)
        self._fit_table()
        text = f"Hochrechnung {base.year}, {srt}: Auszahlung {money(total.payout)}, Elternbeiträge {money(total.fees)}"
        if other is not None:
            text += " · Szenario: " + "; ".join(f"{k} {v}" for k, v in other.scenario.parameters())
        self.status.setText(text)

    def _fit_table(self) -> None:
        """The table as high as its rows (the year's 13 in view), the chart takes the rest."""
        view = self.table
        view.resizeRowsToContents()
        height = view.horizontalHeader().sizeHint().height() + view.verticalHeader().length() + 2 * view.frameWidth()
        view.setMaximumHeight(height + 2)

    def _ask(self, kind: str) -> None:
        """Excel or PDF in a worker process (the export op, statistics_tab.export_in_background)."""
        from kitadesk.ops.projection import export_projection

        if self.result is None:
            return
        title, path = self.ask_path(kind, "Hochrechnung", f"hochrechnung-{self.result[0].year}")
        base, other = self.result
        self.export_in_background(title, path, export_projection, base, other, path, self._srt_filter(), kind)

    def _srt_changed(self, _index: int) -> None:
        if self.result is not None:
            self.show_result(self.result)

    def _srt_filter(self) -> str | None:
        return None if self.srt.currentText() == ALL else self.srt.currentText()

    def write_xlsx(self, path) -> Path:
        return self._write(path, "xlsx")

    def write_pdf(self, path) -> Path:
        return self._write(path, "pdf")

    def _write(self, path, kind: str) -> Path:
        from kitadesk.ops.projection import export_projection

        base, other = cast("tuple[Projection, Projection | None]", self.result)
        return export_projection(self.ctx.store, self.ctx.user, base, other, path, self._srt_filter(), kind)
