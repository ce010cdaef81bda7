"""The one style of every finance workbook (interfaces.md §4), and its fast writer.

Real numbers with ``#,##0.00 €``, dates as dates ``DD.MM.YYYY``, a bold frozen header,
an autofilter over header and data, set column widths, and a totals row labelled
``Summe`` in the first column. The totals row holds the Decimal-computed value (no
formula), so every reader sees the right total without recalculation.

Why not openpyxl: its write-only mode needs ~9 s for the 10× payout workbook (32,000
lines; its pure-Python XML serialiser dominates), the budget is < 1 s. SpreadsheetML
for typed cells with a handful of styles is small and fixed, so this module writes it
directly (inline strings, one styles part). Tests read every workbook back with openpyxl.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl.utils import get_column_letter

from kitadesk.reports.cells import (
    MAX_CELL_TEXT,
    TextTooLong,
    check_sheet_name,
    clean_text,
    excel_length,
    inline_string_xml,
    local_naive,
    too_long,
    xml_text,
)
from kitadesk.reports.errors import ReportError
from kitadesk.reports.output import atomic_path

MONEY_FORMAT = "#,##0.00 €"
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
HOURS_FORMAT = "#,##0.00"
RATE_FORMAT = "#,##0.00## €"
HOURS4_FORMAT = "0.0000"  # hours of a payout line, recomputable: Stunden × Satz = Betrag
TOTAL_LABEL = "Summe"

TEXT, MONEY, DATE, DATETIME, HOURS, RATE, INTEGER = "text", "money", "date", "datetime", "hours", "rate", "integer"
HOURS4 = "hours4"
KINDS = (TEXT, MONEY, DATE, DATETIME, HOURS, RATE, INTEGER, HOURS4)
# numFmtId per kind: built-in 0 (General) and 1 ('0'), custom ids from 164
_NUMFMT = {TEXT: 0, MONEY: 164, DATE: 165, DATETIME: 166, HOURS: 167, RATE: 168, INTEGER: 1, HOURS4: 169}
_CUSTOM_FORMATS = {164: MONEY_FORMAT, 165: DATE_FORMAT, 166: DATETIME_FORMAT, 167: HOURS_FORMAT, 168: RATE_FORMAT,
                   169: HOURS4_FORMAT}
# cellXfs: index = 4 * kind index + variant (plain, bold, header = bold on a fill, header right-aligned)
PLAIN, BOLD, HEADER, HEADER_RIGHT = 0, 1, 2, 3
_VARIANTS = 4
_RIGHT_HEADER = (MONEY, HOURS, RATE, INTEGER, DATE, DATETIME, HOURS4)
_EPOCH = date(1899, 12, 30)
_SECONDS_PER_DAY = Decimal(86400)
_ZERO = Decimal("0.00")

_NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class Column:
    """One column: header (a promise, interfaces.md §4), kind, width, whether it is summed."""

    header: str
    kind: str = TEXT
    width: float = 12
    total: bool = False


def style_id(kind: str, variant: int = PLAIN) -> int:
    return _VARIANTS * KINDS.index(kind) + variant


def _escape(text: str) -> str:
    """Text for XML attributes and metadata (sheet names, title)."""
    return xml_text(clean_text(text), attribute=True)


def _number(value) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise TypeError(f"Zahl erwartet (Decimal oder int, nie float), nicht {value!r}.")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"Ungültige Zahl {value!r}.")
        return format(value, "f")
    return str(value)


def _serial(value: date) -> str:
    """Excel's day number (1900 system) of a date or datetime, exact (no float)."""
    if isinstance(value, datetime):
        value = local_naive(value)
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        fraction = (Decimal(seconds) / _SECONDS_PER_DAY).quantize(Decimal("0.0000000001"))
        return format(Decimal((value.date() - _EPOCH).days) + fraction, "f")
    if isinstance(value, date):
        return str((value - _EPOCH).days)
    raise TypeError(f"Datum erwartet, nicht {value!r}.")


