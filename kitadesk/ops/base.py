"""The unit of work every operation runs in, who is acting (roles, issues 8 and 18), optimistic
locking with a message that says who changed what and when, and the office's system
settings (sign-in, backups, retention).

Roles (issue 8, decisions where the spec is silent):
- Sachbearbeitung reads everything, edits records of its own SRT (including handing a
  carer/child over to another SRT), computes draft payouts and writes letters; sees IBAN and
  income only for records of its own SRT.
- Leitung: everything Sachbearbeitung may, for all SRTs, and also finalizes payout runs,
  approves rate tables, enters case-by-case amounts (R-G11); backups and data protection.
- Admin: users and settings, backups and data protection, case work for all SRTs — but no
  finalizing or approving money (four-eyes principle: who manages accounts does not also
  release payments).

Rights are decided in one place (issue 18): `require(actor, right, record_srt, new_srt)` below,
asked by the form ops, the import (per row and per sheet), the exports and so the CLI.

Identity (issue 18, ops/identity.py):
- `--user`/`KITADESK_USER`/the OS account only NAME the account. With password sign-in on
  (default on PostgreSQL, off on SQLite; setting `anmeldung_passwort`) the password proves
  it; 5 wrong passwords in a row lock the account with a growing delay (stored, audited).
- Set-up mode (everyone all rights) only while the database has NEVER had a user: the first
  user writes the settings row `benutzer_eingerichtet`. A users table emptied later means nobody
  may do anything; the way back is `kitadesk users notfall-admin LOGIN --passwort`, allowed only
  while no active Admin exists (on PostgreSQL the app role may not insert users, so only the
  database owner or the role kitadesk_verwaltung can use it — see README).
- Four eyes (rights `auszahlung_abschliessen`, `saetze_bestaetigen`): an account cannot
  release money
  (F1) on the calendar day its role was set (created, changed, re-activated) by another user —
      so an Admin who creates or promotes a Leitung account cannot use it that day; and
  (F2) while password sign-in is on, as long as its password was set by another user — the
      holder must first set an own password, so no one finalizes with an account whose
      password they gave out (an account they created).
  Limits: with password sign-in off the login is not proven at all; an Admin who signs in with
  the initial password and changes it himself is visible in the audit log, not prevented.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kitadesk.errors import ConcurrentChange, PermissionDenied
from kitadesk.models import ADMIN, LEITUNG, SACHBEARBEITUNG, AuditEntry, Base, Tracked
from kitadesk.models.base import table_of
from kitadesk.models.session import WRITE_LOCK, now
from kitadesk.ops import identity
from kitadesk.ops.setting_store import read_int_setting, read_setting, write_setting  # noqa: F401 (re-export)
from kitadesk.store import Store, translate_db_error

ALL = (SACHBEARBEITUNG, LEITUNG, ADMIN)

# rights → roles that hold them (issue 8); messages name the missing right
RIGHTS: dict[str, tuple[str, ...]] = {
    "lesen": ALL,
    "daten_eigenes_srt": ALL,  # SRT-scoped: Sachbearbeitung only for its own SRT
    "uebergabe": ALL,  # hand a carer/child over to another SRT (SRT-scoped: from its own)
    "sensible_daten": ALL,  # see IBAN and income (SRT-scoped)
    "daten_alle_srt": (LEITUNG, ADMIN),
    "import": ALL,
    "auszahlung_berechnen": ALL,
    "auszahlung_abschliessen": (LEITUNG,),
    "einzelfallbetrag": (LEITUNG,),
    "saetze_bestaetigen": (LEITUNG,),
    "saetze_erfassen": (LEITUNG, ADMIN),  # enter a rate table as an unconfirmed draft (settings page, import)
    "bescheide": ALL,
    "protokoll_export": (LEITUNG, ADMIN),
    "einstellungen": (ADMIN,),
    "benutzer": (ADMIN,),
    "datenschutz": (LEITUNG, ADMIN),
    "sicherung": (LEITUNG, ADMIN),
    "zusammenfuehren": (LEITUNG,),  # merge two records of one child (ops/merge.py, issue 19)
}

# rights a Sachbearbeitung holds only for records of its own SRT; "daten_alle_srt" lifts that
SRT_SCOPED = frozenset({"daten_eigenes_srt", "uebergabe", "sensible_daten"})

RIGHT_LABELS = {
    "lesen": "Lesen",
    "daten_eigenes_srt": "Datensätze des eigenen SRT bearbeiten",
    "uebergabe": "Übergabe an ein anderes SRT",
    "sensible_daten": "IBAN und Einkommen einsehen",
    "daten_alle_srt": "Datensätze aller SRT bearbeiten",
    "import": "Import",
    "auszahlung_berechnen": "Auszahlung berechnen",
    "auszahlung_abschliessen": "Auszahlungslauf abschließen",
    "einzelfallbetrag": "Einzelfallbeträge (R-G11) erfassen",
    "saetze_bestaetigen": "Satztabellen bestätigen",
    "saetze_erfassen": "Satztabellen erfassen (Entwurf)",
    "bescheide": "Bescheide erstellen",
    "protokoll_export": "Änderungsprotokoll exportieren",
    "einstellungen": "Einstellungen ändern",
    "benutzer": "Benutzer verwalten",
    "datenschutz": "Löschläufe und Auskünfte (DSGVO)",
    "sicherung": "Sicherung und Wiederherstellung",
    "zusammenfuehren": "Doppelte Datensätze zusammenführen",
}


@dataclass(frozen=True)
class Actor:
    login: str
    rolle: str
    srt: str | None
    setup_mode: bool = False  # no users ever recorded: everyone acts with all rights
    vier_augen: str | None = None  # why this account may not release money today (four eyes)

    def has(self, right: str, srt: str | None = None) -> bool:
        if self.setup_mode:
            return True
        if self.rolle not in RIGHTS[right] or (right in identity.FOUR_EYES and self.vier_augen):
            return False
        if right in SRT_SCOPED and srt is not None and srt != self.srt:
            return self.rolle in RIGHTS["daten_alle_srt"]
        return True

    def require(self, right: str, srt: str | None = None) -> None:
        """Refuse with PermissionDenied naming the missing right. For SRT-scoped rights pass
        the record's SRT (for a hand-over: the SRT the record belongs to before)."""
        if right in identity.FOUR_EYES and self.vier_augen and self.rolle in RIGHTS[right]:
            raise PermissionDenied(self.vier_augen)
        if not self.has(right):
            holders = ", ".join(RIGHTS[right])
            raise PermissionDenied(
                f"Keine Berechtigung: „{RIGHT_LABELS[right]}“ fehlt (Benutzer {self.login}, Rolle {self.rolle}; "
                f"dieses Recht haben: {holders})."
            )
        if not self.has(right, srt):
            raise PermissionDenied(
                f"Keine Berechtigung: „{RIGHT_LABELS['daten_alle_srt']}“ fehlt — der Datensatz gehört zum "
                f"SRT {srt}, Benutzer {self.login} zum SRT {self.srt or '–'} "
                f"(„{RIGHT_LABELS[right]}“ gilt nur für das eigene SRT)."
            )

    def require_change(self, right: str, record_srt: str | None = None, new_srt: str | None = None) -> None:
        """`require` below as a method (the importer gets the actor, not this module)."""
        require(self, right, record_srt, new_srt)

    def require_any(self, right: str, *srts: str | None) -> None:
        require_any(self, right, *srts)

    def can_see_sensitive(self, srt: str | None = None) -> bool:
        """IBAN and income: Leitung/Admin always, Sachbearbeitung for its own SRT's records."""
        return self.has("sensible_daten", srt) and (srt is not None or self.has("daten_alle_srt"))


