"""Possible duplicates of children and carers (issue 19): the same person entered twice (a second
Nr, a spelling variant — Yilmaz/Yılmaz, Müller/Mueller —, swapped first and last name) would be
paid twice. Pure: takes plain records, returns pairs with the reason.

Children: same birth date and names equal after folding (domain/names.search_fold: case, umlauts
both ways, ß, Turkish/Polish letters, hyphens and spaces), also swapped, or within a small edit
distance. Carers: the same, or the same IBAN, or the same address and birth date.
Candidates are blocked by birth date (and IBAN), so 10,000 children take milliseconds.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from kitadesk.domain.names import search_fold

MAX_DISTANCE = 1  # one typing slip per name ("Schmitt"/"Schmidt")


@dataclass(frozen=True)
class Person:
    nr: str
    nachname: str
    vorname: str
    geburtsdatum: date | None
    srt: str = ""
    iban: str = ""
    anschrift: str = ""  # street, PLZ (carers)


@dataclass(frozen=True)
class Duplicate:
    first: Person
    second: Person
    reason: str  # German, for the form, the import and the report

    def text(self) -> str:
        return f"{describe(self.first)} und {describe(self.second)}: {self.reason}"


def describe(p: Person) -> str:
    born = f"geb. {p.geburtsdatum:%d.%m.%Y}" if p.geburtsdatum else "ohne Geburtsdatum"
    srt = f", SRT {p.srt}" if p.srt else ""
    return f"{p.nr} {p.nachname}, {p.vorname} ({born}{srt})"


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    return "".join(ch for ch in search_fold(text) if ch.isalnum())


def _close(a: str, b: str) -> bool:
    """At most one typing slip (insert, delete or replace one letter) — linear, no matrix."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > MAX_DISTANCE or min(len(a), len(b)) < 4:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]  # one letter replaced
    return a[i:] == b[i + 1:]  # one letter inserted


def same_name(a: Person, b: Person) -> str | None:
    """Why the two names are the same person's, or None."""
    return _same_keys(a, b, name_key(a.nachname), name_key(a.vorname), name_key(b.nachname), name_key(b.vorname))


def _same_keys(a: Person, b: Person, an: str, av: str, bn: str, bv: str) -> str | None:
    if an[:1] != bn[:1] and an[:1] != bv[:1] and an[-1:] != bn[-1:]:
        return None  # neither equal, swapped nor one slip apart (a slip keeps the first or last letter)
    if (an, av) == (bn, bv):
        return "gleicher Name (Schreibweise)" if (a.nachname, a.vorname) != (b.nachname, b.vorname) else "gleicher Name"
    if (an, av) == (bv, bn):
        return "Vor- und Nachname vertauscht"
    if _close(an, bn) and _close(av, bv):
        return "sehr ähnlicher Name"
    return None


def find_duplicates(people: Sequence[Person], carers: bool = False) -> list[Duplicate]:
    """Every pair of possible duplicates among `people` (each pair once)."""
    found: dict[tuple[str, str], Duplicate] = {}
    for block in _blocks(people, carers):
        keyed = [(p, name_key(p.nachname), name_key(p.vorname)) for p in block]
        for i, (a, an, av) in enumerate(keyed):
            for b, bn, bv in keyed[i + 1:]:
                if a.nr == b.nr:
                    continue
                reason = _reason(a, b, carers, (an, av, bn, bv))
                first, second = sorted((a, b), key=lambda p: p.nr)
                key = (first.nr, second.nr)
                if reason and key not in found:
                    found[key] = Duplicate(first, second, reason)
    return sorted(found.values(), key=lambda d: (d.first.nr, d.second.nr))


def duplicates_of(candidate: Person, people: Iterable[Person], carers: bool = False) -> list[Duplicate]:
    """The existing records `candidate` may duplicate (a new record in the form or the import)."""
    return [Duplicate(other, candidate, reason) for other in people
            if other.nr != candidate.nr and (reason := _reason(candidate, other, carers))]


def _reason(a: Person, b: Person, carers: bool, keys: tuple[str, str, str, str] | None = None) -> str | None:
    if carers and a.iban and name_key(a.iban) == name_key(b.iban):
        return "gleiche IBAN"
    if a.geburtsdatum is None or a.geburtsdatum != b.geburtsdatum:
        return None
    reason = _same_keys(a, b, *keys) if keys else same_name(a, b)
    if reason:
        return f"{reason}, gleiches Geburtsdatum"
    if carers and a.anschrift and name_key(a.anschrift) == name_key(b.anschrift):
        return "gleiche Anschrift und gleiches Geburtsdatum"
    return None


def _blocks(people: Sequence[Person], carers: bool) -> list[list[Person]]:
    by_key: dict[object, list[Person]] = defaultdict(list)
    for p in people:
        if p.geburtsdatum is not None:
            by_key[p.geburtsdatum].append(p)
        if carers and p.iban:
            by_key[("iban", name_key(p.iban))].append(p)
    return [block for block in by_key.values() if len(block) > 1]
