"""Elternbeitrag: siblings (Auslegung geschwister) and waiver (R-E2), berechnung.md §9."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kitadesk.domain.fees import FeeError, FeeFree, KitaSiblings, Waiver, compute_fees
from kitadesk.domain.settings import DEFAULTS
from tests.domain.fee_fixtures import TABLE, child

ALLE = DEFAULTS.with_(geschwister="alle_zahlen")
ANTEILIG = DEFAULTS.with_(beitrag_anteilig="ja")


def fees(children, settings=DEFAULTS, year=2026, month=4):
    return {r.child_nr: r for r in compute_fees(children, [TABLE], year, month, settings)}


# ---------------------------------------------------------------- siblings

def test_r_e1_geschwister_nur_hoechster_charges_only_the_highest_fee_of_a_family():
    big = child("1", "F1", hours="45", born=date(2024, 5, 1))  # 180.00
    small = child("2", "F1", hours="20", born=date(2023, 9, 1))  # 100.00
    result = fees([big, small])
    assert result["1"].beitrag == D("180.00") and result["2"].beitrag == D("0.00")
    assert result["2"].tabellenbeitrag == D("100.00")
    assert result["2"].geschwister == "Geschwisterregel (nur der höchste Beitrag): Kind 1 zahlt 180,00 €; hier 0,00 €."
    assert result["1"].geschwister == "Geschwisterregel: zahlt als Kind mit dem höchsten Beitrag (auch für Kind 2)."
    assert result["1"].zahlt_fuer_familie == result["2"].zahlt_fuer_familie == "1"


def test_r_e1_geschwister_alle_zahlen_charges_every_child():
    result = fees([child("1", "F1", hours="45"), child("2", "F1", hours="20")], ALLE)
    assert (result["1"].beitrag, result["2"].beitrag) == (D("180.00"), D("100.00"))
    assert result["2"].geschwister == ""


def test_r_e1_geschwister_tie_the_older_child_pays():
    younger = child("1", "F1", born=date(2024, 6, 1))
    older = child("2", "F1", born=date(2024, 1, 1))
    result = fees([younger, older])
    assert result["2"].beitrag == D("140.00") and result["1"].beitrag == D("0.00")


def test_r_e1_geschwister_tie_with_same_birth_date_the_lower_number_pays():
    result = fees([child("12", "F1"), child("11", "F1")])
    assert result["11"].beitrag == D("140.00") and result["12"].beitrag == D("0.00")


def test_r_e1_geschwister_only_within_one_family():
    result = fees([child("1", "F1"), child("2", "F2"), child("3", None), child("4", None)])
    assert all(r.beitrag == D("140.00") for r in result.values())


def test_r_e1_geschwister_beitragsfrei_child_does_not_take_the_highest_fee():
    free = child("1", "F1", hours="45", fee_free=(FeeFree(date(2025, 1, 1), True),))
    result = fees([free, child("2", "F1", hours="20")])
    assert result["1"].beitrag == D("0.00") and result["2"].beitrag == D("100.00")


def test_r_e1_geschwister_compared_after_proration():
    early = child("1", "F1", hours="45", von=date(2026, 4, 25))  # 180 · 6/30 = 36.00
    full = child("2", "F1", hours="20")  # 100.00
    result = fees([early, full], ANTEILIG)
    assert result["2"].beitrag == D("100.00") and result["1"].beitrag == D("0.00")


def test_r_e1_geschwister_in_kita_takes_the_fee_under_nur_hoechster():
    kita = (KitaSiblings(date(2025, 1, 1), 1),)
    result = fees([child("1", "F1", kita_siblings=kita), child("2", "F1"), child("3", None, kita_siblings=kita)])
    assert all(r.beitrag == D("0.00") for r in result.values())
    assert result["1"].zahlt_fuer_familie == "Kita"
    assert "ein Geschwisterkind besucht eine Kita und zahlt dort" in result["3"].why
    assert all(r.beitrag == D("140.00") for r in fees([child("1", "F1", kita_siblings=kita)], ALLE).values())


def test_r_e1_geschwister_family_with_a_held_fee_is_held():
    settings = DEFAULTS.with_(einkommen_ohne_erklaerung="keine_festsetzung")
    result = fees([child("1", "F1", income=None), child("2", "F1")], settings)
    assert result["1"].held and result["2"].held
    assert result["2"].fehlt == "Geschwisterregel nicht anwendbar: Beitrag von Kind 1 ist nicht festgesetzt."


@st.composite
def families(draw):
    n = draw(st.integers(1, 4))
    kids = []
    for i in range(n):
        waiver = None
        if draw(st.booleans()):
            ab = date(2026, 4, draw(st.integers(1, 30)))
            waiver = Waiver(D(draw(st.integers(1, 100))), ab, ab)
        von = date(2026, draw(st.integers(3, 4)), draw(st.integers(1, 28)))
        kids.append(dict(
            nr=str(i), born=date(draw(st.integers(2021, 2025)), draw(st.integers(1, 12)), draw(st.integers(1, 28))),
            von=von, bis=draw(st.one_of(st.none(), st.dates(max(von, date(2026, 4, 1)), date(2026, 6, 30)))),
            hours=str(draw(st.integers(5, 50))),
            income=draw(st.one_of(st.none(), st.sampled_from(["15000", "18000", "25000", "30000", "44000", "90000"]))),
            fee_free=(FeeFree(date(2025, 1, 1), True),) if draw(st.integers(0, 5)) == 0 else (),
            kita_siblings=(KitaSiblings(date(2025, 1, 1), 1),) if draw(st.integers(0, 5)) == 0 else (),
            waiver=waiver,
        ))
    return kids


@hsettings(max_examples=200, deadline=None)
@given(families(), st.sampled_from(["nur_hoechster", "alle_zahlen"]), st.sampled_from(["nein", "ja"]),
       st.sampled_from(["hoechste_stufe", "keine_festsetzung"]))
def test_r_e1_geschwister_property_family_total_never_exceeds_sum_of_single_fees(kids, geschwister, anteilig, ohne):
    settings = DEFAULTS.with_(geschwister=geschwister, beitrag_anteilig=anteilig, einkommen_ohne_erklaerung=ohne)
    as_family = compute_fees([child(family="F", **k) for k in kids], [TABLE], 2026, 4, settings)
    alone = [r for k in kids for r in compute_fees([child(family=None, **k)], [TABLE], 2026, 4, settings)]
    assert sum(r.zahlbetrag for r in as_family) <= sum(r.zahlbetrag for r in alone)
    assert all(r.zahlbetrag >= 0 and r.zahlbetrag == r.beitrag - r.ermaessigung for r in as_family)
    assert sum(1 for r in as_family if r.beitrag > 0) <= (1 if geschwister == "nur_hoechster" else len(kids))


# ---------------------------------------------------------------- waiver (R-E2)

def test_r_e2_waiver_is_a_separate_negative_line_for_the_days_from_its_start():
    waiver = Waiver(D("50"), date(2026, 4, 16), date(2026, 4, 10))
    r = fees([child("1", waiver=waiver)])["1"]
    assert (r.beitrag, r.ermaessigung, r.zahlbetrag) == (D("140.00"), D("35.00"), D("105.00"))
    fee_line, waiver_line = r.lines
    assert (waiver_line.position, waiver_line.rule, waiver_line.amount) == ("Ermäßigung", "R-E2", D("-35.00"))
    assert (waiver_line.von, waiver_line.bis) == (date(2026, 4, 16), date(2026, 4, 30))
    assert "Ermäßigung 50 % ab 16.04.2026 (Antrag vom 10.04.2026) für 15/30 Tage: −35,00 € (R-E2)." in r.why
    assert "R-E2" in r.rule


def test_r_e2_waiver_mid_month_is_rounded_once():
    waiver = Waiver(D("50"), date(2026, 3, 16), date(2026, 3, 16))  # 140 · 50/100 · 16/31 = 36.129…
    r = fees([child("1", waiver=waiver)], month=3)["1"]
    assert r.ermaessigung == D("36.13") and r.zahlbetrag == D("103.87")


def test_r_e2_waiver_for_the_whole_month_and_until_an_end_date():
    assert fees([child("1", waiver=Waiver(D("100"), date(2026, 1, 1), date(2026, 1, 1)))])["1"].zahlbetrag == D("0.00")
    ended = Waiver(D("20"), date(2026, 1, 1), date(2026, 1, 1), bis=date(2026, 4, 10))  # 140 · 0.2 · 10/30
    assert fees([child("1", waiver=ended)])["1"].ermaessigung == D("9.33")
    assert fees([child("1", waiver=ended)], month=5)["1"].ermaessigung == D("0.00")


def test_r_e2_waiver_starting_next_month_has_no_line_yet():
    r = fees([child("1", waiver=Waiver(D("50"), date(2026, 5, 1), date(2026, 4, 20)))])["1"]
    assert r.ermaessigung == D("0.00") and len(r.lines) == 1 and r.ermaessigung_prozent is None


def test_r_e2_waiver_not_before_application():
    late = Waiver(D("50"), date(2026, 4, 1), date(2026, 4, 15))
    with pytest.raises(FeeError) as info:
        fees([child("9", waiver=late)])
    assert info.value.errors == [
        "Kind 9: Ermäßigung ab 01.04.2026 liegt vor dem Antrag vom 15.04.2026 – "
        "eine Ermäßigung wirkt frühestens ab Antragsdatum (R-E2)."
    ]


def test_r_e2_waiver_percent_must_be_between_0_and_100():
    with pytest.raises(FeeError, match="Ermäßigung 120 % muss über 0 und höchstens 100 % sein"):
        fees([child("9", waiver=Waiver(D("120"), date(2026, 4, 1), date(2026, 4, 1)))])


def test_r_e2_waiver_with_proration_counts_only_charged_days():
    waiver = Waiver(D("100"), date(2026, 4, 1), date(2026, 4, 1))
    r = fees([child("1", von=date(2026, 4, 16), waiver=waiver)], ANTEILIG)["1"]
    assert (r.beitrag, r.ermaessigung, r.zahlbetrag) == (D("70.00"), D("70.00"), D("0.00"))


def test_r_e2_waiver_after_siblings_applies_to_the_charged_fee_only():
    waiver = Waiver(D("50"), date(2026, 4, 1), date(2026, 4, 1))
    result = fees([child("1", "F1", hours="45"), child("2", "F1", hours="20", waiver=waiver)])
    assert result["2"].ermaessigung == D("0.00") and result["2"].lines == ()
    result = fees([child("1", "F1", hours="45", waiver=waiver), child("2", "F1", hours="20")])
    assert result["1"].zahlbetrag == D("90.00")


def test_r_e2_waiver_on_a_beitragsfrei_child_has_no_line():
    waiver = Waiver(D("50"), date(2026, 4, 1), date(2026, 4, 1))
    r = fees([child("1", fee_free=(FeeFree(date(2025, 1, 1), True),), waiver=waiver)])["1"]
    assert r.zahlbetrag == D("0.00") and r.lines == ()
