"""Fast inserts for the import: one multi-row INSERT … RETURNING per table instead of one
ORM object per row, with the same stamps and audit entries the session hooks
(models/session.py) write for ORM objects — the import stays fully audited.
Changes to existing records go through the ORM (hooks stamp, version and audit them)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import insert
from sqlalchemy.orm import Session

from kitadesk.models import AuditEntry, Tracked
from kitadesk.models.session import now

_SKIP = {"version", "created_at", "created_by", "updated_at", "updated_by"}


def _plain(value):
    if isinstance(value, (Decimal, date, datetime)):
        return str(value)
    return value


class Inserter:
    """Collects nothing; inserts immediately and returns the new ids in input order."""

    def __init__(self, session: Session, user: str):
        self.session = session
        self.user = user
        self.stamp = now()
        self.counts: dict[str, int] = {}

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
        stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids = [r[0] for r in self.session.execute(stmt, full)]
        self.counts[table.name] = self.counts.get(table.name, 0) + len(ids)
        if tracked:
            audit_columns = [c.name for c in columns if c.name not in _SKIP]
            self.session.execute(insert(AuditEntry.__table__), [
                dict(zeit=self.stamp, benutzer=self.user, tabelle=table.name, datensatz_id=new_id, aktion="neu",
                     alt=None, neu={"id": new_id, **{c: _plain(values.get(c)) for c in audit_columns}})
                for new_id, values in zip(ids, full)
            ])
        return ids
