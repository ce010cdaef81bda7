"""German word division for the PDFs (letters, lists): where a word may break at a line end.

- A soft hyphen (U+00AD) in the text marks the only places the writer allows; it is never drawn
  except as "-" at a break.
- A hard hyphen ("Müller-Lüdenscheidt") allows a break after it (the hyphen stays on the line).
- Other words are divided only when they are too long for a whole line: by pyphen's German
  patterns (`de_DE`), or where pyphen is missing by a simple rule (before a consonant that is
  followed by a vowel, keeping at least 3 letters on either side).
"""

from __future__ import annotations

from functools import lru_cache

SHY = "\u00ad"
HYPHEN = "-"
_VOWELS = set("aeiouyäöüAEIOUYÄÖÜ")
_MIN = 3

try:
    import pyphen
except ImportError:   # optional: the simple rule below
    pyphen = None


def plain(text: str) -> str:
    """The text as drawn in the middle of a line: without soft hyphens."""
    return text.replace(SHY, "") if SHY in text else text


@lru_cache(maxsize=1)
def _dictionary():
    return pyphen.Pyphen(lang="de_DE", left=2, right=3) if pyphen is not None else None


def _simple(part: str) -> list[int]:
    """Fallback: before a consonant followed by a vowel (Kin|der, Ta|ges), ≥ 3 letters each side."""
    return [i for i in range(_MIN, len(part) - _MIN + 1)
            if part[i - 1].isalpha() and part[i] not in _VOWELS and part[i].isalpha()
            and i + 1 < len(part) and part[i + 1] in _VOWELS]


def _dictionary_points(part: str) -> list[int]:
    dic = _dictionary()
    points = dic.positions(part) if dic is not None else _simple(part)
    return [p for p in points if 0 < p < len(part)]


@lru_cache(maxsize=4096)
def breaks(word: str, long_word: bool) -> tuple[tuple[str, str], ...]:
    """Possible divisions of `word` (which may contain soft hyphens) as (head drawn at the line end,
    rest), from the longest head to the shortest. Soft hyphens, if any, are the only points;
    otherwise hard hyphens, and for a `long_word` (wider than a line) also dictionary points."""
    out: list[tuple[str, str]] = []
    if SHY in word:
        parts = word.split(SHY)
        for i in range(len(parts) - 1, 0, -1):
            head = "".join(parts[:i])
            out.append((head if head.endswith(HYPHEN) else head + HYPHEN, SHY.join(parts[i:])))
        return tuple((h, r) for h, r in out if r.replace(SHY, ""))
    if "@" in word or word.startswith(("www.", "http")):   # an address: break after . @ / - without a hyphen
        return tuple((word[:i + 1], word[i + 1:]) for i in range(len(word) - 2, 0, -1) if word[i] in ".@/-")
    points: set[tuple[int, bool]] = set()  # (index after which to break, draw a hyphen there)
    start = 0
    for piece in word.split(HYPHEN):
        end = start + len(piece)
        if end < len(word):
            points.add((end + 1, False))           # after a hard hyphen
        if long_word and len(piece) > 2 * _MIN - 1:
            points.update((start + p, True) for p in _dictionary_points(piece))
        start = end + 1
    for index, add in sorted(points, reverse=True):
        head, rest = word[:index], word[index:]
        if rest and head.strip(HYPHEN):
            out.append((head + HYPHEN if add else head, rest))
    return tuple(out)
