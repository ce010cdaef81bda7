"""Read the import workbook (interfaces.md §3), streamed (`xlsx.Workbook`): sheets by
exact name, header in row 1 (column order free; unknown or doubled columns are an error;
optional columns may be missing), every cell parsed by its column's type. Problems are
collected, never raised one by one; only an unreadable file raises at once."""

import difflib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kitadesk.errors import InputError
from kitadesk.importer.cells import PARSERS, CellError, clean
from kitadesk.importer.problems import NONE, Problems
from kitadesk.importer.schema import EXTRA_SHEETS, SHEETS, Sheet
from kitadesk.importer.xlsx import LimitError, Workbook, XlsxError

MAX_DATA_ROWS = 200_000  # per sheet; 10× the city is < 25,000
MAX_COLUMNS = 200


@dataclass
class Row:
    number: int  # Excel row number (header = 1)
    values: dict[str, Any]  # column name → parsed value (None = empty), present columns only
    bad: set[str] = field(default_factory=set)  # columns whose value could not be read

    def get(self, column: str, default=None):
        value = self.values.get(column)
        return default if value is None else value

    def ok(self, *columns: str) -> bool:
        return not any(c in self.bad for c in columns)


@dataclass
class SheetData:
    sheet: Sheet
    present: set[str] = field(default_factory=set)
    rows: list[Row] = field(default_factory=list)
    found: bool = False

    def has(self, column: str) -> bool:
        return column in self.present


