"""Zeitplan grammar (interfaces.md §3), weekly hours and off-hours (berechnung.md §5, R-G3)."""

from decimal import Decimal as D
from fractions import Fraction

import pytest

from kitadesk.domain.timeplan import (
    Slot,
    TimePlan,
    TimePlanError,
    consistency_errors,
    format_timeplan,
    max_present_at_once,
    parse_timeplan,
)

EXAMPLE = "Mo 06:30-15:00; Di 06:30-12:00, 14:00-18:00; Sa 08:00-12:00"


def test_r_k2_parse_the_interfaces_example():
    plan = parse_timeplan(EXAMPLE)
    assert plan.days[0] == (Slot(390, 900),)
    assert plan.days[1] == (Slot(390, 720), Slot(840, 1080))
    assert plan.days[5] == (Slot(480, 720),)
    assert plan.weekly_hours == D("22.00")
    assert plan.off_hours == D("5.00")  # Mo 0.5 + Di 0.5 + Sa 4
    assert format_timeplan(plan) == EXAMPLE and str(plan) == EXAMPLE


def test_r_k2_format_is_canonical_order_and_spacing():
    plan = parse_timeplan(" sa 08:00-12:00 ;Di 14:00 – 18:00,06:30-12:00;  ")
    assert format_timeplan(plan) == "Di 06:30-12:00, 14:00-18:00; Sa 08:00-12:00"
    assert parse_timeplan(format_timeplan(plan)) == plan


def test_r_k2_empty_plan():
    assert parse_timeplan("").is_empty and parse_timeplan(None) == TimePlan()
    assert parse_timeplan("  ").weekly_hours == D("0.00")


def test_r_k2_24_00_is_allowed_as_an_end():
    plan = parse_timeplan("Fr 19:00-24:00; Sa 00:00-06:00")
    assert plan.weekly_hours == D("11.00") and plan.off_hours == D("11.00")


@pytest.mark.parametrize("text, message", [
    ("Mx 08:00-12:00", "Zeitplan: Tag „Mx“ ist unbekannt (erlaubt: Mo, Di, Mi, Do, Fr, Sa, So)."),
    ("Mo 08:00-12:00; Mo 13:00-14:00", "der Tag Mo kommt mehrfach vor"),
    ("Mo", "Zeitplan: für Mo fehlt die Uhrzeit (z. B. „Mo 08:00-14:00“)."),
    ("Mo 8-12", "Zeitplan, Mo „8-12“: Uhrzeit „8“ ist nicht im Format HH:MM."),
    ("Mo 08:00 12:00", "Zeitplan, Mo „08:00 12:00“: ein Zeitfenster hat die Form HH:MM-HH:MM."),
    ("Mo 08:60-12:00", "Uhrzeit „08:60“ hat mehr als 59 Minuten."),
    ("Mo 25:00-26:00", "Uhrzeit „25:00“ gibt es nicht (höchstens 24:00 als Ende)."),
    ("Mo 24:00-24:00", "24:00 ist nur als Ende erlaubt, nicht als Beginn."),
    ("Mo 24:30-23:00", "Uhrzeit „24:30“ gibt es nicht"),
    ("Mo 08:00-08:00", "Beginn und Ende sind gleich; das Zeitfenster ist leer."),
    ("Mo 22:00-06:00", "das Ende liegt vor dem Beginn. Ein Zeitfenster darf nicht über Mitternacht gehen"),
    ("Di 08:00-12:00, 11:30-14:00", "Zeitplan, Di: die Zeitfenster 08:00-12:00 und 11:30-14:00 überschneiden sich."),
])
def test_r_k2_bad_plans_say_what_is_wrong(text, message):
    with pytest.raises(TimePlanError) as info:
        parse_timeplan(text)
    assert message in str(info.value)


def test_r_k2_touching_slots_do_not_overlap():
    assert parse_timeplan("Mi 08:00-12:00, 12:00-14:00").weekly_hours == D("6.00")


@pytest.mark.parametrize("text, off", [
    ("Mo 07:00-19:00", "0.00"),  # the edges themselves are not off-hours
    ("Mo 06:00-20:00", "2.00"),  # before 7 and after 19
    ("Mo 05:00-06:30", "1.50"),
    ("Mo 19:00-24:00", "5.00"),
    ("Sa 06:00-08:00", "2.00"),  # Saturday and before 7: each hour counts once
    ("So 00:00-24:00", "24.00"),
    ("Mo 06:50-07:10", "0.17"),  # 10 minutes = 1/6 h, shown rounded half-up
])
def test_r_g3_off_hours_before_7_after_19_and_weekends_count_once(text, off):
    assert parse_timeplan(text).off_hours == D(off)


def test_r_g3_hours_stay_exact_as_fractions():
    plan = parse_timeplan("Mo 08:00-08:10; Di 08:00-08:10; Mi 08:00-08:10")
    assert plan.weekly_hours_exact == Fraction(1, 2) and plan.weekly_hours == D("0.50")
    assert parse_timeplan("Mo 06:50-07:10").off_hours_exact == Fraction(1, 6)


def test_r_k2_wochenstunden_and_randzeitstunden_must_match_the_plan():
    plan = parse_timeplan(EXAMPLE)
    assert consistency_errors(plan, D("22.01"), D("5")) == []
    assert consistency_errors(plan, D("22.5"), D("4")) == [
        "Wochenstunden 22,5 passen nicht zum Zeitplan (Summe 22 Stunden).",
        "Randzeitstunden 4 passen nicht zum Zeitplan (vor 7:00, nach 19:00, Sa/So: 5 Stunden).",
    ]


def test_r_c6_present_at_once_from_time_plans():
    morning = parse_timeplan("Mo 07:00-12:00")
    afternoon = parse_timeplan("Mo 12:00-17:00")
    overlap = parse_timeplan("Mo 11:00-13:00")
    assert max_present_at_once([morning, afternoon]) == (1, 0, 420)
    assert max_present_at_once([morning, afternoon, overlap]) == (2, 0, 660)
    assert max_present_at_once([]) == (0, None, None)


def test_r_k2_summary_joins_weekdays_with_the_same_slots():
    from kitadesk.domain.timeplan import summary
    plan = parse_timeplan("Mo 08:00-14:00; Di 08:00-14:00; Mi 08:00-14:00; Fr 08:00-12:00; So 09:00-10:00, 11:00-12:00")
    assert summary(plan) == "Mo–Mi 08:00–14:00; Fr 08:00–12:00; So 09:00–10:00, 11:00–12:00"
    assert summary(parse_timeplan("Mo 08:00-14:00; Di 08:00-14:00")) == "Mo, Di 08:00–14:00"
    assert summary(parse_timeplan("")) == ""
