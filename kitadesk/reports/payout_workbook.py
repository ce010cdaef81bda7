"""Payout workbook (`payout --xlsx`, interfaces.md §4): sheets Auszahlung, Positionen, Info."""

from __future__ import annotations

from pathlib import Path

from kitadesk.domain.positions import Composer
from kitadesk.domain.settings import REGISTRY, Auslegungen
from kitadesk.formats import month_label
from kitadesk.reports.data import PayoutReport, compact_iban, hide_password, natural_key
from kitadesk.reports.xlsx_style import DATE, HOURS, HOURS4, MONEY, RATE, Column, FinanceWorkbook

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

# interfaces.md §4 (names and order promised), then how each amount is made (issue 15):
# Stunden × Satz = Betrag for the hours lines (domain/positions.py says which lines those are)
LINE_COLUMNS = (
    Column("TPP_Nr", width=10),
    Column("Kind_Nr", width=10),
    Column("Position", width=34),
    Column("Regel", width=9),
    Column("Von", DATE, width=12),
    Column("Bis", DATE, width=12),
    Column("Stunden", HOURS4, width=11),
    Column("Satz", RATE, width=12),
    Column("Betrag", MONEY, width=14, total=True),
    Column("Name", width=20),
    Column("Vorname", width=16),
    Column("Kind", width=24),
    Column("Wochenstunden", HOURS, width=14),
    Column("Monatsfaktor", width=13),
    Column("Tage", width=8),
    Column("Erklärung", width=80),
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


def _run_settings(report: PayoutReport) -> Auslegungen:
    """The settings stored in the run (only known names: a run from an older program may lack some)."""
    known = {s.name for s in REGISTRY}
    return Auslegungen({k: str(v) for k, v in report.info.settings.items() if k in known})


def line_rows(report: PayoutReport, lines):
    """The rows of sheet Positionen (LINE_COLUMNS)."""
    compose = Composer(_run_settings(report))
    carers = report.carers_by_nr
    for ln in lines:
        how = compose(ln)
        carer = carers.get(ln.carer_nr)
        yield (ln.carer_nr, ln.child_nr, ln.position, ln.rule, ln.von, ln.bis, how.stunden, ln.rate, ln.amount,
               carer.name if carer else None, carer.vorname if carer else None,
               report.children.get(ln.child_nr) if ln.child_nr else None,
               how.wochenstunden, how.monatsfaktor or None, how.tage or None, ln.why or None)


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
        wb.add_table(SHEET_LINES, LINE_COLUMNS, line_rows(report, lines))
        wb.add_info(SHEET_INFO, info_pairs(report))
    return Path(path)
