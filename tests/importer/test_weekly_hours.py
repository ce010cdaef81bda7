"""R-K2 (issue 14.5) in the import: more than 50 hours a week are accepted with a warning (the
form asks instead — same rule, domain/rules/placement.hours_question); more than the week has
are refused."""

from datetime import date

import pytest

from kitadesk.errors import InputError
from kitadesk.ops.import_ import import_workbook
from tests.importer.book import CARER, CHILD, Book

TODAY = date(2026, 11, 24)


def _book(tmp_path, hours) -> Book:
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **CARER)
    book.add("Kinder", **{**CHILD, "Nr": "K1", "Familie_Nr": "F1"})
    book.add("Betreuungen", Kind_Nr="K1", TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden=hours)
    return book


def test_r_k2_import_accepts_60_hours_with_a_warning(sqlite_store, tmp_path):
    result = import_workbook(sqlite_store, _book(tmp_path, 60).save(), "anna", today=TODAY)
    assert result.new("Betreuungen") == 1
    assert ("Betreuungen, Zeile 2: 60 Wochenstunden sind mehr als 50 Stunden je Woche (R-K2) – ist das wirklich "
            "so vereinbart?") in result.warnings


def test_r_k2_import_refuses_more_hours_than_the_week_has(sqlite_store, tmp_path):
    with pytest.raises(InputError) as info:
        import_workbook(sqlite_store, _book(tmp_path, 170).save(), "anna", today=TODAY)
    assert "höchstens 168" in " ".join(info.value.problems)
