"""Fast drawing for the parts every letter repeats: many short strings in one PDF text object.

ReportLab's canvas.drawString and platypus Table draw each string in its own text object
(BT … ET with its own font set-up), which dominates the time of a 1,000-letter batch. Here a
whole page head or a whole table goes into one text object; the output is ordinary PDF text
(selectable, extractable).

- `draw_texts(canvas, items)`: strings with font, size, position, alignment, colour.
- `RowTable`: a flowable table of single-style rows (header, group, line, subtotal, total)
  that splits across pages at row boundaries and repeats its header row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus.flowables import Flowable

from kitadesk.reports.fonts import REGULAR, register_fonts
from kitadesk.reports.hyphenation import SHY, plain
from kitadesk.reports.letters import fontcache
from kitadesk.reports.textfit import break_lines

LEFT, RIGHT = "L", "R"


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    font: str = REGULAR
    size: float = 10
    align: str = LEFT
    color: colors.Color = colors.black
    word_space: float = 0.0   # extra space per space character (negative: a shrunk line)


def draw_texts(canv, items: Iterable[Text]) -> None:
    """All items in one text object; font and colour operators only when they change.

    The operators are written directly (not through ReportLab's PDFTextObject): the encoded
    form of a string made only of characters with fixed subset codes (fontcache.SEED and
    ASCII) is the same in every letter, so it is computed once per process.
    """
    doc = canv._doc
    code = ["BT"]
    add = code.append
    font = font_name = size = color = None
    word_space = 0.0
    subset = -1
    tf = ""
    for it in items:
        text = it.text
        if not text:
            continue
        if SHY in text:
            text = plain(text)
        if it.font != font_name:
            font_name, font = it.font, getFont(it.font)
            subset = -1
        if it.size != size:
            size = it.size
            subset = -1
            tf = f" {fp_str(size)} Tf"
        if it.color is not color:
            color = it.color
            add(_fill(color))
        if it.word_space != word_space:
            word_space = it.word_space
            add(f"{fp_str(word_space)} Tw")
        x = it.x - stringWidth(text, font_name, size) if it.align == RIGHT else it.x
        add(f"1 0 0 1 {fp_str(x, it.y)} Tm")
        for part, escaped in _encoded(font, text, doc):
            if part != subset:
                subset = part
                add(font.getSubsetInternalName(part, doc) + tf)
            add(f"({escaped}) Tj")
    if word_space:
        add("0 Tw")
    add("ET")
    canv._code.append(" ".join(code))


_MAX_CACHE = 50_000
_encoded_cache: dict[tuple[str, str], tuple[tuple[int, str], ...]] = {}


def _encoded(font, text: str, doc) -> tuple[tuple[int, str], ...]:
    """(subset, escaped PDF string) chunks of text in this document's font subsets."""
    key = (font.fontName, text)
    hit = _encoded_cache.get(key)
    if hit is not None:
        return hit
    chunks = tuple((part, escapePDF(raw)) for part, raw in font.splitString(text, doc))
    if fontcache.has_fixed_codes(font.fontName, text):
        if len(_encoded_cache) >= _MAX_CACHE:
            _encoded_cache.clear()
        _encoded_cache[key] = chunks
    return chunks


@lru_cache(maxsize=64)
def _fill(color: colors.Color) -> str:
    return f"{fp_str(color.red, color.green, color.blue)} rg"


@dataclass(frozen=True)
class RowStyle:
    font: str = REGULAR
    size: float = 8.5
    leading: float = 10.5
    pad_top: float = 1.5
    pad_bottom: float = 2.0
    shade: colors.Color | None = None
    rule_above: tuple[int, int, float, colors.Color] | None = None   # (first col, last col, width, colour)
    rule_below: tuple[int, int, float, colors.Color] | None = None
    span: int = 1                                       # columns the first cell covers


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    style: RowStyle


class RowTable(Flowable):
    """Rows of plain strings; column alignment per column; the first row is the (repeated) header."""

    PAD = 3.0

    def __init__(self, rows: Sequence[Row], widths: Sequence[float], aligns: Sequence[str],
                 keep_with_first: frozenset[int] = frozenset()):
        super().__init__()
        register_fonts()
        self.rows = list(rows)
        self.widths = tuple(widths)
        self.aligns = tuple(aligns)
        self.keep_with_first = keep_with_first  # row indexes that must not end a page part (group heads)
        self._layout = [self._row_lines(r) for r in self.rows]
        self._heights = [self._row_height(r, lines) for r, lines in zip(self.rows, self._layout)]
        self.width = sum(self.widths)
        self.height = sum(self._heights)

    def _columns(self, row: Row) -> list[tuple[float, float, str]]:
        """(x, width, align) of each cell of the row, the first cell spanning `span` columns."""
        span = row.style.span
        x = 0.0
        cols = []
        first = sum(self.widths[:span])
        cols.append((x, first, self.aligns[0]))
        x += first
        for width, align in zip(self.widths[span:], self.aligns[span:]):
            cols.append((x, width, align))
            x += width
        return cols

    def _row_lines(self, row: Row) -> list[list[str]]:
        """Each cell as wrapped lines (only left-aligned cells wrap; numbers never do)."""
        st = row.style
        out = []
        for text, (_x, width, align) in zip(row.cells, self._columns(row)):
            if align == LEFT and text and stringWidth(text, st.font, st.size) > width - 2 * self.PAD:
                out.append(break_lines(text, st.font, st.size, width - 2 * self.PAD, shrink=0))
            else:
                out.append([text])
        return out

    @staticmethod
    def _row_height(row: Row, lines: list[list[str]]) -> float:
        st = row.style
        return st.pad_top + st.leading * max(len(c) for c in lines) + st.pad_bottom

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def split(self, availWidth, availHeight):
        if self.height <= availHeight or len(self.rows) < 3:
            return []
        used, cut = self._heights[0], 0
        for i in range(1, len(self.rows)):
            if used + self._heights[i] > availHeight:
                break
            used += self._heights[i]
            cut = i
        while cut >= 1 and cut in self.keep_with_first:   # a group head never ends a page part
            cut -= 1
        if cut < 1:
            return []
        first = self._part(self.rows[:cut + 1], range(cut + 1))
        rest_index = [0, *range(cut + 1, len(self.rows))]
        rest_rows = [self.rows[0], *self.rows[cut + 1:]]
        heads = [i for i in self.keep_with_first if i <= cut]
        if heads and cut + 1 not in self.keep_with_first:   # split inside a group: repeat its head
            head = self.rows[max(heads)]
            rest_rows.insert(1, Row((f"{head.cells[0]} (Fortsetzung)", *head.cells[1:]), head.style))
            rest_index.insert(1, max(heads))
        return [first, self._part(rest_rows, rest_index)]

    def _part(self, rows: list[Row], index: Iterable[int]) -> RowTable:
        old = list(index)
        keep = frozenset(new for new, i in enumerate(old) if new and i in self.keep_with_first)
        return RowTable(rows, self.widths, self.aligns, keep)

    def draw(self):
        canv = self.canv
        xs = [0.0]
        for w in self.widths:
            xs.append(xs[-1] + w)
        texts: list[Text] = []
        top = self.height
        canv.saveState()
        for row, lines, h in zip(self.rows, self._layout, self._heights):
            st = row.style
            if st.shade is not None:
                canv.setFillColor(st.shade)
                canv.rect(0, top - h, self.width, h, stroke=0, fill=1)
            for rule, y in ((st.rule_above, top), (st.rule_below, top - h)):
                if rule:
                    first, last, width, color = rule
                    canv.setStrokeColor(color)
                    canv.setLineWidth(width)
                    canv.line(xs[first], y, xs[last + 1], y)
            base = top - st.pad_top - st.size
            for cell, (x0, width, align) in zip(lines, self._columns(row)):
                x = x0 + width - self.PAD if align == RIGHT else x0 + self.PAD
                for k, text in enumerate(cell):
                    texts.append(Text(x, base - k * st.leading, text, st.font, st.size, align))
            top -= h
        canv.restoreState()
        draw_texts(canv, texts)


SPACE_SHRINK = 0.05   # as ReportLab's Paragraph: a line may be that much of a space per gap wider


class PlainParagraph(Flowable):
    """A left-aligned paragraph of plain text (no markup) in one font: what most letter text is.

    Breaks lines at spaces like ReportLab's Paragraph (no-break spaces glue, "\\n" forces a
    break, a word wider than the line is cut), splits across pages at line boundaries
    without a single first or last line (no orphans, no widows) and draws all lines in one
    text object. Uses the style's font, size, leading, spaceBefore/After, keepWithNext.
    """

    def __init__(self, text: str, style, lines: list[str] | None = None, width: float | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self._lines = lines   # broken for `_width` (a split part keeps its lines)
        self._width = width

    def _break(self, width: float) -> list[str]:
        return break_lines(self.text, self.style.fontName, self.style.fontSize, width, SPACE_SHRINK)

    def wrap(self, availWidth, availHeight):
        if self._lines is None or self._width != availWidth:
            self._lines = self._break(availWidth)
            self._width = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        lines = self._lines
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit >= len(lines):
            return [self]
        fit = min(fit, len(lines) - 2)   # no widow: at least two lines go on
        if fit < 2:                      # no orphan: at least two lines stay
            return []
        return [PlainParagraph(self.text, self.style, lines[:fit], availWidth),
                _Continued(self.text, self.style, lines[fit:], availWidth)]

    def draw(self):
        st = self.style
        top = self.height - st.fontSize
        draw_texts(self.canv, (Text(0, top - i * st.leading, line, st.fontName, st.fontSize, LEFT, st.textColor,
                                    self._shrink(line)) for i, line in enumerate(self._lines)))

    def _shrink(self, line: str) -> float:
        """Negative word spacing for a line wider than the column (within SPACE_SHRINK), else 0."""
        over = stringWidth(line, self.style.fontName, self.style.fontSize) - self.width
        gaps = line.count(" ") + line.count("\u00a0")   # both are code 32, Tw applies to both
        return -over / gaps if over > 0 and gaps else 0.0


class _Continued(PlainParagraph):
    """The rest of a split paragraph: keeps its lines, no space before it on the new page."""

    def getSpaceBefore(self):
        return 0

