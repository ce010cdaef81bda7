"""Properties of the monthly calculation (berechnung.md §1, §4, §8), checked with hypothesis."""

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kitadesk.domain.calendar import month_days
from kitadesk.domain.inputs import Absence, ChildStatus, ManualAmount, Monatsmeldung, RateTable
from kitadesk.domain.lines import CHILD_POSITIONS, FEIERTAG, total, totals_by_carer
from kitadesk.domain.settings import DEFAULTS
from tests.domain.payout_builders import RATES_2025, RATES_2026, basis, month_input, place, qualified, run

MONTHS = [(2025, 12), (2026, 1), (2026, 2), (2026, 4), (2026, 5), (2028, 2)]
HOURS = ["0", "7.5", "15", "20", "25.25", "35", "45", "50"]
OFF = ["0", "0", "1.5", "5", "12"]
NIGHTS = ["0", "0", "0", "1", "2"]
CARERS = [qualified("A"), qualified("B"), basis("C")]
CONSTANT_RATES = replace(RATES_2026, gueltig_ab=date(2020, 1, 1))

SETTINGS = st.fixed_dictionaries({
    "monatsfaktor": st.sampled_from(["52/12", "4.33", "4.35"]),
    "nacht_als_randzeit": st.sampled_from(["ja", "nein"]),
    "zuschlag_basis": st.sampled_from(["betreuung", "betreuung_und_mba"]),
    "erstattung_anteilig": st.sampled_from(["nein", "ja"]),
    "ausfall_zaehlweise": st.sampled_from(["arbeitstage", "kalendertage"]),
    "ausfall_sonstiges": st.sampled_from(["zaehlt", "unbezahlt"]),
    "vertretung_satz": st.sampled_from(["vertretung", "original"]),
})


@st.composite
def month_inputs(draw):
    year, month = draw(st.sampled_from(MONTHS))
    first, n = date(year, month, 1), month_days(year, month)
    day = st.integers(0, n - 1).map(lambda i: first + timedelta(days=i))
    placements = []
    for c in range(draw(st.integers(1, 4))):
        child = f"K{c}"
        von = draw(st.one_of(st.just(date(2025, 1, 1)), day))
        for v in range(draw(st.integers(1, 3))):
            bis = draw(st.one_of(st.none(), day))
            if bis is not None and bis < von:
                bis = None
            placements.append(place(child, draw(st.sampled_from("ABC")), von, bis, draw(st.sampled_from(HOURS)),
                                    draw(st.sampled_from(OFF)), draw(st.sampled_from(NIGHTS)), version=v + 1))
            von = draw(day)
    absences = []
    for _ in range(draw(st.integers(0, 3))):
        a = draw(st.integers(-60, n - 1))
        von = first + timedelta(days=a)
        absences.append(Absence(draw(st.sampled_from("AB")), von, von + timedelta(days=draw(st.integers(0, 50))),
                                draw(st.sampled_from(["Urlaub", "Krankheit", "sonstiges"])),
                                draw(st.sampled_from([None, None, "B", "C"]))))
    tables = [RATES_2025, RATES_2026]
    if draw(st.booleans()):
        tables.append(RateTable(draw(day), Decimal("6.01"), Decimal("7.07"), Decimal("1.65"), Decimal("80")))
    status = [ChildStatus(f"K{draw(st.integers(0, 3))}", draw(day), draw(st.booleans()), draw(st.booleans()))
              for _ in range(draw(st.integers(0, 3)))]
    meldungen = [Monatsmeldung(f"K{draw(st.integers(0, 3))}", draw(day), Decimal(draw(st.sampled_from(["4", "8.5"]))))
                 for _ in range(draw(st.integers(0, 2)))]
    manual = [ManualAmount(draw(st.sampled_from("AB")), Decimal(-draw(st.integers(0, 300000))) / 100, "Test")
              for _ in range(draw(st.integers(0, 2)))]
    carry = {"A": Decimal(-draw(st.integers(0, 200000))) / 100} if draw(st.booleans()) else {}
    return month_input(year, month, CARERS, placements, tables, child_status=status, absences=absences,
                       monatsmeldungen=meldungen, manual=manual, carry_in=carry)


@settings(max_examples=120, deadline=None)
@given(month_inputs(), SETTINGS)
def test_section1_total_is_the_sum_of_the_lines_and_never_negative_per_carer(inp, values):
    lines = run(inp, DEFAULTS.with_(**values))
    assert total(lines) == sum((ln.amount for ln in lines), Decimal("0")) == sum(totals_by_carer(lines).values())
    assert all(ln.amount != 0 and ln.amount == ln.amount.quantize(Decimal("0.01")) for ln in lines)
    assert all(v >= 0 for v in totals_by_carer(lines).values())  # R-G10: negative → Vortrag


