"""Reminders as a work list (R-W1, issue 14 item 2): mark done (who and when), put off until a
date, or open again. One transaction each, right of the reminder's SRT, audited by the hooks."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from kitadesk.errors import InputError
from kitadesk.models import ReminderState
from kitadesk.models.session import now
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.changes import REMINDER, Changes
from kitadesk.ops.queries.dashboard import ReminderRow
from kitadesk.store import Store

CHANGED = Changes.of(REMINDER)  # what every reminder op changes (ops/changes.py)


def _apply(store: Store, user: str, rows: Sequence[ReminderRow], **values) -> Changes:
    if not rows:
        raise InputError("Bitte zuerst eine oder mehrere Wiedervorlagen markieren.")
    with unit_of_work(store, user) as session:
        actor = load_actor(session, user)
        for row in rows:
            actor.require("daten_eigenes_srt", row.srt)
        existing = {s.schluessel: s for s in session.scalars(
            select(ReminderState).where(ReminderState.schluessel.in_([r.key for r in rows])))}
        for row in rows:
            state = existing.get(row.key)
            if state is None:
                state = ReminderState(schluessel=row.key, srt=row.srt)
                session.add(state)
            for name, value in values.items():
                setattr(state, name, value)
    return CHANGED


def mark_done(store: Store, user: str, rows: Sequence[ReminderRow]) -> Changes:
    """"Erledigt": hidden from the list from now on, with who and when."""
    return _apply(store, user, rows, erledigt_von=user, erledigt_am=now(), wiedervorlage_am=None)


def put_off(store: Store, user: str, rows: Sequence[ReminderRow], until: date, today: date) -> Changes:
    """"Wiedervorlage am …": hidden until that day, then listed again."""
    if until <= today:
        raise InputError(f"Die Wiedervorlage muss nach dem heutigen Tag liegen ({today:%d.%m.%Y}).")
    return _apply(store, user, rows, wiedervorlage_am=until, erledigt_von=None, erledigt_am=None)


def reopen(store: Store, user: str, rows: Sequence[ReminderRow]) -> Changes:
    """Undo "erledigt" or a Wiedervorlage."""
    return _apply(store, user, rows, erledigt_von=None, erledigt_am=None, wiedervorlage_am=None)
