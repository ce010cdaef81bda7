"""A draft handed to the Leitung "zur Freigabe" (issue 14 item 4): the case worker who computed
the month marks the draft; Leitung's start page lists it until it is finalized, withdrawn or
discarded. Marking and withdrawing are audited (aktion „Freigabe“ / „zurückgezogen“); a
finalized run is never changed, so only drafts can be handed over or withdrawn."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.errors import InputError, PermissionDenied
from kitadesk.models import AuditEntry, PayoutRun
from kitadesk.models.runs import ENTWURF
from kitadesk.models.session import now
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.store import Store


@dataclass(frozen=True)
class Handover:
    run_id: int
    number: str
    year: int
    month: int
    by: str
    at: datetime
    total: Decimal

    @property
    def text(self) -> str:
        return f"Zur Freigabe: Lauf {self.number}, vorgelegt von {self.by} am {self.at:%d.%m.%Y}"


def _draft(session: Session, run_id: int) -> PayoutRun:
    run = session.get(PayoutRun, run_id)
    if run is None:
        raise InputError(f"Auszahlungslauf {run_id} gibt es nicht (mehr).")
    if run.status != ENTWURF:
        raise InputError(f"Lauf {run.nummer} ist abgeschlossen – nur ein Entwurf kann zur Freigabe vorgelegt "
                         "oder zurückgezogen werden.")
    return run


def _audit(session: Session, user: str, run: PayoutRun, aktion: str, alt, neu) -> None:
    session.add(AuditEntry(zeit=now(), benutzer=user, tabelle=PayoutRun.__tablename__, datensatz_id=run.id,
                           aktion=aktion, alt=alt, neu=neu))


def submit_for_release(store: Store, user: str, run_id: int) -> Handover:
    """Mark the draft "zur Freigabe" (right `auszahlung_berechnen`, as computing it)."""
    with unit_of_work(store, user) as s:
        load_actor(s, user).require("auszahlung_berechnen")
        run = _draft(s, run_id)
        run.vorgelegt_von, run.vorgelegt_am = user, now()
        _audit(s, user, run, "Freigabe", None, {"Lauf": run.nummer, "vorgelegt_von": user})
        s.flush()
        return _handover(run)


def withdraw_release(store: Store, user: str, run_id: int) -> None:
    """Take the hand-over back: the one who handed it over, or the Leitung (who may finalize)."""
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        run = _draft(s, run_id)
        if run.vorgelegt_von is None:
            raise InputError(f"Lauf {run.nummer} ist nicht zur Freigabe vorgelegt.")
        if run.vorgelegt_von != user and not actor.has("auszahlung_abschliessen"):
            raise PermissionDenied(f"Zurückziehen darf nur, wer den Lauf vorgelegt hat ({run.vorgelegt_von}), "
                                   "oder die Leitung.")
        _audit(s, user, run, "zurückgezogen", {"Lauf": run.nummer, "vorgelegt_von": run.vorgelegt_von}, None)
        run.vorgelegt_von, run.vorgelegt_am = None, None


def _handover(run: PayoutRun) -> Handover:
    assert run.vorgelegt_von is not None and run.vorgelegt_am is not None
    return Handover(run.id, run.nummer, run.jahr, run.monat, run.vorgelegt_von, run.vorgelegt_am, run.summe)


_COLUMNS = (PayoutRun.id, PayoutRun.jahr, PayoutRun.monat, PayoutRun.lauf, PayoutRun.vorgelegt_von,
            PayoutRun.vorgelegt_am, PayoutRun.summe)  # not the run's big `eingaben`


def pending_releases(session: Session, run_id: int | None = None) -> list[Handover]:
    """Drafts handed over and not yet finalized, oldest first (Leitung's start page); or that one run."""
    stmt = (select(*_COLUMNS).where(PayoutRun.status == ENTWURF, PayoutRun.vorgelegt_von.is_not(None))
            .order_by(PayoutRun.jahr, PayoutRun.monat))
    if run_id is not None:
        stmt = stmt.where(PayoutRun.id == run_id)
    return [Handover(i, f"{j:04d}-{m:02d}/{n}", j, m, by or "", at or now(), total)
            for i, j, m, n, by, at, total in session.execute(stmt)]


def handover_of(session: Session, run_id: int) -> Handover | None:
    found = pending_releases(session, run_id)
    return found[0] if found else None
