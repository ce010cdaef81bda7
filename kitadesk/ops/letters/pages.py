"""Print helper on our side of reports.letters: a fast print file for ReportLab letters (pypdf's
combine is too slow for the 1 January batch of ~1,000). The window prints vector pages
(ui/pdf_paint.py), no page images."""

from __future__ import annotations

import re

# --- print file -----------------------------------------------------------------------------------

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_REF = re.compile(rb"(\d+) 0 R\b")
_TRAILER_REF = re.compile(rb"/(Root|Info) (\d+) 0 R")


def _found(match: re.Match[bytes] | None) -> bytes:
    """Group 1 of a match ReportLab's output always has (a ValueError if the PDF is not ours)."""
    if match is None:
        raise ValueError("unerwarteter PDF-Aufbau")
    return match.group(1)


def _objects(pdf: bytes) -> tuple[dict[int, bytes], int, int]:
    """Objects of a classic-xref PDF (as ReportLab writes it): number → body after 'n 0 obj'."""
    start = int(_found(_STARTXREF.search(pdf[-80:])))
    head, sub, rest = pdf[start:].split(b"\n", 2)
    if head.strip() != b"xref":
        raise ValueError("no classic xref table")
    first, count = map(int, sub.split())
    rows = rest.split(b"\n", count)
    offsets = {first + i: int(row[:10]) for i, row in enumerate(rows[:count]) if row[17:18] == b"n"}
    trailer = dict((k, int(n)) for k, n in _TRAILER_REF.findall(rows[count]))
    bounds = sorted(offsets.values()) + [start]
    after = {off: bounds[i + 1] for i, off in enumerate(bounds[:-1])}
    objects = {}
    for number, off in offsets.items():
        body = pdf[off:after[off]].rstrip()
        header = b"%d 0 obj" % number
        if not body.startswith(header) or not body.endswith(b"endobj"):
            raise ValueError(f"object {number} not where the xref says")
        objects[number] = body[len(header):-len(b"endobj")]
    return objects, trailer[b"Root"], trailer[b"Info"]


def _renumber(body: bytes, base: int) -> bytes:
    cut = body.find(b"stream\n") if b"stream\n" in body else len(body)  # stream data stays as it is
    return _REF.sub(lambda m: b"%d 0 R" % (int(m.group(1)) + base), body[:cut]) + body[cut:]


def combine_fast(pdfs: list[bytes], title: str) -> bytes:
    """One print file from ReportLab letters by copying their objects (no re-parsing of content):
    each letter's page tree hangs under a new root. Deterministic; ~30× faster than pypdf on a
    1,000-letter batch. Raises ValueError for a PDF it does not understand (callers fall back to
    reports.letters.combine)."""
    out = [b"%PDF-1.4\n%\x93\x8c\x8b\x9e KitaDesk\n"]
    offsets: list[tuple[int, int]] = []
    size = len(out[0])
    kids, pages, body_objects = [], 0, []
    base = 3
    for pdf in pdfs:
        objects, root, _info = _objects(pdf)
        tree = int(_found(re.search(rb"/Pages (\d+) 0 R", objects[root])))
        pages += int(_found(re.search(rb"/Count (\d+)", objects[tree])))
        kids.append(tree + base)
        for number in sorted(objects):
            if number in (root, _info):
                continue
            body = _renumber(objects[number], base)
            if number == tree:
                body = body.replace(b"<<", b"<<\n/Parent 2 0 R", 1)
            body_objects.append((number + base, body))
        base += max(objects)
    text = title.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    head = [(1, b"\n<<\n/Lang (de-DE) /Pages 2 0 R /Type /Catalog\n>>\n"),
            (2, b"\n<<\n/Count %d /Kids [ %s ] /Type /Pages\n>>\n" % (pages, b" ".join(b"%d 0 R" % k for k in kids))),
            (3, b"\n<<\n/Producer (KitaDesk) /Title (%s)\n>>\n" % text)]
    numbered = dict(head + body_objects)
    last = base  # objects are numbered 1 … last
    for number in range(1, last + 1):
        if number not in numbered:
            continue
        body = numbered[number]
        chunk = b"%d 0 obj%sendobj\n" % (number, body)
        offsets.append((number, size))
        out.append(chunk)
        size += len(chunk)
    xref = [b"xref\n0 %d\n0000000000 65535 f \n" % (last + 1)]
    present = dict(offsets)
    for number in range(1, last + 1):
        xref.append(b"%010d 00000 n \n" % present[number] if number in present else b"0000000000 65535 f \n")
    out += xref
    out.append(b"trailer\n<<\n/Info 3 0 R /Root 1 0 R /Size %d\n>>\nstartxref\n%d\n%%%%EOF\n" % (last + 1, size))
    return b"".join(out)
