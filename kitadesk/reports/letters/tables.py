"""Tables of the letters: key/value facts, amount steps, payout lines per child, year by month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from kitadesk import formats
from kitadesk.formats import day
from kitadesk.reports.fonts import BOLD, REGULAR
from kitadesk.reports.hyphenation import plain
from kitadesk.reports.letters.data import ZERO, LetterLine
from kitadesk.reports.letters.fasttext import LEFT, RIGHT, Row, RowStyle, RowTable
from kitadesk.reports.letters.layout import TEXT_W, glue, styles
from kitadesk.reports.textfit import break_lines


@lru_cache(maxsize=8192)
def _fmt(kind: str, text: str) -> str:
    value = Decimal(text)
    return formats.money(value) if kind == "m" else formats.number(value, 2)


def money(value: Decimal) -> str:
    """formats.money, memoised by the exact text of the value (rates and flat amounts repeat in a batch)."""
    return _fmt("m", str(value))


def number(value: Decimal, places: int = 2) -> str:
    """formats.number; 2 places memoised."""
    return _fmt("n", str(value)) if places == 2 else formats.number(value, places)


CARER_ROW = "Leistungen an die Kindertagespflegeperson"
SHADE = colors.Color(0.93, 0.93, 0.93)
RULE = colors.Color(0.55, 0.55, 0.55)
CELL_SIZE = 8.5
PAD = 3  # pt left/right padding per cell
MONTHS = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")


def period(von: date, bis: date) -> str:
    """'01.04.–30.04.2026' within a year, else '01.12.2025–31.01.2026'."""
    if von == bis:
        return day(von)
    if von.year == bis.year:
        return f"{von:%d.%m.}–{day(bis)}"
    return f"{day(von)}–{day(bis)}"


def span_text(von: date, bis: date | None) -> str:
    """A term's dates: '01.10.–15.11.2026', or 'ab dem 16.11.2026' while open."""
    return f"ab dem {day(von)}" if bis is None else period(von, bis)


def rate_text(rate: Decimal | None) -> str:
    """A rate in € with 2 decimals, or 4 if it has more (Numeric(10, 4))."""
    return formats.rate(rate)


def cell(text: str, width: float, bold: bool = False):
    """Plain string when it fits (fast), else a Paragraph of the lines textfit breaks it into
    (soft hyphens only at a break, German division of words longer than the cell)."""
    font = BOLD if bold else REGULAR
    if stringWidth(plain(text), font, CELL_SIZE) <= width - 2 * PAD:
        return plain(text)
    st = styles()
    lines = break_lines(glue(text), font, CELL_SIZE, width - 2 * PAD)
    return Paragraph("<br/>".join(escape(line) for line in lines), st.cell_bold if bold else st.cell)


def base_style(extra: Sequence[tuple]) -> TableStyle:
    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), 10.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        *extra,
    ])


def facts_table(rows: Sequence[tuple[str, str]], label_width: float = 55 * mm) -> Table:
    """Label/value pairs (Förderung: child, carer, period, hours …)."""
    widths = (label_width, TEXT_W - label_width)
    data = [[cell(label, widths[0]), cell(value, widths[1])] for label, value in rows]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(base_style([("FONTSIZE", (0, 0), (-1, -1), 9.5), ("LEADING", (0, 0), (-1, -1), 12),
                                ("LEFTPADDING", (0, 0), (0, -1), 0),
                                ("TEXTCOLOR", (0, 0), (0, -1), colors.Color(0.3, 0.3, 0.3))]))
    return table


def steps_table(rows: Sequence[tuple[str, str]], total: tuple[str, str]) -> Table:
    """Amount steps with a bold result row (fee calculation, old vs. new)."""
    widths = (TEXT_W - 40 * mm, 40 * mm)
    data = [[cell(label, widths[0]), amount] for label, amount in rows]
    data.append([cell(total[0], widths[0], bold=True), total[1]])
    n = len(data) - 1
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(base_style([
        ("FONTSIZE", (0, 0), (-1, -1), 9.5), ("LEADING", (0, 0), (-1, -1), 12),
        ("LEFTPADDING", (0, 0), (0, -1), 0), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("FONTNAME", (0, n), (-1, n), BOLD), ("LINEABOVE", (0, n), (-1, n), 0.8, colors.black),
        ("TOPPADDING", (0, n), (-1, n), 3),
    ]))
    return table


LINE_WIDTHS = (56 * mm, 14 * mm, 33 * mm, 17 * mm, 20 * mm, 25 * mm)  # = 165 mm
LINE_HEADER = ("Position", "Regel", "Zeitraum", "Stunden", "Satz", "Betrag")


def _groups(lines: Sequence[LetterLine]) -> list[tuple[str | None, list[LetterLine]]]:
    """Lines grouped per child in order of first appearance; the carer's own lines last."""
    groups: dict[str | None, list[LetterLine]] = {}
    for line in lines:
        groups.setdefault(line.child_name, []).append(line)
    own = groups.pop(None, None)
    result = list(groups.items())
    if own:
        result.append((None, own))
    return result


_HEAD = RowStyle(font=BOLD, shade=SHADE, rule_below=(0, 5, 0.6, RULE))
_GROUP = RowStyle(font=BOLD, pad_top=5, span=6)
_LINE = RowStyle()
_SUB = RowStyle(font=BOLD, rule_above=(5, 5, 0.4, RULE), span=5)
_TOTAL = RowStyle(font=BOLD, size=9.5, leading=12, pad_top=4, rule_above=(0, 5, 0.8, colors.black), span=5)
_ALIGNS = (LEFT, LEFT, LEFT, RIGHT, RIGHT, RIGHT)


