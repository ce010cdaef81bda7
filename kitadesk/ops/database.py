"""`kitadesk init` as operations: create/upgrade the schema, the PostgreSQL roles and grants
(issue 18, models/pg_roles.py) — the command layer imports neither models nor store (issue 17.1)."""

from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from kitadesk.errors import KitaDeskError
from kitadesk.models import pg_roles
from kitadesk.store import Store, head_revision, upgrade


def init_schema(store: Store) -> tuple[Path | None, str]:
    """Create or upgrade the schema → (backup copy of an SQLite file or None, schema revision)."""
    return upgrade(store.engine), head_revision()


def postgres_roles(store: Store, apply: bool) -> list[str]:
    """The SQL of the roles and grants and the sign-in hint (lines to print); applied when `apply`."""
    engine = store.engine
    if engine.dialect.name != "postgresql":
        raise KitaDeskError("--postgres-rollen gilt nur für die gemeinsame PostgreSQL-Datenbank, nicht für SQLite.")
    lines = [f"{statement};" for statement in pg_roles.script_for(engine)]
    lines.append(pg_roles.login_hint(engine.url.database or ""))
    if apply:
        try:
            pg_roles.apply(engine)
        except SQLAlchemyError as exc:
            raise KitaDeskError(f"Die Rechte wurden nicht angewendet (nichts geändert) – bitte als Eigentümer der "
                                f"Tabellen ausführen: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}") from exc
    return lines
