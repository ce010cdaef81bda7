"""Alembic environment: the same migrations for SQLite and PostgreSQL."""

from alembic import context

from kitadesk.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Migrationen laufen über kitadesk.store.upgrade().")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite ALTER TABLE via batch mode
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
