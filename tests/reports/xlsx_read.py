"""Reading finance workbooks back for the tests (openpyxl, as a user's program would)."""

from decimal import Decimal

import openpyxl


def load(path, data_only=False):
    return openpyxl.load_workbook(path, data_only=data_only)


def header(ws) -> list:
    return [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]


def records(ws) -> list[dict]:
    """Data rows as dicts by header, without the 'Summe' row."""
    head = header(ws)
    rows = []
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[0] == "Summe":
            break
        rows.append(dict(zip(head, row)))
    return rows


def total_row(ws) -> dict:
    head = header(ws)
    last = [c.value for c in ws[ws.max_row]]
    return dict(zip(head, last))


def dec(value) -> Decimal:
    """A numeric cell as exact cents (openpyxl reads numbers as float or int)."""
    assert isinstance(value, (int, float)) and not isinstance(value, bool), f"not a number: {value!r}"
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def assert_finance_style(ws, money_columns=(), date_columns=()):
    """interfaces.md §4: bold frozen header, autofilter, widths, formats, 'Summe' last."""
    head = header(ws)
    assert all(c.font.b for c in ws[1]), "header bold"
    assert ws.freeze_panes == "A2"
    n = ws.max_row
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(head))}{n - 1}"
    for i in range(1, len(head) + 1):
        letter = openpyxl.utils.get_column_letter(i)
        assert ws.column_dimensions[letter].width and ws.column_dimensions[letter].width > 5
    assert ws.cell(n, 1).value == "Summe" and ws.cell(n, 1).font.b
    for name in money_columns:
        col = head.index(name) + 1
        for r in range(2, n + 1):
            cell = ws.cell(r, col)
            if cell.value is not None:
                assert isinstance(cell.value, (int, float)), (name, r, cell.value)
                assert cell.number_format == "#,##0.00 €", (name, r, cell.number_format)
    for name in date_columns:
        col = head.index(name) + 1
        for r in range(2, n):
            cell = ws.cell(r, col)
            assert cell.is_date and cell.number_format == "DD.MM.YYYY", (name, r, cell.value)
