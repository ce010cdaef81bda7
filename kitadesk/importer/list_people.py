"""People already in KitaDesk, for an office list without numbers: a child is the same child
when Nachname, Vorname and Geburtsdatum match (folded); a carer named in a list is found by
name (either order, "Schmitz, Petra" or "Petra Schmitz"), with the birth date when the list
has one. A new person gets the next free number (K00001…, T0001…; the demo's pattern)."""

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.duplicates import Person
from kitadesk.domain.list_mapping.values import FIRST_LAST, LAST_FIRST, split_name
from kitadesk.domain.names import search_fold
from kitadesk.models import Carer, Child

CHILD_PREFIX, CARER_PREFIX = "K", "T"
_WIDTH = {CHILD_PREFIX: 5, CARER_PREFIX: 4}


def name_key(nachname: str, vorname: str) -> tuple[str, str]:
    return search_fold(" ".join(nachname.split())), search_fold(" ".join(vorname.split()))


class People:
    """One kind of person (children or carers): lookup by name and free numbers."""

    def __init__(self, prefix: str, people: list[Person], prefer_srt: str | None = None):
        self.prefix = prefix
        self.prefer_srt = prefer_srt  # several of the same name: the one of this SRT (the desk's own)
        self.by_name: dict[tuple[str, str], list[Person]] = {}
        for p in people:
            self.by_name.setdefault(name_key(p.nachname, p.vorname), []).append(p)
        pattern = re.compile(rf"^{prefix}(\d+)$")
        numbers = [int(m.group(1)) for p in people if (m := pattern.match(p.nr))]
        self.next_number = max(numbers, default=0) + 1
        self.given: dict[tuple, str] = {}  # identity of a new person in this list → its new number

    def add(self, person: Person) -> None:
        """A person of this import (a carers sheet), found by name by the sheets after it."""
        same = self.by_name.setdefault(name_key(person.nachname, person.vorname), [])
        if all(p.nr != person.nr for p in same):
            same.append(person)

    def find(self, nachname: str, vorname: str, born: date | None) -> list[Person]:
        found = self.by_name.get(name_key(nachname, vorname), [])
        return [p for p in found if born is None or p.geburtsdatum is None or p.geburtsdatum == born]

    def find_named(self, text: str) -> list[Person]:
        """A carer written as one cell: both name orders are tried."""
        found: dict[str, Person] = {}
        for order in (FIRST_LAST, LAST_FIRST):
            parts = split_name(text, order)
            if parts:
                found.update({p.nr: p for p in self.find(*parts, None)})
        own = [p for p in found.values() if self.prefer_srt and p.srt == self.prefer_srt]
        return own if len(found) > 1 and len(own) == 1 else list(found.values())

    def number_for(self, nachname: str, vorname: str, born: date | None) -> str:
        """The existing person's number when exactly one matches, else this list's new number."""
        found = self.find(nachname, vorname, born)
        if len(found) == 1:
            return found[0].nr
        identity = (*name_key(nachname, vorname), born)
        if identity not in self.given:
            self.given[identity] = f"{self.prefix}{self.next_number:0{_WIDTH[self.prefix]}d}"
            self.next_number += 1
        return self.given[identity]


def load_people(session: Session, prefer_srt: str | None = None) -> tuple[People, People]:
    """(children, carers) of the whole database (numbers are unique across desks); a carer's
    name found several times is taken from `prefer_srt` (the importing desk) when that is unique."""
    children = [Person(*row) for row in session.execute(
        select(Child.nr, Child.nachname, Child.vorname, Child.geburtsdatum))]
    carers = [Person(*row) for row in session.execute(
        select(Carer.nr, Carer.nachname, Carer.vorname, Carer.geburtsdatum, Carer.srt))]
    return People(CHILD_PREFIX, children), People(CARER_PREFIX, carers, prefer_srt)
