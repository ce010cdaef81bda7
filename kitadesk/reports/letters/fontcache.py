"""Reuse the embedded font subsets between letters (speed of a 1,000-letter batch).

ReportLab builds and compresses a fresh TrueType subset for every PDF (two fonts, ~35 kB
each): about a third of the time of a letter. Two steps make that subset the same for
almost every letter, so it is built and compressed once per process:

1. `seed(doc)`: at the start of each letter, the German non-ASCII characters are assigned
   their subset codes in a fixed order (ASCII has fixed codes already), so the subset no
   longer depends on the order in which a letter first uses them.
2. `install()`: the subset builder of our two faces is memoised by its glyph list, and the
   Flate compression of exactly those subset bytes is memoised too; so are the long numeric
   arrays of a PDF (the fonts' glyph widths, the same in every letter).

Both memos are pure functions of their input bytes: the PDF bytes are the same as without
the cache (R-V3), only faster. A letter with a character outside SEED simply gets its own
subset (a cache miss, normal speed).

`install()` patches ReportLab internals process-wide, so it runs ONLY in the letter worker
processes (`initializer` of the pools in ops/letters/batch.py and reports/letters/batch.py),
never in the window's or the command line's own process, where payout lists, statistics and
projection PDFs use stock ReportLab (issue 17.6). What the patches rely on is pinned in
tests/reports/test_reportlab_canary.py; pyproject pins ReportLab to its minor version.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache

from reportlab.pdfbase import pdfdoc, pdfmetrics

from kitadesk.reports.fonts import BOLD, REGULAR, register_fonts

# Non-ASCII characters of German letters (and common names), in a fixed order.
SEED = "äöüÄÖÜß€–—·§„“”‚‘’…°²³×éèêëáàâíìîïóòôúùûçñıİşŞğĞłŁćčšžřńœøåæ"
FACES = (REGULAR, BOLD)
_MAX = 32

_lock = threading.Lock()
_installed = False
_subset_outputs: OrderedDict[bytes, bytes | None] = OrderedDict()  # subset bytes → compressed (None: not yet)


_FIXED = frozenset(SEED) | frozenset(map(chr, range(32, 128))) | {"\u00a0"}


def has_fixed_codes(font_name: str, text: str) -> bool:
    """True if every character of text has the same subset code in every seeded letter."""
    return font_name in FACES and _FIXED.issuperset(text)


def seed(doc) -> None:
    """Assign the SEED characters their codes in this document, before any text is drawn."""
    for name in FACES:
        pdfmetrics.getFont(name).splitString(SEED, doc)


def install() -> None:
    """Memoise subset building and compression of our faces (once per process)."""
    global _installed
    with _lock:
        if _installed:
            return
        register_fonts()
        for name in FACES:
            face = pdfmetrics.getFont(name).face
            face.makeSubset = _memo_subset(face.makeSubset)
        flate = pdfdoc.PDFZCompress
        flate.encode = _memo_encode(flate.encode)
        pdfdoc.PDFArray.format = _memo_numbers(pdfdoc.PDFArray.format)
        _installed = True


def _memo_subset(make):
    @lru_cache(maxsize=_MAX)
    def cached(key: tuple[int, ...]) -> bytes:
        data = make(list(key))
        with _lock:
            _subset_outputs.setdefault(data, None)
            while len(_subset_outputs) > _MAX:
                _subset_outputs.popitem(last=False)
        return data

    def make_subset(subset, *args, **kwargs):
        if args or kwargs:
            return make(subset, *args, **kwargs)
        return cached(tuple(subset))

    return make_subset


def _memo_encode(encode):
    def cached_encode(text):
        if type(text) is not bytes or len(text) < 4096:
            return encode(text)
        with _lock:
            known = text in _subset_outputs
            done = _subset_outputs.get(text) if known else None
        if not known:
            return encode(text)
        if done is None:
            done = encode(text)
            with _lock:
                if text in _subset_outputs:
                    _subset_outputs[text] = done
        return done

    return cached_encode


def _memo_numbers(format_array):
    """PDFArray.format, memoised for long arrays of plain numbers (same bytes, formatted once)."""
    @lru_cache(maxsize=256)
    def formatted(numbers: tuple, multiline, ind: bytes) -> bytes:
        array = pdfdoc.PDFArray(numbers)
        array.multiline = multiline
        return format_array(array, None, ind)

    def format_(self, document, IND=b"\n "):
        seq = self.sequence
        if len(seq) >= 32 and all(type(v) is int or type(v) is float for v in seq):
            return formatted(tuple(seq), self.multiline, IND)
        return format_array(self, document, IND)

    return format_
