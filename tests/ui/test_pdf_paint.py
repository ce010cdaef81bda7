"""Vector painting of PDF pages (ui/pdf_paint.py, issue 14.3): text in the letters' fonts stays
text, other fonts become their outlines, paths stay paths, images are drawn — compared with
PDFium's own rendering of the original."""

from io import BytesIO

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from kitadesk.reports.fonts import REGULAR, register_fonts
from kitadesk.ui.printing import print_pdf


class _Control:
    cancelled = False

    def progress(self, done, total):
        pass

    def check(self):
        pass


def _sample() -> bytes:
    register_fonts()
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont(REGULAR, 14)
    c.drawString(72, 760, "Bescheid über Förderung")
    c.setFont("Helvetica-Bold", 20)
    c.drawString(72, 700, "UMRISS")
    c.setFillColorRGB(0.8, 0.1, 0.1)
    c.rect(72, 600, 200, 50, fill=1, stroke=1)
    c.setLineWidth(2)
    c.line(72, 580, 500, 560)
    image = Image.new("RGB", (40, 20), (20, 90, 200))
    c.drawImage(ImageReader(image), 320, 600, 80, 40)
    c.showPage()
    c.save()
    return out.getvalue()


def _gray(pdf: bytes):
    page = pdfium.PdfDocument(pdf)[0]
    return page.render(scale=1).to_pil().convert("L")


def test_painted_page_matches_the_original_and_keeps_text_as_text(qapp, tmp_path):
    pdf = _sample()
    out = tmp_path / "vektor.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert print_pdf(_Control(), pdf, printer) == 1
    printed = out.read_bytes()
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Bescheid" in text and "Förderung" in text  # the DejaVu text stays text
    assert "UMRISS" not in text  # Helvetica is not in Qt: drawn as its outlines
    original, painted = _gray(pdf), _gray(printed).resize(_gray(pdf).size)
    assert ImageStat.Stat(ImageChops.difference(original, painted)).mean[0] < 3  # same picture
    assert painted.crop((72, 842 - 720, 200, 842 - 690)).getextrema()[0] < 100  # UMRISS: ink there
    for box in ((90, 842 - 645, 250, 842 - 605), (330, 842 - 635, 390, 842 - 605)):  # red box, blue image
        assert 60 < ImageStat.Stat(painted.crop(box)).mean[0] < 100
    assert len(printed) < 60_000


def test_a_page_with_a_shading_is_drawn_from_a_bitmap_at_printer_resolution(qapp, tmp_path):
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.linearGradient(100, 500, 400, 700, ((1, 0, 0), (0, 0, 1)), extend=False)
    c.showPage()
    c.save()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "raster.pdf"))
    assert print_pdf(_Control(), out.getvalue(), printer) == 1
    page = PdfReader(tmp_path / "raster.pdf").pages[0]
    assert page.images and page.images[0].image.width >= 2400  # ≥ 300 dpi across A4
