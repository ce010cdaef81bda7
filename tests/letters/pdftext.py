"""Text of a PDF (pypdf), for assertions on letters: `pdf_text` keeps the lines, `flat` joins
all whitespace (table cells come out on lines of their own)."""

import re
from io import BytesIO

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages)
    return re.sub(r"[ \u00a0]+", " ", text)


def flat(text: str) -> str:
    return " ".join(text.split())
