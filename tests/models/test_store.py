"""The store on SQLite and PostgreSQL: migrations, stamps, audit, immutability (issue 3, 4, 8)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from kitadesk.errors import FinalizedRunError
from kitadesk.models import AuditEntry, Carer, PayoutLine, PayoutRun
from kitadesk.store import current_revision, head_revision


def test_migrated_to_head(store):
    assert current_revision(store.engine) == head_revision()


def test_changes_are_stamped_versioned_and_audited(store):
    with store.session("anna") as s:
        carer = Carer(nr="T1", nachname="Öztürk", vorname="Ayşe", srt="Ost")
        s.add(carer)
        s.commit()
        carer.telefon = "02841 123"
        s.commit()
        assert (carer.version, carer.created_by, carer.updated_by) == (2, "anna", "anna")
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [e.aktion for e in entries] == ["neu", "geändert"]
        assert entries[1].alt == {"telefon": ""} and entries[1].neu == {"telefon": "02841 123"}


def _finalized_run(s) -> PayoutRun:
    run = PayoutRun(jahr=2026, monat=4, lauf=1, erstellt_am=datetime(2026, 5, 2), erstellt_von="anna")
    run.lines.append(PayoutLine(carer_nr="T1", position="Betreuung", regel="R-G1", von=date(2026, 4, 1),
                                bis=date(2026, 4, 30), betrag=Decimal("1016.17")))
    s.add(run)
    s.commit()
    run.status = "abgeschlossen"
    s.commit()
    return run


def test_finalized_run_refuses_orm_changes(store):
    with store.session("anna") as s:
        run = _finalized_run(s)
        run.lines[0].betrag = Decimal("1.00")
        with pytest.raises(FinalizedRunError):
            s.commit()
        s.rollback()
        assert s.get(PayoutLine, run.lines[0].id).betrag == Decimal("1016.17")


@pytest.mark.parametrize("statement", [
    "UPDATE payout_lines SET betrag = 0",
    "DELETE FROM payout_lines",
    "UPDATE payout_runs SET status = 'Entwurf'",
    "DELETE FROM payout_runs",
])
def test_finalized_run_refuses_plain_sql_through_the_session(store, statement):
    with store.session("anna") as s:
        _finalized_run(s)
        with pytest.raises(DBAPIError, match="abgeschlossen"):
            s.execute(text(statement))
            s.commit()
        s.rollback()
        assert s.scalars(select(PayoutLine.betrag)).all() == [Decimal("1016.17")]
