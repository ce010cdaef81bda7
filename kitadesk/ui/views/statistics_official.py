"""Tabs "Amtliche Statistik" (R-S1: records on the reference date, missing fields, Excel/CSV)
and "QiK" (R-Q3: the running year per cohort) of "Auswertungen"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
)

from kitadesk.domain.qik import STATUSES
from kitadesk.formats import day, hours
from kitadesk.ops.report_parts import MONTHS
from kitadesk.ui.context import AppContext
from kitadesk.ui.views.statistics_tab import StatsTab, default_stichtag
from kitadesk.ui.widgets.chart import (
    BarChart,
    RowsModel,
    bar,
    date_edit,
    display,
    pydate,
    table_view,
)


class OfficialTab(StatsTab):
    """R-S1: records on the reference date, the list of missing fields, Excel and CSV export."""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        from kitadesk.ops.report_parts import CARER_COLUMNS, CHILD_COLUMNS, MISSING_COLUMNS

        self.stichtag = date_edit(default_stichtag(ctx.today()))
        go = QPushButton("Berechnen")
        go.clicked.connect(self.reload_in_background)
        self.xlsx_button, self.csv_button = QPushButton("Als Excel …"), QPushButton("Als CSV …")
        self.xlsx_button.clicked.connect(self._ask_xlsx)
        self.csv_button.clicked.connect(self._ask_csv)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Suchen (Nr, Name, SRT, Angabe) …")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.inner = QTabWidget()
        self.models, self.proxies = [], []
        for columns, label in ((MISSING_COLUMNS, "Fehlende Angaben"), (CHILD_COLUMNS, "Kinder"),
                               (CARER_COLUMNS, "Tagespflegepersonen")):
            model = RowsModel([c.header for c in columns], self)
            view, proxy = table_view(model)
            for i, c in enumerate(columns[:-1]):  # the last column stretches
                view.setColumnWidth(i, int(max(c.width * 7.2, 60)))
            self.search.textChanged.connect(proxy.setFilterFixedString)
            self.models.append(model)
            self.proxies.append(proxy)
            self.inner.addTab(view, label)
        self.missing_model, self.child_model, self.carer_model = self.models
        layout = QVBoxLayout(self)
        layout.addLayout(bar("Stichtag:", self.stichtag, go, None, self.search, self.xlsx_button, self.csv_button))
        layout.addWidget(self.status)
        layout.addWidget(self.inner, 1)
        note = QLabel("Amtliche Kinder- und Jugendhilfestatistik Teil III.3 (§§ 98–103 SGB VIII), Stichtag 1. März. "
                      "Die Exporte enthalten keine Namen; Namen stehen nur in „Fehlende Angaben“ zur Nachpflege.")
        note.setStyleSheet("color: #555;")
        note.setWordWrap(True)
        layout.addWidget(note)

    def params(self) -> tuple:
        return (pydate(self.stichtag.date()),)

    def op(self):
        from kitadesk.ops.statistics import official

        return official

    def show_result(self, stats) -> None:
        from kitadesk.ops.report_parts import carer_rows, child_rows, missing_rows

        self.child_model.set_rows(child_rows(stats))
        self.carer_model.set_rows(carer_rows(stats))
        self.missing_model.set_rows(missing_rows(stats))
        for i, n in enumerate((len(stats.missing), len(stats.children), len(stats.carers))):
            self.inner.setTabText(i, f"{('Fehlende Angaben', 'Kinder', 'Tagespflegepersonen')[i]} ({display(n)})")
        text = (f"Stichtag {day(stats.stichtag)}: {display(len(stats.children))} Kinder bei "
                f"{display(len(stats.carers))} Tagespflegepersonen · {display(len(stats.missing))} Datensätze mit "
                "fehlenden Angaben")
        if not stats.is_first_of_march:
            text += " · Hinweis: gesetzlicher Stichtag ist der 1. März"
        if stats.notes:
            text += " · " + " ".join(stats.notes[:2])
        self.status.setText(text)

    def _ask_xlsx(self) -> None:
        from kitadesk.ops.statistics import export_official

        if self.result is not None:
            title, path = self.ask_path("xlsx", "Statistik", f"statistik-{self.result.stichtag}")
            self.export_in_background(title, path, export_official, self.result, xlsx=path)

    def _ask_csv(self) -> None:
        from kitadesk.ops.statistics import export_official

        if self.result is not None:
            folder = QFileDialog.getExistingDirectory(self, "Ordner für die CSV-Dateien", str(Path.home()))
            self.export_in_background("CSV", folder, export_official, self.result, csv_folder=folder)

    def write_xlsx(self, path) -> Path:  # blocking (tests and screenshots)
        from kitadesk.ops.statistics import export_official

        return export_official(self.ctx.store, self.ctx.user, self.result, xlsx=path)[0]

    def write_csv(self, folder) -> Path:
        from kitadesk.ops.statistics import export_official

        export_official(self.ctx.store, self.ctx.user, self.result, csv_folder=folder)
        return Path(folder)


class QikSummary(StatsTab):
    """The QiK tab of "Auswertungen": the running year per cohort (R-Q3), link to QikPage."""

    open_qik = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.model = RowsModel(("Jahrgang", "Teilnehmende", *STATUSES, "neu im Jahr", "Abschlüsse im Jahr",
                                "Abbrüche im Jahr"), self)
        view, _ = table_view(self.model, sortable=False)
        view.horizontalHeader().setStretchLastSection(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        button = QPushButton("QiK-Verwaltung öffnen …")
        button.clicked.connect(self.open_qik.emit)
        intro = QLabel("Quereinstieg in die Kinderbetreuung (QiK): Teilnehmende, Partnerorganisationen, "
                       "Koordinationstätigkeiten und der Jahresbericht für das Ministerium werden in der "
                       "QiK-Verwaltung gepflegt.")
        intro.setWordWrap(True)
        self.view = view
        self.charts = (BarChart("Teilnehmende am 31.12. nach Status"), BarChart("Koordinationsstunden je Monat"))
        charts = QHBoxLayout()
        for chart in self.charts:
            charts.addWidget(chart)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.status)
        layout.addWidget(view)
        layout.addLayout(charts, 1)
        layout.addLayout(bar(button, None))

    def params(self) -> tuple:
        return (self.ctx.today().year,)

    def op(self):
        from kitadesk.ops.qik import report

        return report

    def show_result(self, rep) -> None:
        self.model.set_rows([(r.label, r.teilnehmende, *r.stand, r.neu, r.abschluesse, r.abbrueche)
                             for r in rep.cohorts], bold_last=True)
        self.view.setFixedHeight(self.view.horizontalHeader().sizeHint().height() + 2 * self.view.frameWidth() + 2
                                 + sum(self.view.rowHeight(r) for r in range(self.model.rowCount())))
        self.charts[0].set_data(STATUSES, [("Teilnehmende", rep.total.stand)])
        self.charts[1].set_data(MONTHS, [("Stunden", rep.hours_by_month())],
                                title=f"Koordinationsstunden je Monat {rep.jahr}")
        self.status.setText(f"Jahr {rep.jahr}, Stand am 31.12. und Änderungen im Jahr · "
                            f"{display(rep.activity_count)} Koordinationstätigkeiten mit "
                            f"{hours(rep.activity_hours)} Stunden.")
