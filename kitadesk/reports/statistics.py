"""Exports of the statistics: the official Teil III.3 records (R-S1) as a workbook (sheets
`Kinder`, `Tagespflegepersonen`, `Fehlende Angaben`, `Info`) and as CSV files (semicolon,
UTF-8 with BOM for Excel), and the office's own figures (R-S2) as a workbook and a PDF with
bar charts. Only plain data from kitadesk.domain.statistics — no store access."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from kitadesk.domain.statistics import (
    AGE_GROUPS,
    GESCHLECHT,
    HOUR_BANDS,
    HOUR_BANDS_SHORT,
    MoneyFigures,
    OfficialStatistics,
    StockFigures,
)
from kitadesk.domain.texts import hours as fast_hours
from kitadesk.formats import day, money, month_label, number
from kitadesk.reports.cells import csv_text
from kitadesk.reports.output import atomic_path, ensure_folder
from kitadesk.reports.xlsx_style import HOURS, INTEGER, MONEY, TEXT, Column, FinanceWorkbook

CSV_FILES = ("kinder.csv", "tagespflegepersonen.csv", "fehlende_angaben.csv")
MONTHS_SHORT = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")


def yes_no(value: bool | None) -> str:
    return "" if value is None else "ja" if value else "nein"


def sex(value: str | None) -> str:
    return GESCHLECHT.get(value or "", "")


# ------------------------------------------------------------------ R-S1 tables

CHILD_COLUMNS = (
    Column("Nr", TEXT, 10), Column("SRT", TEXT, 11), Column("TPP-Nr", TEXT, 10), Column("Geschlecht", TEXT, 11),
    Column("Geburtsmonat", INTEGER, 13), Column("Geburtsjahr", INTEGER, 12),
    Column("In KTP seit Monat", INTEGER, 17), Column("In KTP seit Jahr", INTEGER, 16),
    Column("Elternteil ausländ. Herkunft", TEXT, 25), Column("Familiensprache nicht Deutsch", TEXT, 27),
    Column("Verwandtschaft zur TPP", TEXT, 22), Column("Wochenstunden", HOURS, 15, total=True),
    Column("Tage je Woche", INTEGER, 14), Column("Eingliederungshilfe", TEXT, 19),
)
CARER_COLUMNS = (
    Column("Nr", TEXT, 10), Column("SRT", TEXT, 11), Column("Geschlecht", TEXT, 11), Column("Geburtsjahr", INTEGER, 12),
    Column("Qualifikation", TEXT, 14), Column("Betreuungsort", TEXT, 22), Column("Großtagespflege", TEXT, 16),
    Column("Anzahl Kinder", INTEGER, 14, total=True),
)
MISSING_COLUMNS = (Column("Art", TEXT, 18), Column("Nr", TEXT, 10), Column("Name", TEXT, 30), Column("SRT", TEXT, 11),
                   Column("Fehlende Angaben", TEXT, 90))


def child_rows(stats: OfficialStatistics) -> list[tuple]:
    return [(c.nr, c.srt, c.carer_nr, sex(c.geschlecht), c.geburtsmonat, c.geburtsjahr, c.seit.month, c.seit.year,
             yes_no(c.herkunft_ausland), yes_no(c.sprache_nicht_deutsch), c.verwandtschaft or "", c.wochenstunden,
             c.tage_pro_woche, yes_no(c.eingliederungshilfe)) for c in stats.children]


def carer_rows(stats: OfficialStatistics) -> list[tuple]:
    return [(c.nr, c.srt, sex(c.geschlecht), c.geburtsjahr, c.qualifikation, c.betreuungsort,
             yes_no(c.grosstagespflege), c.kinder) for c in stats.carers]


def missing_rows(stats: OfficialStatistics) -> list[tuple]:
    return [(m.art, m.nr, m.name, m.srt, m.text) for m in stats.missing]


def info_pairs(stats: OfficialStatistics, created_by: str = "", database: str = "") -> list[tuple[str, object]]:
    pairs = [("Amtliche Kinder- und Jugendhilfestatistik, Teil III.3 (R-S1)", None),
             ("Stichtag", day(stats.stichtag)),
             ("Kinder in Kindertagespflege", str(len(stats.children))),
             ("Tagespflegepersonen mit Kindern", str(len(stats.carers))),
             ("Datensätze mit fehlenden Angaben", str(len(stats.missing))),
             ("Erstellt am", datetime.now().strftime("%d.%m.%Y %H:%M")), ("Erstellt von", created_by),
             ("Datenbank", database)]
    if not stats.is_first_of_march:
        pairs.append(("Hinweis", "Der gesetzliche Stichtag ist der 1. März (§§ 98–103 SGB VIII)."))
    if stats.notes:
        pairs.append(("Hinweise", None))
        pairs += [("", note) for note in stats.notes]
    return pairs


def write_official_xlsx(stats: OfficialStatistics, path: str | Path, created_by: str = "",
                        database: str = "") -> Path:
    """R-S1 workbook: Kinder, Tagespflegepersonen, Fehlende Angaben (+ Info), finance style."""
    with FinanceWorkbook(path, title=f"Statistik Kindertagespflege {day(stats.stichtag)}") as wb:
        wb.add_table("Kinder", CHILD_COLUMNS, child_rows(stats))
        wb.add_table("Tagespflegepersonen", CARER_COLUMNS, carer_rows(stats))
        wb.add_table("Fehlende Angaben", MISSING_COLUMNS, missing_rows(stats))
        wb.add_info("Info", info_pairs(stats, created_by, database))
    return Path(path)


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return fast_hours(value)  # decimal comma for a German Excel (babel is too slow at 10×)
    if isinstance(value, str):
        return csv_text(value)  # text never runs as a formula; numbers (also negative) stay numbers
    return str(value)


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence]) -> None:
    """Semicolon-separated, UTF-8 with BOM (Excel opens it with umlauts), written atomically."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow([csv_text(h) for h in headers])
        writer.writerows([[_csv_value(v) for v in row] for row in rows])


