"""Fast inserts for the import: one multi-row INSERT … RETURNING per table instead of one
ORM object per row, with the same stamps and audit entries the session hooks
(models/session.py) write for ORM objects — the import stays fully audited.
Changes to existing records go through the ORM (hooks stamp, version and audit them)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from kitadesk.models import AuditEntry, Tracked
from kitadesk.models.session import now

_SKIP = {"version", "created_at", "created_by", "updated_at", "updated_by"}


def _plain(value):
    if isinstance(value, (Decimal, date, datetime)):
        return str(value)
    return value


BATCH = 5000


class Inserter:
    """Inserts at once and returns the new ids in input order. Ids are reserved up front
    (PostgreSQL: from the table's sequence, safe with other desks writing; SQLite: after the
    highest id — one writer at a time), so the rows go in one executemany without
    RETURNING, which SQLite would otherwise run row by row."""

    def __init__(self, session: Session, user: str):
        self.session = session
        self.user = user
        self.stamp = now()
        self.counts: dict[str, int] = {}
        self._next: dict[str, int] = {}

    def insert(self, model, rows: list[dict]) -> list[int]:
        if not rows:
            return []
        table = model.__table__
        tracked = issubclass(model, Tracked)
        given = set().union(*rows)
        stamps = dict(version=1, created_at=self.stamp, created_by=self.user, updated_at=None, updated_by=None)
        columns = [c for c in table.columns if c.name != "id"
                   and (c.name in given or c.server_default is None or (tracked and c.name in stamps))]
        full = []
        for row in rows:
            values = {}
            for c in columns:
                if tracked and c.name in stamps:
                    values[c.name] = stamps[c.name]
                elif c.name in row:
                    values[c.name] = row[c.name]
                elif c.default is not None and c.default.is_scalar:
                    values[c.name] = c.default.arg
                else:
                    values[c.name] = None
            full.append(values)
        ids = self._reserve(table, len(full))
        for new_id, values in zip(ids, full):
            values["id"] = new_id
        for start in range(0, len(full), BATCH):
            self.session.execute(insert(table), full[start:start + BATCH])
        self.counts[table.name] = self.counts.get(table.name, 0) + len(ids)
        if tracked:
            audit_columns = [c.name for c in columns if c.name not in _SKIP]
            self.session.execute(insert(AuditEntry.__table__), [
                dict(zeit=self.stamp, benutzer=self.user, tabelle=table.name, datensatz_id=new_id, aktion="neu",
                     alt=None, neu={"id": new_id, **{c: _plain(values.get(c)) for c in audit_columns}})
                for new_id, values in zip(ids, full)
            ])
        return ids

    def _reserve(self, table, count: int) -> list[int]:
        if self.session.get_bind().dialect.name == "postgresql":
            sequence = self.session.execute(
                text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
            return list(self.session.execute(
                text("SELECT nextval(CAST(:s AS regclass)) FROM generate_series(1, :n)"),
                {"s": sequence, "n": count}).scalars())
        start = self._next.get(table.name)
        if start is None:
            start = (self.session.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        self._next[table.name] = start + count
        return list(range(start, start + count))