def require(actor: Actor, right: str, record_srt: str | None = None, new_srt: str | None = None) -> None:
    """THE rights decision (issue 18), asked by the form ops, the import (per row and per sheet),
    the exports and so the CLI. `record_srt` is the SRT the record belongs to now (None for a new
    record), `new_srt` the SRT it will belong to. A record is edited with the right for its
    current SRT — a new one with the right for its new SRT; moving it to another SRT is a
    hand-over that also needs `uebergabe` from the old SRT. Refuses with PermissionDenied."""
    actor.require(right, record_srt or new_srt)
    if record_srt and new_srt and new_srt != record_srt:
        actor.require("uebergabe", record_srt)


def require_any(actor: Actor, right: str, *srts: str | None) -> None:
    """The right for at least one of the SRTs (a placement: the desk of the child or of the
    carer); the refusal names the first SRT."""
    first = None
    for srt in dict.fromkeys(s for s in srts if s):
        try:
            actor.require(right, srt)
            return
        except PermissionDenied as exc:
            first = first or exc
    if first is not None:
        raise first
    actor.require(right)


def load_actor(session: Session, login: str) -> Actor:
    """The acting user (see the module docstring: identity, set-up mode, four eyes). With
    password sign-in on, the user must have signed in (ops.users.sign_in; CLI: environment
    variable KITADESK_PASSWORT or a prompt)."""
    if not identity.users_exist(session):
        if identity.setup_done(session):
            raise PermissionDenied(identity.EMPTIED)
        return Actor(login, ADMIN, None, setup_mode=True)
    user = identity.user_facts(session, login)
    if user is None:
        raise PermissionDenied(f"Der Benutzer „{login}“ ist in KitaDesk nicht angelegt oder gesperrt.")
    passwords = identity.password_required(session)
    if passwords:
        identity.ensure_signed_in(session, user)
    return Actor(user.login, user.rolle, user.srt, vier_augen=identity.four_eyes_block(user, passwords, now().date()))


