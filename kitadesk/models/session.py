"""Engine and session: SQLite pragmas (WAL, foreign keys) and the
store-level hooks — created/updated stamps, the audit log in the same transaction,
finalized-run guard."""

import hashlib
import os
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import create_engine, event, insert, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from kitadesk.errors import FINALIZED_MESSAGE, FinalizedRunError
from kitadesk.models.audit import AuditEntry
from kitadesk.models.base import Tracked
from kitadesk.models.redactions import Redaction
from kitadesk.models.runs import ABGESCHLOSSEN, PayoutLine, PayoutPayment, PayoutRun
from kitadesk.models.settings import SettingValue
from kitadesk.models.users import SETUP_DONE, User

_SKIP = {"version", "created_at", "created_by", "updated_at", "updated_by"}
_SECRET = {"password_hash"}  # never copied into the audit log, only that it changed


LOCK_WAIT_ENV = "KITADESK_SPERRE_SEKUNDEN"
LOCK_WAIT_SECONDS = 30  # how long a desk waits for another desk's write lock before giving up


def lock_wait_seconds() -> float:
    """Seconds to wait for a lock (SQLite busy_timeout, PostgreSQL lock_timeout); the
    environment variable KITADESK_SPERRE_SEKUNDEN overrides the default of 30."""
    try:
        return max(0.1, float(os.environ.get(LOCK_WAIT_ENV, LOCK_WAIT_SECONDS)))
    except ValueError:
        return LOCK_WAIT_SECONDS


def make_engine(url: str, **kw) -> Engine:
    kw.setdefault("hide_parameters", True)  # personal data never reaches the log (issue 18)
    wait_ms = int(lock_wait_seconds() * 1000)
    if url.startswith("postgresql"):  # merged with the caller's connect_args (e.g. connect_timeout)
        kw["connect_args"] = {"options": f"-c lock_timeout={wait_ms}", **kw.get("connect_args", {})}
    engine = create_engine(url, future=True, **kw)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", lambda conn, _rec: _sqlite_pragmas(conn, wait_ms))
    return engine


def _sqlite_pragmas(dbapi_conn, wait_ms: int) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={wait_ms}")
    cur.execute("PRAGMA secure_delete=ON")  # deleted personal data is overwritten, not left in free pages
    cur.close()


WRITE_LOCK = "write_lock"  # session.info flag of an exclusive unit of work (ops.base.unit_of_work)
EXCLUSIVE_KEY = 0x4B495441  # PostgreSQL advisory lock of exclusive units of work ("KITA")


@event.listens_for(Session, "after_begin")
def _begin_exclusive(session: Session, _transaction, connection) -> None:
    """An exclusive unit of work (import, letter batch) takes the lock when it begins, so its
    checks and its inserts see one state and the same work at another desk waits for it:
    SQLite BEGIN IMMEDIATE (the database's write lock), PostgreSQL a transaction advisory lock.
    Waiting is bounded by busy_timeout / lock_timeout."""
    if not session.info.get(WRITE_LOCK):
        return
    if connection.dialect.name == "sqlite":
        if not connection.connection.dbapi_connection.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({EXCLUSIVE_KEY})")


@event.listens_for(PayoutRun, "load")
@event.listens_for(PayoutRun, "refresh")
def _show_redactions(run: PayoutRun, *_args) -> None:
    """A run's warnings as shown: texts with a Redaction replaced (the stored run never changes)."""
    session = inspect(run).session
    if session is None or "warnungen" not in inspect(run).dict:
        return
    rows = session.connection().execute(
        select(Redaction.position, Redaction.text).where(Redaction.run_id == run.id, Redaction.feld == "warnungen")
    ).all()
    if rows:
        shown = list(run.warnungen or [])
        for position, text in rows:
            if 0 <= position < len(shown):
                shown[position] = text
        set_committed_value(run, "warnungen", shown)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, future=True)


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _plain(value):
    if isinstance(value, (Decimal, date, datetime)):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} Bytes>"
    return value


def _columns(obj) -> list[str]:
    return [c.key for c in inspect(obj).mapper.column_attrs if c.key not in _SKIP]


def _logged(key: str, value):
    if key in _SECRET:  # a fingerprint shows that it changed, nothing more
        return None if value is None else "*** " + hashlib.sha256(str(value).encode()).hexdigest()[:8]
    return _plain(value)


