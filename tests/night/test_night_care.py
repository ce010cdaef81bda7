"""Night care (R-G7, berechnung.md §5, Richtlinien 5.4): in the parents' household the night
hours 21:00–06:00 are ordinary hours in h at the day rate and never off-hours (o); off-hours
outside the night still count. Overnight at the carer's: 2 flat hours per night replace the
night, and only there `nacht_als_randzeit` decides about the surcharge."""

from decimal import Decimal as D

import pytest

from kitadesk.domain.lines import BETREUUNG, RANDZEIT
from kitadesk.domain.timeplan import consistency_errors, parse_timeplan
from kitadesk.ops import records
from tests.domain.payout_builders import amounts, month_input, one, pick, place, run

# two nights in the parents' household: Mo 18–24 + Di 0–7, Mi 18–24 + Do 0–7 → h = 26.
# Off-hours per night: 19–21 (2 h) and 6–7 (1 h) = 3 h; without R-G7 it would be 12 h.
PARENTS_NIGHTS = "Mo 18:00-24:00; Di 00:00-07:00; Mi 18:00-24:00; Do 00:00-07:00"


def test_r_g7_parents_household_night_hours_are_no_off_hours():
    plan = parse_timeplan(PARENTS_NIGHTS)
    assert plan.weekly_hours == D("26.00")  # the night hours stay ordinary hours in h
    assert plan.off_hours_for(True) == D("6.00")
    assert plan.off_hours_for(False) == D("24.00") == plan.off_hours  # a day plan: every off-hour counts


@pytest.mark.parametrize("text, off", [
    ("Mo 19:00-24:00", "2.00"),   # 19–21 off, 21–24 night
    ("Di 00:00-08:00", "1.00"),   # 0–6 night, 6–7 off, 7–8 day
    ("Mo 20:30-21:30", "0.50"),   # only 20:30–21:00 is off-hours
    ("Sa 00:00-24:00", "15.00"),  # weekend: 6–21 off, the night is not
    ("So 05:00-22:00", "15.00"),
    ("Mo 07:00-19:00", "0.00"),
    ("Mo 06:00-07:00", "1.00"),   # before 7 but after the night: still off-hours
])
def test_r_g7_parents_household_off_hours_outside_the_night_still_count(text, off):
    assert parse_timeplan(text).off_hours_for(True) == D(off)


def test_r_g7_consistency_check_accepts_the_parents_household_off_hours():
    plan = parse_timeplan(PARENTS_NIGHTS)
    assert consistency_errors(plan, D("26"), D("6"), night_in_parents_household=True) == []
    errors = consistency_errors(plan, D("26"), D("24"), night_in_parents_household=True)
    assert errors == ["Randzeitstunden 24 passen nicht zum Zeitplan (vor 7:00, nach 19:00, Sa/So; ohne die "
                      "Nachtstunden 21:00–6:00 im Haushalt der Eltern, R-G7: 6 Stunden)."]
    assert consistency_errors(plan, D("26"), D("24")) == []  # no night in the parents' household


def test_r_g7_night_slot_finds_the_first_slot_in_the_night():
    assert str(parse_timeplan(PARENTS_NIGHTS).night_slot()) == "18:00-24:00"
    assert parse_timeplan("Mo 06:00-21:00").night_slot() is None  # touching the night is not in it


@pytest.mark.parametrize("setting", ["ja", "nein"])
def test_r_g7_parents_household_payout_lines_day_rate_and_o_without_night(setting):
    off = parse_timeplan(PARENTS_NIGHTS).off_hours_for(True)
    version = place(hours="26", off=str(off), nights="2", night_in_parents_household=True)  # nights ignored
    lines = run(month_input(placements=[version]), nacht_als_randzeit=setting)
    assert one(lines, BETREUUNG).amount == D("754.87")  # 26 · 52/12 · 6.70, no flat night hours
    assert one(lines, RANDZEIT).amount == D("39.00")  # 6 · 52/12 · 1.50 — nacht_als_randzeit does not matter
    assert one(lines, RANDZEIT).why.startswith("6 Std./Woche × 52/12")


@pytest.mark.parametrize("setting, randzeit", [("ja", [D("45.50")]), ("nein", [D("19.50")])])
def test_r_g7_at_the_carers_flat_hours_get_the_surcharge_only_with_nacht_als_randzeit(setting, randzeit):
    lines = run(month_input(placements=[place(hours="30", off="3", nights="2")]), nacht_als_randzeit=setting)
    assert amounts(lines, RANDZEIT) == randzeit  # (3 + 2·2) or 3 · 52/12 · 1.50
    assert amounts(lines, BETREUUNG) == [D("987.13")]  # (30 + 2·2) · 52/12 · 6.70 either way


def test_r_g7_parents_household_night_without_other_off_hours_has_no_randzeit_line():
    plan = parse_timeplan("Mo 21:00-24:00; Di 00:00-06:00")
    version = place(hours="9", off=str(plan.off_hours_for(True)), night_in_parents_household=True)
    assert pick(run(month_input(placements=[version])), RANDZEIT) == []


def test_r_g7_form_derives_and_checks_off_hours_without_the_parents_night():
    terms = records.PlacementTerms(D("26"), zeitplan=PARENTS_NIGHTS, nacht_im_haushalt_der_eltern=True)
    assert records.derived_off_hours(terms) == D("6.00")
    assert records.resolved_terms(terms).randzeitstunden == D("6.00")
    assert records.terms_problems(records.PlacementTerms(
        D("26"), D("6"), zeitplan=PARENTS_NIGHTS, nacht_im_haushalt_der_eltern=True)) == {}
    day_terms = records.PlacementTerms(D("26"), D("6"), zeitplan=PARENTS_NIGHTS)
    assert "Randzeitstunden 6 passen nicht" in records.terms_problems(day_terms)["zeitplan"]
    assert records.resolved_terms(records.PlacementTerms(D("26"), zeitplan=PARENTS_NIGHTS)).randzeitstunden \
        == D("24.00")


def test_r_g7_form_refuses_both_night_kinds_and_night_hours_with_overnight_at_the_carers():
    both = records.PlacementTerms(D("30"), uebernachtungen=D("2"), nacht_im_haushalt_der_eltern=True)
    assert "schließen sich aus (R-G7)" in records.terms_problems(both)["nacht_im_haushalt_der_eltern"]
    at_carers = records.PlacementTerms(D("13"), uebernachtungen=D("1"), zeitplan="Mo 18:00-24:00; Di 00:00-07:00")
    assert "darf diese Zeit nicht enthalten (18:00-24:00)" in records.terms_problems(at_carers)["zeitplan"]
    day_only = records.PlacementTerms(D("14"), uebernachtungen=D("1"), zeitplan="Mo 06:00-13:00; Di 06:00-13:00")
    assert records.terms_problems(day_only) == {}
