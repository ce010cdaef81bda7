"""`kitadesk bescheide` and `kitadesk jahresbescheinigung` (interfaces.md §2): exit codes and files."""

from pypdf import PdfReader

from kitadesk.cli import main
from kitadesk.models import User
from tests.letters.scenario import USER, finalize_month, seed
from tests.ops.payout_helpers import allow_month_gaps


def _cli(store, *args) -> int:
    return main(["--db", store.url, "--user", USER, *args])


def test_bescheide_writes_one_pdf_per_letter_and_the_print_file(sqlite_store, tmp_path, capsys):
    seed(sqlite_store)
    finalize_month(sqlite_store, 2026, 4)
    out = tmp_path / "briefe"
    assert _cli(sqlite_store, "bescheide", "2026-04", "--kind", "carer", "--out", str(out)) == 0
    assert sorted(p.name for p in out.iterdir()) == ["0001_tpp_2026-04_A.pdf", "Druckdatei_2026-04_carer.pdf"]
    assert _cli(sqlite_store, "bescheide", "2026-04", "--out", str(out)) == 0
    printed = capsys.readouterr().out
    assert "Bescheide 04/2026: 2 erstellt und archiviert" in printed and "Bescheid Eltern: 2" in printed
    assert "Bereits im Archiv (übersprungen): 1" in printed
    assert len(PdfReader(out / "Druckdatei_2026-04.pdf").pages) == 4  # two letters of two pages
    assert _cli(sqlite_store, "bescheide", "2026-04", "--out", str(out)) == 0
    assert "Keine neuen Briefe." in capsys.readouterr().out


def test_bescheide_usage_and_user_errors(sqlite_store, tmp_path, capsys):
    seed(sqlite_store)
    assert _cli(sqlite_store, "bescheide", "2026-13") == 2
    assert _cli(sqlite_store, "bescheide", "2026-04", "--kind", "alle") == 2
    with sqlite_store.session() as s:
        s.add(User(login="leitung", name="Leitung", rolle="Leitung"))
        s.commit()
    assert _cli(sqlite_store, "bescheide", "2026-04", "--out", str(tmp_path)) == 1  # USER is not a user now
    assert "nicht angelegt" in capsys.readouterr().err


def test_bescheide_without_finalized_run_says_so(sqlite_store, tmp_path, capsys):
    seed(sqlite_store)
    assert _cli(sqlite_store, "bescheide", "2026-04", "--kind", "carer", "--out", str(tmp_path / "x")) == 0
    printed = capsys.readouterr().out
    assert "noch keinen Auszahlungslauf" in printed and "Keine neuen Briefe." in printed
    assert not (tmp_path / "x").exists()


def test_jahresbescheinigung_refused_until_december_then_written(sqlite_store, tmp_path, capsys):
    seed(sqlite_store)
    finalize_month(sqlite_store, 2026, 4)
    out = tmp_path / "jahr"
    assert _cli(sqlite_store, "jahresbescheinigung", "2026", "--out", str(out)) == 1
    assert "12/2026 fehlt" in capsys.readouterr().err
    allow_month_gaps(sqlite_store)  # December right after April
    finalize_month(sqlite_store, 2026, 12)
    assert _cli(sqlite_store, "jahresbescheinigung", "2026", "--out", str(out)) == 0
    assert sorted(p.name for p in out.iterdir()) == ["0001_jahr_2026_A.pdf", "Druckdatei_2026.pdf"]
    assert "Jahresbescheinigung: 1" in capsys.readouterr().out
    assert _cli(sqlite_store, "jahresbescheinigung", "26") == 2
