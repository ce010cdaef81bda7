"""Issue 19 item 3: `kitadesk import` refuses new children and carers that are possible duplicates
of stored records or of other new rows of the workbook (exit 1, both records named, nothing
written) unless `--duplikate-bestaetigt`; updates of an existing Nr are not duplicates of themselves."""

from datetime import date

from sqlalchemy import select

from kitadesk.cli import main
from kitadesk.errors import InputError
from kitadesk.models import Carer, Child
from kitadesk.ops.import_ import import_workbook
from tests.importer.book import CARER, CHILD, Book
from tests.support.dump import dump
from tests.support.factory import make_carer, make_child

BORN = date(2024, 5, 3)


def _stored_child(store, nachname="Müller", vorname="Anna"):
    with store.session("test") as s:
        make_child(s, "K00412", nachname=nachname, vorname=vorname, geburtsdatum=BORN, srt="Ost")
        s.commit()


def _book(tmp_path, *children, carers=()):
    book = Book(tmp_path)
    for values in children:
        book.add("Kinder", **{**CHILD, "Geburtsdatum": BORN, **values})
    for values in carers:
        book.add("Tagespflegepersonen", **{**CARER, **values})
    return book.save()


def _import(store, path, *flags):
    return main(["--db", store.url, "--user", "anna", "import", str(path), *flags])


def test_r_dup_import_refuses_mueller_vs_mueller_naming_both_and_flag_imports(store, tmp_path, capsys):
    _stored_child(store)
    path = _book(tmp_path, {"Nr": "K00999", "Nachname": "Mueller", "Vorname": "Anna"})
    before = dump(store)
    assert _import(store, path) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "Fehler: Import abgebrochen: 1 Problem(e) gefunden, nichts wurde übernommen."
    assert err[1] == ("Kinder, 2, Nachname: K00999 Mueller, Anna (geb. 03.05.2024) ist ein mögliches "
                      "Duplikat von K00412 Müller, Anna (geb. 03.05.2024, SRT Ost): gleicher Name (Schreibweise), "
                      "gleiches Geburtsdatum – mit --duplikate-bestaetigt trotzdem importieren.")
    assert dump(store) == before
    assert _import(store, path, "--duplikate-bestaetigt") == 0
    with store.session("test") as s:
        assert sorted(s.scalars(select(Child.nr))) == ["K00412", "K00999"]


def test_r_dup_import_yilmaz_vs_yilmaz_with_turkish_i(store, tmp_path, capsys):
    _stored_child(store, "Yılmaz", "Elif")
    assert _import(store, _book(tmp_path, {"Nr": "K2", "Nachname": "Yilmaz", "Vorname": "Elif"})) == 1
    assert "mögliches Duplikat von K00412 Yılmaz, Elif" in capsys.readouterr().err


def test_r_dup_import_swapped_names_and_rows_of_the_same_workbook(store, tmp_path, capsys):
    path = _book(tmp_path, {"Nr": "K1", "Nachname": "Weber", "Vorname": "Paul", "Familie_Nr": "F1"},
                 {"Nr": "K2", "Nachname": "Paul", "Vorname": "Weber", "Familie_Nr": "F2"})
    assert _import(store, path) == 1
    err = capsys.readouterr().err
    assert ("Kinder, 3, Nachname: K2 Paul, Weber (geb. 03.05.2024) ist ein mögliches Duplikat "
            "von K1 Weber, Paul (geb. 03.05.2024) in Zeile 2: Vor- und Nachname vertauscht") in err
    assert "Kinder, 2, Nachname" not in err  # the pair is reported once, at the later row
    assert dump(store)["children"] == []


def test_r_dup_twins_of_one_family_in_the_workbook_are_not_duplicates(store, tmp_path, capsys):
    path = _book(tmp_path, {"Nr": "K1", "Nachname": "Weber", "Vorname": "Lena", "Familie_Nr": "F7"},
                 {"Nr": "K2", "Nachname": "Weber", "Vorname": "Lina", "Familie_Nr": "F7"})
    assert _import(store, path) == 0, capsys.readouterr().err


def test_r_dup_update_of_an_existing_nr_is_not_its_own_duplicate(store, tmp_path, capsys):
    _stored_child(store)
    path = _book(tmp_path, {"Nr": "K00412", "Nachname": "Müller", "Vorname": "Anna", "Familie_Nr": None,
                            "Jahreseinkommen": None})
    assert _import(store, path) == 0, capsys.readouterr().err


def test_r_dup_carer_same_iban_and_per_row_confirmation(store, tmp_path):
    with store.session("test") as s:
        make_carer(s, "T00007", nachname="Schmidt", vorname="Ayşe", srt="Ost", iban=CARER["IBAN"].replace(" ", ""))
        s.commit()
    path = _book(tmp_path, carers=[{"Nr": "T1"}])
    try:
        import_workbook(store, path, "anna", today=date(2026, 11, 24))
    except InputError as exc:
        assert [p.split(": ", 1)[0] for p in exc.problems] == ["Tagespflegepersonen, 2, Nachname"]
        assert "T00007 Schmidt, Ayşe" in exc.problems[0] and "gleiche IBAN" in exc.problems[0]
    else:
        raise AssertionError("possible duplicate imported")
    import_workbook(store, path, "anna", today=date(2026, 11, 24),
                    confirmed_duplicates={("Tagespflegepersonen", "T1")})  # the assistant's tick for that row
    with store.session("test") as s:
        assert sorted(s.scalars(select(Carer.nr))) == ["T00007", "T1"]


def test_r_dup_many_equal_rows_stop_after_fifty_messages(store, tmp_path):
    from kitadesk.importer.checks_duplicates import MAX_REPORTED

    path = _book(tmp_path, *({"Nr": f"K{i}", "Familie_Nr": f"F{i}"} for i in range(60)))
    try:
        import_workbook(store, path, "anna", today=date(2026, 11, 24))
    except InputError as exc:
        dups = [p for p in exc.problems if "mögliches Duplikat" in p]
        assert MAX_REPORTED <= len(dups) < MAX_REPORTED + 20  # the check stops after the row that passes 50
        assert any("nicht auf mögliche Duplikate geprüft" in p for p in exc.problems)
    else:
        raise AssertionError("60 copies of one child imported")
