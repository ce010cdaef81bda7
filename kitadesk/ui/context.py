"""What every screen needs: the store (an opaque handle for the ops — screens never open a
session, issue 17.1), who is acting, today's date and the app-wide
"data changed" signal (architecture.md: after an operation open views refresh themselves)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, Signal

from kitadesk.ops.base import Actor
from kitadesk.ops.changes import Changes, as_changes
from kitadesk.ops.session import Store


class DataBus(QObject):
    """THE change signal (issue 17.2): `changed(changes)` carries the change set of an operation
    (ops/changes.py `Changes`; reads like the frozenset of 'carer', 'child', 'placement', 'payout' …)."""

    changed = Signal(object)

    def notify(self, changes: Changes | Iterable[str]) -> None:
        """Broadcast what an op changed: its result's change set (ui/op.py does this), or names."""
        self.changed.emit(as_changes(changes))


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
