"""An office's own list as read for mapping (issue 19.1): one sheet of an .xlsx (through the
one streaming reader, `xlsx.Workbook`) or a .csv (`;` or `,`, UTF-8 with or without BOM,
else cp1252). Values stay as the list has them; the mapping turns them into §3 values."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from kitadesk.errors import InputError
from kitadesk.importer.reader import open_workbook, too_big
from kitadesk.importer.xlsx import LimitError

MAX_ROWS = 200_000
HEADER_SEARCH = 10  # the header row is among the first rows (a title above it is common)


@dataclass
class SourceSheet:
    name: str  # the sheet's name; a csv: the file name
    header_row: int  # 1-based
    headers: list[str]  # "" for a column without header
    rows: list[tuple[int, tuple]]  # (1-based row number in the list, values), rows below the header, not empty

    def column(self, header: str) -> int | None:
        return self.headers.index(header) if header in self.headers else None

    def samples(self, limit: int = 50) -> list[list]:
        """Per column the first `limit` values (for the proposal and the dialog)."""
        rows = [values for _, values in self.rows[:limit]]
        return [[r[i] if i < len(r) else None for r in rows] for i in range(len(self.headers))]


def is_csv(path: Path) -> bool:
    return Path(path).suffix.lower() in (".csv", ".txt")


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook (a csv has one, named like the file)."""
    path = Path(path)
    if is_csv(path):
        _exists(path)
        return [path.name]
    wb = open_workbook(path)
    try:
        return [name for name, part in wb.sheets if part is not None]
    finally:
        wb.close()


def read_source(path: Path, sheet: str | None = None, header_row: int | None = None) -> SourceSheet:
    """One sheet (default: the first) with its header row (default: found among the first rows)."""
    path = Path(path)
    if is_csv(path):
        _exists(path)
        return _sheet(path.name, csv_rows(path), header_row)
    wb = open_workbook(path)
    try:
        parts = {name: part for name, part in wb.sheets if part is not None}
        if not parts:
            raise InputError(f"Die Arbeitsmappe {path.name} enthält kein Tabellenblatt.")
        name = sheet if sheet is not None else next(iter(parts))
        if name not in parts:
            raise InputError(f"Die Arbeitsmappe {path.name} hat kein Blatt „{name}“; vorhanden: {', '.join(parts)}.")
        return _sheet(name, list(wb.rows(parts[name])), header_row)
    except LimitError as exc:
        raise too_big(path.name, exc) from exc
    finally:
        wb.close()


def _exists(path: Path) -> None:
    if not path.is_file():
        raise InputError(f"Die Datei {path} gibt es nicht.")


def csv_rows(path: Path) -> list[tuple[int, tuple]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(number, tuple(v if v.strip() else None for v in values)) for number, values in enumerate(reader, 1)]


def _filled(values: tuple) -> int:
    return sum(1 for v in values if v is not None and str(v).strip())


def _guess_header(rows: list[tuple[int, tuple]]) -> int:
    """The first row with at least two texts and nothing but texts (no dates, no numbers)."""
    for number, values in rows[:HEADER_SEARCH]:
        cells = [v for v in values if v is not None and str(v).strip()]
        if len(cells) >= 2 and all(isinstance(v, str) and not v.strip()[:1].isdigit() for v in cells):
            return number
    return rows[0][0] if rows else 1


def _sheet(name: str, rows: list[tuple[int, tuple]], header_row: int | None) -> SourceSheet:
    number = header_row or _guess_header(rows)
    header = next((values for n, values in rows if n == number), ())
    headers = [str(v).strip() if v is not None else "" for v in header]
    while headers and not headers[-1]:
        headers.pop()
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):  # a doubled header gets a number: the mapping needs each column once
        if h:
            seen[h] = seen.get(h, 0) + 1
            headers[i] = h if seen[h] == 1 else f"{h} ({seen[h]})"
    body = [(n, values) for n, values in rows if n > number and _filled(values)]
    if len(body) > MAX_ROWS:
        raise InputError(f"Blatt {name}: zu viele Zeilen (höchstens {MAX_ROWS}).")
    if not headers:
        raise InputError(f"Blatt {name}: keine Kopfzeile mit Spaltennamen gefunden.")
    return SourceSheet(name, number, headers, body)
