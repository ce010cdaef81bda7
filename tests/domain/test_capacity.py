"""Permit limits (R-C6, R-K3) and exclusion from new placements (R-C7)."""

from datetime import date
from decimal import Decimal as D

import pytest

from kitadesk.domain.capacity import (
    BASIS,
    FACHKRAFT,
    QHB,
    CapacityError,
    CapacityPlacement,
    GroupMember,
    Permit,
    Zusammenschluss,
    check_placement,
)
from kitadesk.domain.timeplan import parse_timeplan

DAY = date(2026, 3, 1)
MORNING = parse_timeplan("Mo 07:00-12:00; Di 07:00-12:00")
AFTERNOON = parse_timeplan("Mo 12:00-17:00; Di 12:00-17:00")
ALL_DAY = parse_timeplan("Mo 08:00-16:00; Di 08:00-16:00")


def permit(nr="T1", qualification=BASIS, max_kinder=None, max_gleichzeitig=None, **kw):
    kw.setdefault("erlaubnis_vom", date(2023, 1, 1))
    kw.setdefault("fuehrungszeugnis_vom", date(2023, 1, 1))
    return Permit(nr, qualification, max_kinder, max_gleichzeitig, **kw)


def kid(nr, carer="T1", von=DAY, bis=None, hours="30", plan=None, temporary=False):
    return CapacityPlacement(str(nr), carer, von, bis, D(hours), plan, temporary)


def kids(n, start=1, **kw):
    return [kid(i, **kw) for i in range(start, start + n)]


def test_r_k3_within_the_limits_is_accepted():
    result = check_placement(permit(), kid(5), kids(4))
    assert not result.refused and result.warnings == ()
    result.raise_if_refused()


def test_r_c6_at_most_5_at_once_refused_with_the_exact_message():
    result = check_placement(permit(max_kinder=8, max_gleichzeitig=5), kid(6, plan=ALL_DAY), kids(5, plan=ALL_DAY))
    assert result.refusals == ("Erlaubnis erlaubt höchstens 5 gleichzeitig betreute Kinder; am 01.03.2026 wären es 6.",)
    assert result.issues[0].detail == "laut Zeitplänen Montag 08:00"
    with pytest.raises(CapacityError, match="höchstens 5 gleichzeitig"):
        result.raise_if_refused()


def test_r_c6_up_to_8_in_total_when_no_more_than_5_are_present_at_once():
    existing = kids(4, plan=MORNING) + kids(3, start=10, plan=AFTERNOON)
    result = check_placement(permit(max_kinder=8, max_gleichzeitig=5), kid(20, plan=AFTERNOON), existing)
    assert not result.refused and result.warnings == ()


def test_r_c6_at_once_without_time_plans_is_a_warning_not_a_refusal():
    existing = kids(4, plan=MORNING) + [kid(9)]
    result = check_placement(permit(max_kinder=8, max_gleichzeitig=5), kid(6, plan=MORNING), existing)
    assert not result.refused
    assert result.warnings == ("Gleichzeitige Anwesenheit nicht prüfbar: am 01.03.2026 6 Kinder (Erlaubnis erlaubt "
                               "höchstens 5 gleichzeitig); Zeitplan fehlt für Kind 9.",)


def test_r_c6_planned_children_alone_breaking_the_limit_are_refused_even_if_others_lack_plans():
    result = check_placement(permit(max_kinder=8, max_gleichzeitig=5), kid(6, plan=ALL_DAY),
                             kids(5, plan=ALL_DAY) + [kid(9)])
    assert result.refusals == ("Erlaubnis erlaubt höchstens 5 gleichzeitig betreute Kinder; am 01.03.2026 wären es 6.",)


def test_r_c6_permit_total_refused_with_the_exact_message():
    result = check_placement(permit(max_kinder=8, max_gleichzeitig=5), kid(9, plan=AFTERNOON),
                             kids(4, plan=MORNING) + kids(4, start=10, plan=AFTERNOON))
    assert result.refusals == ("Erlaubnis erlaubt höchstens 8 Kinder insgesamt; am 01.03.2026 wären es 9.",)


def test_r_c6_standard_permit_is_5_children():
    result = check_placement(permit(), kid(6), kids(5))
    assert "Erlaubnis erlaubt höchstens 5 Kinder insgesamt; am 01.03.2026 wären es 6." in result.refusals


def test_r_c6_richtlinien_cap_basis_at_8_even_if_the_permit_says_more():
    result = check_placement(permit(max_kinder=10, max_gleichzeitig=5), kid(9, plan=AFTERNOON),
                             kids(4, plan=MORNING) + kids(4, start=10, plan=AFTERNOON))
    assert result.refusals == ("Die Richtlinien erlauben ohne QHB oder Fachkraft höchstens 8 Kinder insgesamt; "
                               "am 01.03.2026 wären es 9.",)


