"""Payout workbook (`payout --xlsx`, interfaces.md §4): sheets Auszahlung, Positionen, Info."""

from __future__ import annotations

from pathlib import Path

from kitadesk.formats import month_label
from kitadesk.reports.data import PayoutReport, compact_iban, hide_password, natural_key
from kitadesk.reports.xlsx_style import DATE, HOURS, MONEY, RATE, Column, FinanceWorkbook

SHEET_PAYMENTS, SHEET_LINES, SHEET_INFO = "Auszahlung", "Positionen", "Info"

PAYMENT_COLUMNS = (
    Column("Nr", width=10),
    Column("Name", width=24),
    Column("Vorname", width=20),
    Column("SRT", width=11),
    Column("IBAN", width=27),
    Column("Betrag", MONEY, width=14, total=True),
    Column("Verwendungszweck", width=44),
)

LINE_COLUMNS = (
    Column("TPP_Nr", width=10),
    Column("Kind_Nr", width=10),
    Column("Position", width=34),
    Column("Regel", width=9),
    Column("Von", DATE, width=12),
    Column("Bis", DATE, width=12),
    Column("Stunden", HOURS, width=10),
    Column("Satz", RATE, width=12),
    Column("Betrag", MONEY, width=14, total=True),
)


def info_pairs(report: PayoutReport) -> list[tuple[str, object]]:
    """The Info sheet's rows: run head, totals, then the settings (Auslegungen) used."""
    info = report.info
    pairs: list[tuple[str, object]] = [
        ("Monat", f"{info.month:02d}/{info.year} ({month_label(info.year, info.month)})"),
        ("Lauf", info.number),
        ("Status", info.status),
        ("Erstellt am", info.created_at),
        ("Erstellt von", info.created_by),
        ("Datenbank", hide_password(info.database)),
        ("Programmversion", info.program_version),
        ("Verwendungszweck", info.purpose),
        ("Anzahl Zahlungen", len(report.payments)),
        ("Auszahlungsbetrag", report.total),
        ("Anzahl Positionen", len(report.lines)),
        ("", None),
        ("Einstellungen (Auslegungen)", None),
    ]
    pairs += [(name, str(value)) for name, value in sorted(info.settings.items())]
    if report.warnings:
        pairs += [("", None), ("Hinweise der Vollständigkeitsprüfung", None)]
        pairs += [("", text) for text in report.warnings]
    return pairs


def write_payout_workbook(report: PayoutReport, path: str | Path) -> Path:
    """Write the payout workbook; returns the path. Raises ReportError on inconsistent data."""
    info = report.info
    purpose = info.purpose
    lines = sorted(report.lines, key=lambda line: natural_key(line.carer_nr))  # stable: keeps line order
    with FinanceWorkbook(path, title=f"Auszahlung {info.period} Lauf {info.number}") as wb:
        wb.add_table(SHEET_PAYMENTS, PAYMENT_COLUMNS, (
            (p.carer.nr, p.carer.name, p.carer.vorname, p.carer.srt, compact_iban(p.carer.iban) or None,
             p.amount, purpose)
            for p in report.payments
        ))
        wb.add_table(SHEET_LINES, LINE_COLUMNS, (
            (ln.carer_nr, ln.child_nr, ln.position, ln.rule, ln.von, ln.bis, ln.hours, ln.rate, ln.amount)
            for ln in lines
        ))
        wb.add_info(SHEET_INFO, info_pairs(report))
    return Path(path)
