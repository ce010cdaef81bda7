"""Rate tables (Satztabelle, R-G2, berechnung.md §2) and fee tables (R-E1, §9)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kitadesk.models.base import Base, Money, Rate, Tracked


class RateTable(Tracked, Base):
    __tablename__ = "rate_tables"
    gueltig_ab: Mapped[date] = mapped_column(unique=True)
    stundensatz_basis: Mapped[Decimal] = mapped_column(Rate)
    stundensatz_qualifiziert: Mapped[Decimal] = mapped_column(Rate)
    randzeitzuschlag: Mapped[Decimal] = mapped_column(Rate)
    vertretungsplatz_pauschale: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    zuschlag_besonderer_bedarf_prozent: Mapped[Decimal] = mapped_column(Rate, default=Decimal("30"))
    hoechstbetrag_unfallversicherung: Mapped[Decimal | None]
    mindestbeitrag_alterssicherung: Mapped[Decimal | None]
    hoechstbetrag_kranken_pflege: Mapped[Decimal | None]
    ist_beispiel: Mapped[bool] = mapped_column(default=False)  # demo data: example figures
    bestaetigt_von: Mapped[str | None] = mapped_column(String(64))  # Leitung approves (issue 8)
    bestaetigt_am: Mapped[datetime | None]


class FeeTable(Tracked, Base):
    """Anlage 2 of the Elternbeitragssatzung, valid from a date."""

    __tablename__ = "fee_tables"
    gueltig_ab: Mapped[date] = mapped_column(unique=True)
    ist_beispiel: Mapped[bool] = mapped_column(default=False)
    cells: Mapped[list["FeeCell"]] = relationship(back_populates="table", cascade="all, delete-orphan")


class FeeCell(Base):
    __tablename__ = "fee_cells"
    __table_args__ = (UniqueConstraint("table_id", "alter", "einkommen_bis", "stunden_bis"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("fee_tables.id", ondelete="CASCADE"), index=True)
    alter: Mapped[str] = mapped_column(String(8))  # 'unter 3' | 'ab 3'
    einkommen_bis: Mapped[Decimal | None]  # None = top bracket
    stunden_bis: Mapped[Decimal] = mapped_column(Rate)
    beitrag: Mapped[Decimal]
    table: Mapped[FeeTable] = relationship(back_populates="cells")
