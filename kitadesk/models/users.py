"""Users with role and SRT (issue 8); sign-in failures and lockout, and who set the role and
the password when (four eyes, issue 18: ops/base.py)."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from kitadesk.domain.choices import ADMIN, LEITUNG, ROLES, SACHBEARBEITUNG  # noqa: F401 (re-export)
from kitadesk.models.base import Base, Tracked


class User(Tracked, Base):
    __tablename__ = "users"
    login: Mapped[str] = mapped_column(String(64), unique=True)  # Windows account name
    name: Mapped[str] = mapped_column(String(120), default="")
    rolle: Mapped[str] = mapped_column(String(20), default=SACHBEARBEITUNG)
    srt: Mapped[str | None] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    aktiv: Mapped[bool] = mapped_column(default=True)
    fehlversuche: Mapped[int] = mapped_column(default=0, server_default="0")  # wrong passwords in a row
    gesperrt_bis: Mapped[datetime | None]  # no sign-in before (growing delay, auth.lockout_delay)
    rolle_gesetzt_von: Mapped[str | None] = mapped_column(String(64))  # who gave the account its role
    rolle_gesetzt_am: Mapped[datetime | None]
    passwort_gesetzt_von: Mapped[str | None] = mapped_column(String(64))  # who set the password
    passwort_gesetzt_am: Mapped[datetime | None]


SETUP_DONE = "benutzer_eingerichtet"  # settings row written with the first user: set-up mode is over for good