# --- optimistic locking ----------------------------------------------------------------------

class StaleRecord(ConcurrentChange):
    """Someone saved the record first. Carries what the UI needs to offer a reload:
    the model and id (reload with `reload(session)`), the newer audit entries, and the
    changes that were not saved (`attempted`, to re-apply after reloading)."""

    def __init__(self, message: str, model: type | None, record_id: int | None,
                 entries: list[dict], attempted: Mapping[str, Any] | None = None, deleted: bool = False):
        super().__init__(message)
        self.model, self.record_id = model, record_id
        self.entries, self.attempted, self.deleted = entries, dict(attempted or {}), deleted

    @property
    def changed_by(self) -> list[str]:
        return sorted({e["benutzer"] for e in self.entries})

    def reload(self, session: Session):
        """The current state of the record (None if it was deleted)."""
        return session.get(self.model, self.record_id, populate_existing=True) if self.model else None


def _model_for(table: str) -> type | None:
    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == table:
            return mapper.class_
    return None


def _newer_entries(session: Session, table: str, record_id: int, count: int) -> list[dict]:
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.tabelle == table, AuditEntry.datensatz_id == record_id,
                                 AuditEntry.aktion.in_(("geändert", "gelöscht")))
        .order_by(AuditEntry.id.desc()).limit(max(1, min(count, 5)))
    ).all()
    return [dict(zeit=e.zeit, benutzer=e.benutzer, aktion=e.aktion, alt=e.alt or {}, neu=e.neu or {})
            for e in reversed(rows)]


def stale_record(reader: Session, model: type, record_id: int, expected_version: int | None,
                 attempted: Mapping[str, Any] | None = None) -> StaleRecord:
    """Build the refusal from the record's newest audit entries (read through `reader`)."""
    from kitadesk.ops.audit import stale_message  # labels and wording live with the audit log

    table = table_of(model)
    current = reader.execute(select(table.c.version).where(table.c.id == record_id)).scalar()
    deleted = current is None
    count = 1 if current is None or expected_version is None else current - expected_version
    entries = _newer_entries(reader, table.name, record_id, count)
    label = _record_label(reader, model, record_id)
    message = stale_message(table.name, label, entries, deleted)
    return StaleRecord(message, model, record_id, entries, attempted, deleted)


