"""Pure parts of the projection (issue 20): leaving at 3 (R-K1), scenario rate tables (R-G2)."""

from datetime import date
from decimal import Decimal as D

from kitadesk.domain.inputs import RateTable
from kitadesk.domain.projection import GEBURTSTAG, KITAJAHR, NEIN, Scenario, leaving_day, scenario_tables
from kitadesk.domain.settings import DEFAULTS


def test_r_k1_leaving_day_per_setting():
    assert leaving_day(date(2023, 9, 15), GEBURTSTAG) == date(2026, 9, 15)
    assert leaving_day(date(2023, 9, 15), KITAJAHR) == date(2027, 8, 1)
    assert leaving_day(date(2023, 8, 1), KITAJAHR) == date(2026, 8, 1)  # 3 on 1 August: Kita from that day
    assert leaving_day(date(2023, 3, 1), KITAJAHR) == date(2026, 8, 1)
    assert leaving_day(date(2024, 2, 29), GEBURTSTAG) == date(2027, 3, 1)
    assert leaving_day(date(2023, 9, 15), NEIN) is None and leaving_day(None, KITAJAHR) is None


def test_r_g2_scenario_raise_from_a_day_copies_the_table_in_force():
    tables = [RateTable(date(2026, 1, 1), D("5.80"), D("6.70"), D("1.50")),
              RateTable(date(2027, 1, 1), D("5.89"), D("6.80"), D("1.50"))]
    out = scenario_tables(tables, Scenario(rate_percent=D("1.5"), rate_from=date(2026, 7, 1)), DEFAULTS)
    assert [(t.gueltig_ab, t.stundensatz_basis, t.stundensatz_qualifiziert) for t in out] == [
        (date(2026, 1, 1), D("5.80"), D("6.70")),
        (date(2026, 7, 1), D("5.89"), D("6.80")),  # 5.887 → 5.89, 6.8005 → 6.80 (half-up per rate)
        (date(2027, 1, 1), D("5.98"), D("6.90")),  # 5.97835 → 5.98, 6.902 → 6.90
    ]
    surcharge = scenario_tables(tables, Scenario(randzeit=D("1.75"), randzeit_from=date(2026, 10, 1)), DEFAULTS)
    assert [t.randzeitzuschlag for t in surcharge] == [D("1.50"), D("1.75"), D("1.75")]
    assert Scenario(rate_percent=D("1"), rate_from=date(2026, 7, 1), extra_places=2,
                    extra_from=date(2026, 3, 1)).first_day() == date(2026, 3, 1)
    assert Scenario().empty and Scenario().first_day() is None
