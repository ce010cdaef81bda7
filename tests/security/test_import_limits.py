"""Issue 18 item 8: crafted workbooks cannot stall or flood the import. Before: 60 million
shared strings in a 2.6 MB file ran > 5 min, 2 MB of compressed whitespace took 2.1 GB. Now
declared and actually unpacked sizes, shared strings, cells and rows are bounded: a German
message, quickly, with little memory — the files here are crafted small."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kitadesk.errors import InputError
from kitadesk.importer import xlsx
from kitadesk.importer.problems import Problems
from kitadesk.importer.reader import read_workbook
from tests.security.desks import ROOT

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _book(path: Path, sheet_chunks, strings_chunks=()) -> Path:
    """A minimal workbook: one sheet "Tagespflegepersonen" (its XML written chunk by chunk,
    deflated) and optionally a sharedStrings part."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                   f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook {NS} {R_NS}><sheets><sheet name="Tagespflegepersonen" '
                   'sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">'
                   f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                   '</Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for chunk in sheet_chunks:
                fh.write(chunk)
        if strings_chunks:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
                for chunk in strings_chunks:
                    fh.write(chunk)
    return path


def _sheet(body_chunks):
    yield f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Nr</t></is></c></row>'.encode()
    yield from body_chunks
    yield b"</sheetData></worksheet>"


def _whitespace(megabytes: int):
    block = b" " * (1 << 20)
    yield b'<row r="2"><c r="A2" t="inlineStr"><is><t>'
    for _ in range(megabytes):
        yield block
    yield b"</t></is></c></row>"


def _refused(path: Path) -> str:
    # refused before parsing: the messages name the declared size / row count (no timing: CI flakes)
    with pytest.raises(InputError) as refused:
        read_workbook(path, Problems())
    return str(refused.value)


def test_issue18_whitespace_bomb_is_refused_by_its_declared_size(tmp_path):
    path = _book(tmp_path / "bombe.xlsx", _sheet(_whitespace(260)))
    assert path.stat().st_size < 2_000_000  # 260 MB of whitespace packed small
    message = _refused(path)
    assert "zu groß für einen Import" in message and "200 MB" in message


def _lie_about_sizes(path: Path, member: str, size: int) -> None:
    """Rewrite the member's declared uncompressed size (local header and central directory)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    name = member.encode()
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        start = 0
        while (at := data.find(sig, start)) >= 0:
            start = at + 4
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] != name:
                continue
            size_at = at + (22 if sig == b"PK\x03\x04" else 24)
            if int.from_bytes(data[size_at:size_at + 4], "little") == 0xFFFFFFFF:  # zip64: extra field
                extra_at = name_at + len(name)
                extra = data[extra_at:extra_at + 32]
                pos = extra.find(b"\x01\x00")
                data[extra_at + pos + 4:extra_at + pos + 12] = size.to_bytes(8, "little")
            else:
                data[size_at:size_at + 4] = size.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert info.file_size != size


def test_issue18_a_member_that_unpacks_more_than_it_declares_is_refused(tmp_path):
    path = _book(tmp_path / "luege.xlsx", _sheet(_whitespace(230)))
    _lie_about_sizes(path, "xl/worksheets/sheet1.xml", 4096)
    with zipfile.ZipFile(path) as z:
        assert sum(i.file_size for i in z.infolist()) < 10_000  # declared: tiny
    message = _refused(path)
    assert "zu groß" in message or "beschädigt" in message or "keine lesbare" in message


def test_issue18_actual_unpacked_bytes_are_counted(tmp_path, monkeypatch):
    """Whatever the header declares, the bytes actually unpacked are counted against the limit."""
    path = _book(tmp_path / "gross.xlsx", _sheet(_whitespace(3)))
    monkeypatch.setattr(xlsx.Workbook, "_check_sizes", lambda self: None)  # as if the declaration lied
    monkeypatch.setattr(xlsx, "MAX_UNCOMPRESSED", 2 * 1024 * 1024)
    assert "entpackt mehr als 2 MB" in _refused(path)


def test_issue18_more_than_a_million_shared_strings_are_refused(tmp_path):
    count = xlsx.MAX_SHARED_STRINGS + 10
    strings = [f'<sst {NS} count="{count}">'.encode(),
               *(b"<si><t>x</t></si>" * 100_000 for _ in range(count // 100_000 + 1)), b"</sst>"]
    path = _book(tmp_path / "texte.xlsx", _sheet([]), strings)
    assert path.stat().st_size < 1_000_000
    assert "mehr als 1.000.000 Texte" in _refused(path)


def test_issue18_more_than_a_million_cells_are_refused(tmp_path):
    row = "".join(f'<c r="{c}{{n}}"><v>1</v></c>' for c in "ABCDEFGHIJ")
    body = ("".join(f'<row r="{n}">{row.format(n=n)}</row>' for n in range(start, start + 10_000)).encode()
            for start in range(2, 110_010, 10_000))
    assert "mehr als 1.000.000 Zellen" in _refused(_book(tmp_path / "zellen.xlsx", _sheet(body)))


def test_issue18_more_than_a_million_rows_are_refused_even_empty_ones(tmp_path):
    body = (b"<row/>" * 100_000 for _ in range(11))
    assert "mehr als 1.000.000 Zeilen" in _refused(_book(tmp_path / "zeilen.xlsx", _sheet(body)))


def test_issue18_the_cli_refuses_the_bomb_with_little_memory(sqlite_store, tmp_path):
    path = _book(tmp_path / "bombe.xlsx", _sheet(_whitespace(260)))
    probe = ("import json, resource, subprocess, sys; "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(json.dumps([p.returncode, p.stderr, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024]))")
    db = sqlite_store.url
    out = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "kitadesk", "--db", db, "--user", "x",
                          "import", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    code, stderr, peak_mb = json.loads(out.stdout)
    assert code == 1 and "zu groß für einen Import" in stderr and "Traceback" not in stderr
    assert peak_mb < 400, peak_mb  # never unpacked (the time is bench work, not a test's)
