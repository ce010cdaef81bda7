"""Plain-input builders for the payout tests (berechnung.md §10 rates: examples only)."""

from datetime import date
from decimal import Decimal

from kitadesk.domain.inputs import (
    QUALIFIZIERT,
    Carer,
    PayoutInput,
    PlacementVersion,
    RateTable,
)
from kitadesk.domain.lines import total
from kitadesk.domain.payout import compute_month
from kitadesk.domain.settings import DEFAULTS

D = Decimal

RATES_2026 = RateTable(date(2026, 1, 1), D("5.80"), D("6.70"), D("1.50"), D("100.00"))
RATES_2025 = RateTable(date(2025, 1, 1), D("5.71"), D("6.60"), D("1.40"), D("90.00"))


def qualified(nr: str = "A", since: date = date(2020, 1, 1)) -> Carer:
    return Carer(nr, ((since, QUALIFIZIERT),))


def basis(nr: str) -> Carer:
    return Carer(nr)


def place(child: str = "K1", carer: str = "A", von: date = date(2026, 4, 1), bis: date | None = None,
          hours: str = "35", off: str = "0", nights: str = "0", **kw) -> PlacementVersion:
    return PlacementVersion(child, carer, von, bis, D(hours), D(off), D(nights), **kw)


def month_input(year: int = 2026, month: int = 4, carers=None, placements=(), tables=None, **kw) -> PayoutInput:
    carers = carers if carers is not None else [qualified("A")]
    return PayoutInput(year, month, {c.nr: c for c in carers}, list(placements),
                       list(tables or [RATES_2025, RATES_2026]), **kw)


def run(inp: PayoutInput, settings=DEFAULTS, **setting_values):
    if setting_values:
        settings = settings.with_(**setting_values)
    return compute_month(inp, settings)


def pick(lines, position=None, child=None, carer=None):
    return [ln for ln in lines if (position is None or ln.position == position)
            and (child is None or ln.child_nr == child) and (carer is None or ln.carer_nr == carer)]


def amounts(lines, position=None, child=None, carer=None):
    return [ln.amount for ln in pick(lines, position, child, carer)]


def one(lines, position=None, child=None, carer=None):
    found = pick(lines, position, child, carer)
    assert len(found) == 1, found
    return found[0]


def carer_total(lines, carer: str) -> Decimal:
    return total(pick(lines, carer=carer))
