"""Values of office lists: their shape (for the proposal) and the transforms into §3 values —
text dates ("3.5.24", "03.05.2024", "2024-05-03", "3/5/2024"), merged name cells, translations."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from kitadesk.domain.list_mapping import fields as f
from kitadesk.domain.names import search_fold

_DATE_DOTS = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9 ]{11,36}$")
_PLZ = re.compile(r"^\d{5}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[+0][\d /()-]{5,}$")
_HOURS = re.compile(r"^\d{1,2}([.,]\d{1,2})?\s*(h|Std\.?)?$")
_NAME_WORD = r"[^\W\d_][\w'.-]*"
_PAIR_COMMA = re.compile(rf"^{_NAME_WORD}(\s+{_NAME_WORD})*,\s*{_NAME_WORD}(\s+{_NAME_WORD})*$")
_SRT_VALUES = {"mitte/sud", "ost", "nord", "mitte", "sud", "srt ost", "srt nord", "srt mitte/sud"}

FIRST_LAST, LAST_FIRST = "Vorname Nachname", "Nachname, Vorname"  # order of a name cell without comma


def as_date(value, today: date) -> date | None:
    """A text date as the offices write it; None when it is none. Two-digit years: up to this
    year's two digits → 20JJ, above → 19JJ (a child born "3.5.24" is 2024, a carer "12.4.75" 1975)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _DATE_DOTS.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2000 if year <= today.year % 100 else 1900
    else:
        match = _DATE_ISO.match(text)
        if not match:
            return None
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_or_text(value, today: date):
    """A date where the text is one; else the text, a two-digit year written out (so the
    import's message says what is wrong: "29.02.2025 … diesen Tag gibt es nicht")."""
    found = as_date(value, today)
    if found is not None or not isinstance(value, str):
        return found if found is not None else value
    match = _DATE_DOTS.match(value.strip())
    if match and len(match.group(3)) == 2:
        year = int(match.group(3))
        year += 2000 if year <= today.year % 100 else 1900
        return f"{int(match.group(1)):02d}.{int(match.group(2)):02d}.{year}"
    return value.strip().replace("/", ".") if match else value


def as_number(value) -> Decimal | None:
    """A number with decimal comma or point ("22,5", "22.5", "35 Std."); None when it is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if not isinstance(value, str):
        return None
    text = value.strip().removesuffix("Std.").removesuffix("Std").removesuffix("h").strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def shape_of(value, today: date) -> str | None:
    """The shape one sample value has (the proposal counts them per column)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (date, datetime)):
        return f.DATE
    text = str(value).strip()
    if as_date(text, today):
        return f.DATE
    compact = text.replace(" ", "").upper()
    if _IBAN.match(text.upper()) and len(compact) >= 15:
        return f.IBAN
    if _PLZ.match(text):
        return f.PLZ
    if _EMAIL.match(text):
        return f.EMAIL
    number = as_number(value)
    if number is not None:
        return f.HOURS if (_HOURS.match(text) or not isinstance(value, str)) and 0 < number <= 60 else f.NUMBER
    if _PHONE.match(text):
        return f.PHONE
    if search_fold(text) in _SRT_VALUES:
        return f.SRT
    if _PAIR_COMMA.match(text):
        return f.NAME_PAIR
    return None


def column_shape(values: list, today: date) -> tuple[str | None, float]:
    """(the most common shape of a column's non-empty values, its share 0..1)."""
    shapes = [shape_of(v, today) for v in values if v is not None and str(v).strip()]
    if not shapes:
        return None, 0.0
    counts: dict[str | None, int] = {}
    for s in shapes:
        counts[s] = counts.get(s, 0) + 1
    best = max(counts, key=lambda s: (counts[s], s is not None))
    return best, counts[best] / len(shapes)


def split_name(text: str, order: str = FIRST_LAST) -> tuple[str, str] | None:
    """(Nachname, Vorname) of a merged name cell: "Müller, Anna" always; without comma the
    profile's order ("Anna Müller": the last word is the Nachname). None: not two parts."""
    text = " ".join(str(text).split())
    if "," in text:
        last, _, first = text.partition(",")
        last, first = last.strip(), first.strip()
        return (last, first) if last and first and "," not in first else None
    words = text.split(" ")
    if len(words) < 2:
        return None
    if order == LAST_FIRST:
        return words[0], " ".join(words[1:])
    return words[-1], " ".join(words[:-1])


def translate(value, table: dict[str, str]):
    """A value through a translation table (keys compared folded); unknown values stay."""
    if not isinstance(value, str) or not table:
        return value
    folded = search_fold(" ".join(value.split()))
    for source, target in table.items():
        if search_fold(source) == folded:
            return target
    return value
