"""A comparable dump of every table of a store (tests only): {table: [row, …]} with rows
ordered by primary key and values made plain (JSON canonical, bytes as their hash)."""

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import MetaData, select

from kitadesk.store import Store


def _plain(value):
    if isinstance(value, bytes | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value else "NaN"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def dump(store: Store) -> dict[str, list[tuple]]:
    meta = MetaData()
    meta.reflect(store.engine)
    out = {}
    with store.engine.connect() as conn:
        for name in sorted(meta.tables):
            table = meta.tables[name]
            order = list(table.primary_key.columns) or list(table.columns)
            out[name] = [tuple(_plain(v) for v in row) for row in conn.execute(select(table).order_by(*order))]
    return out


def row_counts(store: Store) -> dict[str, int]:
    return {name: len(rows) for name, rows in dump(store).items()}


# columns that differ between two equal runs (clock) and tables whose ids depend on how often a
# draft was replaced — compared without them, rows sorted
CLOCK_COLUMNS = frozenset({"created_at", "updated_at", "zeit", "erstellt_am", "abgeschlossen_am"})
RENUMBERED = {"payout_runs": {"id"}, "payout_lines": {"id", "run_id"}}


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith("_id")


def _without_ids(value):
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if not _is_id(k)}
    return value


def normalized_dump(store: Store, ids: bool = True) -> dict[str, list[tuple]]:
    """ids=False also drops surrogate keys and foreign keys (columns `id`, `…_id`, also inside the
    audit log's JSON): PostgreSQL sequences move on in a rolled-back transaction, so a re-run after
    a crash gives the same rows under higher ids."""
    meta = MetaData()
    meta.reflect(store.engine)
    out = {}
    with store.engine.connect() as conn:
        for name in sorted(meta.tables):
            table = meta.tables[name]
            skip = CLOCK_COLUMNS | RENUMBERED.get(name, set())
            cols = [c for c in table.columns if c.name not in skip and (ids or not _is_id(c.name))]
            rows = [tuple(_plain(v if ids else _without_ids(v)) for v in row) for row in conn.execute(select(*cols))]
            out[name] = sorted(rows, key=repr)
    return out
