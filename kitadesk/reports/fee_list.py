"""Fee list for the city treasury (`beitraege --xlsx`, interfaces.md §4): sheets Beiträge and Info."""

from __future__ import annotations

from pathlib import Path

from kitadesk.formats import month_label
from kitadesk.reports.data import CHANGES, ZERO, FeeList, FeeListRow, hide_password, natural_key
from kitadesk.reports.errors import ReportError
from kitadesk.reports.xlsx_style import MONEY, TEXT, Column, FinanceWorkbook

SHEET_FEES, SHEET_INFO = "Beiträge", "Info"

FEE_COLUMNS = (
    Column("Familie_Nr", width=11),
    Column("Kind_Nr", width=10),
    Column("Name", width=22),
    Column("Vorname", width=18),
    Column("Sorgeberechtigte", width=34),
    Column("Stufe", TEXT, width=16),
    Column("Band", TEXT, width=10),
    Column("Beitrag", MONEY, width=13, total=True),
    Column("Ermäßigung", MONEY, width=13, total=True),
    Column("Zahlbetrag", MONEY, width=13, total=True),
    Column("Änderung", width=11),
)


def _check(rows: list[FeeListRow]) -> None:
    problems = []
    seen = set()
    for row in rows:
        where = f"Kind-Nr. {row.child_nr}"
        if row.child_nr in seen:
            problems.append(f"{where}: doppelt")
        seen.add(row.child_nr)
        if row.change not in CHANGES:
            problems.append(f"{where}: Änderung „{row.change}“ unbekannt (erlaubt: neu, geändert, entfällt, leer)")
        if row.waiver is not None and row.waiver < 0:
            problems.append(f"{where}: Ermäßigung als positiver Betrag erwartet")
        if row.fee is not None and row.fee < 0:
            problems.append(f"{where}: negativer Beitrag")
        if row.fee is None and row.waiver:
            problems.append(f"{where}: Ermäßigung ohne festgesetzten Beitrag")
    if problems:
        raise ReportError("Beitragsliste: Daten unstimmig.", tuple(problems))


def sorted_rows(rows) -> list[FeeListRow]:
    """By Familie_Nr, then Kind_Nr, so siblings stand together."""
    return sorted(rows, key=lambda r: (natural_key(r.family_nr), natural_key(r.child_nr)))


def write_fee_list(fee_list: FeeList, path: str | Path) -> Path:
    """Write the fee list workbook; returns the path. Raises ReportError on inconsistent rows."""
    info = fee_list.info
    rows = sorted_rows(fee_list.rows)
    _check(rows)
    with FinanceWorkbook(path, title=f"Elternbeiträge {info.month:02d}/{info.year}") as wb:
        totals = wb.add_table(SHEET_FEES, FEE_COLUMNS, (
            (r.family_nr, r.child_nr, r.name, r.vorname, r.guardians, r.stufe, r.band,
             r.fee, None if r.fee is None else (r.waiver or ZERO), r.amount_due, r.change or None)
            for r in rows
        ))
        pairs: list[tuple[str, object]] = [
            ("Monat", f"{info.month:02d}/{info.year} ({month_label(info.year, info.month)})"),
            ("Erstellt am", info.created_at),
            ("Erstellt von", info.created_by),
            ("Datenbank", hide_password(info.database)),
            ("Programmversion", info.program_version),
        ]
        if info.fee_table_valid_from:
            pairs.append(("Beitragstabelle gültig ab", info.fee_table_valid_from))
        pairs += [
            ("Anzahl Kinder", len(rows)),
            ("Summe Beitrag", totals["Beitrag"]),
            ("Summe Ermäßigung", totals["Ermäßigung"]),
            ("Summe Zahlbetrag", totals["Zahlbetrag"]),
            ("Ohne festgesetzten Beitrag", sum(1 for r in rows if r.fee is None)),
            ("", None),
            ("Einstellungen (Auslegungen)", None),
        ]
        pairs += [(name, str(value)) for name, value in sorted(info.settings.items())]
        if fee_list.warnings:
            pairs += [("", None), ("Hinweise", None)] + [("", text) for text in fee_list.warnings]
        wb.add_info(SHEET_INFO, pairs)
    return Path(path)