def cell_xml(ref: str, value, kind: str, variant: int = PLAIN) -> str:
    """One <c> element; None/'' give ''. Text kinds keep numbers as numbers (e.g. counts)."""
    if value is None or value == "":
        return ""
    style = style_id(kind, variant)
    if kind in (DATE, DATETIME):
        return f'<c r="{ref}" s="{style}"><v>{_serial(value)}</v></c>'
    if kind == TEXT:
        if isinstance(value, str):
            return inline_string_xml(ref, value, style)
        if isinstance(value, bool):
            return inline_string_xml(ref, "ja" if value else "nein", style)
        if isinstance(value, float):
            value = Decimal(repr(value))
            return f'<c r="{ref}" s="{style}"><v>{_number(value)}</v></c>'
        if isinstance(value, datetime):
            return f'<c r="{ref}" s="{style_id(DATETIME, variant)}"><v>{_serial(value)}</v></c>'
        if isinstance(value, date):
            return f'<c r="{ref}" s="{style_id(DATE, variant)}"><v>{_serial(value)}</v></c>'
        if isinstance(value, Decimal):
            return f'<c r="{ref}" s="{style_id(MONEY, variant)}"><v>{_number(value)}</v></c>'
    return f'<c r="{ref}" s="{style}"><v>{_number(value)}</v></c>'


_CACHE_LIMIT = 100_000


def _cell_function(kind: str) -> Callable[[str, object], str]:
    """A fast per-column cell writer (data rows, plain variant).

    Text and dates repeat a lot (positions, rules, numbers, month days): their XML
    fragments are cached per column, the cell reference is the only varying part.
    """
    style = style_id(kind)
    if kind in (MONEY, HOURS, RATE, INTEGER, HOURS4):
        def money(ref, value):
            if value is None:
                return ""
            if type(value) is Decimal and value.is_finite():
                return f'<c r="{ref}" s="{style}"><v>{value:f}</v></c>'
            return f'<c r="{ref}" s="{style}"><v>{_number(value)}</v></c>'
        return money
    cache: dict = {}
    if kind == DATE:
        def day(ref, value):
            if value is None:
                return ""
            tail = cache.get(value)
            if tail is None:
                tail = f' s="{style}"><v>{_serial(value)}</v></c>'
                if len(cache) < _CACHE_LIMIT:
                    cache[value] = tail
            return f'<c r="{ref}"{tail}'
        return day
    if kind == TEXT:
        def text(ref, value):
            if value is None or value == "":
                return ""
            tail = cache.get(value) if type(value) is str else None
            if tail is None:
                tail = cell_xml("", value, kind)[len('<c r=""'):]  # '' when sanitising left nothing
                if type(value) is str and len(cache) < _CACHE_LIMIT:
                    cache[value] = tail
            return f'<c r="{ref}"{tail}' if tail else ""
        return text
    return lambda ref, value: cell_xml(ref, value, kind)


def _styles_xml() -> str:
    numfmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{_escape(code)}"/>' for i, code in _CUSTOM_FORMATS.items())
    xfs = []
    for kind in KINDS:
        fmt = _NUMFMT[kind]
        for font, fill, right in ((0, 0, False), (1, 0, False), (1, 2, False), (1, 2, True)):
            applied = ((' applyNumberFormat="1"' if fmt else "") + (' applyFont="1"' if font else "")
                       + (' applyFill="1"' if fill else "") + (' applyAlignment="1"' if right else ""))
            inner = '<alignment horizontal="right"/>' if right else ""
            xfs.append(f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"{applied}'
                       + (f">{inner}</xf>" if inner else "/>"))
    return (
        f'{_XML}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<numFmts count="{len(_CUSTOM_FORMATS)}">{numfmts}</numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="FFDDE4EE"/><bgColor indexed="64"/></patternFill></fill>'
        '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Standard" xfId="0" builtinId="0"/></cellStyles>'
        '</styleSheet>'
    )


