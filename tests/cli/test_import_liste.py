"""`kitadesk import-liste` (issue 19.1): a saved profile imports the next list of the same shape
with no further input (exit 0); a bad row is exit 1 naming the LIST's sheet, row and column, and
nothing is written; an incomplete proposal is exit 1 with the proposal and what is missing."""

import pytest

from kitadesk.cli import main
from kitadesk.domain.list_mapping.profile import from_toml
from tests.importer import lists
from tests.importer.book import CARER, Book
from tests.support.dump import dump


@pytest.fixture
def profiles(tmp_path, monkeypatch):
    folder = tmp_path / "zuordnungen"
    monkeypatch.setenv("KITADESK_ZUORDNUNGEN", str(folder))
    return folder


def _cli(store, *args: str) -> int:
    return main(["--db", store.url, "--user", "anna", *args])


def _with_carer(store, tmp_path) -> None:
    book = Book(tmp_path, "tpp.xlsx")
    book.add("Tagespflegepersonen", **CARER)
    assert _cli(store, "import", str(book.save())) == 0


def test_r_i19_profile_saved_next_list_of_same_shape_imports(sqlite_store, tmp_path, profiles, capsys):
    _with_carer(sqlite_store, tmp_path)
    profile = tmp_path / "kinderliste.toml"
    first = lists.big_sheet(tmp_path / "april.xlsx")
    assert _cli(sqlite_store, "import-liste", str(first), "--profil-speichern", str(profile)) == 0
    out = capsys.readouterr().out
    assert "Kinder: 2 neu" in out and "Betreuungen: 2 neu" in out
    mapping = from_toml(profile.read_text(encoding="utf-8"))
    assert mapping.columns["Name"] == "Kinder.Name_Vorname" and mapping.header_row == 3
    assert len(list(profiles.glob("*.toml"))) == 1  # also in the profiles folder
    second = lists.big_sheet(tmp_path / "mai.xlsx", [
        ["Özdemir, Elif", "3.5.24", "Yılmaz, Ayşe", "22,5", "1.5.26", "Familie Özdemir"],
    ])
    assert _cli(sqlite_store, "import-liste", str(second), "--zuordnung", str(profile)) == 0
    assert "Kinder: 1 neu" in capsys.readouterr().out
    third = lists.big_sheet(tmp_path / "juni.xlsx", [
        ["Nowak, Jan", "03.05.2024", "Ayşe Yılmaz", 30, "2026-06-01", None],
    ])
    assert _cli(sqlite_store, "import-liste", str(third)) == 0  # the profile of the same shape, found
    out = capsys.readouterr().out
    assert "Zuordnung (gleiche Form)" in out and "Betreuungen: 1 neu" in out
    assert len(dump(sqlite_store)["children"]) == 4


def test_r_i19_bad_row_names_source_sheet_row_column_nothing_written(sqlite_store, tmp_path, profiles, capsys):
    _with_carer(sqlite_store, tmp_path)
    bad = lists.big_sheet(tmp_path / "fehler.xlsx", [
        ["Schmitz, Emma", "1.3.25", "Ayşe Yılmaz", "35", "01.04.2026", None],
        ["Schmitz, Ben", "29.2.25", "Ayşe Yılmaz", "20", "16.04.2026", None],
    ])
    before = dump(sqlite_store)
    capsys.readouterr()
    assert _cli(sqlite_store, "import-liste", str(bad), "--fehlerliste", str(tmp_path / "fehler-liste.xlsx")) == 1
    err = capsys.readouterr().err.splitlines()
    assert "Fehlerliste" in err[-1]  # written, or a note while reports/error_workbook.py is not merged
    assert err[0] == "Fehler: Import abgebrochen: 1 Problem(e) gefunden, nichts wurde übernommen."
    assert err[1] == "Kinder Ost, 5, Geb.-Datum: „29.02.2025“ ist kein gültiges Datum (diesen Tag gibt es nicht)."
    assert dump(sqlite_store) == before


def test_r_i19_incomplete_proposal_exit_1_then_fixed_value(sqlite_store, tmp_path, profiles, capsys):
    path = lists.carers_list(tmp_path / "tpp_nord.xlsx")
    assert _cli(sqlite_store, "import-liste", str(path)) == 1
    err = capsys.readouterr().err
    assert "Bankverbindung → Tagespflegepersonen.IBAN" in err
    assert "Es fehlt eine Spalte für „SRT (Spalte oder fester Wert)“." in err
    assert dump(sqlite_store)["carers"] == []
    assert _cli(sqlite_store, "import-liste", str(path), "--fest", "Tagespflegepersonen.SRT=Nord") == 0
    assert "Tagespflegepersonen: 2 neu" in capsys.readouterr().out


def test_r_i19_unreadable_profile_or_list_is_exit_1(sqlite_store, tmp_path, profiles, capsys):
    path = lists.children_csv(tmp_path / "kinder.csv")
    assert _cli(sqlite_store, "import-liste", str(path), "--zuordnung", str(tmp_path / "fehlt.toml")) == 1
    assert "Die Zuordnung" in capsys.readouterr().err
    broken = tmp_path / "kaputt.toml"
    broken.write_text('art = "kinder"\n[spalten]\n"Vorname" = "Kinder.Lieblingsfarbe"\n', encoding="utf-8")
    assert _cli(sqlite_store, "import-liste", str(path), "--zuordnung", str(broken)) == 1
    assert "unbekanntes Feld „Kinder.Lieblingsfarbe“" in capsys.readouterr().err
    assert _cli(sqlite_store, "import-liste", str(tmp_path / "gibtsnicht.csv")) == 1
    assert "gibt es nicht" in capsys.readouterr().err
    assert dump(sqlite_store)["children"] == []


def test_r_i19_workbook_of_several_sheets_one_import(sqlite_store, tmp_path, profiles, capsys):
    """Carers on one sheet, their children (carer named) on another, a notes sheet: one import."""
    from openpyxl import Workbook

    wb = Workbook()
    carers = wb.active
    carers.title = "TPP Nord"
    for row in ([*lists.CARERS_HEADER, "Team"],
                ["Müller, Petra", "12.4.75", "Rheinberger Str. 7", "47441", "Moers", "DE89 3704 0044 0532 0130 00",
                 "Tagesmutter qualifiziert", "1.1.2025", "10.01.2025", "SRT Nord"]):
        carers.append(row)
    kids = wb.create_sheet("Kinder Nord")
    for row in (lists.BIG_HEADER, ["Schmitz, Emma", "1.3.25", "Petra Müller", "35", "01.04.2026", None],
                ["Kaya, Ali", "4.6.23", "Müller, Petra", "25", "1.5.26", "Familie Kaya"]):
        kids.append(row)
    wb.create_sheet("Hinweise").append(["Stand: April"])
    path = tmp_path / "nord.xlsx"
    wb.save(path)
    assert _cli(sqlite_store, "import-liste", str(path)) == 0
    out = capsys.readouterr().out
    assert "Tagespflegepersonen: 1 neu" in out and "Kinder: 2 neu" in out and "Betreuungen: 2 neu" in out
    assert "Blatt Hinweise" in out  # not imported, said so
