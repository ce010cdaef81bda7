"""Tab "Eigene Zahlen" of "Auswertungen" (R-S2): counts per SRT on a date, age groups, hour
bands, money per month; tables and bar charts, Excel/PDF."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.statistics import AGE_GROUPS, HOUR_BANDS_SHORT
from kitadesk.formats import day, money, month_label, number
from kitadesk.ui.context import AppContext
from kitadesk.ui.views.statistics_tab import StatsTab
from kitadesk.ui.widgets.chart import (
    BarChart,
    RowsModel,
    bar,
    date_edit,
    display,
    pydate,
    table_view,
)


class OfficeTab(StatsTab):
    """R-S2: counts per SRT on a date, age groups, hour bands, money per month; tables and charts."""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        today = ctx.today()
        self.stichtag = date_edit(today)
        self.first = date_edit(date(today.year, 1, 1), month_only=True)
        self.last = date_edit(date(today.year, today.month, 1), month_only=True)
        go = QPushButton("Aktualisieren")
        go.clicked.connect(self.reload_in_background)
        self.xlsx_button, self.pdf_button = QPushButton("Als Excel …"), QPushButton("Als PDF …")
        self.xlsx_button.clicked.connect(lambda: self._ask("xlsx"))
        self.pdf_button.clicked.connect(lambda: self._ask("pdf"))
        self.srt_model = RowsModel(("SRT", "Tagespflege-\npersonen", "mit Kindern", "Kinder", "Kinder\n(Wohn-SRT)",
                                    "Plätze", "frei", "Belegung %", "überbelegt", "ohne gültige\nErlaubnis"), self)
        self.age_model = RowsModel(("SRT", "unter 1\nJahr", "1 bis unter\n3 Jahre", "3 Jahre\nund älter", "Kinder"), self)
        self.band_model = RowsModel(("SRT", "bis\n25 Std.", "über 25 bis\n35 Std.", "über 35 bis\n45 Std.",
                                     "über\n45 Std.", "Kinder"), self)
        self.month_model = RowsModel(("Monat", "Ausgezahlt", "Elternbeiträge"), self, {1: money, 2: money})
        self.position_model = RowsModel(("Position / SRT", "Ausgezahlt im Zeitraum"), self, {1: money})
        self.views: dict[RowsModel, QTableView] = {}  # the tables fitted to their rows
        tables = QWidget()
        grid = QGridLayout(tables)
        grid.setContentsMargins(0, 4, 0, 0)
        for row, col, span, model, title in ((0, 0, 2, self.srt_model, "Tagespflegepersonen, Kinder und Plätze je SRT"),
                                             (2, 0, 1, self.age_model, "Kinder nach Altersgruppe"),
                                             (2, 1, 1, self.band_model, "Kinder nach Wochenstunden"),
                                             (4, 0, 1, self.month_model, "Beträge je Monat"),
                                             (4, 1, 1, self.position_model, "Ausgezahlt nach Position und SRT")):
            view, _ = table_view(model, sortable=False)
            view.horizontalHeader().setStretchLastSection(False)
            view.horizontalHeader().setMinimumSectionSize(36)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            label = QLabel(title)
            label.setStyleSheet("font-weight: 600; margin-top: 4px;")
            grid.addWidget(label, row, col, 1, span)
            grid.addWidget(view, row + 1, col, 1, span)
            self.views[model] = view
        grid.setRowStretch(5, 1)  # the SRT, age and hour tables take their height, the money tables the rest
        self.charts = [BarChart("Kinder und Plätze je SRT"), BarChart("Kinder nach Altersgruppe"),
                       BarChart("Kinder nach Wochenstunden"), BarChart("Beträge je Monat")]
        charts = QWidget()
        cgrid = QGridLayout(charts)
        for i, chart in enumerate(self.charts):
            cgrid.addWidget(chart, i // 2, i % 2)
        self.inner = QTabWidget()
        self.inner.addTab(tables, "Tabellen")
        self.inner.addTab(charts, "Diagramme")
        layout = QVBoxLayout(self)
        layout.addLayout(bar("Stichtag:", self.stichtag, "  Beträge von:", self.first, "bis:", self.last, go, None,
                              self.xlsx_button, self.pdf_button))
        layout.addWidget(self.status)
        layout.addWidget(self.inner, 1)

    def months(self) -> tuple[tuple[int, int], tuple[int, int]]:
        a, b = pydate(self.first.date()), pydate(self.last.date())
        a, b = min(a, b), max(a, b)
        return (a.year, a.month), (b.year, b.month)

    def params(self) -> tuple:
        return (pydate(self.stichtag.date()), *self.months())

    def op(self):
        from kitadesk.ops.statistics import office

        return office

    def show_result(self, fig) -> None:
        from kitadesk.ops.report_parts import group_table, money_table, month_header, srt_table

        stock, m = fig.stock, fig.money
        self.srt_model.set_rows([(r[0] or "ohne SRT", *r[1:]) for r in srt_table(stock)], bold_last=True)
        self.age_model.set_rows(group_table(stock, "altersgruppen"), bold_last=True)
        self.band_model.set_rows(group_table(stock, "stundenbaender"), bold_last=True)
        for model in (self.srt_model, self.age_model, self.band_model):
            view = self.views[model]
            view.setFixedHeight(view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth() + 2
                                + sum(view.rowHeight(r) for r in range(model.rowCount())))
        zero = Decimal("0.00")
        months = [(month_label(*ym), m.paid_total.get(ym, zero), m.fees_total.get(ym) if m.fees_total else None)
                  for ym in m.months]
        paid_years, fee_years = m.year_totals(m.paid_total), m.year_totals(m.fees_total)
        if len(paid_years) > 1:  # R-S2: per month and per year
            months += [(f"Summe {y}", v, fee_years.get(y)) for y, v in sorted(paid_years.items())]
        months.append(("Summe", m.paid_sum, m.fees_sum if m.fees_total else None))
        self.month_model.set_rows(months, bold_last=True)
        positions = [(r[0], r[-1]) for r in money_table(m, m.paid_by_position)]
        positions += [(f"SRT {r[0] or 'ohne'}", r[-1]) for r in money_table(m, m.paid_by_srt)]
        positions.append(("Summe", m.paid_sum))
        self.position_model.set_rows(positions, bold_last=True)
        srts = [r for r in stock.rows if r.srt != "Gesamt"]
        total = stock.total
        self.charts[0].set_data([r.srt or "ohne SRT" for r in srts], [
            ("Kinder", [r.kinder for r in srts]), ("Plätze", [r.plaetze for r in srts]),
            ("frei", [r.frei for r in srts])], title=f"Kinder und Plätze je SRT am {day(stock.stichtag)}")
        self.charts[1].set_data(AGE_GROUPS, [("Kinder", total.altersgruppen)])
        self.charts[2].set_data(HOUR_BANDS_SHORT, [("Kinder", total.stundenbaender)])
        series = [("Ausgezahlt", [m.paid_total.get(ym, 0) for ym in m.months])]
        if m.fees_total:
            series.append(("Elternbeiträge", [m.fees_total.get(ym, 0) for ym in m.months]))
        self.charts[3].set_data([month_header(ym, short=True) for ym in m.months], series, money=True)
        belegung = f"{number(total.belegung, 1)} %" if total.belegung is not None else "–"
        notes = [f"Bestand am {day(stock.stichtag)}: {display(total.tagespflegepersonen)} Tagespflegepersonen, "
                 f"{display(total.kinder)} Kinder, {display(total.plaetze)} Plätze, {display(total.frei)} frei "
                 f"(Belegung {belegung})"]
        if m.months_without_run:
            notes.append(f"{len(m.months_without_run)} Monat(e) ohne abgeschlossenen Auszahlungslauf")
        if m.fees_note:
            notes.append(m.fees_note)
        self.status.setText(" · ".join(notes))

    def _ask(self, kind: str) -> None:
        from kitadesk.ops.statistics import export_office

        if self.result is not None:
            title, path = self.ask_path(kind, "Zahlen", f"zahlen-{self.result.stichtag}")
            self.export_in_background(title, path, export_office, self.result, **{kind: path})

    def write_xlsx(self, path) -> Path | None:  # blocking (tests and screenshots)
        from kitadesk.ops.statistics import export_office

        return export_office(self.ctx.store, self.ctx.user, self.result, xlsx=path)

    def write_pdf(self, path) -> Path | None:
        from kitadesk.ops.statistics import export_office

        return export_office(self.ctx.store, self.ctx.user, self.result, pdf=path)