def _too_long(title: str, columns: Sequence[Column], row: int, values: Sequence) -> TextTooLong:
    """Name the sheet, row, column and record (the row's first value) of an over-long text."""
    for column, value in zip(columns, values):
        if isinstance(value, str) and too_long(value):
            record = f"{values[0]:%d.%m.%Y}" if isinstance(values[0], date) else values[0]
            where = f"Blatt „{title}“, Zeile {row}, Spalte „{column.header}“ (Datensatz {record})"
            return TextTooLong(where, excel_length(clean_text(value)))
    return TextTooLong(f"Blatt „{title}“, Zeile {row}", MAX_CELL_TEXT + 1)


def _absolute(ref: str) -> str:
    """'A1:G20' → '$A$1:$G$20'."""
    return re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", ref)


def _quote_sheet(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


class FinanceWorkbook:
    """A workbook in the finance style, written atomically on close().

    Use as a context manager: ``with FinanceWorkbook(path) as wb: wb.add_table(...)``.
    On an exception nothing is left at ``path``.
    """

    def __init__(self, path: str | Path, title: str = "", creator: str = "KitaDesk"):
        self.path = Path(path)
        self.title, self.creator = title, creator
        self._sheets: list[tuple[str, str]] = []   # (title, last cell of the autofilter or '')
        self._target = atomic_path(self.path)
        self._tmp = self._target.__enter__()
        self._zip = zipfile.ZipFile(self._tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.discard()

    def _new_sheet(self, title: str) -> str:
        return check_sheet_name(title, [t for t, _ in self._sheets])

    def _write_sheet(self, title: str, columns: Sequence[Column], rows_xml: list[str], last_row: int,
                     filter_ref: str) -> None:
        last_col = get_column_letter(len(columns))
        cols = "".join(f'<col min="{i}" max="{i}" width="{c.width}" customWidth="1"/>' for i, c in enumerate(columns, 1))
        head = (
            f'{_XML}<worksheet {_NS}><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="A1:{last_col}{last_row}"/>'
            '<sheetViews><sheetView tabSelected="{sel}" workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
        ).replace("{sel}", "0" if self._sheets else "1")
        tail = "</sheetData>"
        if filter_ref:
            tail += f'<autoFilter ref="{filter_ref}"/>'
        tail += ('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
                 '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
                 '<headerFooter><oddFooter>&amp;L&amp;A&amp;RSeite &amp;P von &amp;N</oddFooter></headerFooter>'
                 '</worksheet>')
        index = len(self._sheets) + 1
        with self._zip.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True) as fh:
            fh.write(head.encode())
            for start in range(0, len(rows_xml), 4096):
                fh.write("".join(rows_xml[start:start + 4096]).encode())
            fh.write(tail.encode())
        self._sheets.append((title, filter_ref))

    def _header_xml(self, columns: Sequence[Column]) -> str:
        cells = "".join(cell_xml(f"{get_column_letter(i)}1", c.header, TEXT,
                                 HEADER_RIGHT if c.kind in _RIGHT_HEADER else HEADER) for i, c in enumerate(columns, 1))
        return f'<row r="1">{cells}</row>'

    def add_table(self, title: str, columns: Sequence[Column], rows: Iterable[Sequence],
                  totals: bool = True) -> dict[str, Decimal]:
        """A sheet with header, one row per item of ``rows`` and the 'Summe' row (unless
        ``totals`` is False: lists that are no finance tables); returns the totals.

        Each row gives the values in column order: Decimal for money and hours (never
        float), date/datetime for dates, str or int otherwise, None = empty cell.
        """
        self._new_sheet(title)
        letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
        writers = list(zip(letters, [_cell_function(c.kind) for c in columns]))
        summed = [i for i, c in enumerate(columns) if c.total]
        sums = [_ZERO] * len(columns)
        out = [self._header_xml(columns)]
        r = 1
        for values in rows:
            if len(values) != len(columns):
                raise ReportError(f"Blatt {title}: Zeile mit {len(values)} statt {len(columns)} Werten.")
            r += 1
            for i in summed:
                if values[i] is not None:
                    sums[i] += values[i]
            try:
                cells = "".join([fn(f"{letter}{r}", v) for (letter, fn), v in zip(writers, values)])
            except TextTooLong as exc:
                raise _too_long(title, columns, r, values) from exc
            out.append(f'<row r="{r}">{cells}</row>')
        filter_ref = f"A1:{letters[-1]}{r}"
        if not totals:
            self._write_sheet(title, columns, out, r, filter_ref)
            return {}
        total_r = r + 1
        total_cells = [cell_xml(f"A{total_r}", TOTAL_LABEL, TEXT, BOLD)]
        total_cells += [cell_xml(f"{letters[i]}{total_r}", sums[i], columns[i].kind, BOLD) for i in summed]
        out.append(f'<row r="{total_r}">{"".join(total_cells)}</row>')
        self._write_sheet(title, columns, out, total_r, filter_ref)
        return {columns[i].header: sums[i] for i in summed}

    def add_info(self, title: str, pairs: Iterable[tuple[str, object]]) -> None:
        """A two-column sheet 'Angabe' / 'Wert'; a pair with value None is a bold section heading."""
        self._new_sheet(title)
        columns = (Column("Angabe", width=36), Column("Wert", width=64))
        out = [self._header_xml(columns)]
        r = 1
        for label, value in pairs:
            r += 1
            heading = value is None and bool(label)
            try:
                cells = cell_xml(f"A{r}", label, TEXT, BOLD if heading else PLAIN) + cell_xml(f"B{r}", value, TEXT)
            except TextTooLong as exc:
                raise _too_long(title, columns, r, (label, value)) from exc
            out.append(f'<row r="{r}">{cells}</row>')
        self._write_sheet(title, columns, out, r, "")

    def discard(self) -> None:
        try:
            self._zip.close()
        finally:
            self._target.__exit__(ReportError, ReportError("verworfen"), None)

    def close(self) -> Path:
        """Write the workbook parts and move the file into place; returns the path."""
        if not self._sheets:
            self.discard()
            raise ReportError("Eine Arbeitsmappe braucht mindestens ein Blatt.")
        try:
            self._write_parts()
            self._zip.close()
        except BaseException as exc:
            self._target.__exit__(type(exc), exc, exc.__traceback__)
            raise
        self._target.__exit__(None, None, None)
        return self.path

    def _write_parts(self) -> None:
        n = len(self._sheets)
        sheets = "".join(f'<sheet name="{_escape(t)}" sheetId="{i}" r:id="rId{i}"/>' for i, (t, _) in enumerate(self._sheets, 1))
        names = []
        for i, (title, ref) in enumerate(self._sheets):
            q = _escape(_quote_sheet(title))
            if ref:
                names.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                             f'{q}!{_absolute(ref)}</definedName>')
            names.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{q}!$1:$1</definedName>')
        workbook = (f'{_XML}<workbook {_NS}><bookViews><workbookView activeTab="0"/></bookViews>'
                    f'<sheets>{sheets}</sheets><definedNames>{"".join(names)}</definedNames></workbook>')
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
        rels += (f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships/styles" Target="styles.xml"/>')
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, n + 1))
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")  # W3CDTF: UTC with Z
        parts = {
            "[Content_Types].xml": (
                f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/styles.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                '<Override PartName="/docProps/core.xml" ContentType="application/'
                'vnd.openxmlformats-package.core-properties+xml"/>'
                f'{overrides}</Types>'),
            "_rels/.rels": (
                f'{_XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/officeDocument" Target="xl/workbook.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                'metadata/core-properties" Target="docProps/core.xml"/></Relationships>'),
            "docProps/core.xml": (
                f'{_XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                f'<dc:title>{_escape(self.title)}</dc:title><dc:creator>{_escape(self.creator)}</dc:creator>'
                f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created></cp:coreProperties>'),
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": (
                f'{_XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'{rels}</Relationships>'),
            "xl/styles.xml": _styles_xml(),
        }
        for name, text in parts.items():
            self._zip.writestr(name, text.encode())