def lines_table(lines: Sequence[LetterLine], total_label: str) -> RowTable:
    """Payout lines per child, rule by rule, with subtotals and the total (R-V4).

    Drawn as one text object (fasttext.RowTable): the bulk of a carer's Bescheid.
    """
    rows = [Row(LINE_HEADER, _HEAD)]
    heads = set()
    total = ZERO
    for child, group in _groups(lines):
        heads.add(len(rows))
        rows.append(Row((f"Kind: {child}" if child else CARER_ROW,), _GROUP))
        subtotal = ZERO
        for line in group:
            hours_text = "" if line.hours is None else number(line.hours)   # monthly hours: always 2 places
            rows.append(Row((line.position, line.rule, period(line.von, line.bis), hours_text,
                             rate_text(line.rate), money(line.amount)), _LINE))
            subtotal += line.amount
        rows.append(Row(("Zwischensumme", money(subtotal)), _SUB))
        total += subtotal
    rows.append(Row((total_label, money(total)), _TOTAL))
    return RowTable(rows, LINE_WIDTHS, _ALIGNS, frozenset(heads))


_TERM_ALIGNS = (LEFT, RIGHT, LEFT)


def terms_table(header: tuple[str, str, str], rows: Sequence[tuple[str, str, str]],
                widths: tuple[float, float] = (42 * mm, 28 * mm)) -> RowTable:
    """Periods with a number and a text (Betreuungszeiten, Elternbeitrag je Zeitraum, R-V4)."""
    body = [Row(r, _LINE) for r in rows]
    return RowTable([Row(header, _HEAD_3), *body], (*widths, TEXT_W - sum(widths)), _TERM_ALIGNS)


def care_terms_table(terms) -> RowTable:
    """Every placement version of the letter's period: dates, weekly hours, time plan (R-K4, R-V4)."""
    rows = [(span_text(t.von, t.bis), f"{formats.hours(t.weekly_hours)} Std.", t.time_plan or "–") for t in terms]
    return terms_table(("Zeitraum", "Wochenstunden", "Betreuungszeiten (Zeitplan)"), rows)


def fee_periods_table(periods) -> RowTable:
    """The parents' monthly fee per period (R-E3: whole months) with its hours band."""
    rows = [(span_text(f.von, f.bis), money(f.monthly_fee), f.hours_band or "–") for f in periods]
    return terms_table(("Zeitraum", "Monatsbeitrag", "Betreuungsumfang (Anlage 2)"), rows)


_HEAD_3 = RowStyle(font=BOLD, shade=SHADE, rule_below=(0, 2, 0.6, RULE))


YEAR_POS_W = 45 * mm
YEAR_COL_W = (TEXT_W - YEAR_POS_W) / 7
YEAR_SIZE = 7.5


def _year_amount(value: Decimal) -> str:
    """Amounts without '€' (the heading says 'in Euro') so that 7 columns fit."""
    return number(value, 2) if value else "–"


def year_tables(positions: Sequence[str], by_month: dict[tuple[str, int], Decimal]) -> list[Table]:
    """Two tables (January–June with half-year sum, July–December with year sum), positions as rows."""
    tables = []
    for months, last in ((range(1, 7), "Jan–Jun"), (range(7, 13), "Jahr")):
        data: list[list] = [["Position", *(MONTHS[m - 1] for m in months), last]]
        col_sums = [ZERO] * 7
        for pos in positions:
            values = [by_month.get((pos, m), ZERO) for m in months]
            row_total = sum(values, ZERO) if last != "Jahr" else sum(
                (by_month.get((pos, m), ZERO) for m in range(1, 13)), ZERO)
            cells = [*values, row_total]
            col_sums = [a + b for a, b in zip(col_sums, cells)]
            data.append([_year_cell(pos), *(_year_amount(v) for v in cells)])
        data.append(["Summe", *(_year_amount(v) for v in col_sums)])
        n = len(data) - 1
        table = Table(data, colWidths=(YEAR_POS_W, *[YEAR_COL_W] * 7), repeatRows=1, hAlign="LEFT")
        table.setStyle(base_style([
            ("FONTSIZE", (0, 0), (-1, -1), YEAR_SIZE), ("LEADING", (0, 0), (-1, -1), 9.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("FONTNAME", (0, 0), (-1, 0), BOLD), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("FONTNAME", (-1, 1), (-1, -1), BOLD), ("FONTNAME", (0, n), (-1, n), BOLD),
            ("LINEABOVE", (0, n), (-1, n), 0.8, colors.black),
        ]))
        tables.append(table)
    return tables


@cache
def _year_style() -> ParagraphStyle:
    return ParagraphStyle("year_cell", parent=styles().cell, fontSize=YEAR_SIZE, leading=9)


def _year_cell(text: str):
    if stringWidth(plain(text), REGULAR, YEAR_SIZE) <= YEAR_POS_W - 4:
        return plain(text)
    lines = break_lines(glue(text), REGULAR, YEAR_SIZE, YEAR_POS_W - 4)
    return Paragraph("<br/>".join(escape(line) for line in lines), _year_style())
