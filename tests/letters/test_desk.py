"""Letters per desk (issue 14.3, R-V3, R-V5): due list of one SRT, producing only the chosen
letters, the archive by SRT/kind/period, print bundles of archived bytes, `bescheide --srt`."""

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from kitadesk.cli import main
from kitadesk.errors import InputError
from kitadesk.ops.letters import reprint
from kitadesk.ops.letters.desk import archive_rows, due_for_desk, print_bundle, produce_chosen
from tests.letters.desks import OST, seed_desks
from tests.letters.pdftext import flat, pdf_text
from tests.letters.scenario import finalize_month
from tests.ops.payout_helpers import allow_month_gaps

TODAY = date(2026, 4, 28)


def test_r_v5_due_list_of_one_desk_and_one_kind(store):
    seed_desks(store)
    everything = due_for_desk(store, "test", 2026, 4)
    assert sorted(d.srt for d in everything.letters) == ["Mitte/Süd", "Mitte/Süd", "Ost"]
    ost = due_for_desk(store, OST, 2026, 4, srt="Ost")
    assert [(d.art, d.srt) for d in ost.letters] == [("eltern", "Ost")]
    assert [d.art for d in due_for_desk(store, "test", 2026, 4, "Mitte/Süd", "tpp").letters] == ["tpp"]
    assert due_for_desk(store, "test", 2026, 4, kind="ablehnung").letters == ()
    with pytest.raises(InputError, match="Unbekanntes SRT „Süd“"):
        due_for_desk(store, "test", 2026, 4, srt="Süd")


def test_r_v3_produce_chosen_archives_only_the_chosen_letters(store):
    seed_desks(store)
    due = due_for_desk(store, "test", 2026, 4)
    carer = next(d for d in due.letters if d.art == "tpp")
    result = produce_chosen(store, OST, 2026, 4, [carer.key], today=TODAY)
    assert [a.art for a in result.letters] == ["tpp"] and len(archive_rows(store, "test")) == 1
    assert PdfReader(BytesIO(result.combined)).pages  # the print file of the one letter
    again = produce_chosen(store, OST, 2026, 4, [carer.key], today=TODAY)  # another desk was quicker
    assert again.letters == () and again.skipped[0].archived_id == result.letters[0].id
    with pytest.raises(InputError, match="mindestens einen Brief"):
        produce_chosen(store, OST, 2026, 4, [], today=TODAY)
    rest = [d.key for d in due_for_desk(store, OST, 2026, 4, srt="Ost").ready]
    assert [a.art for a in produce_chosen(store, OST, 2026, 4, rest, today=TODAY).letters] == ["eltern"]
    assert len(archive_rows(store, "test")) == 2


def test_r_v3_archive_by_desk_kind_period_and_search_and_reprint_bundle(store):
    seed_desks(store)
    keys = [d.key for d in due_for_desk(store, "test", 2026, 4).ready]
    produce_chosen(store, "test", 2026, 4, keys, today=TODAY)
    assert len(archive_rows(store, "test")) == 3
    ost = archive_rows(store, OST, srt="Ost")
    assert [(a.art, a.aktenzeichen.split("-")[1]) for a in ost] == [("eltern", "O")]
    assert len(archive_rows(store, "test", srt="Mitte/Süd")) == 2
    assert [a.art for a in archive_rows(store, "test", art="tpp")] == ["tpp"]
    assert len(archive_rows(store, "test", period="2026-04")) == 3 == len(archive_rows(store, "test", period="2026"))
    assert archive_rows(store, "test", period="2026-05") == []
    assert len(archive_rows(store, "test", search="Sonnenschein")) == 1
    one = ost[0]
    assert print_bundle(store, OST, [one.id]) == reprint(store, OST, one.id)  # R-V3: identical bytes
    every = archive_rows(store, "test")
    bundle = print_bundle(store, "test", [a.id for a in every])
    assert len(PdfReader(BytesIO(bundle)).pages) == 6
    assert "Sonnenschein" in flat(pdf_text(bundle))
    with pytest.raises(InputError, match="mindestens einen Brief"):
        print_bundle(store, "test", [])


def test_bescheide_cli_srt_makes_only_that_desks_letters(sqlite_store, tmp_path, capsys):
    seed_desks(sqlite_store)
    out = tmp_path / "ost"
    assert main(["--db", sqlite_store.url, "--user", OST, "bescheide", "2026-04", "--srt", "Ost",
                 "--out", str(out)]) == 0
    assert "Bescheide 04/2026: 1 erstellt und archiviert" in capsys.readouterr().out
    assert [a.art for a in archive_rows(sqlite_store, "test")] == ["eltern"]
    assert sorted(p.name for p in out.iterdir())[-1] == "Druckdatei_2026-04_auswahl.pdf"
    assert main(["--db", sqlite_store.url, "--user", OST, "bescheide", "2026-04", "--srt", "Ost"]) == 0
    assert "Keine neuen Briefe." in capsys.readouterr().out
    assert main(["--db", sqlite_store.url, "--user", OST, "bescheide", "2026-04", "--srt", "Süden"]) == 2


def test_r_v5_jahresbescheinigung_chosen_per_desk(store):
    seed_desks(store)
    allow_month_gaps(store)  # December right after April (abschluss_lueckenlos = nein)
    finalize_month(store, 2026, 12)
    due = due_for_desk(store, "test", 2026, None, srt="Mitte/Süd", kind="jahr")
    assert [d.art for d in due.letters] == ["jahr"]
    assert due_for_desk(store, OST, 2026, None, srt="Ost").letters == ()  # carer A works for Mitte/Süd
    result = produce_chosen(store, "test", 2026, None, [due.letters[0].key], today=date(2027, 1, 5))
    assert [a.art for a in result.letters] == ["jahr"]
    assert [a.art for a in archive_rows(store, "test", art="jahr", period="2026")] == ["jahr"]
