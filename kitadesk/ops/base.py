"""The unit of work every operation runs in, who is acting (roles, issue 8), optimistic
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
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kitadesk import auth
from kitadesk.errors import ConcurrentChange, InputError, PermissionDenied
from kitadesk.models import ADMIN, LEITUNG, SACHBEARBEITUNG, AuditEntry, Base, SettingValue, Tracked, User
from kitadesk.models.session import WRITE_LOCK
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
    "bescheide": ALL,
    "protokoll_export": (LEITUNG, ADMIN),
    "einstellungen": (ADMIN,),
    "benutzer": (ADMIN,),
    "datenschutz": (LEITUNG, ADMIN),
    "sicherung": (LEITUNG, ADMIN),
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
    "bescheide": "Bescheide erstellen",
    "protokoll_export": "Änderungsprotokoll exportieren",
    "einstellungen": "Einstellungen ändern",
    "benutzer": "Benutzer verwalten",
    "datenschutz": "Löschläufe und Auskünfte (DSGVO)",
    "sicherung": "Sicherung und Wiederherstellung",
}


@dataclass(frozen=True)
class Actor:
    login: str
    rolle: str
    srt: str | None
    setup_mode: bool = False  # no users recorded yet: everyone acts with all rights

    def has(self, right: str, srt: str | None = None) -> bool:
        if self.setup_mode:
            return True
        if self.rolle not in RIGHTS[right]:
            return False
        if right in SRT_SCOPED and srt is not None and srt != self.srt:
            return self.rolle in RIGHTS["daten_alle_srt"]
        return True

    def require(self, right: str, srt: str | None = None) -> None:
        """Refuse with PermissionDenied naming the missing right. For SRT-scoped rights pass
        the record's SRT (for a hand-over: the SRT the record belongs to before)."""
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

    def can_see_sensitive(self, srt: str | None = None) -> bool:
        """IBAN and income: Leitung/Admin always, Sachbearbeitung for its own SRT's records."""
        return self.has("sensible_daten", srt) and (srt is not None or self.has("daten_alle_srt"))


def load_actor(session: Session, login: str) -> Actor:
    """The acting user. While the users table is empty everyone acts in set-up mode. With the
    setting `anmeldung_passwort = ja` the user must have signed in with the password
    (ops.users.sign_in; CLI: environment variable KITADESK_PASSWORT or a prompt)."""
    if not session.scalar(select(func.count()).select_from(User)):
        return Actor(login, ADMIN, None, setup_mode=True)
    user = session.scalar(select(User).where(User.login == login, User.aktiv.is_(True)))
    if user is None:
        raise PermissionDenied(f"Der Benutzer „{login}“ ist in KitaDesk nicht angelegt oder gesperrt.")
    if read_setting(session, "anmeldung_passwort") == "ja":
        auth.ensure_signed_in(_url_of(session), user.login, user.password_hash)
    return Actor(user.login, user.rolle, user.srt)


def _url_of(session: Session) -> str:
    return session.get_bind().url.render_as_string(hide_password=True)


# --- system settings (stored in table `settings` beside the Auslegungen) -------------------

SYSTEM_SETTINGS: dict[str, tuple[str, str]] = {
    # name: (default, explanation)
    "anmeldung_passwort": ("nein", "Anmeldung zusätzlich mit Passwort (ja/nein); sonst über das Windows-Konto."),
    "backup_anzahl": ("14", "Anzahl der täglichen automatischen Sicherungen der eingebetteten Datenbank."),
    "aufbewahrung_jahre": ("10", "Aufbewahrung in Jahren nach dem Ende der letzten Betreuung (Datenschutz)."),
}


def read_setting(session: Session, name: str) -> str:
    value = session.scalar(select(SettingValue.value).where(SettingValue.name == name))
    return value if value is not None else SYSTEM_SETTINGS[name][0]


def read_int_setting(session: Session, name: str) -> int:
    try:
        return int(read_setting(session, name))
    except ValueError:
        return int(SYSTEM_SETTINGS[name][0])


def validate_setting(name: str, value: str) -> str:
    value = str(value).strip()
    if name not in SYSTEM_SETTINGS:
        raise InputError(f"Unbekannte Einstellung „{name}“ (bekannt: {', '.join(SYSTEM_SETTINGS)}).")
    if name == "anmeldung_passwort":
        if value not in ("ja", "nein"):
            raise InputError(f"Einstellung {name}: „{value}“ ist nicht erlaubt (erlaubt: ja, nein).")
    elif not value.isdigit() or not 1 <= int(value) <= 100:
        raise InputError(f"Einstellung {name}: „{value}“ ist keine ganze Zahl von 1 bis 100.")
    return value


def write_setting(session: Session, name: str, value: str) -> None:
    value = validate_setting(name, value)
    row = session.scalar(select(SettingValue).where(SettingValue.name == name))
    if row is None:
        session.add(SettingValue(name=name, value=value))
    else:
        row.value = value


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

    table = model.__table__
    current = reader.execute(select(table.c.version).where(table.c.id == record_id)).scalar()
    deleted = current is None
    count = 1 if deleted or expected_version is None else current - expected_version
    entries = _newer_entries(reader, table.name, record_id, count)
    label = _record_label(reader, model, record_id)
    message = stale_message(table.name, label, entries, deleted)
    return StaleRecord(message, model, record_id, entries, attempted, deleted)


def _record_label(session: Session, model: type, record_id: int) -> str | None:
    table = model.__table__
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
            table = model.__table__
            current = reader.execute(select(table.c.version).where(table.c.id == record_id)).scalar()
            if current != version:
                return stale_record(reader, model, record_id, version)
    return ConcurrentChange(
        "Der Datensatz wurde inzwischen von jemand anderem geändert. Ihre Änderung wurde nicht gespeichert — "
        "bitte neu laden und erneut eingeben."
    )


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
        translated = translate_db_error(exc)
        if translated is None:
            raise
        raise translated from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def editable_columns(model: type) -> set[str]:
    skip = {"id", "version", "created_at", "created_by", "updated_at", "updated_by"}
    return {c.key for c in inspect(model).column_attrs} - skip


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
