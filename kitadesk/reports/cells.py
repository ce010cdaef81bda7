"""The one place where text becomes a spreadsheet cell (issue 18 item 7, issue 15 item 9).

xlsx (Excel's limits, ECMA-376):
- control characters (other than tab, line feed, carriage return), U+FFFE/U+FFFF and
  unpaired surrogates are removed — XML cannot hold them, a file with them opens nowhere;
- a literal ``_xHHHH_`` is written escaped as ``_x005F_xHHHH_`` (else Excel would read it as
  an escaped character); `xlsx_unescape` is the reading side;
- text longer than 32,767 characters is refused with a message naming the record;
- text is always a string cell, never a formula (``=HYPERLINK(…)`` stays text).
CSV: text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
apostrophe so spreadsheet programs do not run it as a formula; numbers (also negative ones)
stay numbers — only text is neutralised.
Sheet names: at most 31 characters, none of ``[]:*?/\\``, not starting or ending with an
apostrophe, unique regardless of case."""

from __future__ import annotations

import re
from datetime import datetime

from kitadesk.reports.errors import ReportError

MAX_CELL_TEXT = 32_767  # Excel: characters per cell (UTF-16 code units)
MAX_SHEET_NAME = 31
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ESCAPE_LIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def clean_text(text: str) -> str:
    """Remove what XML (and so every xlsx reader) cannot hold."""
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def excel_length(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class TextTooLong(ReportError):
    """A text longer than an Excel cell holds; `where` names sheet, row, column and record."""

    def __init__(self, where: str, length: int):
        super().__init__(f"{where}: Text mit {_thousands(length)} Zeichen ist länger, als Excel in einer Zelle "
                         f"erlaubt ({_thousands(MAX_CELL_TEXT)} Zeichen) – bitte den Datensatz kürzen.")
        self.where, self.length = where, length


def too_long(value: str) -> bool:
    """Whether `value`, sanitised, exceeds an Excel cell."""
    return len(value) > MAX_CELL_TEXT // 2 and excel_length(clean_text(value)) > MAX_CELL_TEXT


def check_length(text: str, where: str) -> str:
    if len(text) > MAX_CELL_TEXT // 2 and excel_length(text) > MAX_CELL_TEXT:
        raise TextTooLong(where, excel_length(text))
    return text


def xlsx_text(value: str, where: str = "Zelle") -> str:
    """Sanitised cell text, before XML escaping: what a reader gets back (see xlsx_unescape)."""
    return check_length(clean_text(value), where)


def xml_text(text: str, attribute: bool = False) -> str:
    """Sanitised text as XML content: ``_xHHHH_`` escaped, XML special characters escaped
    (quotes too in an attribute), carriage returns as character references (XML parsers turn
    a raw CR into LF)."""
    if "_x" in text:
        text = _ESCAPE_LIKE.sub("_x005F_", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;")
    return text.replace("\r", "&#13;") if "\r" in text else text


def xlsx_unescape(text: str) -> str:
    """The reading side of ``_xHHHH_`` (ECMA-376 ST_Xstring): ``_x000A_`` → line feed,
    ``_x005F_`` → underscore."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def inline_string_xml(ref: str, value: str, style: int | str | None = None, where: str = "Zelle") -> str:
    """One string cell (never a formula) as SpreadsheetML ('' when nothing is left). Hot path (400,000 cells at 10×):
    the steps of xlsx_text and xml_text inlined."""
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
        if not value:
            return ""  # nothing left: no cell
    if len(value) > MAX_CELL_TEXT // 2:
        check_length(value, where)
    if "_x" in value:
        value = _ESCAPE_LIKE.sub("_x005F_", value)
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    if style is None:
        return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def local_naive(value: datetime) -> datetime:
    """Excel has no time zones: an aware datetime is shown in local time, without a zone."""
    return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value


def csv_text(value: str) -> str:
    """CSV text a spreadsheet program will not run as a formula (leading apostrophe)."""
    value = clean_text(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def sheet_name(wanted: str, taken: list[str] | set[str] | tuple[str, ...] = ()) -> str:
    """A valid sheet name close to `wanted`, unique (case-insensitively) among `taken`:
    forbidden characters become '_', at most 31 characters, a number appended on a clash."""
    name = _BAD_SHEET_CHARS.sub("_", clean_text(wanted)).strip().strip("'").strip() or "Blatt"
    name = name[:MAX_SHEET_NAME]
    used = {t.casefold() for t in taken}
    candidate, n = name, 1
    while candidate.casefold() in used:
        n += 1
        tail = f" ({n})"
        candidate = name[:MAX_SHEET_NAME - len(tail)] + tail
    return candidate


def check_sheet_name(title: str, taken: list[str] | tuple[str, ...] = ()) -> str:
    """Refuse an invalid or (case-insensitively) repeated sheet name given by the program."""
    if (not title or len(title) > MAX_SHEET_NAME or _BAD_SHEET_CHARS.search(title)
            or title.startswith("'") or title.endswith("'") or clean_text(title) != title):
        raise ReportError(f"Ungültiger Blattname „{title}“ (höchstens 31 Zeichen, keine der Zeichen []:*?/\\).")
    if title.casefold() in {t.casefold() for t in taken}:
        raise ReportError(f"Blatt „{title}“ gibt es schon (Groß-/Kleinschreibung zählt in Excel nicht).")
    return title