def write_official_csv(stats: OfficialStatistics, directory: str | Path) -> list[Path]:
    """R-S1 as kinder.csv, tagespflegepersonen.csv, fehlende_angaben.csv in `directory`."""
    folder = ensure_folder(directory)
    out = []
    for name, columns, rows in zip(CSV_FILES, (CHILD_COLUMNS, CARER_COLUMNS, MISSING_COLUMNS),
                                   (child_rows(stats), carer_rows(stats), missing_rows(stats))):
        write_csv(folder / name, [c.header for c in columns], rows)
        out.append(folder / name)
    return out


# ------------------------------------------------------------------ R-S2 tables

SRT_HEADERS = ("SRT", "Tagespflegepersonen", "mit Kindern", "Kinder", "Kinder (Wohn-SRT)", "Plätze", "frei",
               "Belegung %", "überbelegt", "ohne gültige Erlaubnis")


def srt_table(stock: StockFigures) -> list[tuple]:
    """Rows per SRT and 'Gesamt' (R-S2); Belegung as a Decimal percentage or None."""
    return [(r.srt, r.tagespflegepersonen, r.mit_kindern, r.kinder, r.kinder_wohn_srt, r.plaetze, r.frei, r.belegung,
             r.ueberbelegt, r.ohne_erlaubnis) for r in stock.rows]


def group_table(stock: StockFigures, attr: str) -> list[tuple]:
    return [(r.srt, *getattr(r, attr), sum(getattr(r, attr))) for r in stock.rows]


def month_header(ym: tuple[int, int], short: bool = False) -> str:
    """(2026, 3) → 'Mär 2026' (short: 'Mär 26')."""
    return f"{MONTHS_SHORT[ym[1] - 1]} {ym[0] % 100:02d}" if short else f"{MONTHS_SHORT[ym[1] - 1]} {ym[0]}"


