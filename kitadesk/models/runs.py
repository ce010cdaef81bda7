"""Payout runs and their lines (berechnung.md §8). A finalized run is immutable —
enforced by database triggers (see migrations) and by a session hook (session.py)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kitadesk.domain.choices import ABGESCHLOSSEN, ENTWURF
from kitadesk.models.base import Base, Hours, Rate


class PayoutRun(Base):
    __tablename__ = "payout_runs"
    __table_args__ = (UniqueConstraint("jahr", "monat", "lauf"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    jahr: Mapped[int]
    monat: Mapped[int]
    lauf: Mapped[int]  # n of JJJJ-MM/n
    status: Mapped[str] = mapped_column(String(16), default=ENTWURF)
    erstellt_am: Mapped[datetime]
    erstellt_von: Mapped[str] = mapped_column(String(64))
    abgeschlossen_am: Mapped[datetime | None]
    abgeschlossen_von: Mapped[str | None] = mapped_column(String(64))
    einstellungen: Mapped[dict] = mapped_column(JSON, default=dict)  # Auslegungen used
    eingaben: Mapped[dict] = mapped_column(JSON, default=dict)  # input record versions
    warnungen: Mapped[list] = mapped_column(JSON, default=list)  # completeness check
    summe: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    # a draft handed to the Leitung "zur Freigabe" (issue 14.4; ops/payout_release.py), None = not handed over
    vorgelegt_von: Mapped[str | None] = mapped_column(String(64))
    vorgelegt_am: Mapped[datetime | None]
    lines: Mapped[list["PayoutLine"]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="PayoutLine.id"
    )
    payments: Mapped[list["PayoutPayment"]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="PayoutPayment.id"
    )

    @property
    def nummer(self) -> str:
        return f"{self.jahr:04d}-{self.monat:02d}/{self.lauf}"

    @property
    def finalized(self) -> bool:
        return self.status == ABGESCHLOSSEN


class PayoutLine(Base):
    __tablename__ = "payout_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("payout_runs.id", ondelete="CASCADE"), index=True)
    carer_nr: Mapped[str] = mapped_column(String(20), index=True)
    child_nr: Mapped[str | None] = mapped_column(String(20))
    position: Mapped[str] = mapped_column(String(80))
    regel: Mapped[str] = mapped_column(String(20))
    von: Mapped[date]
    bis: Mapped[date]
    stunden: Mapped[Decimal | None] = mapped_column(Hours)
    satz: Mapped[Decimal | None] = mapped_column(Rate)
    betrag: Mapped[Decimal]
    begruendung: Mapped[str] = mapped_column(Text, default="")
    # how the amount is made (sheet Positionen): weekly hours of the formula, proration 'd/D'
    wochenstunden: Mapped[Decimal | None] = mapped_column(Hours)
    tage: Mapped[str | None] = mapped_column(String(16))
    run: Mapped[PayoutRun] = relationship(back_populates="lines")


class PayoutPayment(Base):
    """One transfer of a finalized run: the payee's name and account AS FINALIZED (written in
    the finalizing transaction, immutable like the lines) — a SEPA re-export pays these, not
    the carer's current account."""

    __tablename__ = "payout_payments"
    __table_args__ = (UniqueConstraint("run_id", "carer_nr"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("payout_runs.id", ondelete="CASCADE"), index=True)
    carer_nr: Mapped[str] = mapped_column(String(20))
    nachname: Mapped[str] = mapped_column(String(80))
    vorname: Mapped[str] = mapped_column(String(80))
    iban: Mapped[str | None] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    betrag: Mapped[Decimal]
    run: Mapped[PayoutRun] = relationship(back_populates="payments")
