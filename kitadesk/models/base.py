"""Declarative base, money/rate column types and the tracking mixin (optimistic locking)."""

from datetime import date, datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import Date, DateTime, MetaData, Numeric, String, Table, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(12, 2, asdecimal=True)  # € amounts (berechnung.md §1)
Rate = Numeric(10, 4, asdecimal=True)  # €/hour, percentages
Hours = Numeric(6, 2, asdecimal=True)  # weekly hours


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {Decimal: Money, datetime: DateTime(), date: Date()}


def table_of(model: type) -> Table:
    """The Core table of a mapped class (for Core inserts/updates that bypass the ORM unit of work)."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


class Tracked:
    """Every table the desks edit: surrogate id, version for optimistic locking (issue 8),
    created/updated by/at (filled by the session hooks in models/session.py)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=1, nullable=False)
    created_at: Mapped[datetime] = mapped_column(server_default=func.current_timestamp())
    created_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime | None]
    updated_by: Mapped[str | None] = mapped_column(String(64))

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.version}
