"""Printing PDFs (letters) from the window: the print dialog, then the pages in the worker as
VECTORS (ui/pdf_paint.py), one page after the other — never a bitmap of all pages.

Printing uses the full sheet (no printer margins), so the address stays in the envelope window."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from kitadesk.errors import KitaDeskError
from kitadesk.ui.pdf_paint import open_pdf, paint_page

RASTER_DPI = 300  # pages that cannot be painted as vectors (shadings): a bitmap at 300 dpi (A4: 26 MB)


def ask_printer(parent: QWidget, title: str) -> QPrinter | None:
    """The system's print dialog on an A4 printer; None when the user cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_pdf(control, pdf: bytes, printer: QPrinter) -> int:
    """Task: paint every page of `pdf` onto `printer` (full sheet, vector); returns the number of
    pages. QPainter on a QPrinter may run in a worker thread; cancel is checked between pages."""
    printer.setFullPage(True)
    painter = QPainter()
    with open_pdf(pdf) as doc:
        pages = len(doc)
        if not painter.begin(printer):
            raise KitaDeskError("Der Drucker konnte nicht geöffnet werden – bitte Drucker und Einstellungen prüfen.")
        try:
            target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            dpi = min(RASTER_DPI, printer.resolution())
            for index in range(pages):
                if control.cancelled:
                    printer.abort()  # the spooler drops the job: no half-printed batch
                    control.check()
                if index:
                    printer.newPage()
                paint_page(painter, doc, index, target, dpi)
                control.progress(index + 1, pages)
        finally:
            painter.end()
    return pages
