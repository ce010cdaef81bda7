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
