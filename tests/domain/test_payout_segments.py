"""Segments and proration (berechnung.md §4): boundaries, rate and tier changes, versions."""

from datetime import date
from decimal import Decimal

from kitadesk.domain.inputs import QUALIFIZIERT, Carer, RateTable
from kitadesk.domain.lines import BETREUUNG, MBA, RANDZEIT
from kitadesk.domain.segments import Timeline, merge_runs, pieces, union_periods
from tests.domain.payout_builders import (
    RATES_2025,
    RATES_2026,
    D,
    amounts,
    basis,
    month_input,
    one,
    pick,
    place,
    qualified,
    run,
)


def segments(lines, position, child="K1", carer=None):
    return [(ln.von, ln.bis, ln.amount) for ln in pick(lines, position, child, carer)]


def test_section4_placement_ending_in_the_month_gets_d_over_D():
    lines = run(month_input(placements=[place(bis=date(2026, 4, 10))]))
    assert segments(lines, BETREUUNG) == [(date(2026, 4, 1), date(2026, 4, 10), D("338.72"))]  # · 10/30


def test_section4_month_start_and_end_single_days():
    first = run(month_input(placements=[place(bis=date(2026, 4, 1))]))
    last = run(month_input(placements=[place(von=date(2026, 4, 30))]))
    assert amounts(first, BETREUUNG) == amounts(last, BETREUUNG) == [D("33.87")]  # 1016.1666… / 30
    assert one(last, BETREUUNG).why.endswith("× 1/30 Tage")


def test_section4_placement_around_the_month_is_a_full_month():
    lines = run(month_input(placements=[place(von=date(2025, 1, 1), bis=date(2027, 1, 1))]))
    assert segments(lines, BETREUUNG) == [(date(2026, 4, 1), date(2026, 4, 30), D("1016.17"))]


def test_section4_leap_february_has_29_days():
    leap = run(month_input(2028, 2, placements=[place(von=date(2028, 2, 15))]))
    common = run(month_input(2026, 2, placements=[place(von=date(2026, 2, 15))]))
    assert amounts(leap, BETREUUNG) == [D("525.60")]  # 1016.1666… · 15/29 — the 2026 table still applies
    assert amounts(common, BETREUUNG) == [D("508.08")]  # · 14/28
    assert one(leap, BETREUUNG).why.endswith("× 15/29 Tage")


def test_r_g2_rate_change_on_1_january():
    december = run(month_input(2025, 12, placements=[place(von=date(2025, 1, 1))]))
    january = run(month_input(2026, 1, placements=[place(von=date(2025, 1, 1))]))
    assert one(december, BETREUUNG).rate == D("6.60") and one(january, BETREUUNG).rate == D("6.70")
    assert amounts(december, BETREUUNG) == [D("1001.00")] and amounts(january, BETREUUNG) == [D("1016.17")]


def test_r_g2_rate_table_valid_mid_month_cuts_only_lines_whose_values_change():
    new = RateTable(date(2026, 4, 16), D("5.90"), D("6.80"), D("1.50"))  # the surcharge is unchanged
    lines = run(month_input(placements=[place(off="5")], tables=[RATES_2026, new]))
    assert segments(lines, BETREUUNG) == [(date(2026, 4, 1), date(2026, 4, 15), D("508.08")),
                                          (date(2026, 4, 16), date(2026, 4, 30), D("515.67"))]
    assert len(pick(lines, MBA)) == 2
    assert segments(lines, RANDZEIT) == [(date(2026, 4, 1), date(2026, 4, 30), D("32.50"))]


def test_r_c5_tier_change_mid_month_cuts_rate_dependent_lines():
    carer = Carer("A", ((date(2026, 4, 11), QUALIFIZIERT),))
    lines = run(month_input(carers=[carer], placements=[place(off="5")]))
    assert segments(lines, BETREUUNG) == [(date(2026, 4, 1), date(2026, 4, 10), D("293.22")),  # 5.80 · 10/30
                                          (date(2026, 4, 11), date(2026, 4, 30), D("677.44"))]  # 6.70 · 20/30
    assert [ln.rate for ln in pick(lines, MBA)] == [D("5.80"), D("6.70")]
    assert len(pick(lines, RANDZEIT)) == 1


def test_section4_mba_is_not_cut_by_an_hours_change():
    versions = [place(hours="35", bis=date(2026, 4, 15), version=1), place(von=date(2026, 4, 16), hours="40", version=2)]
    lines = run(month_input(placements=versions))
    assert segments(lines, BETREUUNG) == [(date(2026, 4, 1), date(2026, 4, 15), D("508.08")),
                                          (date(2026, 4, 16), date(2026, 4, 30), D("580.67"))]
    assert segments(lines, MBA) == [(date(2026, 4, 1), date(2026, 4, 30), D("29.03"))]


