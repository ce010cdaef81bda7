"""A streaming reader for .xlsx worksheets: zipfile + the C XML parser, values as
openpyxl's read-only `values_only` mode gives them (int/float/str/bool/datetime; formulas
as "=…", error values as "#N/A" …), date detection and serial conversion with openpyxl's
own helpers.

Why not `openpyxl.load_workbook(read_only=True)`: at 10× the city (≈ 45,000 rows,
400,000 cells) it needs ≈ 30 s on the office PCs' class of machine — it builds a Python
object per shared string and per cell, and without a <dimension> element parses every
sheet twice. This reader does the same work in a few seconds (bench/bench_import.py)."""

import posixpath
import re
import zipfile
from collections import deque
from datetime import datetime
from decimal import Decimal
from xml.etree import ElementTree
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

from kitadesk.domain.money import excel_shown
from kitadesk.reports.cells import xlsx_unescape

CHUNK = 1 << 16
_LETTERS = re.compile(r"^[A-Z]{1,3}$")
DIGITS = "0123456789"
REL_ID = ("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
          "{http://purl.oclc.org/ooxml/officeDocument/relationships}id")


# limits against crafted files (issue 18 item 8): 10× the city is ≈ 60 MB unpacked, 400,000 cells
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes of all zip members together, declared and actually read
MAX_MEMBERS = 10_000
MAX_SHARED_STRINGS = 1_000_000
MAX_CELLS = 1_000_000  # cell positions of all sheets (a gap before a cell counts too)
MAX_ROWS = 1_000_000  # row elements of all sheets, empty ones included


class XlsxError(ValueError):
    """The file is not a readable workbook (message: what is wrong, German)."""


class LimitError(XlsxError):
    """The workbook is larger than an import may be (message German: which limit)."""


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


class _Budget:
    """Bytes actually unpacked, cells and rows read: refuse past the limits."""

    def __init__(self):
        self.bytes = self.cells = self.rows = 0

    def unpacked(self, n: int) -> None:
        self.bytes += n
        if self.bytes > MAX_UNCOMPRESSED:
            raise LimitError(f"entpackt mehr als {_mb(MAX_UNCOMPRESSED)}")

    def add_row(self, positions: int) -> None:
        self.rows += 1
        self.cells += positions
        _check_count(self.rows, MAX_ROWS, "Zeilen")
        _check_count(self.cells, MAX_CELLS, "Zellen")


def _check_count(count: int, limit: int, what: str) -> None:
    if count > limit:
        raise LimitError(f"mehr als {limit:,} {what}".replace(",", "."))


def _local(name: str) -> str:
    return name.rpartition("}")[2].rpartition(":")[2]


def _parse(data: bytes, start=None, end=None, text=None) -> None:
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    if start:
        parser.StartElementHandler = lambda n, a: start(n.rpartition("}")[2], a)
    if end:
        parser.EndElementHandler = lambda n: end(n.rpartition("}")[2])
    if text:
        parser.CharacterDataHandler = text
    parser.Parse(data, True)


def _attr(attrs: dict, local: str):
    for key, value in attrs.items():
        if key.rpartition("}")[2] == local:
            return value
    return None


def column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


