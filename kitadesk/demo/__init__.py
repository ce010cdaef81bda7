"""`kitadesk demo`: fill an EMPTY database with realistic fictitious Moers data
(interfaces.md §2): carers, children, placements, rate and fee tables (examples), users,
SRT offices, QiK. Deterministic for a given seed (and day).

Speed: rows are built in memory with explicit ids and written with one Core
`INSERT … executemany` per table in one transaction (2,000 carers / 8,000 children in a few
seconds). Core inserts bypass the ORM session hooks, so demo rows carry `created_by =
"demo"` but get **no audit entries** — fine for fictitious data, never done for real input
(the import writes audit entries for every new record). On PostgreSQL the id sequences are
moved past the explicit ids afterwards.
"""

import random
from datetime import date, datetime

from sqlalchemy import func, insert, select, text

from kitadesk import config
from kitadesk.demo.carers import build_carers
from kitadesk.demo.children import build_children
from kitadesk.demo.movements import build_absences, build_holiday_care, build_specials
from kitadesk.demo.tables import build_offices, build_qik, build_tables, build_users
from kitadesk.errors import KitaDeskError
from kitadesk.models import SETUP_DONE, AuditEntry, Base, SettingValue, Tracked
from kitadesk.ops.base import load_actor
from kitadesk.store import Store

DEMO_USER = "demo"
IGNORED_TABLES = {AuditEntry.__tablename__, SettingValue.__tablename__}


class Builder:
    """Rows per model with explicit ids; `add` returns the new id."""

    def __init__(self, seed: int, today: date):
        self.rng = random.Random(seed)
        self.today = today
        self.rows: dict = {}
        self._ids: dict = {}

    def add(self, model, **values) -> int:
        new_id = self._ids.get(model, 0) + 1
        self._ids[model] = new_id
        self.rows.setdefault(model, []).append({"id": new_id, **values})
        return new_id


def build(carers: int = 200, children: int = 800, seed: int = 1, admin: str = "admin",
          today: date | None = None) -> Builder:
    """All demo rows, in memory (no database)."""
    if carers < 1 or children < 0:
        raise KitaDeskError("Demodaten: mindestens 1 Tagespflegeperson und 0 oder mehr Kinder angeben.")
    b = Builder(seed, today or date.today())
    build_offices(b)
    build_users(b, admin)
    build_tables(b)
    demo_carers = build_carers(b, carers)
    placements = build_children(b, children, demo_carers)
    build_absences(b, demo_carers)
    build_holiday_care(b, placements)
    build_specials(b, demo_carers, placements)
    build_qik(b, max(6, carers // 15))
    return b


def non_empty_tables(store: Store) -> list[str]:
    found = []
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name not in IGNORED_TABLES and conn.execute(select(func.count()).select_from(table)).scalar():
                found.append(table.name)
    return found


def _settings_of_a_demo(session, stamp: datetime) -> None:
    """Users exist now: set-up mode is over for good (the bulk insert skips the session hook that
    marks it). The demo users have no passwords: on PostgreSQL (password sign-in on by default)
    a demo database switches it off explicitly — fictitious data only (issue 18)."""
    present = set(session.scalars(select(SettingValue.name)))
    rows = [dict(name=SETUP_DONE, value="Demodaten")]
    if session.get_bind().dialect.name == "postgresql":
        rows.append(dict(name="anmeldung_passwort", value="nein"))
    rows = [dict(r, version=1, created_at=stamp, created_by=DEMO_USER) for r in rows if r["name"] not in present]
    if rows:
        session.execute(insert(SettingValue.__table__), rows)


def create_demo(store: Store, carers: int = 200, children: int = 800, seed: int = 1, admin: str | None = None,
                today: date | None = None) -> dict[str, int]:
    """Fill an empty database; returns rows per table. Refuses a non-empty database."""
    admin = admin or config.current_user()
    filled = non_empty_tables(store)
    if filled:
        raise KitaDeskError(
            f"Die Datenbank ist nicht leer ({', '.join(filled[:4])}{' …' if len(filled) > 4 else ''}) – Demodaten "
            f"werden nur in eine leere Datenbank geschrieben. Bitte eine neue Datenbank angeben, z. B. "
            f"„kitadesk --db demo.sqlite3 init“ und dann „kitadesk --db demo.sqlite3 demo“.")
    b = build(carers, children, seed, admin, today)
    stamp = datetime.now().replace(microsecond=0)
    with store.session(admin) as session:
        load_actor(session, admin).require("import")  # empty database: set-up mode
        order = [t for t in Base.metadata.sorted_tables]
        by_table = {model.__table__: model for model in b.rows}
        for table in order:
            model = by_table.get(table)
            if model is None:
                continue
            rows = b.rows[model]
            if issubclass(model, Tracked):
                for row in rows:
                    row.update(version=1, created_at=stamp, created_by=DEMO_USER)
            keys = set().union(*rows)
            for row in rows:
                for key in keys - row.keys():
                    row[key] = None
            for start in range(0, len(rows), 5000):
                session.execute(insert(table), rows[start:start + 5000])
        _settings_of_a_demo(session, stamp)
        if store.engine.dialect.name == "postgresql":
            for table in by_table:
                session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                     f"(SELECT MAX(id) FROM {table.name}))"))
        session.commit()
    return {model.__tablename__: len(rows) for model, rows in b.rows.items()}
