"""domain/rules below form and import: the numbers once (limits), the messages with rule ids."""

from datetime import date
from decimal import Decimal

from kitadesk.domain import capacity, reminders
from kitadesk.domain.rules import Problem, by_field, limits
from kitadesk.domain.rules.absence import absence_problems
from kitadesk.domain.rules.carer import CarerRecord, carer_problems, permit_end, total_ceiling
from kitadesk.domain.rules.child import ChildRecord, child_problems, entitlement_problems
from kitadesk.domain.rules.placement import PlacementRecord, placement_problems
from kitadesk.domain.rules.proof import proof_problems

TODAY = date(2026, 11, 24)


def test_r_c6_permit_years_and_limits_exist_once():
    assert capacity.PERMIT_YEARS is limits.PERMIT_YEARS == 5
    assert capacity.STANDARD_AT_ONCE is limits.STANDARD_AT_ONCE
    assert reminders.FZ_YEARS is limits.FZ_YEARS
    assert permit_end(date(2024, 1, 1), None) == date(2028, 12, 31)
    assert permit_end(date(2024, 1, 1), date(2026, 6, 30)) == date(2026, 6, 30)


def test_r_c6_ceilings_by_qualification_and_zusammenschluss():
    assert [total_ceiling(q, g) for q in ("Basis", "QHB", "Fachkraft") for g in (False, True)] == [8, 9, 10, 15, 10, 15]


def test_problem_message_puts_the_rule_before_the_full_stop():
    assert Problem("ort", "R-V4", "Ort fehlt.").message == "Ort fehlt (R-V4)."
    assert Problem("nr", "", "Nr fehlt.").message == "Nr fehlt."
    assert by_field([Problem("a", "", "x."), Problem("a", "", "y.")]) == {"a": "x."}


def test_r_c1_r_c5_r_v4_carer_rules():
    found = by_field(carer_problems(CarerRecord(nr="T1", nachname="A", vorname="B", geburtsdatum=date(2010, 1, 1),
                                                ort="", qualifikation="QHB"), TODAY))
    assert set(found) == {"geburtsdatum", "ort", "qualifikation_seit"}
    assert "(R-C1)" in found["geburtsdatum"] and "(R-C5)" in found["qualifikation_seit"]
    assert not carer_problems(CarerRecord(nr="T1", ort=""), TODAY, given={"nr"})  # Ort column absent: not asked


def test_r_c6_max_values_without_permit_date():
    found = carer_problems(CarerRecord(max_kinder=5, erlaubnis_bis=date(2027, 1, 1)), TODAY, given=set())
    assert {p.field for p in found} == {"erlaubnis_vom", "max_kinder"}


def test_r_k1_r_g3_r_e2_child_rules():
    found = by_field(child_problems(ChildRecord(geburtsdatum=None, ort="Moers", lvr_inklusionshilfe=True,
                                                ermaessigung_prozent=Decimal(50)), TODAY, given={"ort"}))
    assert set(found) == {"geburtsdatum", "lvr_inklusionshilfe", "ermaessigung_ab"}
    assert entitlement_problems(date(2026, 1, 1), date(2026, 8, 1), None, None)[0].rule == "R-K1"
    assert not entitlement_problems(date(2026, 1, 1), date(2026, 8, 1), "Eltern erwerbstätig", None)
    assert entitlement_problems(date(2023, 1, 1), date(2026, 8, 1), None, None)[0].field == "ab_3_grund"


def test_r_k2_r_g7_placement_rules():
    plan = "Mo 05:00-12:00"
    found = placement_problems(PlacementRecord(beginn=date(2026, 4, 1), ende=date(2026, 3, 1), wochenstunden=Decimal(7),
                                               uebernachtungen=1, zeitplan=plan))
    assert {(p.field, p.rule) for p in found} == {("ende", "R-K2"), ("zeitplan", "R-G7")}
    assert placement_problems(PlacementRecord(wochenstunden=Decimal(169)))[0].field == "wochenstunden"


def test_r_g5_r_g4_absence_and_proof_rules():
    assert {p.field for p in absence_problems("T1", date(2026, 8, 10), date(2026, 8, 1), "T1")} == {
        "bis", "substitute_nr"}
    assert proof_problems("alter", Decimal(10), None)[0].field == "alter_art"
    assert proof_problems("unfall", Decimal(10), "privat")[0].rule == "R-G4"
    assert proof_problems("kranken", Decimal(10), None, date(2026, 2, 1), date(2026, 1, 1))[0].field == "bis"
