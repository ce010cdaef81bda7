"""Possible duplicates in the import (issue 19): a NEW child or carer (a Nr the database does not
hold) that looks like an existing record or like another new row of the same workbook is refused —
unless the office confirmed it (`--duplikate-bestaetigt`, or the assistant's tick per row).
An update of an existing Nr is never a duplicate of itself; two new children of the workbook with
the same Familie_Nr are declared siblings (twins), not one child twice. The rule is domain/duplicates.py;
the existing people come from ops/duplicates.py (loaded by the import op)."""

from collections import defaultdict
from collections.abc import Collection, Iterable

from kitadesk.domain.duplicates import Person, describe, duplicates_of, name_key
from kitadesk.importer.problems import Problems
from kitadesk.importer.reader import Row, SheetData
from kitadesk.importer.schema import CARERS, CHILDREN

CONFIRM_HINT = "mit --duplikate-bestaetigt trotzdem importieren"
MAX_REPORTED = 50  # per sheet; then one line says how many rows were not checked
BIG_BLOCK = 500  # more people on one birth date than a city has: compare only equal names (no n² on crafted files)
# True = every possible duplicate confirmed; else the confirmed rows as (sheet name, Nr)
Confirmed = bool | Collection[tuple[str, str]]


def row_person(row: Row, carers: bool) -> Person:
    address = f"{row.get('Straße', '')} {row.get('PLZ', '')}".strip() if carers else ""
    return Person(row.get("Nr"), row.get("Nachname", ""), row.get("Vorname", ""), row.get("Geburtsdatum"),
                  row.get("SRT", ""), row.get("IBAN", "") if carers else "", address)


def check_possible_duplicates(data: dict[str, SheetData], known: dict[str, list[Person]], problems: Problems,
                              confirmed: Confirmed = False) -> None:
    """`known`: sheet name → the people the database holds (children, carers)."""
    if confirmed is True:
        return
    ticked = set(confirmed or ())
    for sheet, carers in ((CHILDREN, False), (CARERS, True)):
        _check_sheet(data[sheet.name], known.get(sheet.name, []), carers, problems, ticked)


def _check_sheet(sheet: SheetData, stored: list[Person], carers: bool, problems: Problems,
                 ticked: set[tuple[str, str]]) -> None:
    name = sheet.sheet.name
    stored_nrs = {p.nr for p in stored}
    rows = _first_rows(sheet.rows)
    in_book = set(rows)
    family = {nr: row.get("Familie_Nr") for nr, row in rows.items()}
    pool = _Pool(carers)
    pool.add_all((p, None) for p in stored if p.nr not in in_book)  # updated rows: compared as in the workbook
    reported = 0
    for nr, row in rows.items():
        me = row_person(row, carers)
        if reported >= MAX_REPORTED:
            problems.add(name, row.number, "Nachname", f"Weitere Zeilen ab hier nicht auf mögliche Duplikate geprüft "
                                                       f"(mehr als {MAX_REPORTED} Meldungen).")
            return
        if nr not in stored_nrs and (name, nr) not in ticked:
            near = [p for p, at in pool.near(me)  # same Familie_Nr in the workbook: twins, not one child twice
                    if not (at is not None and family[nr] and family.get(p.nr) == family[nr])]
            for dup in duplicates_of(me, near, carers):
                where = pool.row_of(dup.first)
                other = describe(dup.first) + (f" in Zeile {where}" if where else "")
                problems.add(name, row.number, "Nachname",
                             f"{describe(me)} ist ein mögliches Duplikat von {other}: {dup.reason} – "
                             f"{CONFIRM_HINT}.")
                reported += 1
        pool.add_all([(me, row.number)])


def _first_rows(rows: list[Row]) -> dict[str, Row]:
    """One row per Nr (children may have further rows with Gültig_ab); rows with readable names."""
    out: dict[str, Row] = {}
    for row in rows:
        nr = row.get("Nr")
        if nr and nr not in out and row.ok("Nr", "Nachname", "Vorname", "Geburtsdatum"):
            out[nr] = row
    return out


class _Pool:
    """People blocked by birth date (and IBAN for carers), as domain/duplicates compares only those."""

    def __init__(self, carers: bool):
        self.carers = carers
        self.by_key: dict[object, list[tuple[Person, int | None]]] = defaultdict(list)
        self.rows: dict[Person, int | None] = {}
        self.exact: dict[tuple, tuple[Person, int | None]] = {}  # first person per (name keys, birth date)

    def _keys(self, p: Person) -> list[object]:
        keys: list[object] = [p.geburtsdatum] if p.geburtsdatum else []
        if self.carers and p.iban:
            keys.append(("iban", name_key(p.iban)))
        return keys

    def add_all(self, items: Iterable[tuple[Person, int | None]]) -> None:
        for p, row in items:
            self.rows[p] = row
            self.exact.setdefault((name_key(p.nachname), name_key(p.vorname), p.geburtsdatum), (p, row))
            for key in self._keys(p):
                self.by_key[key].append((p, row))

    def near(self, p: Person) -> list[tuple[Person, int | None]]:
        seen: dict[Person, int | None] = {}
        for key in self._keys(p):
            block = self.by_key.get(key, [])
            if len(block) > BIG_BLOCK:
                n, v = name_key(p.nachname), name_key(p.vorname)
                block = [hit for k in ((n, v, p.geburtsdatum), (v, n, p.geburtsdatum)) if (hit := self.exact.get(k))]
            for other, row in block:
                seen.setdefault(other, row)
        return list(seen.items())

    def row_of(self, p: Person) -> int | None:
        return self.rows.get(p)
