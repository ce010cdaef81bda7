"""QiK — Quereinstieg in die Kinderbetreuung (R-Q1..R-Q3)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kitadesk.models.base import Base, Hours, Tracked

QIK_STATUSES = ("interessiert", "in Ausbildung", "abgeschlossen", "abgebrochen")


class QikPartner(Tracked, Base):
    """Partner organisation: Träger, Kita, Berufskolleg, Jobcenter, Agentur für Arbeit … (R-Q2)."""

    __tablename__ = "qik_partners"
    name: Mapped[str] = mapped_column(String(160))
    art: Mapped[str] = mapped_column(String(40))
    ansprechpartner: Mapped[str] = mapped_column(String(120), default="")
    telefon: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")


class QikParticipant(Tracked, Base):
    __tablename__ = "qik_participants"
    nachname: Mapped[str] = mapped_column(String(80))
    vorname: Mapped[str] = mapped_column(String(80))
    kita_id: Mapped[int | None] = mapped_column(ForeignKey("qik_partners.id"))
    traeger_id: Mapped[int | None] = mapped_column(ForeignKey("qik_partners.id"))
    berufskolleg_id: Mapped[int | None] = mapped_column(ForeignKey("qik_partners.id"))
    klasse: Mapped[str] = mapped_column(String(40), default="")
    foerderer_id: Mapped[int | None] = mapped_column(ForeignKey("qik_partners.id"))
    beginn: Mapped[date | None]
    jahrgang: Mapped[int]  # cohort (school year start)
    history: Mapped[list["QikStatus"]] = relationship(order_by="QikStatus.datum", cascade="all, delete-orphan")


class QikStatus(Tracked, Base):
    __tablename__ = "qik_statuses"
    participant_id: Mapped[int] = mapped_column(ForeignKey("qik_participants.id", ondelete="CASCADE"), index=True)
    datum: Mapped[date]
    status: Mapped[str] = mapped_column(String(20))


class QikActivity(Tracked, Base):
    """Coordination work (R-Q3): date, partners, topic, hours."""

    __tablename__ = "qik_activities"
    datum: Mapped[date]
    partner: Mapped[str] = mapped_column(Text, default="")
    thema: Mapped[str] = mapped_column(String(200))
    stunden: Mapped[Decimal] = mapped_column(Hours)
