"""Paint PDF pages as VECTORS onto any QPainter (printer, PDF writer, screen) — issue 14.3.

QtPdf is not part of pyside6-essentials, so the pages are read with PDFium (pypdfium2, already
used for the previews) object by object and drawn with QPainter: paths as paths, text as text
(the letters' DejaVu fonts, loaded into Qt; any other font as its glyph outlines), images at their
own resolution. A print job thus stays small and sharp and its text stays text. A page holding
something else (shadings) is drawn from a bitmap of that page at the printer's resolution.

Coordinates: PDF points, origin bottom left; `page_transform` maps them onto the target rect.
Limits (none of them occurs in the letters): text is drawn after the graphics, clipping paths
and dash patterns are ignored.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium
import pypdfium2.raw as R
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QImage, QPainter, QPainterPath, QPen, QTransform

from kitadesk.errors import KitaDeskError
from kitadesk.ops.report_parts import pdfium_lock as pdf_lock  # PDFium is not thread-safe: one lock
from kitadesk.resources import resource

_families: dict[str, tuple[str, bool, bool]] = {}  # PDF base font name → (Qt family, bold, italic)
_LOADED = {"DejaVuSans": (False, False), "DejaVuSans-Bold": (True, False), "DejaVuSans-Oblique": (False, True)}
TEXT, PATH, IMAGE, SHADING, FORM = 1, 2, 3, 4, 5
_SIZE = 100  # text is laid out at 100 px and scaled to its size (pixel sizes are whole numbers)


def _load_fonts() -> None:
    if _families:
        return
    for name, (bold, italic) in _LOADED.items():
        ident = QFontDatabase.addApplicationFont(str(resource("fonts", f"{name}.ttf")))
        families = QFontDatabase.applicationFontFamilies(ident) if ident >= 0 else []
        if families:
            _families[name] = (families[0], bold, italic)


@contextmanager
def open_pdf(pdf: bytes) -> Iterator[pdfium.PdfDocument]:
    """The document, open while the block runs (pages are painted one at a time under the lock,
    so a long print job does not block the previews)."""
    with pdf_lock:
        try:
            doc = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as exc:
            raise KitaDeskError(f"Die PDF-Datei kann nicht gelesen werden: {exc}") from exc
    try:
        yield doc
    finally:
        with pdf_lock:
            doc.close()


def page_transform(width: float, height: float, target: QRectF) -> QTransform:
    """PDF points (y up) → the target rectangle (y down), keeping the aspect ratio."""
    scale = min(target.width() / width, target.height() / height)
    return QTransform(scale, 0, 0, -scale, target.left(), target.top() + height * scale)


def _matrix(getter, obj) -> QTransform:
    m = R.FS_MATRIX()
    getter(obj, m)
    return QTransform(m.a, m.b, m.c, m.d, m.e, m.f)


def _rgba(getter, obj) -> QColor:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    return QColor(r.value, g.value, b.value, a.value) if getter(obj, r, g, b, a) else QColor(0, 0, 0)


def _segments_path(count: int, segment) -> QPainterPath:
    path = QPainterPath()
    pending: list[QPointF] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(count):
        seg = segment(i)
        R.FPDFPathSegment_GetPoint(seg, x, y)
        point = QPointF(x.value, y.value)
        kind = R.FPDFPathSegment_GetType(seg)
        if kind == R.FPDF_SEGMENT_MOVETO:
            path.moveTo(point)
        elif kind == R.FPDF_SEGMENT_LINETO:
            path.lineTo(point)
        elif kind == R.FPDF_SEGMENT_BEZIERTO:
            pending.append(point)
            if len(pending) == 3:
                path.cubicTo(*pending)
                pending = []
        if R.FPDFPathSegment_GetClose(seg):
            path.closeSubpath()
    return path


def _draw_path(painter: QPainter, obj, base: QTransform) -> None:
    path = _segments_path(R.FPDFPath_CountSegments(obj), lambda i: R.FPDFPath_GetPathSegment(obj, i))
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    R.FPDFPath_GetDrawMode(obj, fill, stroke)
    painter.setTransform(_matrix(R.FPDFPageObj_GetMatrix, obj) * base)
    if fill.value:
        path.setFillRule(Qt.FillRule.OddEvenFill if fill.value == R.FPDF_FILLMODE_ALTERNATE else Qt.FillRule.WindingFill)
        painter.fillPath(path, QBrush(_rgba(R.FPDFPageObj_GetFillColor, obj)))
    if stroke.value:
        width = ctypes.c_float()
        R.FPDFPageObj_GetStrokeWidth(obj, width)
        pen = QPen(_rgba(R.FPDFPageObj_GetStrokeColor, obj), width.value)
        pen.setCosmetic(width.value == 0)
        painter.strokePath(path, pen)


def _draw_image(painter: QPainter, doc, page, obj, base: QTransform) -> None:
    bitmap = R.FPDFImageObj_GetRenderedBitmap(doc.raw, page.raw, obj)
    if not bitmap:
        return
    wrapped = pdfium.PdfBitmap.from_raw(bitmap)  # owns and frees the bitmap
    try:
        image = wrapped.to_pil().convert("RGBA")
    finally:
        wrapped.close()
    qimage = QImage(image.tobytes("raw", "RGBA"), image.width, image.height, QImage.Format.Format_RGBA8888).copy()
    # the image fills the unit square of its matrix; images are stored top row first
    painter.setTransform(QTransform(1, 0, 0, -1, 0, 1) * _matrix(R.FPDFPageObj_GetMatrix, obj) * base)
    painter.drawImage(QRectF(0, 0, 1, 1), qimage)


def _qfont(font, cache: dict) -> QFont | None:
    """The Qt font of a PDF font (by its base name: the letters' DejaVu fonts), None if Qt lacks it."""
    handle = ctypes.cast(font, ctypes.c_void_p).value
    if handle not in cache:
        buffer = ctypes.create_string_buffer(256)
        R.FPDFFont_GetBaseFontName(font, buffer, 256)
        family = _families.get(buffer.value.decode("latin-1").split("+")[-1])
        qfont = None
        if family is not None:
            qfont = QFont(family[0])
            qfont.setPixelSize(_SIZE)
            qfont.setBold(family[1])
            qfont.setItalic(family[2])
            qfont.setKerning(False)
            qfont.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        cache[handle] = qfont
    return cache[handle]


def _glyph(font, char: int, cache: dict) -> QPainterPath | None:
    key = (ctypes.cast(font, ctypes.c_void_p).value, char)
    if key not in cache:
        glyph = R.FPDFFont_GetGlyphPath(font, char, 1.0)
        cache[key] = _segments_path(R.FPDFGlyphPath_CountGlyphSegments(glyph),
                                    lambda i: R.FPDFGlyphPath_GetGlyphPathSegment(glyph, i)) if glyph else None
    return cache[key]


def _words(textpage) -> Iterator[tuple[object, str, float, float, int]]:
    """Runs of characters of one text object without a gap: (object, text, x, y, first index);
    a run ended by a space carries it (the output's text keeps its word breaks)."""
    x, y = ctypes.c_double(), ctypes.c_double()
    run: list[str] = []
    obj = start_obj = None
    start_handle, start_x, start_y, first = None, 0.0, 0.0, 0
    for i in range(R.FPDFText_CountChars(textpage)):
        obj = R.FPDFText_GetTextObject(textpage, i)
        handle = ctypes.cast(obj, ctypes.c_void_p).value
        char = R.FPDFText_GetUnicode(textpage, i)
        gap = R.FPDFText_IsGenerated(textpage, i) or not obj or chr(char).isspace()
        if run and (gap or handle != start_handle):
            yield start_obj, "".join(run) + (" " if gap else ""), start_x, start_y, first
            run = []
        if gap:
            continue
        if not run:
            R.FPDFText_GetCharOrigin(textpage, i, x, y)
            start_obj, start_handle, start_x, start_y, first = obj, handle, x.value, y.value, i
        run.append(chr(char))
    if run:
        yield start_obj, "".join(run), start_x, start_y, first


def _draw_text(painter: QPainter, textpage, base: QTransform, cache: dict) -> None:
    size = ctypes.c_float()
    for obj, word, x, y, first in _words(textpage):
        font = R.FPDFTextObj_GetFont(obj)
        R.FPDFTextObj_GetFontSize(obj, size)
        m = _matrix(R.FPDFPageObj_GetMatrix, obj)
        color = QColor(0, 0, 0)
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if R.FPDFText_GetFillColor(textpage, first, r, g, b, a):
            color = QColor(r.value, g.value, b.value, a.value)
        qfont = _qfont(font, cache)
        if qfont is not None:  # as text: y down in Qt's glyph space, scaled from 100 px
            scale = size.value / _SIZE
            local = QTransform(m.m11() * scale, m.m12() * scale, -m.m21() * scale, -m.m22() * scale, x, y)
            painter.setTransform(local * base)
            painter.setFont(qfont)
            painter.setPen(color)
            painter.drawText(QPointF(0, 0), word)
            continue
        _outline(painter, textpage, obj, first, len(word.rstrip()), (m, size.value, color), base, cache)


def _outline(painter, textpage, obj, first, count, style, base, cache) -> None:
    """A word in a font Qt does not have: its glyph outlines, filled."""
    m, size, color = style
    x, y = ctypes.c_double(), ctypes.c_double()
    i, drawn = first, 0
    while drawn < count:
        char = R.FPDFText_GetUnicode(textpage, i)
        if not R.FPDFText_IsGenerated(textpage, i) and not chr(char).isspace():
            R.FPDFText_GetCharOrigin(textpage, i, x, y)
            glyph = _glyph(R.FPDFTextObj_GetFont(obj), char, cache)
            if glyph is not None:
                local = QTransform(m.m11() * size, m.m12() * size, m.m21() * size, m.m22() * size, x.value, y.value)
                painter.setTransform(local * base)
                painter.fillPath(glyph, QBrush(color))
            drawn += 1
        i += 1


def _objects(container, count, get) -> Iterator[object]:
    for i in range(count(container)):
        yield get(container, i)


def _paint_objects(painter, doc, page, objects, base: QTransform) -> None:
    for obj in objects:
        kind = R.FPDFPageObj_GetType(obj)
        if kind == PATH:
            _draw_path(painter, obj, base)
        elif kind == IMAGE:
            _draw_image(painter, doc, page, obj, base)
        elif kind == FORM:
            inner = _matrix(R.FPDFPageObj_GetMatrix, obj) * base
            _paint_objects(painter, doc, page, _objects(obj, R.FPDFFormObj_CountObjects, R.FPDFFormObj_GetObject),
                           inner)


def _vector_only(page) -> bool:
    kinds = {R.FPDFPageObj_GetType(o) for o in _objects(page.raw, R.FPDFPage_CountObjects, R.FPDFPage_GetObject)}
    return kinds <= {TEXT, PATH, IMAGE}


def paint_page(painter: QPainter, doc: pdfium.PdfDocument, index: int, target: QRectF, dpi: int = 300) -> None:
    """Draw page `index` (0-based) into `target` (device coordinates of the painter). Vector where
    the page allows it, else a bitmap of the page at `dpi`."""
    _load_fonts()
    with pdf_lock:
        _paint_page(painter, doc, index, target, dpi)


def _paint_page(painter: QPainter, doc: pdfium.PdfDocument, index: int, target: QRectF, dpi: int) -> None:
    page = doc[index]
    try:
        width, height = page.get_size()
        base = page_transform(width, height, target) * painter.transform()
        painter.save()
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.fillRect(target, QColor("white"))
            if _vector_only(page):
                _paint_objects(painter, doc, page,
                               _objects(page.raw, R.FPDFPage_CountObjects, R.FPDFPage_GetObject), base)
                textpage = R.FPDFText_LoadPage(page.raw)
                try:
                    _draw_text(painter, textpage, base, {})
                finally:
                    R.FPDFText_ClosePage(textpage)
            else:
                image = page.render(scale=dpi / 72).to_pil().convert("RGB")
                qimage = QImage(image.tobytes(), image.width, image.height, 3 * image.width,
                                QImage.Format.Format_RGB888)
                painter.drawImage(target, qimage)
        finally:
            painter.restore()
    finally:
        page.close()
