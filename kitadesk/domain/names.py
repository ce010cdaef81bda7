"""Names as the people of Moers write them: folding for search and duplicate checks, and a
German collation key for sorting (issue 14 item 7, issue 19).

- `search_fold`: case-insensitive, umlauts both ways (ü = ue = u), ß = ss, and the letters of
  Turkish, Polish and other names to their base letters (ı ş ç ğ ł ą ę ó ż …), so "mueller"
  finds Müller, "kilic" Kılıç and "sahin" Şahin. Both the text and the query are folded.
- `sort_key`: DIN 5007-1 order (ä sorts as a), accented and Turkish/Polish letters with their
  base letter — Çelik with C, Kılıç before Krüger — ties broken by the exact text.
"""

import re
import unicodedata
from functools import lru_cache

# letters NFKD does not decompose into base letter + mark
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d",
                          "ŀ": "l", "ħ": "h"})
_UMLAUT_PAIRS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")


@lru_cache(maxsize=65536)
def base_letters(text: str) -> str:
    """Case-folded text with every letter reduced to its base letter (ß → ss, ı → i, ł → l)."""
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().translate(_SPECIAL)


def search_fold(text: str) -> str:
    """The form search texts and queries are compared in (umlauts both ways: ue = ü = u)."""
    text = base_letters(text)
    for pair, single in _UMLAUT_PAIRS:
        if pair in text:
            text = text.replace(pair, single)
    return text


def search_words(query: str) -> list[str]:
    """A typed query as folded words; a date typed as T.M.JJ(JJ) becomes TT.MM.JJJJ."""
    words = []
    for word in query.split():
        match = _DATE.match(word)
        if match:
            day, month, year = match.groups()
            year = year if len(year) == 4 else f"20{year}"
            word = f"{int(day):02d}.{int(month):02d}.{year}"
        words.append(search_fold(word))
    return words


def sort_key(text: str) -> tuple[str, str]:
    """German collation: base letters first (DIN 5007-1), then the exact text as tie-break."""
    return base_letters(text), text
