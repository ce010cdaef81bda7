"""One formatter for amounts (R-V4; issue 15): screen, letters, exports text, CLI and the
domain's explanations all read `86.224,00 €`, rounding half-up like the money itself."""

from datetime import date
from decimal import Decimal as D

import pytest

from kitadesk import formats
from kitadesk.domain import texts
from kitadesk.domain.corrections import correction_lines
from kitadesk.domain.lines import Line
from kitadesk.domain.segments import de_money, de_num
from kitadesk.reports.letters.tables import money as letter_money
from kitadesk.reports.letters.tables import rate_text
from kitadesk.ui.widgets.why_panel import rate_text as why_rate

CASES = [
    ("0.125", "0,13 €"),  # half-up, as berechnung.md §1 (babel's half-even gave 0,12 €)
    ("0.135", "0,14 €"),
    ("-0.125", "-0,13 €"),
    ("-0.004", "0,00 €"),  # rounds to zero: no minus sign
    ("86224", "86.224,00 €"),
    ("1234567.895", "1.234.567,90 €"),
    ("-86224.5", "-86.224,50 €"),
    ("0", "0,00 €"),
]


@pytest.mark.parametrize("value, text", CASES)
def test_r_v4_every_money_formatter_gives_the_same_text(value, text):
    amount = D(value)
    assert formats.money is texts.money  # one implementation, re-exported
    assert {formats.money(amount), texts.money(amount), de_money(amount), letter_money(amount)} == {text}


def test_r_v4_numbers_hours_and_rates():
    assert formats.number(D("1234.5"), 0) == "1.235" and formats.number(D("-0.4"), 0) == "0"
    assert formats.number(D("1234.5")) == "1.234,50" and de_num(D("1234.5"), 2) == "1.234,50"
    assert formats.hours(D("35.00")) == "35" and formats.hours(D("0.125")) == "0,13"
    assert formats.rate(D("6.7000")) == rate_text(D("6.7000")) == why_rate(D("6.7000")) == "6,70 €"
    assert formats.rate(D("2.0125")) == "2,0125 €" and formats.rate(None) == ""
    assert de_num(D("52.0")) == "52" and de_num(D("1234.5")) == "1.234,5"  # exact, for explanations


def test_r_v4_correction_lines_explain_amounts_with_the_one_formatter():
    old = Line("T1", "K1", "Betreuung", "R-G1", date(2026, 3, 1), date(2026, 3, 31), None, None, D("86224.00"))
    new = Line("T1", "K1", "Betreuung", "R-G1", date(2026, 3, 1), date(2026, 3, 31), None, None, D("86224.13"))
    (line,) = correction_lines(2026, 3, [old], [new])
    assert "bisher 86.224,00 €, neu 86.224,13 €" in line.why


def test_r_v4_cli_beitraege_prints_the_total_as_money(store, tmp_path, capsys):
    from kitadesk.cli import main
    from tests.fees.test_fee_list import scenario

    scenario(store)
    assert main(["--db", store.url, "--user", "anna", "beitraege", "2026-04", "--xlsx", str(tmp_path / "b.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "3 Kinder, Zahlbetrag gesamt 120,00 € →" in out  # was '120.00 €' (Python's format)
