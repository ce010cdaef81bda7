"""R-S1 (issue 9): the optional column `Eingliederungshilfe` of the Kinder sheet (ja/nein; empty =
derived from LVR_Inklusionshilfe) — import, statistics, export and round trip; a workbook
without the column still imports and keeps the stored value. SQLite and PostgreSQL."""

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from kitadesk.errors import InputError
from kitadesk.importer.export import export_workbook
from kitadesk.importer.schema import CHILDREN
from kitadesk.models import Child
from kitadesk.ops.import_ import import_workbook
from kitadesk.ops.statistics import official
from tests.importer.book import CARER, CHILD, PLAN_35, Book
from tests.support.dump import dump

TODAY = date(2026, 11, 24)
LVR = {"Besonderer_Bedarf": "ja", "LVR_Inklusionshilfe": "ja"}


def run(store, path):
    return import_workbook(store, path, "anna", today=TODAY)


FIRST_NAMES = {"K1": "Emma", "K2": "Ben", "K3": "Lea", "K4": "Paul"}  # four children, not one child four times


def book_with_column(folder) -> Book:
    """K1 ja, K2 nein (although LVR), K3 empty with LVR (→ derived ja), K4 empty without LVR."""
    book = Book(folder)
    book.add("Tagespflegepersonen", **CARER)
    for nr, value, extra in (("K1", "ja", {}), ("K2", "nein", LVR), ("K3", None, LVR), ("K4", None, {})):
        book.add("Kinder", **{**CHILD, "Nr": nr, "Vorname": FIRST_NAMES[nr], "Familie_Nr": None, "Jahreseinkommen": None,
                              "Besonderer_Bedarf": "nein", "Eingliederungshilfe": value, **extra})
        book.add("Betreuungen", Kind_Nr=nr, TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden="35",
                 Zeitplan=PLAN_35)
    return book


def stored(store) -> dict[str, bool | None]:
    with store.session() as s:
        return dict(s.execute(select(Child.nr, Child.eingliederungshilfe).order_by(Child.nr)).all())


def test_r_s1_eingliederungshilfe_column_is_optional_and_follows_verwandtschaft():
    names = CHILDREN.column_names
    assert names.index("Eingliederungshilfe") == names.index("Verwandtschaft") + 1
    column = CHILDREN.by_name["Eingliederungshilfe"]
    assert column.optional and not column.required and column.choices == ("ja", "nein")


def test_r_s1_import_eingliederungshilfe_ja_nein_empty_and_statistics(store, tmp_path):
    result = run(store, book_with_column(tmp_path).save())
    assert result.new("Kinder") == 4
    assert stored(store) == {"K1": True, "K2": False, "K3": None, "K4": None}
    records = {c.nr: c.eingliederungshilfe for c in official(store, "anna", TODAY).children}
    assert records == {"K1": True, "K2": False, "K3": True, "K4": False}  # empty: from LVR-Inklusionshilfe


def test_r_s1_export_writes_eingliederungshilfe_and_round_trips(store, tmp_path):
    run(store, book_with_column(tmp_path).save())
    path = tmp_path / "export.xlsx"
    export_workbook(store, path, today=TODAY)
    ws = load_workbook(path)["Kinder"]
    header = [c.value for c in ws[1]]
    assert header.index("Eingliederungshilfe") == header.index("Verwandtschaft") + 1
    col = header.index("Eingliederungshilfe")
    assert {row[0].value: row[col].value for row in ws.iter_rows(min_row=2)} == {
        "K1": "ja", "K2": "nein", "K3": None, "K4": None}

    before = dump(store)
    result = run(store, path)  # the export imports again unchanged
    assert result.counts["Kinder"] == {"unverändert": 4}
    assert dump(store) == before

    wb = load_workbook(path)
    ws = wb["Kinder"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "K1":
            row[col].value = None  # back to "derived"
        if row[0].value == "K4":
            row[col].value = "ja"
    wb.save(path)
    result = run(store, path)
    assert result.changed("Kinder") == 2
    assert stored(store) == {"K1": None, "K2": False, "K3": None, "K4": True}


def test_r_s1_workbook_without_the_column_still_imports_and_keeps_the_value(store, tmp_path):
    run(store, book_with_column(tmp_path).save())
    book = Book(tmp_path, "ohne.xlsx")
    for sheet in ("Kinder",):
        ws = book.wb[sheet]
        ws.delete_cols([c.value for c in ws[1]].index("Eingliederungshilfe") + 1)
    book.add("Tagespflegepersonen", **CARER)
    book.add("Kinder", **{**CHILD, "Nr": "K1", "Nachname": "Schmitz-Berg", "Familie_Nr": None,
                          "Jahreseinkommen": None, "Besonderer_Bedarf": "nein"})
    book.add("Kinder", **{**CHILD, "Nr": "K5", "Familie_Nr": None, "Jahreseinkommen": None,
                          "Besonderer_Bedarf": "nein"})
    result = run(store, book.save())
    assert result.new("Kinder") == 1 and result.changed("Kinder") == 1
    assert stored(store) == {"K1": True, "K2": False, "K3": None, "K4": None, "K5": None}


def test_r_s1_eingliederungshilfe_must_be_ja_or_nein(store, tmp_path):
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **CARER)
    row = book.add("Kinder", **{**CHILD, "Eingliederungshilfe": "vielleicht"})
    with pytest.raises(InputError) as info:
        run(store, book.save())
    assert any(p.startswith(f"Kinder, {row}, Eingliederungshilfe:") and "weder „ja“ noch „nein“" in p
               for p in info.value.problems), info.value.problems
