"""The office of the rights tests (issue 18): admin, leitung, sb_ost, sb_nord; the worked example
(carer A, children K1/K2, SRT Mitte/Süd, confirmed rates 2026) plus a Nord carer N1 with child
KN placed from April 2026."""

from datetime import date

from tests.importer.book import CARER, CHILD, Book
from tests.support.factory import make_carer, make_child, make_desk_users, place, worked_example

NORD_IBAN = "DE02120300000000202051"
NEW_IBAN = "DE89 3704 0044 0532 0130 00"


def build_office(session) -> dict:
    make_desk_users(session)
    parts = worked_example(session)
    n1 = make_carer(session, "N1", srt="Nord", iban=NORD_IBAN)
    kn = make_child(session, "KN", srt="Nord")
    place(session, kn, n1, date(2026, 4, 1), hours="30")
    return {**parts, "N1": n1, "KN": kn}


def seed_office(store) -> dict:
    with store.session("setup") as s:
        parts = build_office(s)
        s.commit()
    return parts


def nord_carer_row(**changes) -> dict:
    """The Nord carer N1 as an import row (the hostile desk says SRT Ost and a new IBAN)."""
    return {**CARER, "Nr": "N1", "Nachname": "Muster-N1", "Vorname": "Anna", "SRT": "Nord", **changes}


def nord_child_row(**changes) -> dict:
    return {**CHILD, "Nr": "KN", "Familie_Nr": "FN", "PLZ": "47445", **changes}


def book_with(folder, sheet: str, name: str = "angriff.xlsx", **row) -> Book:
    book = Book(folder, name)
    book.add(sheet, **row)
    return book
