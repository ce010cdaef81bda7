"""What the desk did with a reminder (R-W1 as a work list, issue 14 item 2): done (who, when) or
put off until a date. The reminders themselves are derived (domain/reminders.py); a state is
keyed by the reminder's identity (kind, record, due date), so a new due date is a new reminder."""

from datetime import date, datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kitadesk.models.base import Base, Tracked


class ReminderState(Tracked, Base):
    __tablename__ = "reminder_states"
    schluessel: Mapped[str] = mapped_column(String(240), unique=True)
    srt: Mapped[str] = mapped_column(String(20))
    erledigt_von: Mapped[str | None] = mapped_column(String(64))
    erledigt_am: Mapped[datetime | None]
    wiedervorlage_am: Mapped[date | None]
    notiz: Mapped[str] = mapped_column(Text, default="")
