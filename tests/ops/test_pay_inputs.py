"""The operations behind the payout-input forms (issue 14.1) on SQLite and PostgreSQL: rights of
the record's SRT, R-G11 only for the Leitung and only in an open month, audit, doubles refused,
and the hand-over "zur Freigabe" (issue 14.4)."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from kitadesk.errors import ConcurrentChange, InputError, PermissionDenied
from kitadesk.models import Absence, AuditEntry
from kitadesk.ops.payout import compute_draft, finalize
from kitadesk.ops.payout_release import pending_releases, submit_for_release, withdraw_release
from kitadesk.ops.records.pay_inputs import (
    ABSENCE,
    SONDER,
    AbsenceData,
    MeldungData,
    SonderData,
    delete_pay_inputs,
    save_absence,
    save_meldung,
    save_sonder,
)
from tests.ops.payout_helpers import real_payer, seed
from tests.support.factory import make_carer, make_child, make_desk_users, place, rate_table_2026

D = Decimal


def _office(s):
    rate_table_2026(s)
    a, b = make_carer(s, "A", srt="Ost"), make_carer(s, "B", srt="Ost")
    n = make_carer(s, "N", srt="Nord")
    k1 = make_child(s, "K1", srt="Ost")
    place(s, k1, a, date(2026, 4, 1))
    make_desk_users(s)
    return {"A": a.id, "B": b.id, "N": n.id, "K1": k1.id}


def test_r_g5_absence_saved_audited_and_doubles_refused(store):
    ids = seed(store, _office)
    data = AbsenceData(ids["A"], date(2026, 4, 13), date(2026, 4, 17), "Urlaub", ids["B"])
    change = save_absence(store, "sb_ost", None, None, data)
    with store.session() as s:
        assert s.get(Absence, change.id).substitute_id == ids["B"]
        audit = s.scalars(select(AuditEntry).where(AuditEntry.tabelle == "absences")).all()
        assert [(a.benutzer, a.aktion) for a in audit] == [("sb_ost", "neu")]
    with pytest.raises(ConcurrentChange, match="Doppelter Eintrag"):
        save_absence(store, "sb_ost", None, None, data)  # import key (TPP_Nr, Von)
    with pytest.raises(InputError) as info:
        save_absence(store, "sb_ost", change.id, change.version,
                     AbsenceData(ids["A"], date(2026, 4, 17), date(2026, 4, 13), "Urlaub", ids["A"]))
    assert any("Bis liegt vor Von" in p and "(R-G5)" in p for p in info.value.problems)
    assert any(p.startswith("Vertretung: ") and "(R-G5)" in p for p in info.value.problems)


def test_another_desk_may_not_record_or_delete(store):
    ids = seed(store, _office)
    with pytest.raises(PermissionDenied):
        save_absence(store, "sb_nord", None, None, AbsenceData(ids["A"], date(2026, 4, 13), date(2026, 4, 17)))
    with pytest.raises(PermissionDenied):
        save_meldung(store, "sb_nord", None, None, MeldungData(ids["K1"], date(2026, 4, 6), D(5)))
    change = save_absence(store, "sb_ost", None, None, AbsenceData(ids["A"], date(2026, 4, 13), date(2026, 4, 17)))
    with pytest.raises(PermissionDenied):
        delete_pay_inputs(store, "sb_nord", ABSENCE, [change.id])
    delete_pay_inputs(store, "sb_ost", ABSENCE, [change.id])
    with store.session() as s:
        assert s.scalars(select(Absence)).first() is None


def test_r_g11_sonderbetrag_only_leitung_and_only_in_an_open_month(store):
    ids = seed(store, _office)
    real_payer(store)
    data = SonderData(ids["A"], "2026-04", D("150.00"), "Nachtbetreuung (Einzelfallentscheidung)")
    with pytest.raises(PermissionDenied):
        save_sonder(store, "sb_ost", None, None, data)
    change = save_sonder(store, "leitung", None, None, data)
    run = compute_draft(store, "leitung", 2026, 4)
    finalize(store, "leitung", run.run_id, today=date(2026, 5, 2))
    with pytest.raises(InputError) as info:
        save_sonder(store, "leitung", None, None, SonderData(ids["A"], "2026-04", D("10.00"), "nachträglich"))
    assert any("04/2026 ist abgeschlossen" in p and "(R-G11)" in p for p in info.value.problems)
    with pytest.raises(InputError):
        delete_pay_inputs(store, "leitung", SONDER, [change.id])  # the finalized month keeps its amount


def test_zur_freigabe_handed_over_listed_and_withdrawn(store):
    seed(store, _office)
    run = compute_draft(store, "sb_ost", 2026, 4)
    handover = submit_for_release(store, "sb_ost", run.run_id)
    assert handover.text.startswith("Zur Freigabe: Lauf 2026-04/1, vorgelegt von sb_ost am ")
    with store.session() as s:
        assert [h.run_id for h in pending_releases(s)] == [run.run_id]
    with pytest.raises(PermissionDenied):
        withdraw_release(store, "sb_nord", run.run_id)  # neither who handed it over nor the Leitung
    withdraw_release(store, "leitung", run.run_id)
    with store.session() as s:
        assert pending_releases(s) == []
        actions = [a.aktion for a in s.scalars(select(AuditEntry).where(AuditEntry.tabelle == "payout_runs"))]
        assert actions == ["Freigabe", "zurückgezogen"]


def test_r_g5_absence_entered_for_a_finalized_month_becomes_a_correction_in_the_next_run(store):
    """What the form says (ui/views/pay_records/forms.py CORRECTION_NOTE): the run stays, the next corrects."""
    from kitadesk.models import PayoutLine

    ids = seed(store, _office)
    real_payer(store)
    april = compute_draft(store, "leitung", 2026, 4)
    finalize(store, "leitung", april.run_id, today=date(2026, 5, 2))
    save_absence(store, "sb_ost", None, None, AbsenceData(ids["A"], date(2026, 4, 13), date(2026, 4, 17),
                                                           "Urlaub", ids["B"]))
    may = compute_draft(store, "leitung", 2026, 5)
    with store.session() as s:
        lines = s.scalars(select(PayoutLine).where(PayoutLine.run_id == may.run_id)).all()
        frozen = s.scalars(select(PayoutLine).where(PayoutLine.run_id == april.run_id)).all()
    corrections = [ln for ln in lines if ln.position.startswith("Korrektur: ") and ln.carer_nr == "B"]
    assert corrections and {ln.von.month for ln in corrections} == {4}
    assert not any(ln.carer_nr == "B" for ln in frozen)  # the finalized run is unchanged
