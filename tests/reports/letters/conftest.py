"""Helpers for the letter tests: render once, extract text and positions with pypdf."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from kitadesk.reports.letters import render_letter, samples

MM = 72 / 25.4


def pdf_text(pdf: bytes) -> list[str]:
    """Text per page, non-breaking spaces as spaces."""
    return [p.extract_text().replace("\xa0", " ") for p in PdfReader(BytesIO(pdf)).pages]


def positions(pdf: bytes, page: int = 0) -> dict[str, tuple[float, float]]:
    """text → (x mm from the left, y mm from the top) of the first occurrence on a page."""
    reader = PdfReader(BytesIO(pdf))
    pg = reader.pages[page]
    height = float(pg.mediabox.height)
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font_dict, font_size):
        text = text.strip()
        if text and text not in found:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found[text] = (x / MM, (height - y) / MM)

    pg.extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="session")
def rendered() -> dict[str, bytes]:
    return {name: render_letter(letter) for name, letter in samples.all_samples().items()}
