"""Periods a letter states (R-K4, R-V4; issue 15 item 4): every placement version overlapping the
letter's period with its own dates, and the parents' fee month by month merged into periods.

A letter must never state one version's terms for the whole period: a change from 16.11. means
"35 Stunden vom 01.10. bis 15.11., 20 Stunden ab dem 16.11.". The fee follows R-E3 (the values on
the last day of a month apply to the whole month), so its periods are whole months.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kitadesk.domain.texts import day

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Term:
    """A version clipped to the period: [von, bis] (bis None = open), with its values."""

    von: date
    bis: date | None
    value: Any


def clip_versions(versions: Iterable[tuple[date, Any]], von: date, bis: date | None) -> list[Term]:
    """(gueltig_ab, value) versions → the terms overlapping [von, bis], each with its own dates.

    A version runs until the day before the next one starts; the first term starts at `von`
    even if its version started earlier.
    """
    ordered = sorted(versions, key=lambda v: v[0])
    terms = []
    for i, (start, value) in enumerate(ordered):
        end = ordered[i + 1][0] - ONE_DAY if i + 1 < len(ordered) else None
        lo = max(start, von)
        hi = end if bis is None else (bis if end is None else min(end, bis))
        if hi is not None and hi < lo:
            continue
        terms.append(Term(lo, hi, value))
    return terms


def merge_months(months: Sequence[tuple[date, date, Any]], key=lambda value: value,
                 open_end: bool = True) -> list[Term]:
    """Consecutive (first day, last day, value) months with equal `key(value)` → one term; with
    `open_end` the last term stays open (the value holds on until a new decision)."""
    terms: list[Term] = []
    for first, last, value in months:
        if terms and key(terms[-1].value) == key(value) and terms[-1].bis == first - ONE_DAY:
            terms[-1] = Term(terms[-1].von, last, terms[-1].value)
        else:
            terms.append(Term(first, last, value))
    if terms and open_end:
        terms[-1] = Term(terms[-1].von, None, terms[-1].value)
    return terms


def months_until(start: date, last: date) -> list[tuple[int, int]]:
    """(year, month) from the month of `start` to the month of `last` (at least one)."""
    out: list[tuple[int, int]] = []
    y, m = start.year, start.month
    while (y, m) <= (last.year, last.month) or not out:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def phrase(terms: Sequence[Term], fmt) -> str:
    """'35' for one term; '35 (bis zum 15.11.2026) bzw. 20 (ab dem 16.11.2026)' for several —
    reads in 'im Umfang von {…} Stunden wöchentlich'. `fmt(value)` gives the value's text."""
    if len(terms) == 1:
        return fmt(terms[0].value)
    parts = []
    for i, term in enumerate(terms):
        if i == 0 and term.bis is not None:
            when = f"bis zum {day(term.bis)}"
        elif term.bis is None:
            when = f"ab dem {day(term.von)}"
        else:
            when = f"vom {day(term.von)} bis zum {day(term.bis)}"
        parts.append(f"{fmt(term.value)} ({when})")
    return ", ".join(parts[:-1]) + " bzw. " + parts[-1]
