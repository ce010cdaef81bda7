"""The committee's PDF of the Hochrechnung (issue 20): no text runs into its neighbour cell —
seen at „Elternbeitr.Ausz. Szenario“ and a year total over the next column; amounts in Euro
without the sign, a smaller font only for larger sums than the city's (reports/charts.fitting_size)."""

from reportlab.lib.units import mm

from kitadesk.reports.charts import fitting_size, overflowing_cells
from kitadesk.reports.projection import (
    PDF_HEAD_SCENARIO,
    TABLE_PADDING,
    TABLE_SIZE_SCENARIO,
    TABLE_WIDTHS_SCENARIO,
)

WIDTHS = [w * mm for w in TABLE_WIDTHS_SCENARIO]


def _table(month: str, total: str, difference: str) -> list[list[str]]:
    """Amounts, scenario, difference — the worst case of each in every column."""
    amounts = [month, month, month, difference, month, difference]
    return [list(PDF_HEAD_SCENARIO), ["Sep 2027", "Hochrechnung*", *amounts],
            ["Jahr", "", total, total, total, difference, total, difference]]


def test_the_citys_year_fits_at_the_layouts_size():
    rows = _table("731.525,50", "7.243.235,71", "-197.241,01")  # Moers 2027 with +1.5 % (and more)
    assert fitting_size(rows, WIDTHS, TABLE_SIZE_SCENARIO, TABLE_PADDING, total_last=True) == TABLE_SIZE_SCENARIO
    assert overflowing_cells(rows, WIDTHS, TABLE_SIZE_SCENARIO, TABLE_PADDING, total_last=True) == []


def test_ten_times_the_city_shrinks_the_font_but_nothing_overflows():
    rows = _table("7.315.255,00", "88.446.113,40", "-1.972.410,10")
    assert overflowing_cells(rows, WIDTHS, TABLE_SIZE_SCENARIO, TABLE_PADDING, total_last=True)  # as laid out: too wide
    size = fitting_size(rows, WIDTHS, TABLE_SIZE_SCENARIO, TABLE_PADDING, total_last=True)
    assert 6.5 <= size < TABLE_SIZE_SCENARIO
    assert overflowing_cells(rows, WIDTHS, size, TABLE_PADDING, total_last=True) == []
