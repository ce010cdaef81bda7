"""Screen "Auswertungen": official statistics Teil III.3 (R-S1), the office's own figures with
tables and bar charts (R-S2), a QiK overview (R-Q3). Loaded off the GUI thread (ui/tasks.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.qik import STATUSES
from kitadesk.domain.statistics import AGE_GROUPS, HOUR_BANDS_SHORT
from kitadesk.formats import day, hours, money, month_label, number
from kitadesk.reports.qik_report import MONTHS
from kitadesk.ui.context import AppContext
from kitadesk.ui.tasks import run_task
from kitadesk.ui.widgets.chart import (
    BarChart,
    RowsModel,
    ask_save,
    date_edit,
    display,
    pydate,
    table_view,
)
from kitadesk.ui.widgets.chart import (
    bar as _bar,
)


def default_stichtag(today: date) -> date:
    """The latest 1 March on or before today (R-S1)."""
    return date(today.year if today >= date(today.year, 3, 1) else today.year - 1, 3, 1)


class _Tab(QWidget):
    """A tab that loads its figures off the GUI thread when first shown or after changes."""

    filled = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.stale = True
        self.loading = None
        self.result = None
        self.status = QLabel()
        self.status.setWordWrap(True)

    def ensure_loaded(self) -> None:
        if self.stale and not (self.loading is not None and self.loading.is_running):
            self.reload_in_background()

    def params(self) -> tuple:
        """Inputs read from the widgets in the GUI thread."""
        return ()

    def query(self, *params):  # worker thread: own sessions (ops), no widgets
        raise NotImplementedError

    def show_result(self, result) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        """Load and show now (blocking; tests and screenshots)."""
        self._done(self.query(*self.params()))

    def reload_in_background(self) -> None:
        self.stale = False
        self.status.setText("Wird berechnet …")
        params = self.params()
        handle = self.loading = run_task(lambda control: self.query(*params))
        handle.finished.connect(lambda result, h=handle: self._done(result) if h is self.loading else None)
        handle.failed.connect(lambda exc: self.status.setText(f"Fehler: {exc}"))

    def _done(self, result) -> None:
        self.stale, self.result = False, result
        self.show_result(result)
        self.filled.emit()

    def _export(self, title: str, write) -> None:
        if self.result is None:
            return
        try:
            path = write()
        except Exception as exc:  # noqa: BLE001 — shown to the user, never a traceback
            QMessageBox.warning(self, title, f"Export nicht möglich:\n{exc}")
            return
        if path:
            self.status.setText(f"{self.status.text().split(' · Gespeichert')[0]} · Gespeichert: {path}")


class OfficialTab(_Tab):
    """R-S1: records on the reference date, the list of missing fields, Excel and CSV export."""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        from kitadesk.reports.statistics import CARER_COLUMNS, CHILD_COLUMNS, MISSING_COLUMNS

        self.stichtag = date_edit(default_stichtag(ctx.today()))
        go = QPushButton("Berechnen")
        go.clicked.connect(self.reload_in_background)
        self.xlsx_button, self.csv_button = QPushButton("Als Excel …"), QPushButton("Als CSV …")
        self.xlsx_button.clicked.connect(lambda: self._export("Excel", self._ask_xlsx))
        self.csv_button.clicked.connect(lambda: self._export("CSV", self._ask_csv))
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
        layout.addLayout(_bar("Stichtag:", self.stichtag, go, None, self.search, self.xlsx_button, self.csv_button))
        layout.addWidget(self.status)
        layout.addWidget(self.inner, 1)
        note = QLabel("Amtliche Kinder- und Jugendhilfestatistik Teil III.3 (§§ 98–103 SGB VIII), Stichtag 1. März. "
                      "Die Exporte enthalten keine Namen; Namen stehen nur in „Fehlende Angaben“ zur Nachpflege.")
        note.setStyleSheet("color: #555;")
        note.setWordWrap(True)
        layout.addWidget(note)

    def params(self) -> tuple:
        return (pydate(self.stichtag.date()),)

    def query(self, stichtag):
        from kitadesk.ops.statistics import official

        return official(self.ctx.store, self.ctx.user, stichtag)

    def show_result(self, stats) -> None:
        from kitadesk.reports.statistics import carer_rows, child_rows, missing_rows

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

    def _ask_xlsx(self):
        path = ask_save(self, "Statistik als Excel", f"statistik-{self.result.stichtag}.xlsx", "Excel (*.xlsx)")
        return self.write_xlsx(path) if path else None

    def _ask_csv(self):
        folder = QFileDialog.getExistingDirectory(self, "Ordner für die CSV-Dateien", str(Path.home()))
        return self.write_csv(folder) if folder else None

    def write_xlsx(self, path) -> Path:
        from kitadesk.ops.statistics import export_official

        return export_official(self.ctx.store, self.ctx.user, self.result, xlsx=path)[0]

    def write_csv(self, folder) -> Path:
        from kitadesk.ops.statistics import export_official

        export_official(self.ctx.store, self.ctx.user, self.result, csv_folder=folder)
        return Path(folder)


class OfficeTab(_Tab):
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
        self.xlsx_button.clicked.connect(lambda: self._export("Excel", self._ask_xlsx))
        self.pdf_button.clicked.connect(lambda: self._export("PDF", self._ask_pdf))
        self.srt_model = RowsModel(("SRT", "Tagespflege-\npersonen", "mit Kindern", "Kinder", "Kinder\n(Wohn-SRT)",
                                    "Plätze", "frei", "Belegung %", "überbelegt", "ohne gültige\nErlaubnis"), self)
        self.age_model = RowsModel(("SRT", "unter 1\nJahr", "1 bis unter\n3 Jahre", "3 Jahre\nund älter", "Kinder"), self)
        self.band_model = RowsModel(("SRT", "bis\n25 Std.", "über 25 bis\n35 Std.", "über 35 bis\n45 Std.",
                                     "über\n45 Std.", "Kinder"), self)
        self.month_model = RowsModel(("Monat", "Ausgezahlt", "Elternbeiträge"), self, {1: money, 2: money})
        self.position_model = RowsModel(("Position / SRT", "Ausgezahlt im Zeitraum"), self, {1: money})
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
            model.view = view
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
        layout.addLayout(_bar("Stichtag:", self.stichtag, "  Beträge von:", self.first, "bis:", self.last, go, None,
                              self.xlsx_button, self.pdf_button))
        layout.addWidget(self.status)
        layout.addWidget(self.inner, 1)

    def months(self) -> tuple[tuple[int, int], tuple[int, int]]:
        a, b = pydate(self.first.date()), pydate(self.last.date())
        a, b = min(a, b), max(a, b)
        return (a.year, a.month), (b.year, b.month)

    def params(self) -> tuple:
        return (pydate(self.stichtag.date()), *self.months())

    def query(self, stichtag, first, last):
        from kitadesk.ops.statistics import office

        return office(self.ctx.store, self.ctx.user, stichtag, first, last)

    def show_result(self, fig) -> None:
        from kitadesk.reports.statistics import group_table, money_table, month_header, srt_table

        stock, m = fig.stock, fig.money
        self.srt_model.set_rows([(r[0] or "ohne SRT", *r[1:]) for r in srt_table(stock)], bold_last=True)
        self.age_model.set_rows(group_table(stock, "altersgruppen"), bold_last=True)
        self.band_model.set_rows(group_table(stock, "stundenbaender"), bold_last=True)
        for model in (self.srt_model, self.age_model, self.band_model):
            view = model.view
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

    def _ask_xlsx(self):
        path = ask_save(self, "Zahlen als Excel", f"zahlen-{self.result.stichtag}.xlsx", "Excel (*.xlsx)")
        return self.write_xlsx(path) if path else None

    def _ask_pdf(self):
        path = ask_save(self, "Zahlen als PDF", f"zahlen-{self.result.stichtag}.pdf", "PDF (*.pdf)")
        return self.write_pdf(path) if path else None

    def write_xlsx(self, path) -> Path:
        from kitadesk.reports.statistics import write_office_xlsx

        return write_office_xlsx(self.result.stock, self.result.money, path, self.ctx.user)

    def write_pdf(self, path) -> Path:
        from kitadesk.reports.statistics import write_office_pdf

        return write_office_pdf(self.result.stock, self.result.money, path, self.ctx.user)


class QikSummary(_Tab):
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
        layout.addLayout(_bar(button, None))

    def query(self):
        from kitadesk.ops.qik import report

        return report(self.ctx.store, self.ctx.user, self.ctx.today().year)

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


class StatisticsPage(QWidget):
    """Auswertungen: tabs "Amtliche Statistik" (R-S1), "Eigene Zahlen" (R-S2), "QiK" (R-Q3),
    "Hochrechnung" (issue 20, ui/views/projection_tab.py)."""

    navigate = Signal(str)  # page key, e.g. "qik" (the main window may connect it)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        title = QLabel("Auswertungen")
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.official, self.office, self.qik = OfficialTab(ctx), OfficeTab(ctx), QikSummary(ctx)
        self.qik.open_qik.connect(self.open_qik)
        self.tabs.addTab(self.official, "Amtliche Statistik")
        self.tabs.addTab(self.office, "Eigene Zahlen")
        self.tabs.addTab(self.qik, "QiK")
        from kitadesk.ui.views.projection_tab import ProjectionTab  # imports _Tab from this module

        self.projection = ProjectionTab(ctx)
        self.tabs.addTab(self.projection, "Hochrechnung")
        from kitadesk.ui.views.duplicates_tab import DuplicatesTab  # issue 19

        self.tabs.addTab(DuplicatesTab(ctx), "Mögliche Duplikate")
        self.tabs.currentChanged.connect(lambda _i: self.activate())
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        ctx.bus.changed.connect(self._on_changed)

    def activate(self) -> None:
        """Load the visible tab's figures when needed (called by the main window on showing)."""
        self.tabs.currentWidget().ensure_loaded()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.activate()

    def _on_changed(self, _entities) -> None:
        for tab in (self.official, self.office, self.qik, self.projection):
            tab.stale = True
        if self.isVisible():
            self.activate()

    def open_qik(self) -> None:
        """Go to the QiK screen: by `navigate("qik")` when the window listens, else in a dialog."""
        if self.receivers("2navigate(QString)") > 0:
            self.navigate.emit("qik")
            return
        from kitadesk.ui.views.qik_page import QikPage

        dialog = QDialog(self)
        dialog.setWindowTitle("QiK – Quereinstieg in die Kinderbetreuung")
        layout = QVBoxLayout(dialog)
        layout.addWidget(QikPage(self.ctx, dialog))
        dialog.resize(1150, 720)
        dialog.exec()
        self.qik.stale = True
        self.qik.ensure_loaded()