def _years(m: MoneyFigures) -> list[int]:
    """The calendar years of the range, when it spans more than one (R-S2: per month and year)."""
    years = sorted({y for y, _ in m.months})
    return years if len(years) > 1 else []


def money_table(m: MoneyFigures, table: dict[str, dict]) -> list[tuple]:
    """Rows: key, one amount per month, per calendar year (if several), total of the range."""
    rows = []
    for key, per_month in table.items():
        values = [per_month.get(ym, Decimal("0.00")) for ym in m.months]
        years = [sum((v for ym, v in zip(m.months, values) if ym[0] == y), Decimal("0.00")) for y in _years(m)]
        rows.append((key, *values, *years, sum(values, Decimal("0.00"))))
    return rows


def _money_columns(first: str, m: MoneyFigures) -> tuple[Column, ...]:
    return (Column(first, TEXT, 32), *(Column(month_header(ym), MONEY, 13, total=True) for ym in m.months),
            *(Column(f"Jahr {y}", MONEY, 15, total=True) for y in _years(m)), Column("Zeitraum", MONEY, 15, total=True))


def write_office_xlsx(stock: StockFigures, m: MoneyFigures, path: str | Path, created_by: str = "") -> Path:
    """R-S2 workbook: counts per SRT, age groups, hour bands, money by position and SRT, fees."""
    per_srt = [r for r in srt_table(stock) if r[0] != "Gesamt"]
    rows_of = {r.srt: r for r in stock.rows}
    with FinanceWorkbook(path, title=f"Zahlen Kindertagespflege {day(stock.stichtag)}") as wb:
        wb.add_table("Übersicht je SRT", (
            Column("SRT", TEXT, 12), Column("Tagespflegepersonen", INTEGER, 20, True),
            Column("mit Kindern", INTEGER, 12, True), Column("Kinder", INTEGER, 10, True),
            Column("Kinder (Wohn-SRT)", INTEGER, 18, True), Column("Plätze", INTEGER, 10, True),
            Column("frei", INTEGER, 8, True), Column("Belegung %", HOURS, 12),
            Column("überbelegt", INTEGER, 11, True), Column("ohne gültige Erlaubnis", INTEGER, 22, True)),
            per_srt)
        wb.add_table("Altersgruppen", (Column("SRT", TEXT, 12), *(Column(a, INTEGER, 20, True) for a in AGE_GROUPS),
                                       Column("Kinder", INTEGER, 10, True)),
                     [r for r in group_table(stock, "altersgruppen") if r[0] != "Gesamt"])
        wb.add_table("Stundenbänder", (Column("SRT", TEXT, 12), *(Column(b, INTEGER, 20, True) for b in HOUR_BANDS),
                                       Column("Kinder", INTEGER, 10, True)),
                     [r for r in group_table(stock, "stundenbaender") if r[0] != "Gesamt"])
        wb.add_table("Auszahlung nach Position", _money_columns("Position", m), money_table(m, m.paid_by_position))
        wb.add_table("Auszahlung nach SRT", _money_columns("SRT", m), money_table(m, m.paid_by_srt))
        if m.fees_total:
            wb.add_table("Elternbeiträge nach SRT", _money_columns("SRT", m), money_table(m, m.fees_by_srt))
        total = rows_of.get("Gesamt")
        pairs = [("Zahlen der Kindertagespflege (R-S2)", None), ("Stichtag der Bestandszahlen", day(stock.stichtag)),
                 ("Zeitraum der Beträge", f"{month_label(*m.months[0])} – {month_label(*m.months[-1])}"),
                 ("Belegung gesamt", f"{number(total.belegung, 1)} %" if total and total.belegung is not None else "–"),
                 ("Ausgezahlt im Zeitraum", money(m.paid_sum)),
                 ("Elternbeiträge im Zeitraum", money(m.fees_sum) if m.fees_total else "–"),
                 ("Erstellt am", datetime.now().strftime("%d.%m.%Y %H:%M")), ("Erstellt von", created_by),
                 ("Hinweise", None), ("", "Kinder und Plätze nach SRT der Tagespflegeperson; Plätze nach der am "
                                          "Stichtag gültigen Erlaubnis (R-C6)."),
                 ("", "Beträge nur aus abgeschlossenen Auszahlungsläufen, nach Auszahlungsmonat; Korrekturen "
                      "zählen zu ihrer Position.")]
        if m.months_without_run:
            pairs.append(("", "Ohne abgeschlossenen Lauf: " + ", ".join(month_header(x) for x in m.months_without_run)))
        if m.fees_note:
            pairs.append(("", m.fees_note))
        wb.add_info("Info", pairs)
    return Path(path)


