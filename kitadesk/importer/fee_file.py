"""Fee tables from an xlsx file with the import's sheet `Beitragstabelle` (interfaces.md §3),
read for a projection scenario (issue 20) — nothing is stored."""

from pathlib import Path

from kitadesk.domain.fee_table import FeeCell, FeeTable, build_fee_tables
from kitadesk.errors import InputError
from kitadesk.importer.problems import Problems
from kitadesk.importer.reader import SheetData, _read_sheet, open_workbook
from kitadesk.importer.schema import FEES


def read_fee_tables(path: str | Path) -> list[FeeTable]:
    """Every complete fee table of the file's sheet Beitragstabelle; otherwise InputError
    listing every problem (sheet, row, column: message)."""
    name = Path(path).name
    wb = open_workbook(Path(path))
    problems, data = Problems(), SheetData(FEES)
    try:
        parts = {n.strip(): p for n, p in wb.sheets}
        if FEES.name not in parts:
            raise InputError(f"{name}: Blatt „{FEES.name}“ fehlt (Spalten wie in der Import-Vorlage).")
        _read_sheet(wb, parts[FEES.name], data, problems)
    finally:
        wb.close()
    if problems:
        raise InputError(f"{name}: die Beitragstabelle ist fehlerhaft.", [str(p) for p in problems.items])
    tables = build_fee_tables((r.get("Gültig_ab"), FeeCell(r.get("Alter"), r.get("Einkommen_bis"),
                                                           r.get("Stunden_bis"), r.get("Beitrag")))
                              for r in data.rows)
    errors = [e for t in tables for e in t.errors()]
    if errors or not tables:
        raise InputError(f"{name}: die Beitragstabelle ist unvollständig.", errors or ["keine Zeilen"])
    return tables