def test_r_c6_richtlinien_cap_at_once_at_5_even_if_the_permit_says_more():
    result = check_placement(permit(max_kinder=8, max_gleichzeitig=6), kid(6, plan=ALL_DAY), kids(5, plan=ALL_DAY))
    assert result.refusals == ("Die Richtlinien erlauben höchstens 5 gleichzeitig betreute Kinder; "
                               "am 01.03.2026 wären es 6.",)


def test_r_c6_qhb_more_than_8_needs_several_children_under_15_hours():
    existing = kids(4, plan=MORNING) + kids(4, start=10, plan=AFTERNOON)
    qhb = permit(qualification=QHB, max_kinder=10, max_gleichzeitig=5)
    result = check_placement(qhb, kid(20, plan=MORNING, hours="10"), existing)
    assert result.refusals == ("Mehr als 8 Kinder nur, wenn mehrere Kinder unter 15 Wochenstunden betreut werden; "
                               "am 01.03.2026 wären es 1 von 9.",)
    assert result.warnings == ("Mehr als 8 Kinder: die feste Gruppenzusammensetzung ist nicht prüfbar – bitte "
                               "sicherstellen (Richtlinien 3).",)
    existing[0] = kid(1, plan=MORNING, hours="14.99")
    afternoon = parse_timeplan("Mo 12:00-17:00")
    ok = check_placement(qhb, kid(20, plan=afternoon, hours="10"), existing)
    assert not ok.refused


def test_r_c6_qhb_or_fachkraft_up_to_10_with_short_hours_children():
    existing = kids(4, plan=MORNING, hours="10") + kids(5, start=10, plan=AFTERNOON, hours="10")
    fachkraft = permit(qualification=FACHKRAFT, max_kinder=10, max_gleichzeitig=5)
    result = check_placement(fachkraft, kid(20, plan=MORNING, hours="10"), existing)
    assert not result.refused
    assert result.warnings == ("Mehr als 8 Kinder: die feste Gruppenzusammensetzung ist nicht prüfbar – bitte "
                               "sicherstellen (Richtlinien 3).",)


def test_r_c6_qhb_eleventh_child_refused():
    existing = kids(5, plan=MORNING, hours="10") + kids(5, start=10, plan=AFTERNOON, hours="10")
    result = check_placement(permit(qualification=QHB, max_kinder=12, max_gleichzeitig=5),
                             kid(20, plan=parse_timeplan("Mi 08:00-12:00"), hours="10"), existing)
    assert result.refusals == ("Die Richtlinien erlauben mit QHB oder als Fachkraft höchstens 10 Kinder insgesamt; "
                               "am 01.03.2026 wären es 11.",)


def _group(*qualifications):
    return Zusammenschluss("Sonnenschein", tuple(GroupMember(f"T{i}", q) for i, q in enumerate(qualifications, 1)))


def test_r_c6_grosstagespflege_mixed_group_keeps_the_limit_of_9():
    group = _group(QHB, BASIS)
    existing = kids(5, carer="T2") + kids(4, start=10)
    result = check_placement(permit(qualification=QHB, group=group), kid(20), existing)
    assert result.refusals == ("Großtagespflege „Sonnenschein“ erlaubt höchstens 9 Kinder (nicht alle "
                               "Tagespflegepersonen haben QHB oder sind Fachkraft); am 01.03.2026 wären es 10.",)


def test_r_c6_grosstagespflege_qualified_up_to_15_contracts():
    group = _group(QHB, FACHKRAFT, QHB)
    existing = kids(5, carer="T2", plan=MORNING) + kids(5, start=10, carer="T3", plan=AFTERNOON) \
        + kids(4, start=20, plan=parse_timeplan("Mi 08:00-12:00"))
    p = permit(qualification=QHB, group=group)
    ok = check_placement(p, kid(30, plan=parse_timeplan("Do 08:00-12:00")), existing)
    assert not ok.refused and ok.warnings == ()
    result = check_placement(p, kid(30, carer="T1"), existing + [kid(40, carer="T2", plan=MORNING)])
    assert "Großtagespflege „Sonnenschein“ erlaubt höchstens 15 Betreuungsverträge; am 01.03.2026 wären es 16." \
        in result.refusals


def test_r_c6_grosstagespflege_at_most_9_present_at_once():
    group = _group(QHB, QHB)
    existing = kids(5, carer="T2", plan=ALL_DAY) + kids(4, start=10, plan=ALL_DAY)
    result = check_placement(permit(qualification=QHB, group=group), kid(20, plan=ALL_DAY), existing)
    assert "Großtagespflege „Sonnenschein“ erlaubt höchstens 9 gleichzeitig betreute Kinder; " \
           "am 01.03.2026 wären es 10." in result.refusals


