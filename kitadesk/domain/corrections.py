"""Corrections of finalized months and the carry of negative balances (berechnung.md §8, R-G10, R-K4).

A finalized run is never edited. A change reaching back into it is recomputed with the
settings stored in that run; the differences per (carer, child, line type, segment)
become lines `Korrektur: <position>` with the original Von/Bis, booked in the earliest
month not yet finalized (`PayoutInput.corrections`).

A carer whose month sums to less than zero is not paid: the line `Vortrag in Folgemonat`
(+) brings the month to 0.00 and the next month starts with `Übertrag aus Vormonat` (−).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from kitadesk.domain.calendar import month_range
from kitadesk.domain.lines import KORREKTUR_PREFIX, UEBERTRAG, VORTRAG, Line
from kitadesk.domain.money import cents
from kitadesk.domain.texts import money

ZERO = Decimal("0.00")


_money = money  # the one formatter (domain/texts.py)


def _booked_by_key(lines: Iterable[Line], start: date, end: date) -> dict[tuple, list]:
    """Sum per key of the lines belonging to the month [start, end].

    Carry lines never take part; a correction line booked later for a segment of this
    month counts towards its original position (so nothing is corrected twice); lines of
    other months (corrections booked in this run for earlier months) are left out.
    """
    out: dict[tuple, list] = {}
    for line in lines:
        if line.position in (UEBERTRAG, VORTRAG):
            continue
        if not (start <= line.von and line.bis <= end):
            continue
        position = line.position.removeprefix(KORREKTUR_PREFIX)
        key = (line.carer_nr, line.child_nr, position, line.von, line.bis)
        entry = out.setdefault(key, [ZERO, line])
        entry[0] += line.amount
        if not line.position.startswith(KORREKTUR_PREFIX):
            entry[1] = line
    return out


def correction_lines(year: int, month: int, booked: Iterable[Line], recomputed: Iterable[Line],
                     reason: str = "") -> list[Line]:
    """Lines `Korrektur: <position>` for a finalized month (berechnung.md §8, R-K4).

    booked: every line finalized for the month plus the correction lines booked for it
    since; recomputed: `compute_month` of that month with the settings stored in its run.
    Each differing (carer, child, position, segment) gives amount = new − old, with the
    original Von/Bis and the reason in `why`.
    """
    start, end = month_range(year, month)
    old = _booked_by_key(booked, start, end)
    new = _booked_by_key(recomputed, start, end)
    lines = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k[0], k[1] or "", k[3], k[2], k[4])):
        old_amount, old_line = old.get(key, (ZERO, None))
        new_amount, new_line = new.get(key, (ZERO, None))
        delta = new_amount - old_amount
        if not delta:
            continue
        carer, child, position, von, bis = key
        template = new_line or old_line
        assert template is not None  # a key comes from one of the two sides
        why = (f"{reason or 'Neuberechnung'}: bisher {_money(old_amount)}, neu {_money(new_amount)} "
               f"({month:02d}/{year}, R-K4)")
        lines.append(Line(carer, child, KORREKTUR_PREFIX + position, template.rule, von, bis,
                          template.hours, template.rate, delta, why))
    return lines


def carry_lines(lines: Iterable[Line], carry_in: dict[str, Decimal], von: date, bis: date) -> list[Line]:
    """Übertrag aus Vormonat (−) and Vortrag in Folgemonat (+) per carer (R-G10, §8).

    `carry_in` holds last month's negative balances (the sign is normalised to −).
    A carer whose month, Übertrag included, sums below 0 gets a Vortrag so the month is 0.00.
    """
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        totals[line.carer_nr] += line.amount
    out = []
    for carer, balance in sorted(carry_in.items()):
        amount = -abs(cents(balance))
        if amount:
            out.append(Line(carer, None, UEBERTRAG, "R-G10", von, bis, None, None, amount,
                            "Negativer Saldo des Vormonats wird verrechnet (R-G10)"))
            totals[carer] += amount
    for carer in sorted(totals):
        if totals[carer] < 0:
            out.append(Line(carer, None, VORTRAG, "R-G10", von, bis, None, None, -totals[carer],
                            f"Monatssumme {_money(totals[carer])} wird nicht ausgezahlt, sondern in den "
                            "Folgemonat vorgetragen (R-G10)"))
    return out


def carry_out(lines: Iterable[Line]) -> dict[str, Decimal]:
    """Next month's `PayoutInput.carry_in`: per carer the negative balance carried forward."""
    out: dict[str, Decimal] = {}
    for line in lines:
        if line.position == VORTRAG:
            out[line.carer_nr] = out.get(line.carer_nr, ZERO) - line.amount
    return out
