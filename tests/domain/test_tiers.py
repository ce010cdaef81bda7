"""Pay tier history — R-C5 (Richtlinien 5.1), Auslegung stufe_erfahrung."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kitadesk.domain.inputs import BASIS, QUALIFIZIERT, Carer
from kitadesk.domain.lines import BETREUUNG
from kitadesk.domain.settings import DEFAULTS
from kitadesk.domain.tiers import fortbildung_by_year, tier_changes, tier_history
from tests.domain.payout_builders import D, month_input, pick, place, run

UNTIL = date(2031, 12, 31)


def good_years(*years, hours="5"):
    return {y: D(hours) for y in years}


def test_r_c5_fachkraft_and_qhb_from_the_qualification_date():
    for qualification in ("Fachkraft", "QHB"):
        assert tier_history(qualification, date(2024, 3, 15), date(2024, 1, 1), [], DEFAULTS, UNTIL) == (
            (date(2024, 3, 15), QUALIFIZIERT),)


def test_r_c5_basis_without_experience_stays_basis():
    assert tier_history("Basis", None, date(2024, 1, 1), good_years(2024, 2025), DEFAULTS, UNTIL) == ()


def test_r_c5_experience_from_taetig_seit_plus_5_years_when_that_is_later():
    history = tier_history("Basis", None, date(2019, 6, 1), good_years(*range(2019, 2031)), DEFAULTS, UNTIL)
    assert history == ((date(2024, 6, 1), QUALIFIZIERT),)


def test_r_c5_experience_from_1_january_after_fifth_consecutive_year_of_fortbildung():
    history = tier_history("Basis", None, date(2015, 1, 1), good_years(2018, *range(2020, 2031)), DEFAULTS, UNTIL)
    assert history == ((date(2025, 1, 1), QUALIFIZIERT),)  # 2019 missing: the run starts in 2020


def test_r_c5_experience_lost_on_1_january_after_a_year_below_5_hours_and_regained_after_5_good_years():
    hours = {**good_years(*range(2010, 2031)), 2025: D("4.5")}
    history = tier_history("Basis", None, date(2010, 1, 1), hours, DEFAULTS, UNTIL)
    assert history == ((date(2015, 1, 1), QUALIFIZIERT), (date(2026, 1, 1), BASIS), (date(2031, 1, 1), QUALIFIZIERT))
    reasons = tier_changes("Basis", None, date(2010, 1, 1), hours, DEFAULTS, UNTIL)
    assert "weniger als 5 Std. Fortbildung in 2021–2025" in reasons[1].reason


def test_r_c4_fortbildung_hours_of_a_year_add_up():
    courses = [(date(2020, 3, 1), D("3")), (date(2020, 9, 1), D("2")), (date(2021, 1, 1), D("4.5"))]
    assert fortbildung_by_year(courses) == {2020: D("5"), 2021: D("4.5")}
    courses = [(date(y, 5, 1), D("2.5")) for y in range(2018, 2024)] + [(date(y, 6, 1), D("2.5")) for y in range(2018, 2024)]
    assert tier_history("Basis", None, date(2015, 1, 1), courses, DEFAULTS, UNTIL) == (
        (date(2023, 1, 1), QUALIFIZIERT), (date(2025, 1, 1), BASIS))  # nothing recorded for 2024


def test_r_c5_only_completed_years_up_to_until_are_looked_at():
    hours = good_years(*range(2015, 2030))
    assert tier_history("Basis", None, date(2015, 1, 1), hours, DEFAULTS, date(2019, 12, 31)) == ()
    assert tier_history("Basis", None, date(2015, 1, 1), hours, DEFAULTS, date(2020, 1, 1)) == (
        (date(2020, 1, 1), QUALIFIZIERT),)


def test_r_c5_qualification_keeps_the_tier_when_experience_is_lost():
    hours = {**good_years(*range(2015, 2031)), 2025: D("0")}
    history = tier_history("QHB", date(2025, 6, 1), date(2015, 1, 1), hours, DEFAULTS, UNTIL)
    assert history == ((date(2020, 1, 1), QUALIFIZIERT),)


def test_auslegung_stufe_erfahrung_aus_only_fachkraft_or_qhb():
    hours = good_years(*range(2010, 2031))
    off = DEFAULTS.with_(stufe_erfahrung="aus")
    assert tier_history("Basis", None, date(2010, 1, 1), hours, off, UNTIL) == ()
    assert tier_history("Basis", None, date(2010, 1, 1), hours, DEFAULTS, UNTIL) == ((date(2015, 1, 1), QUALIFIZIERT),)
    assert tier_history("Fachkraft", date(2012, 8, 1), date(2010, 1, 1), hours, off, UNTIL) == (
        (date(2012, 8, 1), QUALIFIZIERT),)


def test_r_c5_tier_history_drives_a_tier_change_mid_month():
    tiers = tier_history("QHB", date(2026, 4, 11), date(2025, 1, 1), {}, DEFAULTS, date(2026, 4, 30))
    lines = run(month_input(carers=[Carer("A", tiers)], placements=[place()]))
    assert [(ln.bis, ln.rate) for ln in pick(lines, BETREUUNG)] == [(date(2026, 4, 10), D("5.80")),
                                                                    (date(2026, 4, 30), D("6.70"))]


@settings(max_examples=150, deadline=None)
@given(courses=st.lists(st.tuples(st.dates(date(2012, 1, 1), date(2027, 12, 31)),
                                  st.sampled_from([Decimal(2), Decimal(5), Decimal(8)])), max_size=12),
       taetig=st.dates(date(2010, 1, 1), date(2024, 12, 31)), month=st.integers(1, 12),
       qualification=st.sampled_from([("Basis", None), ("QHB", date(2026, 6, 15))]))
def test_r_c5_tier_history_of_the_year_cut_at_a_month_equals_the_month_history(courses, taetig, month,
                                                                              qualification):
    """The projection computes each carer's R-C5 history once up to 31 December and cuts it at
    each month's end (ops/payout_inputs.month_input tier_cache): a day's tier depends only on
    the completed years before it, so the cut equals the history computed for the month."""
    from kitadesk.domain.calendar import month_range

    end = month_range(2026, month)[1]
    year_end = date(2026, 12, 31)
    qual, since = qualification
    month_only = tier_history(qual, since, taetig, [c for c in courses if c[0] <= end], DEFAULTS, end)
    year = tier_history(qual, since, taetig, [c for c in courses if c[0] <= year_end], DEFAULTS, year_end)
    assert month_only == tuple(change for change in year if change[0] <= end)
