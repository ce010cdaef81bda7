"""The year ahead (issue 20) as a workbook (a sheet per SRT and `Gesamt`, real numbers, the
scenario's parameters on `Info`) and as a PDF for the committee. Plain data only
(domain/projection.py), no store access."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from kitadesk.domain.projection import GESAMT, HOCHRECHNUNG, Projection, compare
from kitadesk.formats import number
from kitadesk.reports.statistics import MONTHS_SHORT
from kitadesk.reports.xlsx_style import MONEY, TEXT, Column, FinanceWorkbook

ZERO = Decimal("0.00")
LIGHT = "#c9d6e8"  # projected months in the PDF chart (the window hatches them)
PDF_HEAD = ("Monat", "Status", "Auszahlung", "Elternbeiträge")
PDF_HEAD_SCENARIO = ("Monat", "Status", "Auszahlung", "Eltern-\nbeiträge", "Auszahlung\nSzenario",
                     "Differenz\nAuszahlung", "Beiträge\nSzenario", "Differenz\nBeiträge")
TABLE_WIDTHS = (26, 30, 40, 40)  # mm, within the 169 mm of the A4 frame
TABLE_WIDTHS_SCENARIO = (15, 23, 22, 22, 22, 21, 22, 21)
TABLE_SIZE, TABLE_SIZE_SCENARIO = 8.5, 7.5  # pt (data_table shrinks it for larger sums)
TABLE_PADDING = 3  # pt


def sheet_title(srt: str) -> str:
    return srt.replace("/", "-") or "ohne SRT"  # '/' is not allowed in sheet names


def status_text(status: str, unconfirmed: bool) -> str:
    return f"{status} (Sätze unbestätigt)" if unconfirmed else status


def columns(base: Projection, other: Projection | None) -> tuple[Column, ...]:
    cols = [Column("Monat", TEXT, 10), Column("Status", TEXT, 30), Column("Auszahlung", MONEY, 15, total=True),
            Column("Elternbeiträge", MONEY, 15, total=True)]
    if other is not None:
        cols += [Column("Auszahlung Szenario", MONEY, 19, total=True),
                 Column("Elternbeiträge Szenario", MONEY, 22, total=True),
                 Column("Differenz Auszahlung", MONEY, 20, total=True),
                 Column("Differenz Elternbeiträge", MONEY, 23, total=True)]
    cols += [Column(p, MONEY, max(14, len(p) + 2), total=True) for p in _positions(base, other)]
    return tuple(cols)


def _positions(base: Projection, other: Projection | None) -> list[str]:
    names = dict.fromkeys(base.positions)
    if other is not None:
        names.update(dict.fromkeys(other.positions))
    return list(names)


def rows(base: Projection, other: Projection | None, srt: str = GESAMT) -> list[tuple]:
    """One row per month: Monat, Status, base, [scenario, differences], positions (of the scenario if any)."""
    out = []
    shown = other if other is not None else base
    positions = _positions(base, other)
    for i, b in enumerate(base.series(srt)):
        row = [f"{b.month:02d}/{b.year}", status_text(b.status, b.unconfirmed_rates), b.payout, b.fees]
        if other is not None:
            s = other.series(srt)[i]
            row += [s.payout, s.fees, s.payout - b.payout, s.fees - b.fees]
        figures = shown.series(srt)[i]
        row += [figures.positions.get(p, ZERO) for p in positions]
        out.append(tuple(row))
    return out


def info_pairs(base: Projection, other: Projection | None, srt: str | None, created_by: str = "",
               leave_mode: str = "") -> list[tuple[str, object]]:
    pairs: list[tuple[str, object]] = [
        ("Hochrechnung", None),
        ("Jahr", str(base.year)),
        ("SRT", srt or "alle"),
        ("Erstellt am", f"{datetime.now():%d.%m.%Y %H:%M}"),
        ("Erstellt von", created_by),
        ("Abgang mit 3 Jahren", leave_mode),
        ("", None),
        ("Szenario", None),
    ]
    pairs += (other.scenario.parameters() if other is not None else [("Szenario", "keines (nur Basis)")])
    pairs += [("", None), ("Hinweise", None),
              ("abgeschlossen", "Beträge des abgeschlossenen Auszahlungslaufs (in jedem Szenario unverändert)"),
              (HOCHRECHNUNG, "berechnet wie der Auszahlungslauf aus den Betreuungen, wie sie stehen"),
              ("Sätze unbestätigt", "mit der vorgeschlagenen, noch nicht bestätigten Satztabelle (R-G2)"),
              ("Elternbeiträge", "Zahlbetrag der Beitragsliste (Beitrag − Ermäßigung), nach SRT des Kindes"),
              ("Auszahlung", "Summe der Zahlungen, nach SRT der Tagespflegeperson")]
    return pairs


def write_projection_workbook(base: Projection, other: Projection | None, path: str | Path, srt: str | None = None,
                              created_by: str = "", leave_mode: str = "") -> Path:
    cols = columns(base, other)
    srts = [srt] if srt else [*base.srts, GESAMT]
    with FinanceWorkbook(path, title=f"Hochrechnung {base.year}") as wb:
        for name in srts:
            wb.add_table(sheet_title(name), cols, rows(base, other, name))
        wb.add_info("Info", info_pairs(base, other, srt, created_by, leave_mode))
    return Path(path)


def projection_chart(base: Projection, other: Projection | None, srt: str = GESAMT, width: float = 480,
                     height: float = 210):
    """Bars per month: base (and scenario); projected months lighter than finalized ones."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.lib.colors import HexColor

    from kitadesk.reports.charts import PALETTE, bar_chart

    series = [("Basis", [f.payout for f in base.series(srt)])]
    if other is not None:
        series.append(("Szenario", [f.payout for f in other.series(srt)]))
    drawing = bar_chart(f"Auszahlung je Monat – {srt} (hell = Hochrechnung)", list(MONTHS_SHORT), series,
                        width=width, height=height, money=True, value_labels=False)
    chart = next(c for c in drawing.contents if isinstance(c, VerticalBarChart))
    light = (LIGHT, "#f3d2b5")
    for i in range(len(series)):
        for j, figures in enumerate(base.series(srt)):
            if figures.status == HOCHRECHNUNG:
                chart.bars[(i, j)].fillColor = HexColor(light[i % 2])
                chart.bars[(i, j)].strokeColor = HexColor(PALETTE[i % len(PALETTE)])
                chart.bars[(i, j)].strokeWidth = 0.6
    return drawing


