"""Print file and preview helpers: concatenate PDFs (pypdf), render a page to PNG (pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

from kitadesk.reports.errors import ReportError


def combine(pdfs: list[bytes]) -> bytes:
    """One print file from many letters, in the given order (deterministic: same input, same bytes)."""
    from pypdf import PdfReader, PdfWriter

    if not pdfs:
        raise ReportError("Druckdatei: es wurden keine Briefe übergeben.")
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(BytesIO(pdf)))
    writer.add_metadata({"/Producer": "KitaDesk", "/Title": f"Druckdatei ({len(pdfs)} Briefe)"})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def render_page_png(pdf: bytes, page: int = 1, dpi: int = 70) -> bytes:
    """PNG of one page (1-based) for previews; needs Poppler's pdftoppm (optional on office PCs)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ReportError("Vorschau nicht möglich: das Programm pdftoppm (Poppler) ist nicht installiert.")
    with tempfile.TemporaryDirectory(prefix="kitadesk-preview-") as tmp:
        src = Path(tmp) / "letter.pdf"
        src.write_bytes(pdf)
        out = Path(tmp) / "page"
        result = subprocess.run(
            [exe, "-f", str(page), "-l", str(page), "-r", str(dpi), "-png", "-singlefile", str(src), str(out)],
            capture_output=True, text=True, timeout=60,
        )
        png = out.with_suffix(".png")
        if result.returncode != 0 or not png.exists():
            raise ReportError(f"Vorschau von Seite {page} fehlgeschlagen: {result.stderr.strip() or 'keine Ausgabe'}")
        return png.read_bytes()
