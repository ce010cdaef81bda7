"""Yearly raise proposal — R-G2, berechnung.md §2, Auslegung erhoehung_auch_zuschlaege."""

from datetime import date

import pytest

from kitadesk.domain.raise_ import propose_raise, raise_table, raised
from kitadesk.domain.settings import DEFAULTS
from kitadesk.errors import InputError
from tests.domain.payout_builders import RATES_2025, RATES_2026, D


def test_r_g2_hourly_rates_times_1_015_rounded_half_up_to_the_cent():
    assert raised(D("6.70")) == D("6.80")  # 6.8005
    assert raised(D("5.80")) == D("5.89")  # 5.887
    assert raised(D("3.00")) == D("3.05")  # 3.045: half-up, not half-even


def test_r_g2_proposal_valid_1_january_next_year_from_the_table_valid_on_31_december():
    later = RATES_2026.__class__(date(2027, 1, 1), D("9"), D("9"), D("9"))  # already entered for next year
    proposal = propose_raise([RATES_2025, RATES_2026, later], date(2026, 11, 3), DEFAULTS)
    assert proposal.gueltig_ab == date(2027, 1, 1)
    assert (proposal.stundensatz_basis, proposal.stundensatz_qualifiziert) == (D("5.89"), D("6.80"))
    assert proposal.zuschlag_besonderer_bedarf_prozent == RATES_2026.zuschlag_besonderer_bedarf_prozent
    assert proposal.hoechstbetrag_unfallversicherung == RATES_2026.hoechstbetrag_unfallversicherung


@pytest.mark.parametrize("value, randzeit, pauschale", [("nein", D("1.50"), D("100.00")),
                                                        ("ja", D("1.52"), D("101.50"))])
def test_auslegung_erhoehung_auch_zuschlaege(value, randzeit, pauschale):
    proposal = raise_table(RATES_2026, date(2027, 1, 1), DEFAULTS.with_(erhoehung_auch_zuschlaege=value))
    assert (proposal.randzeitzuschlag, proposal.vertretungsplatz_pauschale) == (randzeit, pauschale)
    assert proposal.stundensatz_qualifiziert == D("6.80")


def test_r_g2_no_table_no_proposal():
    with pytest.raises(InputError, match="Keine Satztabelle"):
        propose_raise([RATES_2026], date(2025, 6, 1), DEFAULTS)
