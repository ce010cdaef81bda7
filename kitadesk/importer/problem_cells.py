"""The values of the cells a list of problems points at (the import window's detail line):
one streamed pass over the sheets concerned (xlsx.Workbook), nothing kept but those cells."""

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kitadesk.importer.xlsx import Workbook, XlsxError

Key = tuple[str, int, str]  # sheet, Excel row, column name


def problem_cell_values(path: Path, problems: Iterable[Any]) -> dict[Key, str]:
    """(sheet, row, column) → the cell's text as shown in Excel ('' for an empty cell); problems
    without a row or column are skipped. An unreadable file gives no values (never an error)."""
    wanted: dict[str, dict[int, set[str]]] = {}
    for p in problems:
        if isinstance(p.row, int) and p.row > 1 and p.column and p.column != "–":
            wanted.setdefault(p.sheet, {}).setdefault(p.row, set()).add(p.column)
    if not wanted:
        return {}
    found: dict[Key, str] = {}
    try:
        wb = Workbook(path)
    except XlsxError:
        return {}
    try:
        for name, part in wb.sheets:
            rows = wanted.get(name.strip())
            if not rows or part is None:
                continue
            header: dict[str, int] = {}
            last = max(rows)
            for number, values in wb.rows(part):
                if number == 1:
                    header = {str(v).strip(): i for i, v in enumerate(values) if v is not None}
                elif number in rows:
                    for column in rows[number]:
                        i = header.get(column)
                        value = values[i] if i is not None and i < len(values) else None
                        found[(name.strip(), number, column)] = _text(value)
                if number >= last:
                    break
    except Exception:  # a damaged part: the detail line then shows no value
        return found
    finally:
        wb.close()
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return str(value)
