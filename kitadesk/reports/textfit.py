"""Text that must stay inside its box: line breaking with hyphenation, shrink-then-wrap.

Shared by the letters (reports/letters), the payout list and the statistics PDF:
- `break_lines`: lines at most a width wide (as ReportLab's Paragraph, plus soft/hard hyphens and
  German division of words too long for a line, see hyphenation.py);
- `fit_size`: the largest size ≤ a size at which a one-line text fits;
- `fit_lines`: shrink down to a smallest size, then wrap at that size.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from kitadesk.reports.hyphenation import HYPHEN, SHY, breaks, plain

_SPACES = re.compile(r"[ \t\r]+")
STEP = 0.25


def fit_size(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest size ≤ `size` (in steps of 0.25 pt, not below `smallest`) at which text fits width."""
    text = plain(text)
    natural = stringWidth(text, font, size)
    if natural <= width:
        return size
    fitting = size * width / natural   # widths scale with the size
    return max(smallest, int(fitting / STEP) * STEP)


@lru_cache(maxsize=4096)   # page furniture repeats in every letter of a batch
def fit_lines(text: str, font: str, size: float, width: float, smallest: float) -> tuple[float, tuple[str, ...]]:
    """(size, lines): one line, shrunk down to `smallest` if needed; below that, wrapped at `smallest`."""
    fitted = fit_size(text, font, size, width, smallest)
    if stringWidth(plain(text), font, fitted) <= width:
        return fitted, (plain(text),)
    return smallest, tuple(break_lines(text, font, smallest, width))


def break_lines(text: str, font: str, size: float, width: float, shrink: float = 0.0) -> list[str]:
    """Lines of `text` at most `width` wide, broken like ReportLab's Paragraph at spaces (no-break
    spaces glue, "\\n" forces a break) and additionally at soft and hard hyphens of a word that
    does not fit the line's rest; a word wider than a line is divided by German hyphenation,
    else cut by characters (as ReportLab). Soft hyphens never reach the lines except as "-".
    `shrink`: a line may be that much of a space per gap wider (drawn with less word spacing)."""
    space = stringWidth(" ", font, size)
    out: list[str] = []
    for hard in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in _SPACES.split(hard):
            while word:
                shown = plain(word)
                w = stringWidth(shown, font, size)
                room = (width + shrink * space * len(line) - used - space) if line else width
                if w <= room:
                    used = used + space + w if line else w
                    line.append(shown)
                    break
                too_long = w > width
                points = breaks(word, too_long) if (too_long or SHY in word or HYPHEN in word) else ()
                head = next(((h, r) for h, r in points if stringWidth(h, font, size) <= room), None)
                if head is not None:                    # divide the word at the line end
                    out.append(" ".join([*line, head[0]]))
                    line, used, word = [], 0.0, head[1]
                elif line and (points or not too_long):  # the word starts the next line
                    out.append(" ".join(line))
                    line, used = [], 0.0
                else:                                   # no division fits: cut by characters (as ReportLab)
                    line, used = _cut(shown, font, size, width, line, used, space, out)
                    break
        out.append(" ".join(line))
    return out


def _cut(word: str, font: str, size: float, width: float, line: list[str], used: float, space: float,
         out: list[str]) -> tuple[list[str], float]:
    """Fill the line with the word's characters, then whole lines; returns the last line and its width."""
    used = used + space if line else 0.0
    piece = ""
    for char in word:
        cw = stringWidth(char, font, size)
        if used + cw > width and (piece or cw <= width):
            out.append(" ".join([*line, piece] if piece else line))
            line, used, piece = [], 0.0, ""
        piece += char
        used += cw
    return [*line, piece], used


