"""Shared writer state: the session, the bulk inserter, ids by number, change counts."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.importer.bulk import Inserter
from kitadesk.importer.validate import Plan

NEW, CHANGED, SAME = "neu", "geändert", "unverändert"
CHUNK = 500
DAY = timedelta(days=1)


class Writer:
    def __init__(self, session: Session, plan: Plan, user: str):
        self.session = session
        self.plan = plan
        self.user = user
        self.inserter = Inserter(session, user)
        self.counts: dict[str, Counter] = {}
        ex = plan.existing
        self.carer_id = {nr: c.id for nr, c in ex.carers.items()}
        self.child_id = {nr: c.id for nr, c in ex.children.items()}
        self.family_id = dict(ex.families)
        self.group_id = dict(ex.groups)
        self.pending: dict = {}

    def count(self, sheet: str, action: str, n: int = 1) -> None:
        self.counts.setdefault(sheet, Counter())[action] += n

    def insert(self, model, rows: list[dict]) -> list[int]:
        return self.inserter.insert(model, rows)

    def later(self, model, row: dict) -> None:
        """Queue a new record whose id nobody needs; `flush_pending` inserts them per table."""
        self.pending.setdefault(model, []).append(row)

    def flush_pending(self) -> None:
        for model, rows in self.pending.items():
            self.insert(model, rows)
        self.pending = {}

    def load(self, model, column, values) -> list:
        """ORM objects whose `column` is in `values` (chunked IN lists)."""
        values = sorted(set(v for v in values if v is not None))
        found = []
        for start in range(0, len(values), CHUNK):
            found += self.session.scalars(select(model).where(column.in_(values[start:start + CHUNK]))).all()
        return found


def differs(a, b) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        if a is None or b is None:
            return (a is None) != (b is None)
        return Decimal(a) != Decimal(b)
    return a != b


def assign(obj, values: dict) -> bool:
    """Set only what differs (the session hook audits exactly those); True if anything changed."""
    changed = False
    for attr, value in values.items():
        if differs(getattr(obj, attr), value):
            setattr(obj, attr, value)
            changed = True
    return changed


def upsert_history(writer: Writer, model, parent_attr: str, parent_id: int, olds: list, entries: list[tuple],
                   empty: dict, date_attr: str = "gueltig_ab") -> bool:
    """Dated values of one parent from rows with Gültig_ab (interfaces.md §3, R-K2): each
    (day, values) holds from its day — a new entry of the history, or the entry of that very
    day corrected; a value equal to the one already holding on that day adds nothing."""
    on_day = {getattr(o, date_attr): o for o in olds}
    known = {d: {k: getattr(o, k) for k in entries[0][1]} for d, o in on_day.items()} if entries else {}
    changed = False
    for day, values in sorted(entries, key=lambda e: e[0]):
        before = [d for d in known if d <= day]
        current = known[max(before)] if before else empty
        if not any(differs(current[k], v) for k, v in values.items()):
            continue
        if day in on_day:
            assign(on_day[day], values)
        else:
            writer.later(model, {parent_attr: parent_id, date_attr: day, **values})
        known[day] = values
        changed = True
    return changed


def upsert_dated(writer: Writer, model, parent_attr: str, parent_id: int, olds: list, start, values: dict,
                 date_attr: str = "gueltig_ab", empty: dict | None = None) -> bool:
    """Values without dates hold for the workbook's whole period (interfaces.md §3): compare
    with the record valid at `start` and the latest one; equal → nothing; one starting
    exactly at `start` → corrected in place; else a new record from `start` (history stays)."""
    olds = sorted(olds, key=lambda o: getattr(o, date_attr))
    current = None
    for old in olds:
        if getattr(old, date_attr) <= start:
            current = old
    if current is None and empty is not None and all(not differs(values[k], empty[k]) for k in values):
        return False  # nothing recorded and nothing to record
    for reference in (current, olds[-1] if olds else None):  # valid at start, or the latest (= exported)
        if reference is not None and not any(differs(getattr(reference, k), v) for k, v in values.items()):
            return False  # as recorded: an export imported again changes nothing
    if current is not None and getattr(current, date_attr) == start:
        return assign(current, values)
    writer.later(model, {parent_attr: parent_id, date_attr: start, **values})
    return True
