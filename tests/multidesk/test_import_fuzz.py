"""Fuzzing the import (interfaces.md §3, issue 8): malformed workbooks — wrong types, huge
numbers, formulas, empty or unknown sheets, 100,000 rows, broken zip files — always give
kitadesk.errors.InputError with a German message, never another exception, and leave the
database unchanged."""

import importlib.util
import io
import zipfile
import zlib
from datetime import date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kitadesk.errors import InputError
from tests.multidesk.dumping import dump

pytestmark = pytest.mark.skipif(importlib.util.find_spec("kitadesk.ops.import_") is None,
                                reason="kitadesk.ops.import_ fehlt noch (Import wird von einem anderen Teilprojekt "
                                       "geschrieben)")

if importlib.util.find_spec("kitadesk.ops.import_") is not None:
    from kitadesk.importer.schema import SHEETS
    from kitadesk.ops.import_ import import_workbook
else:  # pragma: no cover
    SHEETS = ()

CARERS = SHEETS[0] if SHEETS else None
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
GERMAN = ("Blatt", "Datei", "Zeile", "Spalte", "Import", "Arbeitsmappe", "fehlt", "nicht")

cell_values = st.one_of(
    st.none(),
    st.text(max_size=40).map(lambda s: "".join(ch for ch in s if ch >= " " and not "\ud800" <= ch <= "\udfff")),
    st.integers(min_value=-(10 ** 20), max_value=10 ** 20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 1e-300, 2 ** 63, 10 ** 15 + 0.5, 0.1 + 0.2]),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.times(),
    st.sampled_from(["=1/0", "=SUM(A1:A3)", "=A2", "=NA()", '=HYPERLINK("http://x","y")', "=TODAY()",
                     "31.02.2026", "2026-13-01", "12,5,3", "1.234,56", "ja ", "NEIN", "Mo 25:00-26:00",
                     "DE00 0000", "x" * 5000, "\u00a0", "'0123"]),
)


@st.composite
def sheets(draw, exclude: str | None):
    """A random sheet: a known or unknown name, a random choice of known and unknown columns,
    random rows (maybe none, maybe empty)."""
    known = [s for s in SHEETS if s.name != exclude]
    sheet = draw(st.sampled_from(known)) if known else None
    name = draw(st.one_of(st.just(sheet.name), st.sampled_from(["Tabelle1", "Kinder ", "kinder", "Sheet"])))
    columns = draw(st.lists(st.sampled_from([c.name for c in sheet.columns] + ["Unbekannt", "", "Nr"]),
                            max_size=12))
    rows = draw(st.lists(st.lists(cell_values, min_size=0, max_size=len(columns) + 2), max_size=6))
    return name, columns, rows


@st.composite
def malformed_workbooks(draw) -> bytes:
    """Always the carers sheet with every column and one row whose birth date is no date
    (so the workbook is surely malformed), plus random rows and random other sheets."""
    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet(CARERS.name)
    headers = [c.name for c in CARERS.columns]
    ws.append(headers)
    bad = [draw(cell_values) for _ in headers]
    bad[headers.index("Geburtsdatum")] = "32.13.2020"
    ws.append(bad)
    for row in draw(st.lists(st.lists(cell_values, min_size=len(headers), max_size=len(headers)), max_size=5)):
        ws.append(row)
    used = {CARERS.name}
    for name, columns, rows in draw(st.lists(sheets(CARERS.name), max_size=4)):
        if name in used:
            continue
        used.add(name)
        other = wb.create_sheet(name)
        if columns:
            other.append(columns)
        for row in rows:
            other.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _assert_refused(store, path, before):
    with pytest.raises(InputError) as refused:
        import_workbook(store, path, "fuzz")
    message = str(refused.value)
    assert message and any(word in message for word in GERMAN), message
    assert dump(store) == before


@pytest.fixture
def before(sqlite_store):
    return dump(sqlite_store)


