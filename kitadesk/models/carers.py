"""Carers (Kindertagespflegepersonen), R-C1..R-C9, and their records."""

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kitadesk.domain.choices import BETREUUNGSORTE, QUALIFIKATIONEN, SRTS  # noqa: F401 (re-export)
from kitadesk.models.base import Base, Hours, Tracked


class Zusammenschluss(Tracked, Base):
    """Großtagespflege: 2–3 carers in shared rooms (R-C6)."""

    __tablename__ = "zusammenschluesse"
    name: Mapped[str] = mapped_column(String(120), unique=True)
    strasse: Mapped[str] = mapped_column(String(120), default="")
    plz: Mapped[str] = mapped_column(String(10), default="")
    ort: Mapped[str] = mapped_column(String(80), default="Moers")
    members: Mapped[list["Carer"]] = relationship(back_populates="zusammenschluss")


class Carer(Tracked, Base):
    __tablename__ = "carers"
    nr: Mapped[str] = mapped_column(String(20), unique=True)
    nachname: Mapped[str] = mapped_column(String(80), index=True)
    vorname: Mapped[str] = mapped_column(String(80))
    geburtsdatum: Mapped[date | None]
    geschlecht: Mapped[str | None] = mapped_column(String(1))  # w, m, d (R-S1)
    strasse: Mapped[str] = mapped_column(String(120), default="")
    plz: Mapped[str] = mapped_column(String(10), default="")
    ort: Mapped[str] = mapped_column(String(80), default="")
    telefon: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    srt: Mapped[str] = mapped_column(String(20), index=True)
    iban: Mapped[str | None] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    schulabschluss: Mapped[str | None] = mapped_column(String(60))  # R-C1
    qualifikation: Mapped[str] = mapped_column(String(20), default="Basis")  # R-C3
    qualifikation_seit: Mapped[date | None]
    taetig_seit: Mapped[date | None]  # R-C5 experience route
    taetig_bis: Mapped[date | None]  # left the Kindertagespflege
    betreuungsort: Mapped[str] = mapped_column(String(30), default="eigener Haushalt")
    erste_hilfe_am: Mapped[date | None]  # R-C3
    para8a_am: Mapped[date | None]  # § 8a SGB VIII briefing
    zusammenschluss_id: Mapped[int | None] = mapped_column(ForeignKey("zusammenschluesse.id"))
    zusammenschluss: Mapped[Zusammenschluss | None] = relationship(back_populates="members")
    permits: Mapped[list["Erlaubnis"]] = relationship(back_populates="carer", order_by="Erlaubnis.vom")

    @property
    def full_name(self) -> str:
        return f"{self.nachname}, {self.vorname}"


class Erlaubnis(Tracked, Base):
    """Permit (§ 43 SGB VIII, R-C6): 5 years, limits, place of care."""

    __tablename__ = "erlaubnisse"
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id", ondelete="CASCADE"), index=True)
    vom: Mapped[date]
    bis: Mapped[date]
    max_kinder: Mapped[int] = mapped_column(default=5)
    max_gleichzeitig: Mapped[int] = mapped_column(default=5)
    betreuungsort: Mapped[str] = mapped_column(String(30), default="eigener Haushalt")
    carer: Mapped[Carer] = relationship(back_populates="permits")


class CarerDocument(Tracked, Base):
    """R-C2 documents with received/expiry dates; `person` names a household adult
    for Führungszeugnisse (empty = the carer)."""

    __tablename__ = "carer_documents"
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id", ondelete="CASCADE"), index=True)
    art: Mapped[str] = mapped_column(String(60))
    person: Mapped[str] = mapped_column(String(120), default="")
    erhalten_am: Mapped[date | None]
    gueltig_bis: Mapped[date | None]


class Fortbildung(Tracked, Base):
    """Continuing education (R-C4): date, title, hours."""

    __tablename__ = "fortbildungen"
    __table_args__ = (UniqueConstraint("carer_id", "datum", "titel"),)  # import key (interfaces.md §3)
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id", ondelete="CASCADE"), index=True)
    datum: Mapped[date]
    titel: Mapped[str] = mapped_column(String(200))
    stunden: Mapped[Decimal] = mapped_column(Hours)


class Erstattungsnachweis(Tracked, Base):
    """Reimbursement proof (R-G4): art unfall|alter|kranken, per monat|jahr, validity."""

    __tablename__ = "erstattungsnachweise"
    __table_args__ = (UniqueConstraint("carer_id", "art", "von"),)  # import key Nachweise (TPP, Art, Gültig_von)
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id", ondelete="CASCADE"), index=True)
    art: Mapped[str] = mapped_column(String(10))
    betrag: Mapped[Decimal]
    je: Mapped[str] = mapped_column(String(5), default="monat")
    alter_art: Mapped[str] = mapped_column(String(12), default="gesetzlich")
    von: Mapped[date]
    bis: Mapped[date | None]


class Vertretungsplatz(Tracked, Base):
    """Periods in which the carer holds a Vertretungsplatz (R-G3)."""

    __tablename__ = "vertretungsplaetze"
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id", ondelete="CASCADE"), index=True)
    von: Mapped[date]
    bis: Mapped[date | None]


class CarerNote(Tracked, Base):
    """Dated notes of reported events (R-C8), e.g. illness in the household, pets."""

    __tablename__ = "carer_notes"
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id", ondelete="CASCADE"), index=True)
    datum: Mapped[date]
    text: Mapped[str] = mapped_column(Text)


class QualificationCost(Tracked, Base):
    """R-C9: registration fee / QHB share paid and refunded."""

    __tablename__ = "qualification_costs"
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id", ondelete="CASCADE"), index=True)
    art: Mapped[str] = mapped_column(String(60))
    betrag: Mapped[Decimal]
    gezahlt_am: Mapped[date | None]
    erstattet_am: Mapped[date | None]


class Absence(Tracked, Base):
    """Carer absence (R-G5) with an optional substitute arranged by the Fachdienst."""

    __tablename__ = "absences"
    __table_args__ = (UniqueConstraint("carer_id", "von"),)  # import key (TPP_Nr, Von)
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id", ondelete="CASCADE"), index=True)
    von: Mapped[date]
    bis: Mapped[date]
    art: Mapped[str] = mapped_column(String(12), default="Urlaub")
    substitute_id: Mapped[int | None] = mapped_column(ForeignKey("carers.id"))
