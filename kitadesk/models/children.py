"""Children, families and the child's dated status (R-K1, R-K2, R-E1..R-E3, R-S1)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kitadesk.models.base import Base, Rate, Tracked


class Family(Tracked, Base):
    """Siblings share a family; income and Kita siblings belong here."""

    __tablename__ = "families"
    nr: Mapped[str] = mapped_column(String(20), unique=True)
    geschwister_in_kita: Mapped[int] = mapped_column(default=0)
    children: Mapped[list["Child"]] = relationship(back_populates="family")
    incomes: Mapped[list["FamilyIncome"]] = relationship(back_populates="family", order_by="FamilyIncome.gueltig_ab")


class FamilyIncome(Tracked, Base):
    """Yearly family income from a date (R-E3); None = no declaration."""

    __tablename__ = "family_incomes"
    __table_args__ = (UniqueConstraint("family_id", "gueltig_ab"),)  # one income per family and date
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id", ondelete="CASCADE"), index=True)
    gueltig_ab: Mapped[date]
    jahreseinkommen: Mapped[Decimal | None]
    family: Mapped[Family] = relationship(back_populates="incomes")


class Child(Tracked, Base):
    __tablename__ = "children"
    nr: Mapped[str] = mapped_column(String(20), unique=True)
    nachname: Mapped[str] = mapped_column(String(80), index=True)
    vorname: Mapped[str] = mapped_column(String(80))
    geburtsdatum: Mapped[date]
    geschlecht: Mapped[str | None] = mapped_column(String(1))
    sorgeberechtigte: Mapped[str] = mapped_column(String(200), default="")
    strasse: Mapped[str] = mapped_column(String(120), default="")
    plz: Mapped[str] = mapped_column(String(10), default="")
    ort: Mapped[str] = mapped_column(String(80), default="")
    srt: Mapped[str] = mapped_column(String(20), index=True)
    family_id: Mapped[int | None] = mapped_column(ForeignKey("families.id"), index=True)
    antrag_vom: Mapped[date | None]
    unter_1_grund: Mapped[str | None] = mapped_column(String(80))  # R-K1
    ab_3_grund: Mapped[str | None] = mapped_column(String(200))  # R-K1
    herkunft_ausland: Mapped[bool | None]  # R-S1
    sprache_nicht_deutsch: Mapped[bool | None]  # R-S1
    verwandtschaft: Mapped[str | None] = mapped_column(String(30))  # R-S1
    eingliederungshilfe: Mapped[bool | None]  # R-S1
    family: Mapped[Family | None] = relationship(back_populates="children")
    statuses: Mapped[list["ChildStatus"]] = relationship(back_populates="child", order_by="ChildStatus.gueltig_ab")

    @property
    def full_name(self) -> str:
        return f"{self.nachname}, {self.vorname}"


class ChildStatus(Tracked, Base):
    """Dated status of a child (R-K2): special needs, LVR Inklusionshilfe, fee-free."""

    __tablename__ = "child_statuses"
    __table_args__ = (UniqueConstraint("child_id", "gueltig_ab"),)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    gueltig_ab: Mapped[date]
    besonderer_bedarf: Mapped[bool] = mapped_column(default=False)
    lvr_inklusionshilfe: Mapped[bool] = mapped_column(default=False)
    beitragsfrei: Mapped[bool] = mapped_column(default=False)
    child: Mapped[Child] = relationship(back_populates="statuses")


class Ermaessigung(Tracked, Base):
    """Fee waiver (R-E2): percent from a date not before the application date."""

    __tablename__ = "ermaessigungen"
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    prozent: Mapped[Decimal] = mapped_column(Rate)
    ab: Mapped[date]
    antrag_vom: Mapped[date]
    bis: Mapped[date | None]
