"""The one xlsx cell writer (reports/cells.py, issue 18 item 7) and formula neutralisation
(issue 15 item 9): Excel's limits, escaping, sheet names, text never a formula."""

import zipfile
from datetime import UTC, datetime
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kitadesk.importer.xlsx import Workbook as ImportReader
from kitadesk.reports.cells import (
    MAX_CELL_TEXT,
    TextTooLong,
    clean_text,
    csv_text,
    sheet_name,
    xlsx_unescape,
)
from kitadesk.reports.errors import ReportError
from kitadesk.reports.xlsx_style import MONEY, TEXT, Column, FinanceWorkbook

COLUMNS = (Column("Nr"), Column("Text"), Column("Betrag", MONEY))


def _write(path, texts, columns=COLUMNS):
    with FinanceWorkbook(path) as wb:
        wb.add_table("Daten", columns, [(f"T{i}", t, Decimal("-1.50")) for i, t in enumerate(texts)])
    return path


def _read_texts(path) -> list:
    ws = openpyxl.load_workbook(path)["Daten"]
    return [row[1] for row in ws.iter_rows(min_row=2, values_only=True) if row[0] != "Summe"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=8))
@example(["\x1f", "\ufffe", " _x0041_ ", "\r", "\ud800x", "=1+1", "\U0001F600"])
def test_r_x2_random_unicode_reads_back_as_the_sanitised_text(tmp_path, texts):
    path = _write(tmp_path / "zufall.xlsx", texts)
    expected = [clean_text(t) or None for t in texts]
    assert [None if v is None else xlsx_unescape(v) for v in _read_texts(path)] == expected
    rows = ImportReader(path)  # the importer's reader resolves the escapes itself
    part = dict(rows.sheets)["Daten"]
    read = [r[1][1] if len(r[1]) > 1 else None for r in rows.rows(part)][1:len(texts) + 1]
    rows.close()
    assert read == expected


def test_r_x2_control_characters_and_noncharacters_are_removed(tmp_path):
    path = _write(tmp_path / "steuer.xlsx", ["Mei\x00er\ufffe\uffff\x1b", "Zeile 1\nZeile 2\tTab\r\nCR", "\x1f"])
    assert _read_texts(path) == ["Meier", "Zeile 1\nZeile 2\tTab\r\nCR", None]  # nothing left: empty cell
    assert openpyxl.load_workbook(path)  # opens at all (U+FFFE made files unreadable)


def test_r_x2_escape_like_sequences_are_written_escaped(tmp_path):
    path = _write(tmp_path / "escape.xlsx", ["_x0000_ und _x0041_", "a_x005F_b"])
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "_x005F_x0000_ und _x005F_x0041_" in sheet  # Excel shows the literal text
    assert [xlsx_unescape(v) for v in _read_texts(path)] == ["_x0000_ und _x0041_", "a_x005F_b"]


def test_r_x2_text_over_32767_characters_is_refused_naming_the_record(tmp_path):
    target = tmp_path / "lang.xlsx"
    _write(target, ["x" * MAX_CELL_TEXT])  # exactly the limit is fine
    with pytest.raises(TextTooLong) as refused:
        _write(tmp_path / "zu-lang.xlsx", ["kurz", "y" * (MAX_CELL_TEXT + 1)])
    message = str(refused.value)
    assert "Blatt „Daten“, Zeile 3, Spalte „Text“ (Datensatz T1)" in message
    assert "32.768 Zeichen" in message and "32.767" in message
    assert not (tmp_path / "zu-lang.xlsx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lang.xlsx"]  # no temporary file left


def test_r_x2_sheet_names_unique_case_insensitively_and_valid(tmp_path):
    assert sheet_name("Notizen", ["notizen"]) == "Notizen (2)"
    assert sheet_name("a/b:c*d?e[f]g\\h") == "a_b_c_d_e_f_g_h"
    long = sheet_name("Ä" * 40, ["Ä" * 31])
    assert len(long) <= 31 and long.endswith("(2)")
    assert sheet_name("'x'") == "x"
    wb = FinanceWorkbook(tmp_path / "blatt.xlsx")
    wb.add_table("Daten", COLUMNS, [])
    with pytest.raises(ReportError, match="gibt es schon"):
        wb.add_table("DATEN", COLUMNS, [])
    with pytest.raises(ReportError, match="Ungültiger Blattname"):
        wb.add_table("a/b", COLUMNS, [])
    wb.discard()
    assert list(tmp_path.iterdir()) == []


def test_r_x2_aware_datetimes_are_written_in_local_time_without_zone(tmp_path):
    moment = datetime(2026, 4, 1, 10, 30, tzinfo=UTC)
    path = tmp_path / "zeit.xlsx"
    with FinanceWorkbook(path) as wb:
        wb.add_table("Daten", (Column("Zeit", TEXT),), [(moment,)], totals=False)
    value = openpyxl.load_workbook(path)["Daten"]["A2"].value
    assert value == moment.astimezone().replace(tzinfo=None)


FORMULAS = ["=HYPERLINK(\"http://x\";\"klick\")", "+49 2841 201", "-1+1", "@SUM(A1)", "\tTab", "\rCR"]


def test_r_x3_formula_like_text_is_a_string_cell_and_negative_numbers_stay_numbers(tmp_path):
    path = _write(tmp_path / "formel.xlsx", FORMULAS)
    ws = openpyxl.load_workbook(path)["Daten"]
    for r in range(2, 2 + len(FORMULAS)):
        assert ws.cell(r, 2).data_type == "s"
        assert ws.cell(r, 3).data_type == "n" and ws.cell(r, 3).value == -1.5
    with zipfile.ZipFile(path) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()


def test_r_x3_csv_text_gets_an_apostrophe_before_formula_characters():
    assert [csv_text(t) for t in FORMULAS] == ["'" + t for t in FORMULAS]
    assert csv_text("Meier") == "Meier" and csv_text("") == ""
    assert csv_text("a=b") == "a=b"
