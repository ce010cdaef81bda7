"""Placements (Betreuungsverhältnisse) as versions (R-K2, R-K4) and monthly records."""

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kitadesk.models.base import Base, Hours, Tracked


class Placement(Tracked, Base):
    """One child with one carer from Beginn to Ende (inclusive)."""

    __tablename__ = "placements"
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id"), index=True)
    beginn: Mapped[date]
    ende: Mapped[date | None]
    antrag_vom: Mapped[date | None]
    versions: Mapped[list["PlacementVersion"]] = relationship(
        back_populates="placement", order_by="PlacementVersion.gueltig_ab", cascade="all, delete-orphan"
    )


class PlacementVersion(Tracked, Base):
    """Terms of a placement from `gueltig_ab`; a change is a new row, never an overwrite (R-K4)."""

    __tablename__ = "placement_versions"
    __table_args__ = (UniqueConstraint("placement_id", "gueltig_ab"),)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    gueltig_ab: Mapped[date]
    wochenstunden: Mapped[Decimal] = mapped_column(Hours)
    randzeitstunden: Mapped[Decimal] = mapped_column(Hours, default=Decimal("0"))
    uebernachtungen: Mapped[Decimal] = mapped_column(Hours, default=Decimal("0"))  # nights/week at the carer's
    nacht_im_haushalt_der_eltern: Mapped[bool] = mapped_column(default=False)
    zeitplan: Mapped[str | None] = mapped_column(Text)
    grund: Mapped[str] = mapped_column(String(200), default="")
    placement: Mapped[Placement] = relationship(back_populates="versions")


class Monatsmeldung(Tracked, Base):
    """Holiday care hours on a public holiday (berechnung.md §5)."""

    __tablename__ = "monatsmeldungen"
    __table_args__ = (UniqueConstraint("child_id", "datum"),)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    datum: Mapped[date]
    stunden: Mapped[Decimal] = mapped_column(Hours)


class Sonderbetrag(Tracked, Base):
    """Case-by-case amount (R-G11) for a month (`JJJJ-MM`), audited."""

    __tablename__ = "sonderbetraege"
    __table_args__ = (UniqueConstraint("carer_id", "monat", "grund"),)  # import key (TPP_Nr, Monat, Grund)
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id"), index=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id"))
    monat: Mapped[str] = mapped_column(String(7), index=True)
    betrag: Mapped[Decimal]
    grund: Mapped[str] = mapped_column(String(300))


class ChangeNotice(Tracked, Base):
    """A recorded change (R-K4, R-E3) that may need an Änderungsbescheid (R-V5)."""

    __tablename__ = "change_notices"
    art: Mapped[str] = mapped_column(String(40))
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id"))
    carer_id: Mapped[int | None] = mapped_column(ForeignKey("carers.id"))
    wirksam_ab: Mapped[date]
    beschreibung: Mapped[str] = mapped_column(Text, default="")
    erledigt_am: Mapped[date | None]
