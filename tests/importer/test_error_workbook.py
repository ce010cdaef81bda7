"""Fehlerliste (issue 19.2): `write_error_workbook` marks every problem cell light red with its
message as a comment, a problem without a cell marks the header / the row's first cell, and a
first sheet `Probleme` lists Blatt, Zeile, Spalte, Meldung — for an xlsx source and for rows (CSV)."""

from openpyxl import load_workbook

from kitadesk.cli import main
from kitadesk.importer.problems import Problem
from kitadesk.reports.error_workbook import PROBLEM_SHEET, write_error_workbook
from tests.importer.book import CHILD, small_book


def _fill(cell) -> str:
    return cell.fill.fgColor.rgb[-6:] if cell.fill and cell.fill.fill_type == "solid" else ""


def test_error_workbook_from_xlsx_marks_cells_and_lists_problems(tmp_path):
    book = small_book(tmp_path)
    row = book.add("Kinder", **{**CHILD, "Nr": "K3", "Geburtsdatum": "31.02.2025"})
    source = book.save()
    problems = [Problem("Kinder", row, "Geburtsdatum", "ist kein gültiges Datum."),
                Problem("Kinder", row, "Geburtsdatum", "liegt nach dem Antrag."),
                Problem("Kinder", row, "–", "Zeile doppelt."),
                Problem("Tagespflegepersonen", "–", "Bemerkung", "Spalte fehlt."),
                Problem("Sätze", "–", "Stundensatz_Basis", "Tabelle unvollständig."),
                Problem("Gibt_es_nicht", "–", "–", "Blatt fehlt.")]
    target = write_error_workbook(source, problems, tmp_path / "fehler.xlsx")
    wb = load_workbook(target)
    assert wb.sheetnames[0] == PROBLEM_SHEET and wb.active.title == PROBLEM_SHEET
    listed = [tuple(c.value for c in r) for r in wb[PROBLEM_SHEET].iter_rows(min_row=2)]
    assert listed[0] == ("Kinder", row, "Geburtsdatum", "ist kein gültiges Datum.")
    assert ("Gibt_es_nicht", None, "–", "Blatt fehlt.") in listed and len(listed) == 6
    kinder = wb["Kinder"]
    header = {c.value: c.column for c in kinder[1]}
    cell = kinder.cell(row, header["Geburtsdatum"])
    assert cell.value == "31.02.2025" and _fill(cell) == "FFC7CE"
    assert "ist kein gültiges Datum." in cell.comment.text and "liegt nach dem Antrag." in cell.comment.text
    first = kinder.cell(row, 1)
    assert _fill(first) == "FFC7CE" and "Zeile doppelt." in first.comment.text
    assert _fill(kinder.cell(row, header["Nachname"])) == ""  # only the problem cells
    tpp = wb["Tagespflegepersonen"]
    note = tpp.cell(1, 1).comment.text  # a column not in the header marks its first cell, the template note stays
    assert note.startswith("Spalte fehlt.") and "Nummer der Tagespflegeperson" in note
    saetze = wb["Sätze"]
    col = {c.value: c.column for c in saetze[1]}["Stundensatz_Basis"]
    assert "Tabelle unvollständig." in saetze.cell(1, col).comment.text  # a column without a row: its header
    assert wb[PROBLEM_SHEET].cell(2, 4).hyperlink.location is not None or wb[PROBLEM_SHEET].cell(2, 4).hyperlink


def test_error_workbook_from_rows_csv(tmp_path):
    rows = {"Liste": [["Nr", "Name", "Betrag"], ["1", "=HYPERLINK(\"x\")", "12,50"], ["2", "Berg", "abc"]]}
    problems = [Problem("Liste", 3, "Betrag", "ist keine Zahl."), Problem("Liste", "–", "Datum", "Spalte fehlt.")]
    wb = load_workbook(write_error_workbook(rows, problems, tmp_path / "csv-fehler.xlsx"))
    assert wb.sheetnames == [PROBLEM_SHEET, "Liste"]
    ws = wb["Liste"]
    assert ws["B2"].value == "=HYPERLINK(\"x\")" and ws["B2"].data_type == "s"  # text stays text
    assert _fill(ws["C3"]) == "FFC7CE" and ws["C3"].comment.text == "ist keine Zahl."
    assert ws["A1"].comment.text == "Spalte fehlt."


def test_cli_import_fehlerliste_written_when_check_fails(sqlite_store, tmp_path, capsys):
    book = small_book(tmp_path)
    row = book.add("Kinder", **{**CHILD, "Nr": "K3", "Geburtsdatum": "31.02.2025"})
    target = tmp_path / "liste" / "fehler.xlsx"
    args = ["--db", sqlite_store.url, "--user", "anna", "import", str(book.save()), "--fehlerliste", str(target)]
    assert main(args) == 1
    assert "Fehlerliste" in capsys.readouterr().err and target.exists()
    ws = load_workbook(target)["Kinder"]
    header = {c.value: c.column for c in ws[1]}
    assert ws.cell(row, header["Geburtsdatum"]).comment is not None
