"""Sheet Nachweise (interfaces.md §3): reimbursement proofs (R-G4) with their validity, the
*_mtl shortcut not for the same carer and Art, template/export/import round trip."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from kitadesk.importer.export import export_workbook
from kitadesk.models import Carer, Erstattungsnachweis
from kitadesk.ops.import_ import import_workbook
from tests.importer.book import CARER, CHILD, Book, empty_sqlite
from tests.importer.test_problems import problems_of
from tests.support.dump import dump

TODAY = date(2026, 11, 24)
NO_SHORTCUT = {"Unfallversicherung_mtl": None, "Alterssicherung_mtl": None, "Alterssicherung_Art": None,
               "Kranken_Pflege_mtl": None}


def _book(tmp_path, name="nachweise.xlsx", **carer) -> Book:
    book = Book(tmp_path, name)
    book.add("Tagespflegepersonen", **{**CARER, **NO_SHORTCUT, **carer})
    book.add("Kinder", **CHILD)
    book.add("Betreuungen", Kind_Nr="K1", TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden=30)
    book.add("Nachweise", TPP_Nr="T1", Art="Unfallversicherung", Betrag="144,00", Je="Jahr",
             **{"Gültig_von": date(2026, 1, 1), "Gültig_bis": date(2026, 12, 31)})
    book.add("Nachweise", TPP_Nr="T1", Art="Alterssicherung", Betrag=95, Je="Monat", Alterssicherung_Art="privat",
             **{"Gültig_von": date(2026, 3, 1)})
    book.add("Nachweise", TPP_Nr="T1", Art="Kranken_Pflege", Betrag="250.00", Je="Monat",
             **{"Gültig_von": date(2026, 1, 1), "Gültig_bis": date(2026, 6, 30)})
    book.add("Nachweise", TPP_Nr="T1", Art="Kranken_Pflege", Betrag="262.50", Je="Monat",
             **{"Gültig_von": date(2026, 7, 1)})
    return book


def _proofs(store) -> list[tuple]:
    with store.session() as s:
        return s.execute(select(Carer.nr, Erstattungsnachweis.art, Erstattungsnachweis.betrag, Erstattungsnachweis.je,
                                Erstattungsnachweis.alter_art, Erstattungsnachweis.von, Erstattungsnachweis.bis)
                         .join(Carer).order_by(Erstattungsnachweis.art, Erstattungsnachweis.von)).all()


def test_r_g4_nachweise_rows_become_proofs_with_their_validity(store, tmp_path):
    result = import_workbook(store, _book(tmp_path).save(), "anna", today=TODAY)
    assert result.new("Nachweise") == 4
    assert _proofs(store) == [
        ("T1", "alter", Decimal("95.00"), "monat", "privat", date(2026, 3, 1), None),
        ("T1", "kranken", Decimal("250.00"), "monat", "gesetzlich", date(2026, 1, 1), date(2026, 6, 30)),
        ("T1", "kranken", Decimal("262.50"), "monat", "gesetzlich", date(2026, 7, 1), None),
        ("T1", "unfall", Decimal("144.00"), "jahr", "gesetzlich", date(2026, 1, 1), date(2026, 12, 31)),
    ]


def test_r_g4_nachweise_and_mtl_column_for_the_same_carer_and_art_is_an_error(store, tmp_path):
    book = _book(tmp_path, Unfallversicherung_mtl="12,00")
    book.add("Nachweise", TPP_Nr="T9", Art="Alterssicherung", Betrag=10, Je="Monat",
             **{"Gültig_von": date(2026, 3, 1)})
    problems = problems_of(store, book.save())
    assert any(p.startswith("Nachweise, 2, Art: für Tagespflegeperson T1 steht auch Unfallversicherung_mtl im Blatt "
                            "Tagespflegepersonen (Zeile 2)") for p in problems), problems
    assert "Nachweise, 6, TPP_Nr: Tagespflegeperson T9 gibt es weder im Blatt Tagespflegepersonen noch in KitaDesk." \
        in problems
    assert any(p.startswith("Nachweise, 6, Alterssicherung_Art: Art der Alterssicherung fehlt") and "(R-G4)" in p
               for p in problems), problems


def test_r_g4_nachweise_round_trip_export_import(store, tmp_path, sqlite_template):
    import_workbook(store, _book(tmp_path).save(), "anna", today=TODAY)
    path = tmp_path / "export.xlsx"
    export_workbook(store, path, today=TODAY)
    before = dump(store)
    again = import_workbook(store, path, "anna", today=TODAY)  # the same database: nothing changes
    assert set(again.counts["Nachweise"]) == {"unverändert"}
    assert dump(store) == before
    with empty_sqlite(tmp_path, sqlite_template) as target:
        import_workbook(target, path, "anna", today=TODAY)
        assert _proofs(target) == _proofs(store)
