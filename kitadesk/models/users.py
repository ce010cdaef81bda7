"""Users with role and SRT (issue 8)."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from kitadesk.models.base import Base, Tracked

SACHBEARBEITUNG, LEITUNG, ADMIN = "Sachbearbeitung", "Leitung", "Admin"
ROLES = (SACHBEARBEITUNG, LEITUNG, ADMIN)


class User(Tracked, Base):
    __tablename__ = "users"
    login: Mapped[str] = mapped_column(String(64), unique=True)  # Windows account name
    name: Mapped[str] = mapped_column(String(120), default="")
    rolle: Mapped[str] = mapped_column(String(20), default=SACHBEARBEITUNG)
    srt: Mapped[str | None] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    aktiv: Mapped[bool] = mapped_column(default=True)
