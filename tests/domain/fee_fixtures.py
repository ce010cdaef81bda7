"""Shared builders for the Elternbeitrag tests (an example table, not the city's)."""

from datetime import date
from decimal import Decimal as D

from kitadesk.domain.fees import AB_3, UNTER_3, CareVersion, FeeCell, FeeChild, FeeTable, Income

BRACKETS = (D("18000"), D("30000"), D("45000"), None)
BANDS = (D("25"), D("35"), D("45"))
FEES = {
    UNTER_3: ((0, 0, 0), (50, 70, 90), (100, 140, 180), (150, 210, 270)),
    AB_3: ((0, 0, 0), (30, 40, 50), (60, 80, 100), (90, 120, 150)),
}


def table(gueltig_ab=date(2025, 8, 1), scale=1) -> FeeTable:
    cells = tuple(
        FeeCell(alter, bound, band, D(FEES[alter][i][j] * scale))
        for alter in (UNTER_3, AB_3)
        for i, bound in enumerate(BRACKETS)
        for j, band in enumerate(BANDS)
    )
    return FeeTable(gueltig_ab, cells, is_example=True)


TABLE = table()


def child(nr="1", family=None, born=date(2024, 6, 10), von=date(2025, 9, 1), bis=None, hours="35",
          income="40000", **kw) -> FeeChild:
    incomes = kw.pop("incomes", None)
    if incomes is None:
        incomes = (Income(date(2025, 1, 1), None if income is None else D(income)),)
    care = kw.pop("care", None) or (CareVersion(von, bis, D(hours)),)
    return FeeChild(nr, family, born, care, incomes, **kw)