class Workbook:
    """Sheet names in order; `rows(name)` streams (row number, values tuple)."""

    def __init__(self, path):
        try:
            self.zip = zipfile.ZipFile(path)
        except Exception as exc:  # BadZipFile, OSError, damaged central directory …
            raise XlsxError(f"kein gültiges ZIP/xlsx ({type(exc).__name__})") from exc
        self.budget = _Budget()
        try:
            self._check_sizes()
            self._load()
        except XlsxError:
            self.zip.close()
            raise
        except Exception as exc:  # damaged deflate streams (zlib.error), CRC, bad XML, missing parts …
            self.zip.close()
            raise XlsxError(f"Aufbau der Arbeitsmappe unlesbar ({type(exc).__name__})") from exc

    def close(self) -> None:
        self.zip.close()

    def _check_sizes(self) -> None:
        """Declared sizes first: a zip bomb is refused before anything is unpacked."""
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise LimitError(f"mehr als {MAX_MEMBERS} Teile im ZIP")
        declared = sum(i.file_size for i in infos)
        if declared > MAX_UNCOMPRESSED:
            raise LimitError(f"entpackt {_mb(declared)}, erlaubt sind höchstens {_mb(MAX_UNCOMPRESSED)}")

    def _prescan(self, sheets: list[str], strings: str | None) -> None:
        """Count cells, rows and shared strings in the raw bytes first (C speed): a crafted file is
        refused in about a second instead of after parsing a million cells. The parse counts
        again exactly (rows()), this only catches the plain spelling early."""
        cells = rows = 0
        for part in sheets:
            for chunk in self._stream(part):
                cells += chunk.count(b"<c ") + chunk.count(b"<c>")
                rows += chunk.count(b"<row")
                _check_count(cells, MAX_CELLS, "Zellen")
                _check_count(rows, MAX_ROWS, "Zeilen")
        if strings and strings in self.zip.namelist():
            count = 0
            for chunk in self._stream(strings):
                count += chunk.count(b"<si>") + chunk.count(b"<si ") + chunk.count(b"<si/>")
                _check_count(count, MAX_SHARED_STRINGS, "Texte (shared strings)")
        self.budget.bytes = 0  # the parse reads the parts again: count its bytes afresh

    def _stream(self, name: str):
        """The member's bytes in chunks, counted against the budget (actual, not declared size)."""
        with self.zip.open(name) as stream:
            while chunk := stream.read(CHUNK):
                self.budget.unpacked(len(chunk))
                yield chunk

    def _read(self, name: str) -> bytes:
        return b"".join(self._stream(name))

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        found: dict[str, tuple[str, str]] = {}
        if rels_name not in self.zip.namelist():
            return found

        def start(name, attrs):
            if name == "Relationship":
                target = attrs.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                found[attrs.get("Id")] = (path, attrs.get("Type", "").rpartition("/")[2])

        _parse(self._read(rels_name), start)
        return found

    def _load(self) -> None:
        names = set(self.zip.namelist())
        root = self._rels("")
        if not root and "_rels/.rels" not in names:
            raise XlsxError("keine Excel-Arbeitsmappe (Teil _rels/.rels fehlt)")
        book = next((p for p, kind in root.values() if kind == "officeDocument"), "xl/workbook.xml")
        if book not in names:
            raise XlsxError("keine Excel-Arbeitsmappe (workbook.xml fehlt)")
        rels = self._rels(book)
        self.sheets: list[tuple[str, str | None]] = []  # (name, worksheet part or None for chart sheets)
        self.date1904 = False

        def start(name, attrs):
            if name == "sheet":
                rid = next((attrs[k] for k in REL_ID if k in attrs), None) or _attr(attrs, "id")
                path, kind = rels.get(rid, (None, ""))
                self.sheets.append((attrs.get("name", ""), path if kind == "worksheet" and path in names else None))
            elif name == "workbookPr":
                self.date1904 = attrs.get("date1904", "0") in ("1", "true")

        _parse(self._read(book), start)
        kinds = {kind: path for path, kind in rels.values()}
        self._prescan([p for _, p in self.sheets if p], kinds.get("sharedStrings"))
        self.strings = self._strings(kinds.get("sharedStrings"))
        self.date_styles, self.timedelta_styles = self._styles(kinds.get("styles"))

    def _strings(self, part: str | None) -> list[str]:
        if not part or part not in self.zip.namelist():
            return []
        strings: list[str] = []
        for si in self._children(part, "sst"):
            strings.append(_text_of(si))
            _check_count(len(strings), MAX_SHARED_STRINGS, "Texte (shared strings)")
        return strings

    def _children(self, part: str, container: str):
        """Stream the complete child elements of the first `container` element: the C parser
        builds them, Python only sees finished children (and drops them: memory stays flat)."""
        parser = ElementTree.XMLPullParser(events=("start",))
        holder = None
        chunks = self._stream(part)
        while True:
            chunk = next(chunks, b"")
            if chunk:
                parser.feed(chunk)
            else:
                parser.close()
            if holder is None:
                for _event, element in parser.read_events():
                    if element.tag.rpartition("}")[2] == container:
                        holder = element
                        break
            queue = getattr(parser, "_events_queue", None)
            if queue is not None and hasattr(queue, "clear"):
                queue.clear()  # only the container was wanted; skip a Python step per element
            else:
                deque(parser.read_events(), maxlen=0)
            if holder is not None:
                done = len(holder) if not chunk else len(holder) - 1
                if done > 0:
                    finished = holder[:done]
                    del holder[:done]
                    yield from finished
            if not chunk:
                break

    def _styles(self, part: str | None) -> tuple[set[int], set[int]]:
        if not part or part not in self.zip.namelist():
            return set(), set()
        formats = dict(BUILTIN_FORMATS)
        xfs: list[int] = []
        state = {"in": False}

        def start(name, attrs):
            if name == "numFmt":
                formats[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
            elif name == "cellXfs":
                state["in"] = True
            elif name == "xf" and state["in"]:
                xfs.append(int(attrs.get("numFmtId", "0")))

        def end(name):
            if name == "cellXfs":
                state["in"] = False

        _parse(self._read(part), start, end)
        dates, durations = set(), set()
        for index, fmt_id in enumerate(xfs):
            code = formats.get(fmt_id, "")
            if 14 <= fmt_id <= 22 or 27 <= fmt_id <= 36 or 45 <= fmt_id <= 47 or 50 <= fmt_id <= 58 or \
                    (code and is_date_format(code)):
                (durations if code and is_timedelta_format(code) else dates).add(index)
        return dates, durations

    def rows(self, part: str):
        """Yield (row number, tuple of values) for every row element of the sheet (streamed)."""
        strings, dates, durations = self.strings, self.date_styles, self.timedelta_styles
        epoch = MAC_EPOCH if self.date1904 else WINDOWS_EPOCH
        number = 0
        columns: dict[str, int] = {}
        tags: dict[str, str] = {}
        for row in self._children(part, "sheetData"):
            r = row.get("r")
            number = int(r) if r else number + 1
            values: list = []
            col = -1
            for c in row:
                attrib = c.attrib
                ref = attrib.get("r")
                if ref:
                    letters = ref.rstrip(DIGITS)
                    index = columns.get(letters)
                    if index is None:
                        index = columns[letters] = column_index(letters) if _LETTERS.match(letters) else col + 1
                    col = index
                else:
                    col += 1
                raw = formula = None
                for child in c:
                    tag = tags.get(child.tag)
                    if tag is None:
                        tag = tags[child.tag] = child.tag.rpartition("}")[2]
                    if tag == "v":
                        raw = child.text or ""
                    elif tag == "is":
                        raw = _text_of(child)
                    elif tag == "f":
                        formula = child.text or ""
                if formula is not None:
                    value = "=" + formula
                elif raw is None:
                    continue
                else:
                    kind = attrib.get("t")
                    if kind == "inlineStr" or kind == "str":
                        value = raw or None
                    elif kind == "s":
                        value = strings[int(raw)] if raw else None
                    else:
                        value = _value(raw, kind or "n", attrib.get("s"), dates, durations, epoch)
                    if value is None:
                        continue
                n = len(values)
                if col == n:
                    values.append(value)
                elif col > n:
                    values.extend([None] * (col - n))
                    values.append(value)
                else:
                    values[col] = value
            self.budget.add_row(max(len(values), 1))
            yield number, tuple(values)


def _text_of(element) -> str:
    """Text of a shared/inline string: plain <t> or rich-text runs <r><t>, without phonetic <rPh>;
    ``_xHHHH_`` escapes resolved (reports/cells.py writes them)."""
    if len(element) == 1:
        only = element[0]
        if only.tag == "t" or only.tag.endswith("}t"):
            return xlsx_unescape(only.text or "")
    parts = []
    for child in element:
        tag = child.tag.rpartition("}")[2]
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if t.tag.rpartition("}")[2] == "t")
    return xlsx_unescape("".join(parts))


