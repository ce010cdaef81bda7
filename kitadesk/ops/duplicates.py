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
    if not born:
        return []
    rows = session.execute(select(Child.nr, Child.nachname, Child.vorname, Child.geburtsdatum, Child.srt)
                           .where(Child.geburtsdatum == born))
    return duplicates_of(candidate, [Person(*row) for row in rows])


def duplicates_of_carer(session: Session, candidate: Person) -> list[Duplicate]:
    return duplicates_of(candidate, carer_people(session), carers=True)


def duplicates_for_form(store: Store, user: str, candidate: Person, carers: bool = False,
                        record_id: int | None = None) -> list[Duplicate]:
    """The question of the forms: a new record, or a stored one whose name or birth date changed,
    against the stored records (never against itself). [] when nothing relevant changed."""
    with unit_of_work(store, user) as session:
        load_actor(session, user).require("lesen")
        own: Carer | Child | None = None
        if record_id is not None:
            own = session.get(Carer, record_id) if carers else session.get(Child, record_id)
        if own is not None and (own.nachname, own.vorname, own.geburtsdatum) == (
                candidate.nachname, candidate.vorname, candidate.geburtsdatum):
            return []
        found = duplicates_of_carer(session, candidate) if carers else duplicates_of_child(session, candidate)
        return [d for d in found if own is None or d.first.nr != own.nr]


@dataclass(frozen=True)
class DuplicateRow:
    """One pair for the tab "Mögliche Duplikate" with the records' ids (double-click opens them)."""

    art: str  # Kind | Tagespflegeperson
    entity: str  # child | carer
    first: Person
    second: Person
    first_id: int
    second_id: int
    grund: str


def duplicate_rows(store: Store, user: str) -> list[DuplicateRow]:
    """The report as rows: children first, then carers (right `lesen`)."""
    report = possible_duplicates(store, user)
    with unit_of_work(store, user) as session:
        rows: list[DuplicateRow] = []
        for art, entity, pairs in (("Kind", "child", report.kinder),
                                   ("Tagespflegeperson", "carer", report.tagespflegepersonen)):
            nrs = {p.nr for d in pairs for p in (d.first, d.second)}
            ids = _ids(session, Carer if entity == "carer" else Child, nrs)
            rows += [DuplicateRow(art, entity, d.first, d.second, ids[d.first.nr], ids[d.second.nr], d.reason)
                     for d in pairs if d.first.nr in ids and d.second.nr in ids]
        return rows


def _ids(session: Session, model: type[Carer] | type[Child], nrs: set[str]) -> dict[str, int]:
    return {nr: i for nr, i in session.execute(select(model.nr, model.id).where(model.nr.in_(nrs)))}