def _snapshot(obj) -> dict:
    return {k: _logged(k, getattr(obj, k)) for k in _columns(obj)}


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _ctx, _instances) -> None:
    user = session.info.get("user", "system")
    stamp = now()
    if any(isinstance(obj, User) for obj in session.new):
        _mark_setup_done(session, stamp)
    for obj in session.new:
        if isinstance(obj, Tracked):
            obj.created_by = obj.created_by or user
            obj.created_at = obj.created_at or stamp
        if isinstance(obj, (PayoutLine, PayoutPayment)) and obj.run is not None and _committed_status(obj.run) == ABGESCHLOSSEN:
            raise FinalizedRunError(FINALIZED_MESSAGE)
    for obj in session.dirty:
        if isinstance(obj, Tracked) and session.is_modified(obj, include_collections=False):
            obj.updated_by = user
            obj.updated_at = stamp
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, PayoutRun) and _committed_status(obj) == ABGESCHLOSSEN:
            if obj in session.deleted or session.is_modified(obj, include_collections=False):
                raise FinalizedRunError(FINALIZED_MESSAGE)
        if isinstance(obj, (PayoutLine, PayoutPayment)) and obj.run is not None and _committed_status(obj.run) == ABGESCHLOSSEN:
            if obj in session.deleted or session.is_modified(obj):
                raise FinalizedRunError(FINALIZED_MESSAGE)
    # capture old values now (history is complete before the flush)
    session.info["_audit_old"] = {
        id(obj): _old_values(obj) for obj in list(session.dirty) + list(session.deleted) if isinstance(obj, Tracked)
    }
    # versions the flush expects: on StaleDataError, ops.base.unit_of_work finds the stale record
    session.info["flush_versions"] = [
        (type(obj), obj.id, inspect(obj).dict.get("version"))
        for obj in list(session.dirty) + list(session.deleted) if isinstance(obj, Tracked)
    ]


def _mark_setup_done(session: Session, stamp: datetime) -> None:
    """The first user ends set-up mode for good (issue 18): a users table emptied later does not
    open it again (ops.base.load_actor)."""
    with session.no_autoflush:
        done = session.query(SettingValue.id).filter(SettingValue.name == SETUP_DONE).first()
    if done is None and not any(isinstance(o, SettingValue) and o.name == SETUP_DONE for o in session.new):
        session.add(SettingValue(name=SETUP_DONE, value=stamp.isoformat()))


def _committed_status(run: PayoutRun) -> str | None:
    hist = inspect(run).attrs.status.history
    if hist.deleted:
        return hist.deleted[0]
    if hist.unchanged:
        return hist.unchanged[0]
    return None if inspect(run).pending else run.status


def _old_values(obj) -> dict:
    state = inspect(obj)
    old = {}
    for key in _columns(obj):
        hist = state.attrs[key].history
        if hist.deleted:
            old[key] = _logged(key, hist.deleted[0])
        elif hist.unchanged:
            old[key] = _logged(key, hist.unchanged[0])
    return old


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _ctx) -> None:
    user = session.info.get("user", "system")
    stamp = now()
    olds = session.info.pop("_audit_old", {})
    rows = []
    for obj in session.new:
        if isinstance(obj, Tracked):
            rows.append(dict(aktion="neu", alt=None, neu=_snapshot(obj), obj=obj))
    for obj in session.dirty:
        if isinstance(obj, Tracked) and id(obj) in olds:
            old, new = olds[id(obj)], _snapshot(obj)
            changed = {k for k in new if old.get(k) != new[k]}
            if changed:
                rows.append(dict(aktion="geändert", alt={k: old.get(k) for k in changed},
                                 neu={k: new[k] for k in changed}, obj=obj))
    for obj in session.deleted:
        if isinstance(obj, Tracked):
            rows.append(dict(aktion="gelöscht", alt=olds.get(id(obj)), neu=None, obj=obj))
    if not rows:
        return
    session.connection().execute(
        insert(AuditEntry.__table__),
        [
            dict(zeit=stamp, benutzer=user, tabelle=r["obj"].__tablename__, datensatz_id=r["obj"].id,
                 aktion=r["aktion"], alt=r["alt"], neu=r["neu"])
            for r in rows
        ],
    )
