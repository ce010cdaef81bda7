"""Audit log (issue 8): who, when, table, record, old → new. Written by the session hook
in the same transaction as the change; the app never edits it."""

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from kitadesk.models.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    zeit: Mapped[datetime] = mapped_column(index=True)
    benutzer: Mapped[str] = mapped_column(String(64))
    tabelle: Mapped[str] = mapped_column(String(60), index=True)
    datensatz_id: Mapped[int | None] = mapped_column(index=True)
    aktion: Mapped[str] = mapped_column(String(20))  # neu, geändert, gelöscht, Wiederherstellung, Export
    alt: Mapped[dict | None] = mapped_column(JSON)
    neu: Mapped[dict | None] = mapped_column(JSON)
