"""The child's dated values through the ops (R-K2, R-E1, R-E2, R-E3): a new dated row, never an
overwrite; the desk's rights; audited — on SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from kitadesk.errors import InputError, PermissionDenied
from kitadesk.models import AuditEntry, ChildStatus, Family
from kitadesk.ops.records import child_history as ops
from tests.support.factory import make_child, make_desk_users


def _seed(store) -> int:
    with store.session("test") as s:
        make_desk_users(s)
        child = make_child(s, "K1", srt="Ost", special_needs=True, status_ab=date(2026, 1, 1))
        child.family = Family(nr="F1")
        s.commit()
        return child.id


def test_r_k2_status_history_adds_rows_and_never_overwrites(store):
    child_id = _seed(store)
    ops.add_child_status(store, "sb_ost", child_id, date(2026, 6, 1), False, False, True)
    with pytest.raises(InputError) as same_day:
        ops.add_child_status(store, "sb_ost", child_id, date(2026, 6, 1), True, False, False)
    assert "gibt es schon einen Eintrag" in same_day.value.problems[0]
    with pytest.raises(InputError) as unchanged:
        ops.add_child_status(store, "sb_ost", child_id, date(2026, 7, 1), False, False, True)
    assert "es ändert sich nichts" in unchanged.value.problems[0]
    with pytest.raises(InputError) as lvr:
        ops.add_child_status(store, "sb_ost", child_id, date(2026, 8, 1), False, True, False)
    assert lvr.value.problems == ["LVR-Inklusionshilfe nur bei besonderem Betreuungsbedarf (R-G3)."]
    history = ops.child_history(store, "sb_ost", child_id)
    assert [(h.gueltig_ab, h.besonderer_bedarf, h.beitragsfrei) for h in history.statuses] == [
        (date(2026, 6, 1), False, True), (date(2026, 1, 1), True, False)]
    with store.session() as s:
        assert s.scalar(select(AuditEntry.aktion).where(AuditEntry.tabelle == "child_statuses",
                                                        AuditEntry.benutzer == "sb_ost")) == "neu"


def test_r_k2_other_desk_may_not_write_the_history(store):
    child_id = _seed(store)
    with pytest.raises(PermissionDenied):
        ops.add_child_status(store, "sb_nord", child_id, date(2026, 6, 1), False, False, True)
    with pytest.raises(PermissionDenied):
        ops.add_family_income(store, "sb_nord", child_id, date(2026, 6, 1), D("20000"))
    assert ops.child_history(store, "sb_nord", child_id).incomes is None  # income hidden from another desk
    with store.session() as s:
        assert len(s.scalars(select(ChildStatus)).all()) == 1


def test_r_e1_r_e2_income_and_waiver_rules(store):
    child_id = _seed(store)
    with pytest.raises(InputError, match="negativ"):
        ops.add_family_income(store, "sb_ost", child_id, date(2026, 6, 1), D("-1"))
    ops.add_family_income(store, "sb_ost", child_id, date(2026, 6, 1), D("20000"))
    with pytest.raises(InputError, match="höchstens 100 Prozent"):
        ops.add_waiver(store, "sb_ost", child_id, D("120"), date(2026, 6, 1), date(2026, 6, 1))
    ops.add_waiver(store, "sb_ost", child_id, D("100"), date(2026, 6, 1), date(2026, 5, 20))
    history = ops.child_history(store, "sb_ost", child_id)
    assert [(i.gueltig_ab, i.jahreseinkommen) for i in history.incomes] == [(date(2026, 6, 1), D("20000.00"))]
    assert [(w.prozent, w.ab, w.antrag_vom) for w in history.waivers] == [(D("100"), date(2026, 6, 1),
                                                                          date(2026, 5, 20))]