def test_r_c6_substitute_temporary_children_give_a_warning_only():
    existing = kids(4, plan=ALL_DAY) + [kid(9, plan=ALL_DAY, temporary=True, bis=date(2026, 3, 14))]
    result = check_placement(permit(max_kinder=8), kid(5, plan=ALL_DAY), existing)
    assert not result.refused
    assert result.warnings == ("Erlaubnis erlaubt höchstens 5 gleichzeitig betreute Kinder; am 01.03.2026 wären es 6. "
                               "Nur Hinweis: vorübergehend durch Vertretungskinder.",)
    temp = check_placement(permit(max_kinder=8), kid(9, plan=ALL_DAY, temporary=True), kids(5, plan=ALL_DAY))
    assert not temp.refused and len(temp.warnings) == 1


def test_r_k3_the_first_day_a_limit_breaks_is_named():
    later = kid(5, von=date(2026, 4, 1))
    result = check_placement(permit(), kid(6), kids(4) + [later])
    assert result.refusals == ("Erlaubnis erlaubt höchstens 5 Kinder insgesamt; am 01.04.2026 wären es 6.",)
    ends = check_placement(permit(), kid(6, bis=date(2026, 3, 31)), kids(4) + [later])
    assert not ends.refused


def test_r_k4_changed_placement_replaces_its_old_version():
    existing = kids(5) + [kid(5, von=date(2025, 1, 1), bis=date(2026, 2, 28))]
    result = check_placement(permit(), kid(5, von=date(2026, 3, 1), hours="40"), existing, new=False)
    assert not result.refused


def test_r_c6_each_child_belongs_to_exactly_one_carer():
    result = check_placement(permit(), kid(1), [kid(1, carer="T7", von=date(2026, 1, 1), bis=date(2026, 3, 15))])
    assert result.refusals == ("Kind 1 ist am 01.03.2026 bereits Tagespflegeperson T7 zugeordnet; jedes Kind gehört "
                               "zu genau einer Tagespflegeperson.",)


def test_r_c7_expired_permit_no_new_placements():
    result = check_placement(permit(erlaubnis_vom=date(2021, 1, 1)), kid(1), [])
    assert result.refusals == ("Die Erlaubnis ist seit 01.01.2026 abgelaufen (gültig bis 31.12.2025) – keine neuen "
                               "Betreuungen (R-C7).",)
    assert not check_placement(permit(erlaubnis_vom=date(2021, 1, 1)), kid(1), [], new=False).refused


def test_r_c7_permit_checked_on_the_start_and_today():
    p = permit(erlaubnis_vom=date(2021, 3, 1), erlaubnis_bis=date(2026, 2, 28))
    assert check_placement(p, kid(1, von=date(2026, 2, 1)), [], today=date(2026, 2, 10)).refusals == ()
    assert check_placement(p, kid(1, von=date(2026, 2, 1)), [], today=date(2026, 3, 2)).refused
    missing = permit(erlaubnis_vom=None)
    assert check_placement(missing, kid(1), []).refusals == (
        "Keine Erlaubnis zur Kindertagespflege erfasst – keine neuen Betreuungen (R-C7).",)
    early = check_placement(permit(erlaubnis_vom=date(2026, 4, 1)), kid(1), [])
    assert early.refusals == ("Die Erlaubnis gilt erst ab 01.04.2026; am 01.03.2026 keine neuen Betreuungen (R-C7).",)


def test_r_c7_expired_fuehrungszeugnis_of_carer_or_household_adult():
    result = check_placement(permit(fuehrungszeugnis_vom=date(2021, 2, 28)), kid(1), [])
    assert result.refusals == ("Erweitertes Führungszeugnis der Tagespflegeperson vom 28.02.2021 ist seit 28.02.2026 "
                               "abgelaufen (alle 5 Jahre zu erneuern) – keine neuen Betreuungen (R-C7).",)
    household = permit(household_fuehrungszeugnisse=(("Max Muster", date(2020, 1, 1)), ("Eva Muster", None)))
    refusals = check_placement(household, kid(1), []).refusals
    assert refusals == (
        "Erweitertes Führungszeugnis von Max Muster (Haushalt) vom 01.01.2020 ist seit 01.01.2025 abgelaufen "
        "(alle 5 Jahre zu erneuern) – keine neuen Betreuungen (R-C7).",
        "Erweitertes Führungszeugnis von Eva Muster (Haushalt) fehlt – keine neuen Betreuungen (R-C7).",
    )


def test_r_c7_care_in_the_parents_household_needs_no_permit_but_a_fuehrungszeugnis():
    p = permit(erlaubnis_vom=None, needs_permit=False)
    assert check_placement(p, kid(7), kids(6)).refusals == ()
    p = permit(erlaubnis_vom=None, needs_permit=False, fuehrungszeugnis_vom=None)
    assert check_placement(p, kid(1), []).refusals == (
        "Erweitertes Führungszeugnis der Tagespflegeperson fehlt – keine neuen Betreuungen (R-C7).",)
