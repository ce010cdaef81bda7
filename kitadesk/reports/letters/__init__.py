"""Formal letters (Bescheide) as PDF, DIN 5008 Form B (R-V1..R-V5), from plain dataclasses.

    pdf = render_letter(CarerBescheid(...))   # bytes; same input → same bytes (R-V3)
    pdfs = render_many(letters, workers=None)  # a batch over all CPU cores
    print_file = combine([pdf1, pdf2])
    png = render_page_png(pdf, page=1, dpi=70)
"""

from __future__ import annotations

from kitadesk.reports.errors import ReportError
from kitadesk.reports.letters import annual, carer, change, parents, refusal
from kitadesk.reports.letters.batch import render_many
from kitadesk.reports.letters.data import (
    SRT_CONTACTS,
    Ablehnung,
    Address,
    Aenderungsbescheid,
    CarerBescheid,
    CareTerm,
    Change,
    FeePeriod,
    Jahresbescheinigung,
    Letter,
    Letterhead,
    LetterLine,
    MonthAmount,
    ParentsBescheid,
    SrtContact,
)
from kitadesk.reports.letters.layout import build_pdf
from kitadesk.reports.letters.output import combine, page_count, render_page_png
from kitadesk.reports.letters.textblocks import DEFAULTS, TEXT_BLOCKS, TextBlockError, check_template, render_text

_KINDS = {
    ParentsBescheid: parents.story,
    CarerBescheid: carer.story,
    Aenderungsbescheid: change.story,
    Ablehnung: refusal.story,
    Jahresbescheinigung: annual.story,
}


def render_letter(letter: Letter) -> bytes:
    """The letter as PDF bytes."""
    story = _KINDS.get(type(letter))
    if story is None:
        raise ReportError(f"Unbekannte Briefart: {type(letter).__name__}.")
    subject, flowables = story(letter)
    return build_pdf(letter, subject, flowables)


__all__ = [
    "SRT_CONTACTS", "Ablehnung", "Address", "Aenderungsbescheid", "CareTerm", "CarerBescheid", "Change",
    "DEFAULTS", "FeePeriod",
    "Jahresbescheinigung", "Letter", "LetterLine", "Letterhead", "MonthAmount", "ParentsBescheid",
    "SrtContact", "TEXT_BLOCKS", "TextBlockError", "check_template", "combine", "page_count",
    "render_letter", "render_many", "render_page_png", "render_text",
]