def test_section4_a_changed_record_with_equal_values_does_not_cut():
    versions = [place(off="5", version=1, placement_id=7), place(von=date(2026, 4, 10), off="5", version=2, placement_id=7)]
    lines = run(month_input(placements=versions))
    assert len(lines) == 3 and all((ln.von, ln.bis) == (date(2026, 4, 1), date(2026, 4, 30)) for ln in lines)


def test_section4_version_with_gueltig_ab_ends_the_previous_one_the_day_before():
    versions = [place(hours="35", version=1), place(von=date(2026, 4, 21), hours="20", version=2)]  # v1 open-ended
    lines = run(month_input(placements=versions))
    assert segments(lines, BETREUUNG) == [(date(2026, 4, 1), date(2026, 4, 20), D("677.44")),
                                          (date(2026, 4, 21), date(2026, 4, 30), D("193.56"))]


def test_r_k4_change_of_carer_mid_month_splits_lines_between_carers():
    versions = [place(carer="A", bis=date(2026, 4, 15)), place(carer="B", von=date(2026, 4, 16), version=2)]
    lines = run(month_input(carers=[qualified("A"), basis("B")], placements=versions))
    assert segments(lines, BETREUUNG, carer="A") == [(date(2026, 4, 1), date(2026, 4, 15), D("508.08"))]
    assert segments(lines, BETREUUNG, carer="B") == [(date(2026, 4, 16), date(2026, 4, 30), D("439.83"))]


def test_section4_gap_between_two_placements_of_a_child_makes_two_segments():
    versions = [place(bis=date(2026, 4, 5), placement_id=1), place(von=date(2026, 4, 21), placement_id=2)]
    lines = run(month_input(placements=versions))
    assert [(a, b) for a, b, _ in segments(lines, MBA)] == [(date(2026, 4, 1), date(2026, 4, 5)),
                                                            (date(2026, 4, 21), date(2026, 4, 30))]


def test_section4_child_status_record_without_value_change_does_not_cut():
    from kitadesk.domain.inputs import ChildStatus
    status = [ChildStatus("K1", date(2025, 1, 1), True), ChildStatus("K1", date(2026, 4, 12), True)]
    lines = run(month_input(placements=[place()], child_status=status, carers=[basis("A")]))
    assert all((ln.von, ln.bis) == (date(2026, 4, 1), date(2026, 4, 30)) for ln in lines)


def test_timeline_latest_start_wins_and_cuts_inside_the_period():
    timeline = Timeline([(date(2026, 1, 1), "a"), (date(2026, 4, 16), "b")], default="-")
    assert (timeline.on(date(2025, 12, 31)), timeline.on(date(2026, 4, 15)), timeline.on(date(2026, 4, 16))) == ("-", "a", "b")
    assert timeline.cuts(date(2026, 4, 1), date(2026, 4, 30)) == [date(2026, 4, 16)]
    assert timeline.cuts(date(2026, 4, 16), date(2026, 4, 30)) == []


def test_merge_runs_needs_equal_keys_and_consecutive_days():
    items = [(date(2026, 4, 1), date(2026, 4, 5), "x", 1), (date(2026, 4, 6), date(2026, 4, 9), "x", 2),
             (date(2026, 4, 11), date(2026, 4, 12), "x", 3), (date(2026, 4, 13), date(2026, 4, 13), None, 4),
             (date(2026, 4, 14), date(2026, 4, 30), "y", 5)]
    assert merge_runs(items) == [[date(2026, 4, 1), date(2026, 4, 9), "x", [1, 2]],
                                 [date(2026, 4, 11), date(2026, 4, 12), "x", [3]],
                                 [date(2026, 4, 14), date(2026, 4, 30), "y", [5]]]
    assert pieces(date(2026, 4, 1), date(2026, 4, 30), [date(2026, 4, 1), date(2026, 4, 10), date(2026, 5, 1)]) == [
        (date(2026, 4, 1), date(2026, 4, 9)), (date(2026, 4, 10), date(2026, 4, 30))]
    assert union_periods([(date(2026, 4, 5), date(2026, 4, 9)), (date(2026, 4, 1), date(2026, 4, 4))]) == [
        (date(2026, 4, 1), date(2026, 4, 9))]


def test_unknown_carer_is_paid_at_basis():
    lines = run(month_input(carers=[], placements=[place(carer="X")], tables=[RATES_2025, RATES_2026]))
    assert one(lines, BETREUUNG).rate == Decimal("5.80")
    assert basis("X").tier_on(date(2026, 4, 1)) == "basis"
