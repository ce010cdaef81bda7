"""Payout runs in the store (berechnung.md §8): draft, finalize, immutability, permissions,
progress and cancel — on SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from kitadesk.errors import FinalizedRunError, KitaDeskError, PermissionDenied
from kitadesk.models import LEITUNG, SACHBEARBEITUNG, PayoutLine, PayoutRun
from kitadesk.ops.payout import Cancelled, compute_draft, delete_draft, finalize, list_runs, month_run
from tests.ops.payout_helpers import runs, seed, stored_lines, total
from tests.support.factory import change_hours, make_user, worked_example

D = Decimal


def test_worked_example_april_2026_is_stored_with_1924_98(store):
    seed(store)
    summary = compute_draft(store, "anna", 2026, 4)
    assert (summary.number, summary.status, summary.total) == ("2026-04/1", "Entwurf", D("1924.98"))
    assert (summary.carers, summary.payments, summary.lines, summary.corrections) == (1, 1, 9, 0)
    lines = stored_lines(store, summary.run_id)
    assert total(lines) == D("1924.98")
    assert [(ln.child_nr, ln.position, str(ln.betrag)) for ln in lines][:4] == [
        ("K1", "Betreuung", "1016.17"), ("K1", "Mittelbare Bildungsarbeit", "29.03"),
        ("K1", "Randzeitenzuschlag", "32.50"), ("K1", "Zuschlag besonderer Bedarf", "304.85")]
    run = runs(store)[0]
    assert run.summe == D("1924.98") and run.erstellt_von == "anna"
    assert run.einstellungen["monatsfaktor"] == "52/12"
    assert run.eingaben["versionen"]["placement_versions"] == [[1, 1], [2, 1]]
    assert set(run.eingaben["pruefsummen"]) >= {"placements", "rate_tables", "absences"}


def test_draft_is_replaced_in_place_with_same_number(store):
    parts = seed(store)
    first = compute_draft(store, "anna", 2026, 4)
    with store.session("anna") as s:
        change_hours(s, s.merge(parts["P2"]), date(2026, 4, 16), "25")
        s.commit()
    second = compute_draft(store, "anna", 2026, 4)
    assert (second.run_id, second.number) == (first.run_id, first.number)
    assert len(runs(store)) == 1 and len(stored_lines(store, second.run_id)) == 9
    assert second.total > first.total


def test_s8_finalized_run_refuses_orm_changes(store):
    seed(store)
    run_id = compute_draft(store, "anna", 2026, 4).run_id
    summary = finalize(store, "leitung", run_id)
    assert summary.status == "abgeschlossen" and summary.total == D("1924.98")
    with store.session("anna") as s:
        line = s.scalars(select(PayoutLine).where(PayoutLine.run_id == run_id)).first()
        line.betrag = D("1.00")
        with pytest.raises(FinalizedRunError):
            s.commit()
        s.rollback()
        run = s.get(PayoutRun, run_id)
        run.summe = D("0")
        with pytest.raises(FinalizedRunError):
            s.commit()
        s.rollback()
        s.delete(s.get(PayoutRun, run_id))
        with pytest.raises(FinalizedRunError):
            s.commit()
    assert total(stored_lines(store, run_id)) == D("1924.98")


@pytest.mark.parametrize("statement", [
    "UPDATE payout_lines SET betrag = 0",
    "DELETE FROM payout_lines",
    "UPDATE payout_runs SET status = 'Entwurf'",
    "INSERT INTO payout_lines (run_id, carer_nr, position, regel, von, bis, betrag, begruendung) "
    "SELECT id, 'A', 'Betreuung', 'R-G1', '2026-04-01', '2026-04-30', 5, '' FROM payout_runs",
])
def test_s8_finalized_run_refuses_sql_through_the_app_session(store, statement):
    seed(store)
    run_id = compute_draft(store, "anna", 2026, 4).run_id
    finalize(store, "leitung", run_id)
    with store.session("anna") as s:
        with pytest.raises(DBAPIError, match="abgeschlossen"):
            s.execute(text(statement))
            s.commit()
        s.rollback()
    assert total(stored_lines(store, run_id)) == D("1924.98")
    assert runs(store)[0].status == "abgeschlossen"


def test_s8_finalized_month_is_not_computed_again(store):
    seed(store)
    finalize(store, "leitung", compute_draft(store, "anna", 2026, 4).run_id)
    with pytest.raises(FinalizedRunError, match="bereits abgeschlossen.*Korrektur im nächsten offenen Monat"):
        compute_draft(store, "anna", 2026, 4)
    with pytest.raises(FinalizedRunError):
        finalize(store, "leitung", runs(store)[0].id)
    assert month_run(store, 2026, 4).status == "abgeschlossen"


def test_s8_earlier_month_not_computed_after_a_later_one_is_finalized(store):
    seed(store)
    finalize(store, "leitung", compute_draft(store, "anna", 2026, 5).run_id)
    with pytest.raises(KitaDeskError, match="05/2026 ist bereits abgeschlossen"):
        compute_draft(store, "anna", 2026, 4)


def test_s8_finalize_refused_while_an_earlier_month_is_a_draft(store):
    seed(store)
    april = compute_draft(store, "anna", 2026, 4)
    may = compute_draft(store, "anna", 2026, 5)
    with pytest.raises(KitaDeskError, match="2026-04/1 ist noch ein Entwurf"):
        finalize(store, "leitung", may.run_id)
    assert delete_draft(store, "anna", april.run_id) == "2026-04/1"
    assert finalize(store, "leitung", may.run_id).status == "abgeschlossen"


def test_s8_finalize_refuses_a_stale_draft(store):
    parts = seed(store)
    draft = compute_draft(store, "anna", 2026, 4)
    with store.session("anna") as s:
        change_hours(s, s.merge(parts["P2"]), date(2026, 4, 20), "30")
        s.commit()
    with pytest.raises(KitaDeskError, match="nicht mehr aktuell"):
        finalize(store, "leitung", draft.run_id)
    assert runs(store)[0].status == "Entwurf"
    again = compute_draft(store, "anna", 2026, 4)
    assert finalize(store, "leitung", again.run_id).total == again.total


def test_finalize_needs_the_right_auszahlung_abschliessen(store):
    def build(s):
        worked_example(s)
        make_user(s, "sb", SACHBEARBEITUNG, "Mitte/Süd")
        make_user(s, "chefin", LEITUNG)
    seed(store, build)
    draft = compute_draft(store, "sb", 2026, 4)  # Sachbearbeitung may compute
    with pytest.raises(PermissionDenied, match="Auszahlungslauf abschließen"):
        finalize(store, "sb", draft.run_id)
    assert runs(store)[0].status == "Entwurf"
    assert finalize(store, "chefin", draft.run_id).status == "abgeschlossen"
    assert runs(store)[0].abgeschlossen_von == "chefin"


def test_progress_is_reported_and_cancel_writes_nothing(store):
    seed(store)
    calls = []
    with pytest.raises(Cancelled, match="nichts gespeichert"):
        compute_draft(store, "anna", 2026, 4, progress=lambda d, t: calls.append((d, t)),
                      cancel=lambda: len(calls) >= 2)
    assert runs(store) == []
    calls.clear()
    compute_draft(store, "anna", 2026, 4, progress=lambda d, t: calls.append((d, t)))
    assert calls and all(d <= t for d, t in calls) and calls[-1][0] == calls[-1][1]
    assert [d / t for d, t in calls] == sorted(d / t for d, t in calls)


def test_missing_rate_table_is_a_german_user_error(store):
    def build(s):
        parts = worked_example(s)
        s.delete(parts["table"])
    seed(store, build)
    with pytest.raises(KitaDeskError, match="Keine Satztabelle gültig"):
        compute_draft(store, "anna", 2026, 4)
    assert runs(store) == []


def test_list_runs_newest_first_without_lines(store):
    seed(store)
    finalize(store, "leitung", compute_draft(store, "anna", 2026, 4).run_id)
    compute_draft(store, "anna", 2026, 5)
    rows = list_runs(store)
    assert [(r.number, r.status) for r in rows] == [("2026-05/1", "Entwurf"), ("2026-04/1", "abgeschlossen")]
    assert rows[1].total == D("1924.98") and rows[1].finalized_by == "leitung"