def _record_label(session: Session, model: type, record_id: int) -> str | None:
    table = table_of(model)
    cols = [c for c in ("nr", "nachname", "vorname", "login", "name") if c in table.c]
    if not cols:
        return None
    row = session.execute(select(*(table.c[c] for c in cols)).where(table.c.id == record_id)).first()
    if row is None:
        return None
    values = dict(zip(cols, row))
    if "nachname" in values:
        return f"{values.get('nr') or ''} ({values['nachname']}, {values.get('vorname') or ''})".strip()
    return " ".join(str(v) for v in values.values() if v)


def _stale_from_flush(engine: Engine, candidates: list[tuple[type, int, int | None]]) -> ConcurrentChange:
    """After a StaleDataError: find the record whose stored version moved on."""
    with Session(engine) as reader:
        for model, record_id, version in candidates:
            table = table_of(model)
            current = reader.execute(select(table.c.version).where(table.c.id == record_id)).scalar()
            if current != version:
                return stale_record(reader, model, record_id, version)
    return ConcurrentChange(
        "Der Datensatz wurde inzwischen von jemand anderem geändert. Ihre Änderung wurde nicht gespeichert — "
        "bitte neu laden und erneut eingeben."
    )


def _database_refusal(exc: DBAPIError) -> PermissionDenied | None:
    """PostgreSQL refused by its roles (issue 18, models/pg_roles.py): a German refusal."""
    code = getattr(exc.orig, "sqlstate", None)
    first = str(exc.orig).splitlines()[0] if exc.orig is not None else ""
    if code == "42501":  # insufficient_privilege
        return PermissionDenied(f"Die Datenbank verweigert diese Änderung für Ihren Datenbank-Zugang ({first}). "
                                "Nichts wurde gespeichert.")
    if code == "P0001" and "kitadesk_leitung" in first:  # the finalize guard
        return PermissionDenied(first)
    return None


@contextmanager
def unit_of_work(store: Store, user: str, exclusive: bool = False) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error (nothing half-written).
    A stale save (optimistic locking) becomes ConcurrentChange/StaleRecord naming who
    changed what and when. `exclusive`: hold the write lock from the start (checks and inserts
    see one state; the same work at another desk waits — models/session.py). A lock held too
    long by another desk, or a record another desk created first (unique constraint), becomes
    a German KitaDeskError — never a raw error."""
    session = store.session(user)
    session.info[WRITE_LOCK] = exclusive
    try:
        yield session
        session.commit()
    except StaleDataError as exc:
        candidates = session.info.get("flush_versions", [])
        session.rollback()
        raise _stale_from_flush(store.engine, candidates) from exc
    except DBAPIError as exc:
        session.rollback()
        refusal = _database_refusal(exc) or translate_db_error(exc)
        if refusal is None:
            raise
        raise refusal from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def editable_columns(model: type) -> set[str]:
    skip = {"id", "version", "created_at", "created_by", "updated_at", "updated_by"}
    mapper: Any = inspect(model)
    return {str(attr.key) for attr in mapper.column_attrs} - skip


def save_with_version(session: Session, model: type, record_id: int, expected_version: int,
                      changes: Mapping[str, Any]):
    """Apply `changes` to the record only if it still has `expected_version` (the version the
    user loaded into the form). Otherwise raise StaleRecord (who changed what, when; nothing is
    written). Permission checks stay with the calling op. Returns the updated object (flushed,
    its version increased by one if anything changed)."""
    if not issubclass(model, Tracked):
        raise TypeError(f"{model.__name__} hat keine Versionsnummer")
    unknown = set(changes) - editable_columns(model)
    if unknown:
        raise ValueError(f"{model.__name__}: unbekannte oder geschützte Felder {sorted(unknown)}")
    obj = session.get(model, record_id, populate_existing=True)
    if obj is None or obj.version != expected_version:
        raise stale_record(session, model, record_id, expected_version, changes)
    for key, value in changes.items():
        setattr(obj, key, value)
    try:
        session.flush()
    except StaleDataError as exc:  # someone committed between our read and our write
        session.rollback()
        with Session(session.get_bind()) as reader:
            raise stale_record(reader, model, record_id, expected_version, changes) from exc
    return obj
