"""Shared helpers of the record operations: locking, rights, unique numbers."""

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from kitadesk.errors import InputError
from kitadesk.ops.base import load_actor, require, require_any, stale_record
from kitadesk.ops.records.forms import KEEP


def _lock(session: Session, obj, expected_version: int | None) -> None:
    """Optimistic locking: refuse a stale form now (StaleRecord names who changed what), and
    force an UPDATE … WHERE version = expected, so a save by another desk between our read
    and our flush is refused by SQLAlchemy's version_id_col (→ ConcurrentChange)."""
    if expected_version is None:
        return
    if obj.version != expected_version:
        raise stale_record(session, type(obj), obj.id, expected_version)
    flag_modified(obj, "updated_at")


def _require_edit(actor, old_srt: str | None, new_srt: str) -> None:
    """Edit rights for the record's SRT; moving it to another SRT is a hand-over (`uebergabe`)."""
    require(actor, "daten_eigenes_srt", record_srt=old_srt, new_srt=new_srt)


def _require_sensitive(actor, srt: str, *values) -> None:
    if any(v is not KEEP for v in values):
        actor.require("sensible_daten", srt)


def _require_any_srt(actor, *srts: str) -> None:
    """Placements: the desk of the child or of the carer may record them."""
    require_any(actor, "daten_eigenes_srt", *srts)


def _unique_nr(session: Session, model, nr: str, own_id: int | None, what: str) -> None:
    other = session.scalar(select(model.id).where(model.nr == nr))
    if other is not None and other != own_id:
        raise InputError(f"{what} Nr. {nr} gibt es bereits.")


def _for_update(session: Session, user: str, model, record_id: int, version: int, data, what: str):
    """A carer or child about to be saved from its form: it exists, the user may edit it (and
    move it to `data.srt`), it is still at `version`, its Nr stays unique → (record, actor)."""
    record = session.get(model, record_id)
    if record is None:
        raise InputError(f"{what} {record_id} gibt es nicht mehr.")
    actor = load_actor(session, user)
    _require_edit(actor, record.srt, data.srt)
    _lock(session, record, version)
    _unique_nr(session, model, data.nr.strip(), record.id, what)
    return record, actor
