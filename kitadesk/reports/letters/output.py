"""Print file and preview helpers: concatenate PDFs (pypdf), render pages to PNG (PDFium).

Pages are rendered with pypdfium2 (Google's PDFium, shipped in the wheel for Windows and
Linux): no external program on the office PC. PDFium is not thread-safe, so every use goes
through one lock (previews and printing run in worker threads).
"""

from __future__ import annotations

import threading
from io import BytesIO

from kitadesk.reports.errors import ReportError

_pdfium_lock = threading.Lock()


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
    """PNG of one page (1-based), for previews."""
    return render_pages_png(pdf, page, page, dpi)[0]


def render_pages_png(pdf: bytes, first: int, last: int, dpi: int = 200) -> list[bytes]:
    """PNG bytes of pages first..last (1-based, inclusive), e.g. for printing."""
    import pypdfium2 as pdfium

    with _pdfium_lock:
        try:
            doc = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as exc:
            raise ReportError(f"PDF kann nicht gelesen werden: {exc}") from exc
        try:
            if not 1 <= first <= last <= len(doc):
                raise ReportError(f"Seiten {first}–{last} gibt es nicht (das PDF hat {len(doc)} Seiten).")
            out = []
            for number in range(first, last + 1):
                page = doc[number - 1]
                image = page.render(scale=dpi / 72).to_pil()
                page.close()
                buffer = BytesIO()
                image.save(buffer, "PNG")
                out.append(buffer.getvalue())
            return out
        finally:
            doc.close()
