"""A full dump of the database for "nothing changed" checks: every table's rows, sorted."""

from sqlalchemy import select

from kitadesk.models import Base


def dump(store, ignore: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """{table: sorted rows}; `ignore` drops columns (e.g. created_at when comparing two databases)."""
    result = {}
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in ignore]
            rows = conn.execute(select(*columns)).all()
            result[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return result