_DATES: dict = {}


def _value(raw: str, kind: str, style, dates, durations, epoch):
    if raw == "":
        return None
    if kind == "b":
        return raw in ("1", "true")
    if kind == "e":
        return raw
    if kind == "d":
        try:
            return datetime.fromisoformat(raw.rstrip("Z"))
        except ValueError:
            return raw
    style = int(style) if style else 0
    if style in dates or style in durations:
        serial = int(raw) if raw.isdigit() else float(raw)  # Excel's day count (a date or time), never money
        if style in durations:
            return from_excel(serial, epoch, timedelta=True)
        key = (serial, epoch)
        value = _DATES.get(key)
        if value is None:
            try:
                value = from_excel(serial, epoch)
            except (OverflowError, ValueError):
                return exact_number(raw)  # no date: the number as typed (the check names the cell)
            if len(_DATES) < 100_000:
                _DATES[key] = value
        return value
    return int(raw) if raw.isdigit() else exact_number(raw)


def exact_number(raw: str) -> Decimal:
    """The number as typed: the cell text as Decimal (amounts stay exact, never a float) — but a
    text with more than 15 significant digits is the double written out in full (openpyxl writes
    9.72 as 9.720000000000001, Excel as 9.7200000000000006): then what Excel shows (9.72)."""
    return excel_shown(Decimal(raw))
