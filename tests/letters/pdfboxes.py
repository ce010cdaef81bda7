"""Text boxes of a PDF as PDFium sees them (pypdfium2): one box per text run of a line, for
layout tests — text off the printable area, text boxes that overlap."""

from dataclasses import dataclass

import pypdfium2 as pdfium

MM = 72 / 25.4
PRINTABLE_MARGIN = 5 * MM   # what office printers print without cutting (4.2 mm is common)
TOLERANCE = 0.3             # pt: glyph boxes of neighbouring lines may touch


@dataclass(frozen=True)
class Box:
    page: int
    left: float
    bottom: float
    right: float
    top: float
    text: str

    def overlaps(self, other: "Box") -> bool:
        return (min(self.right, other.right) - max(self.left, other.left) > TOLERANCE
                and min(self.top, other.top) - max(self.bottom, other.bottom) > TOLERANCE)

    def __str__(self) -> str:
        return (f"S.{self.page} {self.text!r} [{self.left / MM:.1f}–{self.right / MM:.1f} mm × "
                f"{self.bottom / MM:.1f}–{self.top / MM:.1f} mm]")


def text_boxes(pdf: bytes) -> tuple[list[Box], tuple[float, float]]:
    """All text runs of every page, and the page size (pt)."""
    doc = pdfium.PdfDocument(pdf)
    boxes, size = [], (0.0, 0.0)
    try:
        for number in range(len(doc)):
            page = doc[number]
            size = page.get_size()
            text = page.get_textpage()
            for i in range(text.count_rects()):
                left, bottom, right, top = text.get_rect(i)
                content = text.get_text_bounded(left, bottom, right, top).strip()
                if content:
                    boxes.append(Box(number + 1, left, bottom, right, top, content))
    finally:
        doc.close()
    return boxes, size


def layout_problems(pdf: bytes, margin: float = PRINTABLE_MARGIN) -> list[str]:
    """Text outside the printable area, and pairs of overlapping text boxes (German-free: test output)."""
    boxes, (width, height) = text_boxes(pdf)
    problems = [f"off the printable area: {b}" for b in boxes
                if b.left < margin or b.bottom < margin or b.right > width - margin or b.top > height - margin]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a.page == b.page and a.overlaps(b):
                problems.append(f"overlap: {a}  ×  {b}")
    return problems
