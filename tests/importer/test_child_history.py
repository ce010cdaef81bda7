"""Kinder `Gültig_ab` (interfaces.md §3, R-K2): a row records the child's dated values
(Besonderer_Bedarf, LVR_Inklusionshilfe, Jahreseinkommen of the family, Beitragsfrei) as
holding from that date — a new entry of the history, never an overwrite; without Gültig_ab
from the first placement's start. Export writes the history; the round trip keeps it."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from kitadesk.importer.export import export_workbook
from kitadesk.models import Child, ChildStatus, Family, FamilyIncome
from kitadesk.ops.import_ import import_workbook
from tests.importer.book import CARER, CHILD, Book, empty_sqlite, small_book
from tests.importer.test_problems import problems_of
from tests.support.dump import dump

TODAY = date(2026, 11, 24)
SEPTEMBER = date(2026, 9, 1)


def _history(store) -> tuple[list, list]:
    with store.session() as s:
        statuses = s.execute(select(Child.nr, ChildStatus.gueltig_ab, ChildStatus.besonderer_bedarf,
                                    ChildStatus.beitragsfrei).join(Child)
                             .order_by(Child.nr, ChildStatus.gueltig_ab)).all()
        incomes = s.execute(select(Family.nr, FamilyIncome.gueltig_ab, FamilyIncome.jahreseinkommen).join(Family)
                            .order_by(Family.nr, FamilyIncome.gueltig_ab)).all()
    return statuses, incomes


def _book(tmp_path, name="verlauf.xlsx") -> Book:
    book = Book(tmp_path, name)
    book.add("Tagespflegepersonen", **CARER)
    book.add("Kinder", **CHILD)
    book.add("Kinder", **{**CHILD, "Gültig_ab": SEPTEMBER, "Besonderer_Bedarf": "nein", "Jahreseinkommen": 52000,
                          "Beitragsfrei": "ja"})
    book.add("Kinder", **{**CHILD, "Nr": "K2", "Vorname": "Ben", "Geburtsdatum": date(2024, 3, 1),
                          "Besonderer_Bedarf": "nein"})
    book.add("Kinder", **{**CHILD, "Nr": "K2", "Vorname": "Ben", "Geburtsdatum": date(2024, 3, 1),
                          "Besonderer_Bedarf": "nein", "Jahreseinkommen": 52000, "Gültig_ab": SEPTEMBER})
    book.add("Betreuungen", Kind_Nr="K1", TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden=30)
    book.add("Betreuungen", Kind_Nr="K2", TPP_Nr="T1", Beginn=date(2026, 5, 1), Wochenstunden=20)
    return book


def test_r_k2_gueltig_ab_rows_record_the_history_from_the_first_placement(store, tmp_path):
    result = import_workbook(store, _book(tmp_path).save(), "anna", today=TODAY)
    assert result.new("Kinder") == 2
    statuses, incomes = _history(store)
    assert statuses == [("K1", date(2026, 4, 1), True, False), ("K1", SEPTEMBER, False, True)]  # K2: all "nein"
    assert incomes == [("F1", date(2026, 4, 1), Decimal("45000.00")), ("F1", SEPTEMBER, Decimal("52000.00"))]


def test_r_k2_dated_row_adds_to_the_history_never_overwrites(store, tmp_path):
    import_workbook(store, small_book(tmp_path, "erst.xlsx").save(), "anna", today=TODAY)
    book = Book(tmp_path, "zweit.xlsx")
    book.add("Kinder", **{**CHILD, "Gültig_ab": date(2026, 10, 1), "Besonderer_Bedarf": "nein",
                          "Jahreseinkommen": 47000})
    import_workbook(store, book.save(), "anna", today=TODAY)
    statuses, incomes = _history(store)
    assert [s for s in statuses if s[0] == "K1"] == [("K1", date(2026, 4, 1), True, False),
                                                     ("K1", date(2026, 10, 1), False, False)]
    assert incomes == [("F1", date(2026, 4, 1), Decimal("45000.00")), ("F1", date(2026, 10, 1), Decimal("47000.00"))]


def test_r_k2_rows_of_one_child_agree_except_the_dated_values(store, tmp_path):
    book = _book(tmp_path)
    book.add("Kinder", **{**CHILD, "Nachname": "Schmidt", "Gültig_ab": date(2026, 10, 1)})
    book.add("Kinder", **{**CHILD, "Gültig_ab": SEPTEMBER})
    problems = problems_of(store, book.save())
    assert ("Kinder, 6, Nachname: weicht von Zeile 2 desselben Kindes K1 ab; je Gültig_ab dürfen sich nur "
            "Beitragsfrei, Besonderer_Bedarf, Geschwister_in_Kita, Jahreseinkommen, LVR_Inklusionshilfe "
            "unterscheiden (R-K2).") in problems
    assert any(p.startswith("Kinder, 7, Nr: Schlüssel (Nr, Gültig_ab) kommt doppelt vor") for p in problems), problems


def test_r_k2_history_round_trip_export_import(store, tmp_path, sqlite_template):
    import_workbook(store, _book(tmp_path).save(), "anna", today=TODAY)
    path = tmp_path / "export.xlsx"
    export_workbook(store, path, today=TODAY)
    before = dump(store)
    again = import_workbook(store, path, "anna", today=TODAY)
    assert set(again.counts["Kinder"]) == {"unverändert"}, again.counts
    assert dump(store) == before
    with empty_sqlite(tmp_path, sqlite_template) as target:
        import_workbook(target, path, "anna", today=TODAY)
        assert _history(target) == _history(store)
