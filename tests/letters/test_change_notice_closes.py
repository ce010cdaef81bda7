"""A change notice closes when its letter is made (issue 14.5, R-V5) — on SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal as D

from sqlalchemy import select

from kitadesk.models import ChangeNotice, Placement
from kitadesk.ops import records
from kitadesk.ops.letters import produce_month
from tests.letters.scenario import TODAY, USER, finalize_month


def _notices(store) -> dict[date, date | None]:
    with store.session() as s:
        return {n.wirksam_ab: n.erledigt_am for n in s.scalars(select(ChangeNotice))}


def _change(store, placement_id: int, gueltig_ab: date, hours: str) -> None:
    with store.session() as s:
        version = s.get(Placement, placement_id).version
    records.change_placement(store, USER, placement_id, version, gueltig_ab, records.PlacementTerms(D(hours)), TODAY)


def test_r_v5_change_notice_closes_when_its_aenderungsbescheid_is_archived(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    _change(store, april["P2"], date(2026, 5, 1), "40")  # K2: band 25 → 45, the parents' fee changes
    _change(store, april["P1"], date(2026, 6, 1), "30")  # K1 from June: its letter is not made yet
    assert _notices(store) == {date(2026, 5, 1): None, date(2026, 6, 1): None}
    finalize_month(store, 2026, 5)
    made = produce_month(store, USER, 2026, 5, kind="changed", today=date(2026, 5, 20))
    assert {(a.art, a.child_id) for a in made.letters} >= {("aenderung", april["K2"])}
    assert _notices(store) == {date(2026, 5, 1): date(2026, 5, 20), date(2026, 6, 1): None}
