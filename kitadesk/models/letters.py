"""Letter archive (R-V3): the PDF bytes and the input they were made from."""

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from kitadesk.models.base import Base


class Letter(Base):
    __tablename__ = "letters"
    id: Mapped[int] = mapped_column(primary_key=True)
    art: Mapped[str] = mapped_column(String(30), index=True)  # tpp, eltern, aenderung, ablehnung, jahr
    aktenzeichen: Mapped[str] = mapped_column(String(60), index=True)
    datum: Mapped[date]
    monat: Mapped[str | None] = mapped_column(String(7))
    empfaenger: Mapped[str] = mapped_column(String(300))
    betreff: Mapped[str] = mapped_column(String(300), default="")
    carer_id: Mapped[int | None] = mapped_column(ForeignKey("carers.id"), index=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id"), index=True)
    erstellt_am: Mapped[datetime]
    erstellt_von: Mapped[str] = mapped_column(String(64))
    eingabe: Mapped[dict] = mapped_column(JSON, default=dict)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    # "art|monat|carer_id|child_id|fassung": one letter per kind, record, period and version, so two
    # desks producing the same batch at once archive (and print) it once (ops/letters/archive.py)
    schluessel: Mapped[str | None] = mapped_column(String(100), unique=True)