def open_workbook(path: Path) -> Workbook:
    """Open for streaming; anything unreadable becomes one German InputError."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"Die Datei {path} gibt es nicht.")
    if path.is_dir():
        raise InputError(f"{path} ist ein Ordner, keine Excel-Datei.")
    if not zipfile.is_zipfile(path):
        hint = " (altes .xls-Format? Bitte in Excel als .xlsx speichern)" if _is_ole(path) else ""
        raise InputError(f"Die Datei {path.name} ist keine Excel-Arbeitsmappe (.xlsx){hint}.")
    try:
        return Workbook(path)
    except LimitError as exc:
        raise too_big(path.name, exc) from exc
    except XlsxError as exc:
        raise InputError(f"Die Datei {path.name} ist keine lesbare Excel-Arbeitsmappe (.xlsx): {exc}.") from exc


def too_big(filename: str, exc: LimitError) -> InputError:
    return InputError(f"Die Datei {filename} ist zu groß für einen Import ({exc}); es wurde nichts eingelesen. "
                      "Bitte nur die Blätter und Zeilen der Vorlage verwenden (export-template).")


def _is_ole(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_workbook(path: Path, problems: Problems) -> dict[str, SheetData]:
    wb = open_workbook(path)
    try:
        return _read_all(wb, Path(path).name, problems)
    except InputError:
        raise
    except LimitError as exc:
        raise too_big(Path(path).name, exc) from exc
    except Exception as exc:  # damaged parts (CRC, truncated XML) anywhere in the file
        raise InputError(f"Die Datei {Path(path).name} ist beschädigt und kann nicht gelesen werden "
                         f"({type(exc).__name__}).") from exc
    finally:
        wb.close()


def _read_all(wb: Workbook, filename: str, problems: Problems) -> dict[str, SheetData]:
    data = {s.name: SheetData(s) for s in SHEETS}
    parts = {}
    for name, part in wb.sheets:
        parts.setdefault(name.strip(), part)
    for name, part in parts.items():
        if name in data or name in EXTRA_SHEETS:
            continue
        if part is None or _has_content(wb, part):
            hint = _suggest(name, list(data))
            problems.add(name, NONE, NONE, f"unbekanntes Blatt{hint}; erlaubt sind: {', '.join(data)}.")
    for sheet in SHEETS:
        if sheet.name not in parts:
            if not sheet.optional:
                problems.add(sheet.name, NONE, NONE, "Blatt fehlt (Pflichtblatt).")
            continue
        try:
            _read_sheet(wb, parts[sheet.name], data[sheet.name], problems)
        except (InputError, LimitError):
            raise
        except Exception as exc:  # a damaged sheet part inside an otherwise valid zip
            raise InputError(f"Blatt {sheet.name} in {filename} ist beschädigt und kann nicht gelesen "
                             f"werden ({type(exc).__name__}).") from exc
    if not problems and not any(d.rows for d in data.values()):
        raise InputError(f"Die Arbeitsmappe {filename} enthält keine Daten (nur leere Blätter oder Kopfzeilen).")
    return data


def _has_content(wb: Workbook, part: str) -> bool:
    for _, row in wb.rows(part):
        if any(v is not None and str(v).strip() for v in row):
            return True
    return False


def _suggest(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return f" (gemeint: „{close[0]}“?)" if close else ""


def _read_header(header: tuple, sheet: Sheet, problems: Problems) -> tuple[dict[int, str], set[int]]:
    """(column index → column name, indices of unknown/doubled columns — reported here once)."""
    mapping: dict[int, str] = {}
    rejected: set[int] = set()
    for index, raw in enumerate(header):
        name = str(raw).strip() if raw is not None else ""
        if not name:
            continue
        if name not in sheet.by_name:
            problems.add(sheet.name, 1, name, f"unbekannte Spalte{_suggest(name, sheet.column_names)}.")
            rejected.add(index)
        elif name in mapping.values():
            problems.add(sheet.name, 1, name, "Spalte kommt doppelt vor.")
            rejected.add(index)
        else:
            mapping[index] = name
    for col in sheet.columns:
        if col.name not in mapping.values() and not col.optional:
            problems.add(sheet.name, 1, col.name, "Spalte fehlt.")
    return mapping, rejected


def _read_sheet(wb: Workbook, part: str | None, target: SheetData, problems: Problems) -> None:
    sheet = target.sheet
    target.found = True
    if part is None:
        problems.add(sheet.name, NONE, NONE, "ist kein Tabellenblatt (Diagramm?).")
        return
    rows = wb.rows(part)
    first = next(rows, None)
    header = first[1] if first is not None and first[0] == 1 else None
    if header is None or not any(v is not None and str(v).strip() for v in header):
        problems.add(sheet.name, 1, NONE, "Kopfzeile fehlt: Zeile 1 muss die Spaltennamen enthalten.")
        return
    mapping, rejected = _read_header(header[:MAX_COLUMNS], sheet, problems)
    target.present = set(mapping.values())
    parsers = {i: (sheet.by_name[n], PARSERS[sheet.by_name[n].kind]) for i, n in mapping.items()}
    headless: set[int] = set(rejected)
    for number, raw in rows:
        if not raw or all(v is None or (isinstance(v, str) and not v.strip()) for v in raw):
            continue
        if len(target.rows) >= MAX_DATA_ROWS:
            problems.add(sheet.name, number, NONE, f"zu viele Zeilen (höchstens {MAX_DATA_ROWS}); Rest nicht gelesen.")
            return
        target.rows.append(read_row(number, raw, parsers, sheet, problems, headless))


def read_row(number: int, raw: tuple, parsers, sheet: Sheet, problems: Problems, headless: set[int]) -> Row:
    row = Row(number, dict.fromkeys(col.name for col, _ in parsers.values()))
    values = row.values
    for index, value in enumerate(raw):
        if value is None:
            continue
        spec = parsers.get(index)
        if spec is None:
            if index not in headless and not (isinstance(value, str) and not value.strip()):
                headless.add(index)  # reported once per column
                problems.add(sheet.name, number, _letter(index),
                             "Spalte ohne Überschrift enthält Werte (ab dieser Zeile); bitte Überschrift "
                             "eintragen oder Werte löschen.")
            continue
        col, parser = spec
        try:
            if type(value) is str:
                value = clean(value)
                if value is None:
                    continue
            values[col.name] = parser(value, col)
        except CellError as exc:
            problems.add(sheet.name, number, col.name, str(exc))
            row.bad.add(col.name)
    for col, _ in parsers.values():
        if col.required and values[col.name] is None and col.name not in row.bad:
            problems.add(sheet.name, number, col.name, "Wert fehlt (Pflichtangabe).")
            row.bad.add(col.name)
    return row


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"Spalte {get_column_letter(index + 1)}"
