"""Possible duplicates read from the store (issue 19), on SQLite and PostgreSQL."""

from datetime import date

from kitadesk.domain.duplicates import Person
from kitadesk.ops.duplicates import duplicates_of_child, possible_duplicates
from tests.ops.payout_helpers import seed
from tests.support.factory import make_carer, make_child


def _office(s):
    make_child(s, "K00412", nachname="Yılmaz", vorname="Elif", geburtsdatum=date(2024, 5, 3), srt="Ost")
    make_child(s, "K00999", nachname="Yilmaz", vorname="Elif", geburtsdatum=date(2024, 5, 3), srt="Nord")
    make_child(s, "K01000", nachname="Yilmaz", vorname="Elif", geburtsdatum=date(2024, 5, 4), srt="Nord")
    make_carer(s, "T1", nachname="Kaya", iban="DE89370400440532013000")
    make_carer(s, "T2", nachname="Demir", iban="DE89 3704 0044 0532 0130 00")


def test_issue19_report_lists_children_and_carers(store):
    seed(store, _office)
    report = possible_duplicates(store, "x")
    assert [(d.first.nr, d.second.nr) for d in report.kinder] == [("K00412", "K00999")]
    assert [(d.first.nr, d.second.nr, d.reason) for d in report.tagespflegepersonen] == [("T1", "T2", "gleiche IBAN")]


def test_issue19_a_new_child_is_checked_against_the_same_birth_date(store):
    seed(store, _office)
    with store.session() as s:
        found = duplicates_of_child(s, Person("NEU", "Mueller", "Elif", date(2024, 5, 3)))
        assert found == []
        found = duplicates_of_child(s, Person("NEU", "Elif", "Yilmaz", date(2024, 5, 3)))
        assert {d.first.nr for d in found} == {"K00412", "K00999"}
        assert all(d.reason.startswith("Vor- und Nachname vertauscht") for d in found)
