"""Bar charts for PDF reports (ReportLab graphics, no matplotlib): R-S2 office figures and the
QiK report (R-Q3). German number formats, the embedded font, a legend for several series."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from kitadesk.domain.money import whole_euros
from kitadesk.formats import number
from kitadesk.reports.fonts import BOLD, REGULAR, register_fonts

# the same palette as the window's chart widget (kitadesk/ui/widgets/chart.py)
PALETTE = ("#1f4e79", "#e07b39", "#5b9a68", "#9b59b6", "#c0392b", "#7f8c8d")
INK = HexColor("#1d2733")
GRID = HexColor("#d5dbe3")


def nice_scale(high: float, low: float = 0.0, integer: bool = False) -> tuple[float, float, float]:
    """(bottom, top, step) of a chart's value axis: the smallest step of 1, 2, 2.5 or 5 × 10^n
    that covers [low, high] (and 0) in at most six steps; `integer`: whole steps only (counts)."""
    top_value, bottom_value = max(high, 0.0), min(low, 0.0)
    span = top_value - bottom_value
    if span <= 0:
        return (0.0, 1.0, 1.0) if integer else (0.0, 1.0, 0.25)
    magnitude = 10 ** math.floor(math.log10(span / 6))
    for step in (m * magnitude * f for f in (1, 10) for m in (1, 2, 2.5, 5)):
        if integer and (step < 1 or step != int(step)):
            continue
        top = math.ceil(top_value / step - 1e-9) * step
        bottom = -math.ceil(-bottom_value / step - 1e-9) * step
        if (top - bottom) / step <= 6 + 1e-9:
            return float(bottom), float(top), float(step)
    return float(bottom_value), float(top_value), span  # not reached


def wrap_label(label: str, room: float, size: float) -> str:
    """Break a category label at the space nearest its middle when it is wider than `room`."""
    if stringWidth(label, REGULAR, size) <= room or " " not in label:
        return label
    middle = len(label) / 2
    cut = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - middle))
    return label[:cut] + "\n" + label[cut + 1:]


def value_label(value: float, money: bool, axis: bool = False) -> str:
    """German chart label (PDF and screen charts): € (T€ from 10,000, on axes from 1,000) or count."""
    if money:
        if abs(value) >= 10000 or (axis and abs(value) >= 1000):
            thousands = Decimal(str(value)) / 1000
            return f"{number(thousands, 0 if thousands == thousands.to_integral_value() else 1)} T€"
        return f"{number(whole_euros(Decimal(str(value))), 0)} €"
    exact = Decimal(str(value))
    return number(exact, 0 if exact == exact.to_integral_value() else 1)


def _label(value: float, money: bool) -> str:
    return value_label(value, money)


def bar_chart(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence]], *,
              width: float = 480, height: float = 200, money: bool = False, value_labels: bool = True) -> Drawing:
    """A grouped vertical bar chart: `series` = [(name, values per category)], Decimal/int values."""
    register_fonts()
    drawing = Drawing(width, height)
    title_h = 18 if title else 4
    if title:
        drawing.add(String(0, height - 12, title, fontName=BOLD, fontSize=10, fillColor=INK))
    legend_h = 14 if len(series) > 1 else 0
    chart = VerticalBarChart()
    chart.x, chart.y = 46, 30
    chart.width, chart.height = width - 56, height - 32 - title_h - legend_h
    chart.data = [[float(v or 0) for v in values] for _, values in series] or [[0] * len(categories)]
    top = max([max(row) for row in chart.data if row] + [0])
    bottom = min([min(row) for row in chart.data if row] + [0])
    low, high, step = nice_scale(top * 1.1, bottom * 1.1, integer=not money)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = low, high, step
    chart.valueAxis.labelTextFormat = lambda v: _label(v, money)
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.strokeColor = GRID
    room = chart.width / max(len(categories), 1) - 4
    size = 7 if len(categories) > 8 else 8
    names = [wrap_label(str(c), room, size) for c in categories]
    while size > 5.5 and any(stringWidth(part, REGULAR, size) > room for n in names for part in n.split("\n")):
        size -= 0.5  # a long single word (e.g. "abgeschlossen") shrinks the labels a little
        names = [wrap_label(str(c), room, size) for c in categories]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = size
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.strokeColor = INK
    chart.barSpacing = 1
    chart.groupSpacing = 6 if len(categories) > 8 else 10
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = HexColor(PALETTE[i % len(PALETTE)])
        chart.bars[i].strokeColor = None
    if value_labels and len(categories) * max(len(series), 1) <= 24:
        chart.barLabelFormat = lambda v: _label(v, money) if v else ""
        chart.barLabels.fontName = REGULAR
        chart.barLabels.fontSize = 6.5
        chart.barLabels.nudge = 6
    drawing.add(chart)
    if legend_h:
        legend = Legend()
        legend.x, legend.y = 6, height - title_h - 2  # under the title, as in the window
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.fontName = REGULAR
        legend.fontSize = 7.5
        legend.dx = legend.dy = 7
        legend.deltax = max(70, max(len(name) for name, _ in series) * 4.6 + 20)
        legend.colorNamePairs = [(HexColor(PALETTE[i % len(PALETTE)]), name) for i, (name, _) in enumerate(series)]
        drawing.add(legend)
    return drawing


# ------------------------------------------------------------------ page frame of the report PDFs

def pdf_styles() -> dict:
    """Paragraph styles in the embedded font (title, heading, body, small, cell)."""
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=19, textColor=HexColor("#1f4e79"),
                                spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", fontName=REGULAR, fontSize=9.5, leading=13, textColor=INK,
                                   spaceAfter=8),
        "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=11, leading=14, textColor=INK, spaceBefore=10,
                             spaceAfter=4),
        "body": ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12, textColor=INK),
        "small": ParagraphStyle("small", fontName=REGULAR, fontSize=7.5, leading=10, textColor=HexColor("#5b6675")),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=8, leading=10, textColor=INK),
    }


MIN_TABLE_SIZE = 6.0  # pt: the smallest font a table shrinks to so that its texts fit their cells


def overflowing_cells(rows: Sequence[Sequence], col_widths: Sequence[float], size: float, padding: float,
                      header_rows: int = 1, total_last: bool = False) -> list[tuple[int, int, str]]:
    """(row, column, text) of the text cells wider than their column at `size` (header rows and a
    totals row in bold; every line of a multi-line text)."""
    register_fonts()
    out = []
    for r, row in enumerate(rows):
        font = BOLD if r < header_rows or (total_last and r == len(rows) - 1) else REGULAR
        for c, cell in enumerate(row):
            if isinstance(cell, str) and c < len(col_widths) and any(
                    stringWidth(line, font, size) > col_widths[c] - 2 * padding for line in cell.split("\n")):
                out.append((r, c, cell))
    return out


def fitting_size(rows: Sequence[Sequence], col_widths: Sequence[float], size: float, padding: float,
                 header_rows: int = 1, total_last: bool = False) -> float:
    """`size`, or smaller in steps of 0.25 pt down to MIN_TABLE_SIZE until every text fits its
    cell (a larger sum than the layout foresaw: no text runs into its neighbour)."""
    while size > MIN_TABLE_SIZE and overflowing_cells(rows, col_widths, size, padding, header_rows, total_last):
        size -= 0.25
    return size


def data_table(rows: Sequence[Sequence], col_widths: Sequence[float], *, right_from: int = 1,
               total_last: bool = False, header_rows: int = 1, size: float = 8, padding: float = 6,
               extra: Sequence[tuple] = ()):
    """A platypus table: bold header row(s) on a light band, zebra rows, numbers right-aligned
    from column `right_from`, optionally a bold last row (totals); `extra` = more style commands.
    The font shrinks where a text would not fit its column (`fitting_size`)."""
    from reportlab.platypus import Table, TableStyle

    register_fonts()
    size = fitting_size(rows, col_widths, size, padding, header_rows, total_last)
    h = header_rows - 1
    table = Table([list(r) for r in rows], colWidths=list(col_widths), repeatRows=header_rows, hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR), ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.2),
        ("FONTNAME", (0, 0), (-1, h), BOLD), ("BACKGROUND", (0, 0), (-1, h), HexColor("#dde4ee")),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (right_from, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, h), (-1, h), 0.6, HexColor("#1f4e79")),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), padding), ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]
    for i in range(header_rows + 1, len(rows), 2):
        style.append(("BACKGROUND", (0, i), (-1, i), HexColor("#f4f6f9")))
    if total_last and len(rows) > header_rows:
        style += [("FONTNAME", (0, -1), (-1, -1), BOLD), ("LINEABOVE", (0, -1), (-1, -1), 0.6, INK),
                  ("BACKGROUND", (0, -1), (-1, -1), HexColor("#ffffff"))]
    table.setStyle(TableStyle(style + list(extra)))
    return table


def write_pdf(path, title: str, story: list, *, landscape_pages: bool = False, footer: str = "") -> None:
    """Build `story` on A4 with a head line (title) and 'Seite x von y' on every page; atomic."""
    from pathlib import Path

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    from kitadesk.reports.output import atomic_path

    register_fonts()
    size = landscape(A4) if landscape_pages else A4

    class _Numbered(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 (ReportLab naming)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(REGULAR, 7.5)
                self.setFillColor(HexColor("#5b6675"))
                self.drawString(18 * mm, 10 * mm, footer or title)
                self.drawRightString(size[0] - 18 * mm, 10 * mm, f"Seite {self._pageNumber} von {total}")
                self.setStrokeColor(GRID)
                self.line(18 * mm, 13.5 * mm, size[0] - 18 * mm, 13.5 * mm)
                super().showPage()
            super().save()

    target = Path(path)
    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=size, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                                bottomMargin=20 * mm, title=title, author="KitaDesk – Stadt Moers")
        doc.build(story, canvasmaker=_Numbered)