def write_projection_pdf(base: Projection, other: Projection | None, path: str | Path, srt: str | None = None,
                         created_by: str = "") -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from kitadesk.reports.charts import data_table, pdf_styles, write_pdf

    st = pdf_styles()
    name = srt or GESAMT
    story = [Paragraph(f"Hochrechnung Kindertagespflege {base.year}", st["title"]),
             Paragraph(f"Stadt Moers, Fachdienst Jugend · {'SRT ' + srt if srt else 'alle SRT'} · erstellt "
                       f"{datetime.now():%d.%m.%Y %H:%M}" + (f" von {created_by}" if created_by else ""),
                       st["subtitle"])]
    if other is not None:
        story.append(Paragraph("Szenario: " + "; ".join(f"{k} {v}" for k, v in other.scenario.parameters()),
                               st["body"]))
    story += [Spacer(1, 6), projection_chart(base, other, name, width=174 * mm), Spacer(1, 8)]
    table = [list(PDF_HEAD_SCENARIO if other is not None else PDF_HEAD)]  # amounts in € (the line above)
    for i, b in enumerate(base.series(name)):
        row = [f"{MONTHS_SHORT[b.month - 1]} {b.year}", b.status + ("*" if b.unconfirmed_rates else ""),
               number(b.payout), number(b.fees)]
        if other is not None:
            s = other.series(name)[i]
            row += [number(s.payout), number(s.payout - b.payout), number(s.fees), number(s.fees - b.fees)]
        table.append(row)
    total = base.year_total(name)
    last = ["Jahr", "", number(total.payout), number(total.fees)]
    if other is not None:
        year = compare(base, other, name)[-1]
        ot = other.year_total(name)
        last += [number(ot.payout), number(year.payout), number(ot.fees), number(year.fees)]
    table.append(last)
    widths = TABLE_WIDTHS_SCENARIO if other is not None else TABLE_WIDTHS
    story += [Paragraph("Beträge in Euro", st["small"]),
              KeepTogether([data_table(table, [w * mm for w in widths], right_from=2, total_last=True,
                                       size=TABLE_SIZE_SCENARIO if other is not None else TABLE_SIZE,
                                       padding=TABLE_PADDING)])]
    notes = ["abgeschlossen = Beträge des abgeschlossenen Auszahlungslaufs (in jedem Szenario unverändert); "
             "Hochrechnung = berechnet wie der Auszahlungslauf aus den Betreuungen, wie sie stehen.",
             "Elternbeiträge = Zahlbetrag der Beitragsliste nach SRT des Kindes; Auszahlung nach SRT der "
             "Tagespflegeperson."]
    if any(f.unconfirmed_rates for f in base.series(name)):
        notes.append("* Sätze unbestätigt = mit der vorgeschlagenen, noch nicht bestätigten Satztabelle (R-G2).")
    story += [Spacer(1, 6)] + [Paragraph(n, st["small"]) for n in notes]
    write_pdf(path, f"Hochrechnung {base.year}", story, footer=f"KitaDesk · Hochrechnung {base.year} · {name}")
    return Path(path)
