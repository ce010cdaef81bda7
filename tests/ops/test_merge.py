"""Issue 19: Leitung merges two records of one child — placements (with versions), status
history, Monatsmeldungen, Sonderbeträge, letters and reminder states move to the kept child,
the dropped one is deleted, one audit entry names both; refused when placements with the same
carer overlap; finalized payout runs stay as they were (lines keep the dropped Nr)."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from kitadesk.errors import InputError, PermissionDenied
from kitadesk.models import (
    AuditEntry,
    Child,
    ChildStatus,
    Letter,
    Monatsmeldung,
    PayoutLine,
    Placement,
    PlacementVersion,
    ReminderState,
    Sonderbetrag,
)
from kitadesk.ops.merge import MERGED, merge_children, merge_preview
from kitadesk.ops.payout import compute_draft, finalize, month_run
from tests.multidesk.dumping import dump
from tests.support.factory import (
    change_hours,
    make_carer,
    make_child,
    make_desk_users,
    monatsmeldung,
    place,
    sonderbetrag,
    worked_example,
)


@pytest.fixture
def office(store):
    """K1 with carer A from April (worked example); K9 = K1 entered twice, with carer B from April."""
    with store.session("setup") as s:
        make_desk_users(s)
        parts = worked_example(s)
        b = make_carer(s, "B", nachname="Becker")
        k9 = make_child(s, "K9", nachname="Kind-K1", vorname="Mia", special_needs=True, status_ab=date(2025, 7, 1))
        p9 = place(s, k9, b, date(2026, 4, 1), hours="20")
        change_hours(s, p9, date(2026, 6, 1), "25")
        monatsmeldung(s, k9, date(2026, 5, 1), "8")
        sonderbetrag(s, b, "2026-05", "50.00", "Material", child=k9)
        s.add(Letter(art="eltern", aktenzeichen="51.2-Ost-K9", datum=date(2026, 4, 20), empfaenger="Familie",
                     child_id=k9.id, erstellt_am=datetime(2026, 4, 20), erstellt_von="sb_ost", pdf=b"%PDF",
                     sha256="0" * 64))
        s.add(ReminderState(schluessel="Alter 3|child|K9|2027-06-01", srt="Mitte/Süd", notiz="Anruf"))
        s.commit()
        ids = {"K1": parts["K1"].id, "K2": parts["K2"].id, "K9": k9.id}
    compute_draft(store, "leitung", 2026, 4)
    finalize(store, "leitung", month_run(store, 2026, 4).run_id)
    return store, ids


def _count(s, model, **where):
    q = select(func.count()).select_from(model)
    for key, value in where.items():
        q = q.where(getattr(model, key) == value)
    return s.scalar(q)


def test_r_merge_moves_everything_deletes_the_dropped_child_and_audits_once(office):
    store, ids = office
    with store.session() as s:
        lines_before = sorted((nr or "", b) for nr, b in s.execute(select(PayoutLine.child_nr, PayoutLine.betrag)))
    plan = merge_preview(store, "leitung", ids["K1"], ids["K9"])
    assert plan.keep.startswith("K1 Kind-K1, Mia") and plan.drop.startswith("K9 Kind-K1, Mia")
    assert dict(plan.moved)["Betreuungen"] == 1 and dict(plan.moved)["Bescheide/Briefe"] == 1
    assert plan.finalized_lines > 0 and "unverändert" in plan.lines()[-1]
    merge_children(store, "leitung", ids["K1"], ids["K9"])
    with store.session() as s:
        assert s.get(Child, ids["K9"]) is None
        assert _count(s, Placement, child_id=ids["K1"]) == 2
        assert s.scalar(select(func.count()).select_from(PlacementVersion).join(Placement)
                        .where(Placement.child_id == ids["K1"])) == 3  # K9's two versions move with it
        assert _count(s, ChildStatus, child_id=ids["K1"]) == 2
        assert _count(s, Monatsmeldung, child_id=ids["K1"]) == 1
        assert _count(s, Sonderbetrag, child_id=ids["K1"]) == 1
        assert _count(s, Letter, child_id=ids["K1"]) == 1
        assert s.scalar(select(ReminderState.schluessel)) == "Alter 3|child|K1|2027-06-01"
        entries = s.scalars(select(AuditEntry).where(AuditEntry.aktion == MERGED)).all()
        assert len(entries) == 1 and entries[0].datensatz_id == ids["K1"]
        assert entries[0].alt["aufgeloest"] == "K9" and entries[0].neu["behalten"] == "K1"
        assert entries[0].alt["datensatz"]["nachname"] == "Kind-K1"
        # the finalized April run is unchanged: its lines keep the dropped child's Nr
        assert sorted((nr or "", b) for nr, b in s.execute(select(PayoutLine.child_nr, PayoutLine.betrag))) == lines_before
        assert "K9" in {nr for nr, _ in lines_before}


def test_r_merge_refused_when_placements_with_the_same_carer_overlap(office):
    store, ids = office
    before = dump(store)
    with pytest.raises(InputError, match=r"K1 und K2 haben beide eine Betreuung bei A .* im selben Zeitraum"):
        merge_children(store, "leitung", ids["K1"], ids["K2"])
    with pytest.raises(InputError, match="zweimal derselbe"):
        merge_children(store, "leitung", ids["K1"], ids["K1"])
    assert dump(store) == before


@pytest.mark.parametrize("login", ["sb_ost", "admin"])
def test_r_merge_only_leitung(office, login):
    store, ids = office
    before = dump(store)
    with pytest.raises(PermissionDenied, match="Doppelte Datensätze zusammenführen"):
        merge_children(store, login, ids["K1"], ids["K9"])
    assert dump(store) == before
