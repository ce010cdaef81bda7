"""The window's reads as operations (issue 17.1): each takes (store, user) like a write, opens
its own session (safe in a worker thread) and checks the read right `lesen` — the screens
never open a session. The session-level queries they wrap live in ops/queries (the CLI and
the ops share those)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session

from kitadesk.ops import queries
from kitadesk.ops.base import Actor, load_actor
from kitadesk.ops.queries import PayoutStatus, PlacementRow, ReminderRow, SrtCount
from kitadesk.store import Store

READ = "lesen"
T = TypeVar("T")


@contextmanager
def reading(store: Store, user: str) -> Iterator[tuple[Session, Actor]]:
    """A read-only session of `user` after checking the read right (PermissionDenied in German)."""
    with store.session(user) as session:
        actor = load_actor(session, user)
        actor.require(READ)
        yield session, actor


def query(store: Store, user: str, fn: Callable[..., T], *args, **kwargs) -> T:
    """Run a session-level query of ops (`fn(session, *args)`) as `user` with the read right:
    the screens' way to ask ops/queries functions without opening a session themselves."""
    with reading(store, user) as (session, _actor):
        return fn(session, *args, **kwargs)


# ---------------------------------------------------------------- lists and choices
# list rows: plain tuples in the field order of CarerRow / ChildRow / PlacementRow (ops/queries/lists.py)

def carer_list(store: Store, user: str, today: date) -> list[tuple]:
    with reading(store, user) as (s, _actor):
        return queries.carer_rows(s, today)


def child_list(store: Store, user: str, today: date) -> list[tuple]:
    with reading(store, user) as (s, _actor):
        return queries.child_rows(s, today)


def placement_list(store: Store, user: str, today: date) -> list[tuple]:
    with reading(store, user) as (s, _actor):
        return queries.placement_rows(s, today)


def carer_choices(store: Store, user: str, today: date) -> list[tuple[int, str]]:
    """(id, 'Nr – Name') of the carers a placement or letter can name."""
    with reading(store, user) as (s, _actor):
        return queries.carer_choices(s, today)


def child_choices(store: Store, user: str) -> list[tuple[int, str]]:
    """(id, 'Nr – Name (geb. …)') of all children."""
    with reading(store, user) as (s, _actor):
        return queries.child_choices(s)


def child_names(store: Store, user: str) -> dict[str, str]:
    """Kind-Nr → 'Nachname, Vorname' (labels of the payout lines)."""
    names = {}
    for _id, label in child_choices(store, user):
        nr, _, rest = label.partition(" – ")
        names[nr] = rest.rsplit(" (geb.", 1)[0]
    return names


def start_figures(store: Store, user: str, today: date, srt: str | None = None, settled: bool = False
                  ) -> tuple[list[ReminderRow], list[SrtCount], PayoutStatus]:
    """The start screen: reminders (R-W1) of `srt` or all, counts per SRT with the total, payout status."""
    with reading(store, user) as (s, _actor):
        reminders = queries.reminder_rows(s, today, srt=srt, include_settled=settled)
        counts = queries.srt_counts(queries.carer_rows(s, today))
        status = queries.payout_status(s, today.year, today.month)
    return reminders, counts + [queries.total_count(counts)], status


# ---------------------------------------------------------------- records for their forms

def carer_label(store: Store, user: str, carer_id: int) -> str:
    """„Nr – Nachname, Vorname“ of a carer (titles of the carer's dialogs)."""
    from kitadesk.models import Carer

    with reading(store, user) as (s, _actor):
        carer = s.get(Carer, carer_id)
        return f"{carer.nr} – {carer.nachname}, {carer.vorname}" if carer is not None else f"Nr. {carer_id}"


def carer_for_form(store: Store, user: str, carer_id: int):
    """→ (CarerData, version); the IBAN hidden (KEEP) unless the user may see it."""
    from kitadesk.ops.queries.forms import load_carer

    with reading(store, user) as (s, actor):
        return load_carer(s, carer_id, actor)


def child_for_form(store: Store, user: str, child_id: int, today: date):
    """→ (ChildData, version, the child's placement rows, its Zeitpläne) for the child's form."""
    from kitadesk.ops.queries.forms import child_zeitplaene, load_child

    with reading(store, user) as (s, actor):
        data, version = load_child(s, child_id, today, actor)
        rows = list(map(PlacementRow._make, queries.placement_rows(s, today, child_id=child_id)))
        return data, version, rows, child_zeitplaene(s, child_id, today)


def placement_for_form(store: Store, user: str, placement_id: int):
    """→ PlacementDetail of one placement with its versions."""
    from kitadesk.ops.queries.forms import load_placement

    with reading(store, user) as (s, _actor):
        return load_placement(s, placement_id)


def letter_overrides(store: Store, user: str) -> dict[str, str]:
    """The office's changed letter settings and text blocks (name → stored value)."""
    from kitadesk.ops.letters.office import load_office

    with reading(store, user) as (s, _actor):
        return load_office(s).overrides
