"""The annotated error workbook ("Fehlerliste", issue 19.2): a copy of the source with every
problem cell filled light red and its message(s) as a cell comment, plus a first sheet
`Probleme` (Blatt, Zeile, Spalte, Meldung; each line links to its cell).

Where a problem has no cell: a problem of a whole row (no or an unknown column) marks the row's
first cell, a problem of a column without a row marks its header cell, one of a missing column
or a whole sheet marks the header's first cell; a sheet the source lacks is only listed.

`problems` are objects with `sheet`, `row` (1-based Excel row; None or text = no row), `column`
(header name; None or "–" = no column) and `message` (importer/problems.py `Problem`; the office
lists' assistant passes its own). The source is an .xlsx path or rows per sheet (a CSV: the
header row first)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from kitadesk.reports.cells import sheet_name, xlsx_text
from kitadesk.reports.errors import ReportError
from kitadesk.reports.output import atomic_path

PROBLEM_SHEET = "Probleme"
PROBLEM_HEADER = ("Blatt", "Zeile", "Spalte", "Meldung")
PROBLEM_FILL = PatternFill("solid", fgColor="FFC7CE")  # light red (Excel's "bad" style)
AUTHOR = "KitaDesk"
NO_VALUE = ("", "–", "-")


class ProblemLike(Protocol):
    @property
    def sheet(self) -> str: ...
    @property
    def row(self) -> Any: ...
    @property
    def column(self) -> Any: ...
    @property
    def message(self) -> str: ...


Source = Path | str | Mapping[str, Sequence[Sequence[Any]]]


def write_error_workbook(source: Source, problems: Iterable[ProblemLike], target: Path | str) -> Path:
    """Write the annotated copy of `source` to `target` (atomically); returns `target`."""
    wb = _open(source)
    listed: list[tuple[str, int | None, str | None, str, Cell | None]] = []
    marks: dict[tuple[str, str], list[str]] = {}
    for p in problems:
        row = p.row if isinstance(p.row, int) and p.row >= 1 else None
        column = None if p.column is None or str(p.column) in NO_VALUE else str(p.column)
        cell = _cell_of(wb, str(p.sheet), row, column)
        if cell is not None:
            marks.setdefault((str(p.sheet), cell.coordinate), []).append(str(p.message))
        listed.append((str(p.sheet), row, column, str(p.message), cell))
    for (sheet, ref), messages in marks.items():
        _mark(wb[sheet][ref], messages)
    _problem_sheet(wb, listed)
    target = Path(target)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def _open(source: Source) -> Workbook:
    if isinstance(source, Mapping):
        wb = Workbook()
        wb.remove(wb.active)
        for name, rows in source.items():
            ws = wb.create_sheet(sheet_name(str(name), wb.sheetnames))
            for values in rows:
                ws.append([_text_cell(v) for v in values])
            _as_text(ws)
        return wb
    path = Path(source)
    try:
        return load_workbook(path)
    except (OSError, InvalidFileException, KeyError, ValueError) as exc:
        raise ReportError(f"Die Arbeitsmappe {path.name} konnte für die Fehlerliste nicht gelesen werden ({exc}).") from exc


def _text_cell(value: Any) -> Any:
    return xlsx_text(value) if isinstance(value, str) else value


def _as_text(ws: Worksheet) -> None:
    """Text from rows (CSV) stays text: never a formula."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _cell_of(wb: Workbook, sheet: str, row: int | None, column: str | None) -> Cell | None:
    if sheet not in wb.sheetnames:
        return None
    ws = wb[sheet]
    index = _header(ws).get(column) if column else None
    return ws.cell(row or 1, index or 1)


def _header(ws: Worksheet) -> dict[str, int]:
    return {str(c.value).strip(): c.column for c in next(ws.iter_rows(min_row=1, max_row=1), ())
            if c.value is not None}


def _mark(cell: Cell, messages: list[str]) -> None:
    cell.fill = PROBLEM_FILL
    text = "\n".join(dict.fromkeys(messages))  # the same message twice is noise
    if cell.comment is not None:  # e.g. the template's explanation on a header: kept below
        text = f"{text}\n—\n{cell.comment.text}"
    comment = Comment(xlsx_text(text), AUTHOR)
    comment.width, comment.height = 320, min(60 + 18 * text.count("\n") + len(text) // 3, 400)
    cell.comment = comment


def _problem_sheet(wb: Workbook, listed: list) -> None:
    ws = wb.create_sheet(sheet_name(PROBLEM_SHEET, wb.sheetnames), 0)
    ws.append(PROBLEM_HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for sheet, row, column, message, target in listed:
        ws.append([xlsx_text(sheet), row, xlsx_text(column or "–"), xlsx_text(message)])
        if target is not None:
            link = ws.cell(ws.max_row, 4)
            link.hyperlink = f"#'{sheet}'!{target.coordinate}"
    for letter, width in zip("ABCD", (20, 8, 24, 90)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:D{max(ws.max_row, 1)}"
    _as_text(ws)
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False
