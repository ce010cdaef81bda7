"""`kitadesk import` / `kitadesk export-template`: exit codes 0/1, problems on stderr one per
line (interfaces.md §2), export → import round trip of the database's content."""

from datetime import date

from openpyxl import load_workbook
from sqlalchemy import select

from kitadesk.cli import main
from kitadesk.models import Carer, Child, Placement, PlacementVersion
from tests.importer.book import CARER, Book, small_book
from tests.support.dump import dump


def test_cli_import_ok_dry_run_and_problems(store, tmp_path, capsys):
    path = small_book(tmp_path).save()
    assert main(["--db", store.url, "--user", "anna", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Probelauf – nichts gespeichert." in out and "Kinder: 2 neu, 0 geändert, 0 unverändert" in out
    assert dump(store)["carers"] == []
    assert main(["--db", store.url, "--user", "anna", "import", str(path)]) == 0
    assert "Import gespeichert." in capsys.readouterr().out
    bad = Book(tmp_path, "fehler.xlsx")
    bad.add("Tagespflegepersonen", **{**CARER, "Nr": "T5", "Nachname": "Weber", "Geburtsdatum": date(1975, 2, 2),
                                       "SRT": "West", "IBAN": "DE12"})
    before = dump(store)
    assert main(["--db", store.url, "--user", "anna", "import", str(bad.save())]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "Fehler: Import abgebrochen: 2 Problem(e) gefunden, nichts wurde übernommen."
    assert err[1].startswith("Tagespflegepersonen, 2, SRT: „West“ ist nicht erlaubt")
    assert err[2].startswith("Tagespflegepersonen, 2, IBAN: IBAN „DE12“ ist ungültig")
    assert dump(store) == before
    assert main(["--db", store.url, "import", str(tmp_path / "gibtsnicht.xlsx")]) == 1
    assert "gibt es nicht" in capsys.readouterr().err


def test_cli_export_template_and_export_with_data_round_trip(store, tmp_path, capsys, sqlite_template):
    template = tmp_path / "vorlage.xlsx"
    assert main(["--db", store.url, "export-template", str(template)]) == 0
    assert load_workbook(template)["Kinder"].max_row == 1
    assert main(["--db", store.url, "export-template", str(tmp_path / "x.txt")]) == 1
    assert "muss auf .xlsx enden" in capsys.readouterr().err
    assert main(["--db", store.url, "--user", "demo", "demo", "--carers", "12", "--children", "40",
                 "--seed", "3"]) == 0
    full = tmp_path / "alles.xlsx"
    assert main(["--db", store.url, "--user", "demo", "export-template", str(full), "--mit-daten"]) == 0
    assert "Tagespflegepersonen: 12 Zeilen" in capsys.readouterr().out
    import shutil

    from kitadesk.store import Store

    copy = tmp_path / "leer.sqlite3"
    shutil.copy(sqlite_template, copy)
    target = Store(f"sqlite:///{copy}")
    try:
        assert main(["--db", target.url, "--user", "anna", "import", str(full)]) == 0
        assert _content(target) == _content(store)
        assert len(_content(target)[0]) == 12
    finally:
        target.dispose()


def _content(store):
    """What a round trip must keep: carers, children and every placement version."""
    with store.session() as s:
        carers = s.execute(select(Carer.nr, Carer.nachname, Carer.srt, Carer.iban, Carer.qualifikation,
                                  Carer.qualifikation_seit).order_by(Carer.nr)).all()
        kids = s.execute(select(Child.nr, Child.nachname, Child.geburtsdatum, Child.srt).order_by(Child.nr)).all()
        versions = s.execute(select(Child.nr, Carer.nr, Placement.beginn, Placement.ende, PlacementVersion.gueltig_ab,
                                    PlacementVersion.wochenstunden, PlacementVersion.randzeitstunden,
                                    PlacementVersion.uebernachtungen, PlacementVersion.zeitplan)
                             .join(Placement, Placement.id == PlacementVersion.placement_id)
                             .join(Child, Child.id == Placement.child_id).join(Carer, Carer.id == Placement.carer_id)
                             .order_by(Child.nr, Placement.beginn, PlacementVersion.gueltig_ab)).all()
    return carers, kids, versions
