"""`kitadesk statistik YYYY-03-01 [--xlsx F] [--csv DIR]` (interfaces.md §2, R-S1) and the
exports of the office figures (R-S2): exit codes, sheets, CSV format, PDF."""

import csv

from kitadesk.cli import main
from kitadesk.ops.statistics import office, official
from kitadesk.reports.statistics import write_office_pdf, write_office_xlsx
from tests.reports.xlsx_read import assert_finance_style, header, load, records, total_row
from tests.statistics.factory import STICHTAG, generate


def url(store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def test_r_s1_cli_writes_workbook_and_csv(sqlite_store, tmp_path, capsys):
    generate(sqlite_store, children=60)
    stats = official(sqlite_store, "anna", STICHTAG)
    xlsx, folder = tmp_path / "statistik.xlsx", tmp_path / "csv"
    code = main(["--db", url(sqlite_store), "--user", "anna", "statistik", "2026-03-01", "--xlsx", str(xlsx),
                 "--csv", str(folder)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"Kinder: {len(stats.children)}, Tagespflegepersonen mit Kindern: {len(stats.carers)}" in out
    assert "Fehlende Angaben:" in out and "Hinweis: Der gesetzliche Stichtag" not in out
    wb = load(xlsx)
    assert wb.sheetnames[:3] == ["Kinder", "Tagespflegepersonen", "Fehlende Angaben"]
    assert_finance_style(wb["Kinder"])
    assert len(records(wb["Kinder"])) == len(stats.children)
    assert total_row(wb["Tagespflegepersonen"])["Anzahl Kinder"] == sum(c.kinder for c in stats.carers)
    assert [r["Nr"] for r in records(wb["Fehlende Angaben"])] == [m.nr for m in stats.missing]
    assert "Name" not in header(wb["Kinder"]) and "Name" in header(wb["Fehlende Angaben"])
    raw = (folder / "kinder.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with open(folder / "kinder.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0][:4] == ["Nr", "SRT", "TPP-Nr", "Geschlecht"] and len(rows) == len(stats.children) + 1
    assert {p.name for p in folder.iterdir()} == {"kinder.csv", "tagespflegepersonen.csv", "fehlende_angaben.csv"}


def test_r_s1_cli_exit_codes(sqlite_store, tmp_path, capsys):
    assert main(["--db", url(sqlite_store), "statistik", "31.02.2026"]) == 2
    assert "kein Datum" in capsys.readouterr().err
    assert main(["--db", url(sqlite_store), "statistik", "01.03.2026"]) == 0  # as the office writes it (issue 16)
    capsys.readouterr()
    assert main(["--db", url(sqlite_store), "statistik", "2026-03-02"]) == 0
    assert "gesetzliche Stichtag ist der 1. März" in capsys.readouterr().out
    created = tmp_path / "neu" / "x.xlsx"  # a missing folder is created (issue 16)
    assert main(["--db", url(sqlite_store), "statistik", "2026-03-01", "--xlsx", str(created)]) == 0
    assert created.exists()
    (tmp_path / "datei").write_text("")
    blocked = tmp_path / "datei" / "x.xlsx"  # a file where the folder should be: refused, nothing written
    assert main(["--db", url(sqlite_store), "statistik", "2026-03-01", "--xlsx", str(blocked)]) == 1
    err = capsys.readouterr().err
    assert "datei" in err and ".part" not in err and "kitadesk-" not in err


def test_r_s2_office_workbook_and_pdf(sqlite_store, tmp_path):
    generate(sqlite_store, children=60)
    fig = office(sqlite_store, "anna", STICHTAG, (2025, 4), (2026, 3))
    path = write_office_xlsx(fig.stock, fig.money, tmp_path / "zahlen.xlsx", "anna")
    wb = load(path)
    assert wb.sheetnames[:5] == ["Übersicht je SRT", "Altersgruppen", "Stundenbänder", "Auszahlung nach Position",
                                 "Auszahlung nach SRT"]
    overview = records(wb["Übersicht je SRT"])
    assert [r["SRT"] for r in overview] == ["Mitte/Süd", "Ost", "Nord"]
    assert total_row(wb["Übersicht je SRT"])["Kinder"] == fig.stock.total.kinder
    assert header(wb["Auszahlung nach Position"])[1:3] == ["Apr 2025", "Mai 2025"]
    assert header(wb["Auszahlung nach SRT"])[-3:] == ["Jahr 2025", "Jahr 2026", "Zeitraum"]
    pdf = write_office_pdf(fig.stock, fig.money, tmp_path / "zahlen.pdf", "anna")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5000
    assert not list(tmp_path.glob(".kitadesk-*"))  # written atomically


def test_r_s1_cli_refuses_unknown_user_with_exit_1(sqlite_store, capsys):
    from tests.support.factory import make_user

    with sqlite_store.session("admin") as s:
        make_user(s, "admin", "Admin")
        s.commit()
    assert main(["--db", url(sqlite_store), "--user", "fremd", "statistik", "2026-03-01"]) == 1
    assert "nicht angelegt" in capsys.readouterr().err
