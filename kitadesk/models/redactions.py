"""Redactions (issue 18): the data-protection run cannot change a finalized payout run (it is
immutable, berechnung.md §8), so a warning text naming an anonymised person gets a redacted
replacement here — audited like every Tracked record; reading the run shows the replacement
(hook in models/session.py)."""

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kitadesk.models.base import Base, Tracked


class Redaction(Tracked, Base):
    __tablename__ = "redactions"
    __table_args__ = (UniqueConstraint("run_id", "feld", "position"),)
    run_id: Mapped[int] = mapped_column(ForeignKey("payout_runs.id"), index=True)
    feld: Mapped[str] = mapped_column(String(30), default="warnungen")
    position: Mapped[int]  # index of the text in the run's list
    text: Mapped[str] = mapped_column(Text)  # what is shown instead
    grund: Mapped[str] = mapped_column(String(200), default="")
