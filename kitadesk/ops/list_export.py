"""A list screen as the office sees it, exported to Excel ("Liste exportieren", issue 14 item 6).

The rows are what the list shows (the screen's query already left out what the user may not
see); the export is audited like every export of personal data (who, which list, how many rows,
which file). Dates stay dates and hours/amounts numbers, so the sheet sorts and sums in Excel.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from kitadesk.ops.exports import check_export, write_recorded
from kitadesk.reports.xlsx_style import DATE, HOURS, INTEGER, TEXT, Column, FinanceWorkbook
from kitadesk.store import Store


def _kind(values: Sequence) -> str:
    present = [v for v in values if v is not None and v != ""]
    if present and all(isinstance(v, date) for v in present):
        return DATE
    if present and all(isinstance(v, bool) is False and isinstance(v, int) for v in present):
        return INTEGER
    if present and all(isinstance(v, Decimal) for v in present):
        return HOURS
    return TEXT


def export_list(store: Store, user: str, path: str | Path, title: str, header: Sequence[str],
                rows: Sequence[Sequence]) -> Path:
    """Write `rows` (real values per column) as one sheet `title`; audited. Returns the file."""
    target = Path(path)
    check_export(store, user, "lesen")
    columns = []
    for i, name in enumerate(header):
        kind = _kind([r[i] for r in rows])
        width = max([len(str(name)), *(len(str(r[i])) for r in rows[:200])]) + 2
        columns.append(Column(name, kind, min(width, 50)))
    cleaned = [[("" if v is None else str(v)) if c.kind == TEXT else v for v, c in zip(r, columns)] for r in rows]

    def write() -> Path:
        with FinanceWorkbook(target, title=title) as book:
            book.add_table(title[:31] or "Liste", columns, cleaned, totals=False)
        return target

    return write_recorded(store, user, f"Liste „{title}“ ({len(rows)} Zeile{'' if len(rows) == 1 else 'n'})", write)
