"""What every screen needs: the store, who is acting, today's date and the app-wide
"data changed" signal (architecture.md: after an operation open views refresh themselves)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, Signal

from kitadesk.ops.base import Actor
from kitadesk.store import Store


class DataBus(QObject):
    """`changed(entities)`: a frozenset of 'carer', 'child', 'placement', 'reminder', 'payout' …"""

    changed = Signal(object)

    def notify(self, entities) -> None:
        self.changed.emit(frozenset(entities))


@dataclass
class AppContext:
    store: Store
    user: str
    actor: Actor
    display_name: str = ""
    clock: Callable[[], date] = date.today  # one injectable clock (tests fix it)
    bus: DataBus = field(default_factory=DataBus)
    backup_note: str = ""  # "Letzte Sicherung: …" of an embedded database (ops.daily_backup), else empty

    def today(self) -> date:
        return self.clock()

    @property
    def srt(self) -> str | None:
        return self.actor.srt

    def session(self):
        return self.store.session(self.user)
