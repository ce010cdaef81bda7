"""Possible duplicates in the store (issue 19): for the report (Auswertungen), the forms
("Mögliches Duplikat … — trotzdem anlegen?") and the import (refused unless confirmed)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.duplicates import Duplicate, Person, duplicates_of, find_duplicates
from kitadesk.models import Carer, Child
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.store import Store


@dataclass(frozen=True)
class DuplicateReport:
    kinder: list[Duplicate]
    tagespflegepersonen: list[Duplicate]


def child_people(session: Session) -> list[Person]:
    rows = session.execute(select(Child.nr, Child.nachname, Child.vorname, Child.geburtsdatum, Child.srt))
    return [Person(*row) for row in rows]


def carer_people(session: Session) -> list[Person]:
    rows = session.execute(select(Carer.nr, Carer.nachname, Carer.vorname, Carer.geburtsdatum, Carer.srt,
                                  Carer.iban, Carer.strasse, Carer.plz))
    return [Person(nr, nachname, vorname, born, srt, iban or "", f"{strasse or ''} {plz or ''}".strip())
            for nr, nachname, vorname, born, srt, iban, strasse, plz in rows]


def possible_duplicates(store: Store, user: str) -> DuplicateReport:
    """Every current pair of possible duplicates (right `lesen`)."""
    with unit_of_work(store, user) as session:
        load_actor(session, user).require("lesen")
        return DuplicateReport(find_duplicates(child_people(session)),
                               find_duplicates(carer_people(session), carers=True))


def duplicates_of_child(session: Session, candidate: Person) -> list[Duplicate]:
    born = candidate.geburtsdatum
    rows = session.execute(select(Child.nr, Child.nachname, Child.vorname, Child.geburtsdatum, Child.srt)
                           .where(Child.geburtsdatum == born)) if born else []
    return duplicates_of(candidate, [Person(*row) for row in rows])


def duplicates_of_carer(session: Session, candidate: Person) -> list[Duplicate]:
    return duplicates_of(candidate, carer_people(session), carers=True)