@settings(max_examples=120, deadline=None)
@given(month_inputs(), SETTINGS)
def test_section4_segments_lie_in_the_month_do_not_overlap_and_are_maximal(inp, values):
    lines = run(inp, DEFAULTS.with_(**values))
    first, last = date(inp.year, inp.month, 1), date(inp.year, inp.month, month_days(inp.year, inp.month))
    groups = defaultdict(list)
    for ln in lines:
        assert first <= ln.von <= ln.bis <= last
        if ln.position in CHILD_POSITIONS and ln.position != FEIERTAG:
            groups[(ln.carer_nr, ln.child_nr, ln.position)].append(ln)
    for group in groups.values():
        group.sort(key=lambda ln: ln.von)
        for a, b in zip(group, group[1:]):
            assert a.bis < b.von  # no day paid twice to the same payee
            if a.bis + timedelta(days=1) == b.von:  # touching segments must differ in a formula value
                assert (a.hours, a.rate, a.why.split(";")[0].rsplit(" × ", 1)[0]) != \
                       (b.hours, b.rate, b.why.split(";")[0].rsplit(" × ", 1)[0])
    per_child_day = defaultdict(int)  # a child's Betreuung is paid to one payee per day at most
    for (_carer, child, position), group in groups.items():
        if position == CHILD_POSITIONS[0]:
            for ln in group:
                for i in range((ln.bis - ln.von).days + 1):
                    per_child_day[(child, ln.von + timedelta(days=i))] += 1
    assert all(count == 1 for count in per_child_day.values())


@st.composite
def one_placement(draw):
    year, month = draw(st.sampled_from(MONTHS))
    first, n = date(year, month, 1), month_days(year, month)
    hours, off, nights = (draw(st.sampled_from(x)) for x in (HOURS, OFF, NIGHTS))
    special = draw(st.booleans())
    a = draw(st.integers(0, n - 1))
    b = draw(st.integers(a, n - 1))
    absences = []
    for _ in range(draw(st.integers(0, 3))):
        start = first + timedelta(days=draw(st.integers(-70, n - 1)))
        absences.append(Absence("A", start, start + timedelta(days=draw(st.integers(0, 60))),
                                draw(st.sampled_from(["Urlaub", "sonstiges"])), draw(st.sampled_from([None, "B"]))))
    common = dict(child_status=[ChildStatus("K1", date(2020, 1, 1), special)], tables=[CONSTANT_RATES])
    whole = month_input(year, month, CARERS, [place("K1", "A", date(2025, 1, 1), None, hours, off, nights)], **common)
    part = month_input(year, month, CARERS, [place("K1", "A", first + timedelta(days=a), first + timedelta(days=b),
                                                   hours, off, nights)], absences=absences, **common)
    return whole, part, (year, month, hours, off, nights, common)


@settings(max_examples=150, deadline=None)
@given(one_placement(), SETTINGS)
def test_section4_a_placements_amount_never_exceeds_its_full_month_amount(case, values):
    whole, part, _ = case
    chosen = DEFAULTS.with_(**values)
    full = {ln.position: ln.amount for ln in run(whole, chosen) if ln.position in CHILD_POSITIONS}
    by_position = defaultdict(list)
    for ln in run(part, chosen):  # substitute B has A's tier, so the values are the same
        if ln.position in CHILD_POSITIONS:
            assert ln.amount <= full[ln.position]
            by_position[ln.position].append(ln.amount)
    for position, found in by_position.items():  # each rounding adds at most half a cent
        assert sum(found) <= full[position] + Decimal("0.01") * (len(found) - 1)


@settings(max_examples=150, deadline=None)
@given(one_placement(), SETTINGS, st.data())
def test_section4_proration_is_additive_two_halves_make_the_whole_within_a_cent(case, values, data):
    _, _, (year, month, hours, off, nights, common) = case
    n = month_days(year, month)
    k = data.draw(st.integers(1, n - 1))
    split_day = date(year, month, k + 1)
    chosen = DEFAULTS.with_(**values)
    whole = run(month_input(year, month, CARERS, [place("K1", "A", date(2025, 1, 1), None, hours, off, nights)],
                            **common), chosen)
    halves = run(month_input(year, month, CARERS, [
        place("K1", "A", date(2025, 1, 1), split_day - timedelta(days=1), hours, off, nights),
        place("K1", "B", split_day, None, hours, off, nights, version=2)], **common), chosen)
    for ln in whole:
        parts = [h.amount for h in halves if h.position == ln.position]
        assert len(parts) in (1, 2) and abs(sum(parts) - ln.amount) <= Decimal("0.01"), (ln, parts)