# ------------------------------------------------------------------ R-S2 PDF with charts

def _int(value) -> str:
    return "" if value is None else number(Decimal(value), 0)


def office_charts(stock: StockFigures, m: MoneyFigures, width: float = 480, title_less: bool = False) -> list:
    """The bar charts of the office figures (the same four as the window's Diagramme tab)."""
    from kitadesk.reports.charts import bar_chart

    srts = [r for r in stock.rows if r.srt != "Gesamt"]
    names = [r.srt or "ohne SRT" for r in srts]
    total = stock.total
    charts = [
        bar_chart(f"Kinder und Plätze je SRT am {day(stock.stichtag)}", names,
                  [("Kinder", [r.kinder for r in srts]), ("Plätze", [r.plaetze for r in srts]),
                   ("frei", [r.frei for r in srts])], width=width),
        bar_chart("Kinder nach Altersgruppe", list(AGE_GROUPS), [("Kinder", list(total.altersgruppen))],
                  width=width / 2 - 6, height=175),
        bar_chart("Kinder nach Wochenstunden", list(HOUR_BANDS_SHORT), [("Kinder", list(total.stundenbaender))],
                  width=width / 2 - 6, height=175),
    ]
    series = [("Ausgezahlt", [m.paid_total.get(ym, 0) for ym in m.months])]
    if m.fees_total:
        series.append(("Elternbeiträge", [m.fees_total.get(ym, 0) for ym in m.months]))
    charts.append(bar_chart("" if title_less else "Beträge je Monat", [month_header(ym, short=True) for ym in m.months],
                            series, width=width, money=True, value_labels=len(m.months) <= 6))
    return charts


