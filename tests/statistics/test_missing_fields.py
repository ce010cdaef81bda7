"""R-S1 (issue 9): one rule of what the statistics miss — `missing_child_fields`,
`missing_carer_fields`, `missing_plan_fields` — used by the export's list and the entry screens."""

from datetime import date

from kitadesk.domain.statistics import (
    F_GEBURTSJAHR,
    F_GESCHLECHT,
    F_HERKUNFT,
    F_SPRACHE,
    F_TAGE,
    F_TAGE_FEHLER,
    F_VERWANDT,
    KIND,
    TPP,
    missing_carer_fields,
    missing_child_fields,
    missing_plan_fields,
    official_statistics,
)
from tests.statistics.test_domain_statistics import DAY, PLAN5, carer, child, placement


def test_r_s1_missing_child_fields_in_the_order_of_the_export():
    assert missing_child_fields("", None, None, None) == (F_GESCHLECHT, F_HERKUNFT, F_SPRACHE, F_VERWANDT)
    assert missing_child_fields("x", False, None, "Nachbarin") == (F_GESCHLECHT, F_SPRACHE, F_VERWANDT)
    assert missing_child_fields("w", False, False, "nicht verwandt") == ()
    assert missing_child_fields("w", True, True, "Großeltern", [None]) == (F_TAGE,)
    assert missing_child_fields("w", True, True, "Großeltern", [PLAN5, "", "Mo 9"]) == (F_TAGE, F_TAGE_FEHLER)


def test_r_s1_missing_plan_and_carer_fields():
    assert missing_plan_fields([]) == ()
    assert missing_plan_fields([PLAN5]) == ()
    assert missing_plan_fields(["  ", None]) == (F_TAGE,)  # each label once
    assert missing_carer_fields(None, None) == (F_GESCHLECHT, F_GEBURTSJAHR)
    assert missing_carer_fields("d", date(1970, 1, 1)) == ()


def test_r_s1_export_list_is_the_shared_rule():
    """The official statistics' list of missing fields comes from the same helpers."""
    kids = [child(), child("K2", geschlecht=None, herkunft_ausland=None), child("K3", verwandtschaft=None,
                                                                               sprache_nicht_deutsch=None)]
    carers = [carer(), carer("T2", geschlecht=None, geburtsdatum=None)]
    plans = [placement(), placement("K2", plan=None), placement("K3", "T2", plan="Mo 25:00-26:00")]
    stats = official_statistics(DAY, kids, carers, plans)
    listed = {(m.art, m.nr): m.fehlend for m in stats.missing}
    assert listed == {
        (KIND, "K2"): missing_child_fields(None, None, False, "nicht verwandt", [None]),
        (KIND, "K3"): missing_child_fields("w", False, None, None, ["Mo 25:00-26:00"]),
        (TPP, "T2"): missing_carer_fields(None, None),
    }
    assert listed[(KIND, "K2")] == (F_GESCHLECHT, F_HERKUNFT, F_TAGE)
    assert listed[(KIND, "K3")] == (F_SPRACHE, F_VERWANDT, F_TAGE_FEHLER)