@FUZZ
@given(data=malformed_workbooks())
def test_malformed_workbook_is_refused_with_input_error(sqlite_store, before, tmp_path, data):
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(data)
    _assert_refused(sqlite_store, path, before)


@FUZZ
@given(data=malformed_workbooks(), cut=st.floats(min_value=0.0, max_value=0.999),
       flips=st.lists(st.tuples(st.floats(min_value=0, max_value=0.999), st.integers(1, 255)), max_size=6))
def test_broken_zip_is_refused_with_input_error(sqlite_store, before, tmp_path, data, cut, flips):
    raw = bytearray(data)
    for where, xor in flips:
        raw[int(where * len(raw))] ^= xor
    if flips:
        path = tmp_path / "bitfehler.xlsx"
        path.write_bytes(bytes(raw))
    else:
        path = tmp_path / "abgeschnitten.xlsx"
        path.write_bytes(bytes(raw[: int(cut * len(raw))]))
    _assert_refused(sqlite_store, path, before)


def _with_damaged_member(member: str, extra_sheet: bool) -> bytes:
    """A valid workbook whose `member` has a damaged deflate stream (the zip directory intact)."""
    wb = Workbook()
    wb.active.title = "Tagespflegepersonen"
    wb.active.append(["Nr"])
    if extra_sheet:
        wb.create_sheet("Tabelle1").append(["x"] * 50)
    buf = io.BytesIO()
    wb.save(buf)
    raw = buf.getvalue()
    info = zipfile.ZipFile(io.BytesIO(raw)).getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 2, start + info.compress_size):
        for xor in (0x55, 0xFF, 0x0F):
            broken = bytearray(raw)
            broken[offset] ^= xor
            try:
                zipfile.ZipFile(io.BytesIO(bytes(broken))).read(member)
            except zlib.error:
                return bytes(broken)
            except Exception:  # noqa: BLE001 — CRC errors etc. are handled already; look on
                pass
    raise AssertionError("no damaging byte found")


def test_damaged_deflate_stream(sqlite_store, before, tmp_path):
    path = tmp_path / "deflate.xlsx"
    path.write_bytes(_with_damaged_member("xl/workbook.xml", extra_sheet=False))
    _assert_refused(sqlite_store, path, before)


@pytest.mark.parametrize("content", [b"", b"kein Excel", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)])
def test_not_a_workbook(sqlite_store, before, tmp_path, content):
    path = tmp_path / "falsch.xlsx"
    path.write_bytes(content)
    _assert_refused(sqlite_store, path, before)


def test_workbook_without_sheets_content(sqlite_store, before, tmp_path):
    wb = Workbook()
    wb.save(tmp_path / "leer.xlsx")
    _assert_refused(sqlite_store, tmp_path / "leer.xlsx", before)
    wb = Workbook()
    for sheet in SHEETS:
        wb.create_sheet(sheet.name)  # every sheet, not even a header row
    wb.save(tmp_path / "ohne_kopf.xlsx")
    _assert_refused(sqlite_store, tmp_path / "ohne_kopf.xlsx", before)


def test_zip_with_wrong_content(sqlite_store, before, tmp_path):
    path = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<kaputt")
        z.writestr("xl/workbook.xml", "nicht einmal XML")
    _assert_refused(sqlite_store, path, before)


def test_hundred_thousand_rows(sqlite_store, before, tmp_path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(CARERS.name)
    headers = [c.name for c in CARERS.columns]
    ws.append(headers)
    for i in range(100_000):
        ws.append([f"T{i}", "Name", "Vorname", "kein Datum" if i % 1000 == 0 else date(1980, 1, 1)]
                  + [None] * (len(headers) - 4))
    ws2 = wb.create_sheet("Fortbildungen")
    ws2.append(["TPP_Nr", "Datum", "Titel", "Stunden"])
    ws2.append(["T1", time(12, 0), "=1/0", 10 ** 30])
    wb.save(tmp_path / "gross.xlsx")
    _assert_refused(sqlite_store, tmp_path / "gross.xlsx", before)