def write_office_pdf(stock: StockFigures, m: MoneyFigures, path: str | Path, created_by: str = "") -> Path:
    """R-S2 as a PDF: tables per SRT, age groups and hour bands, money per month, four bar charts."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

    from kitadesk.reports.charts import data_table, pdf_styles, write_pdf

    st = pdf_styles()
    width = 174 * mm
    period = f"{month_label(*m.months[0])} – {month_label(*m.months[-1])}"
    story = [Paragraph("Zahlen der Kindertagespflege", st["title"]),
             Paragraph(f"Stadt Moers, Fachdienst Jugend · Bestand am {day(stock.stichtag)} · Beträge "
                       f"{period} · erstellt {datetime.now():%d.%m.%Y %H:%M}"
                       + (f" von {created_by}" if created_by else ""), st["subtitle"])]
    head = ("SRT", "Tages-\npflegep.", "mit\nKindern", "Kinder", "Kinder\nWohn-SRT", "Plätze", "frei",
            "Belegung", "über-\nbelegt", "ohne gült.\nErlaubnis")
    rows = [head] + [(r[0] or "ohne SRT", *map(_int, r[1:7]), f"{number(r[7], 1)} %" if r[7] is not None else "–",
                      _int(r[8]), _int(r[9])) for r in srt_table(stock)]
    story += [Paragraph("Tagespflegepersonen, Kinder und Plätze je SRT", st["h2"]),
              data_table(rows, [w * mm for w in (24, 16, 16, 14, 19, 15, 13, 18, 16, 21)], total_last=True)]
    charts = office_charts(stock, m, width, title_less=True)
    story += [Spacer(1, 6), charts[0], Spacer(1, 4), Table([[charts[1], charts[2]]], colWidths=[width / 2] * 2,
                                                           style=[("LEFTPADDING", (0, 0), (-1, -1), 0)])]
    groups = [("SRT", *AGE_GROUPS, "Kinder")] + [(r[0] or "ohne SRT", *map(_int, r[1:])) for r in
                                                 group_table(stock, "altersgruppen")]
    bands = [("SRT", *HOUR_BANDS, "Kinder")] + [(r[0] or "ohne SRT", *map(_int, r[1:])) for r in
                                               group_table(stock, "stundenbaender")]
    story += [KeepTogether([Paragraph("Kinder nach Altersgruppe und SRT", st["h2"]),
                            data_table(groups, [30 * mm, 38 * mm, 38 * mm, 38 * mm, 30 * mm], total_last=True)]),
              KeepTogether([Paragraph("Kinder nach Wochenstunden und SRT", st["h2"]),
                            data_table(bands, [30 * mm, 28 * mm, 34 * mm, 34 * mm, 26 * mm, 22 * mm],
                                       total_last=True)])]
    story += [Paragraph(f"Beträge je Monat ({period})", st["h2"]), charts[3], Spacer(1, 8)]
    month_rows = [("Monat", "Ausgezahlt", "Elternbeiträge")]
    for ym in m.months:
        month_rows.append((month_label(*ym), money(m.paid_total.get(ym, Decimal("0.00"))),
                           money(m.fees_total[ym]) if m.fees_total else "–"))
    month_rows.append(("Summe", money(m.paid_sum), money(m.fees_sum) if m.fees_total else "–"))
    story.append(data_table(month_rows, [50 * mm, 40 * mm, 40 * mm], total_last=True))
    pos_rows = [("Position", "Betrag im Zeitraum")] + [(r[0], money(r[-1])) for r in money_table(m, m.paid_by_position)]
    pos_rows.append(("Summe", money(m.paid_sum)))
    srt_rows = [("SRT", "Ausgezahlt", "Elternbeiträge")] + [
        (srt or "ohne SRT", money(sum(per.values(), Decimal("0.00"))),
         money(sum(m.fees_by_srt.get(srt, {}).values(), Decimal("0.00"))) if m.fees_total else "–")
        for srt, per in m.paid_by_srt.items()]
    story += [KeepTogether([Paragraph("Ausgezahlt nach Position", st["h2"]),
                            data_table(pos_rows, [90 * mm, 40 * mm], total_last=True)])]
    if len(srt_rows) > 1:
        story += [KeepTogether([Paragraph("Ausgezahlt nach SRT", st["h2"]),
                                data_table(srt_rows, [50 * mm, 40 * mm, 40 * mm])])]
    notes = ["Kinder und Plätze nach dem SRT der Tagespflegeperson; Plätze nach der am Stichtag gültigen Erlaubnis "
             "(R-C6); frei = Summe je Tagespflegeperson von max(0, Plätze − Kinder).",
             "Beträge nur aus abgeschlossenen Auszahlungsläufen, dem Auszahlungsmonat zugeordnet; Korrekturen zählen "
             "zu ihrer Position. Elternbeiträge = Zahlbetrag der Beitragsliste (Beitrag − Ermäßigung)."]
    if m.months_without_run:
        notes.append("Ohne abgeschlossenen Lauf: " + ", ".join(month_header(x) for x in m.months_without_run) + ".")
    if m.fees_note:
        notes.append(m.fees_note)
    story += [Spacer(1, 8)] + [Paragraph(n, st["small"]) for n in notes]
    write_pdf(path, "Zahlen der Kindertagespflege", story,
              footer=f"KitaDesk · Zahlen der Kindertagespflege · Stichtag {day(stock.stichtag)}")
    return Path(path)
