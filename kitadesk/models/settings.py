"""Office settings stored in the database: Auslegungen, text blocks, SRT contacts, payer."""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kitadesk.models.base import Base, Tracked


class SettingValue(Tracked, Base):
    """One setting `name` → text value (Auslegungen of berechnung.md §11 and others)."""

    __tablename__ = "settings"
    name: Mapped[str] = mapped_column(String(80), unique=True)
    value: Mapped[str] = mapped_column(Text)


class SrtOffice(Tracked, Base):
    """Contact block of a Sozialraumteam for letters (R-V2)."""

    __tablename__ = "srt_offices"
    srt: Mapped[str] = mapped_column(String(20), unique=True)
    bezeichnung: Mapped[str] = mapped_column(String(120))
    ansprechpartner: Mapped[str] = mapped_column(String(120), default="")
    raum: Mapped[str] = mapped_column(String(40), default="")
    telefon: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
