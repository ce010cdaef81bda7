"""The fast text path of the letters (reports/letters/fasttext.py) against ReportLab's own:
same line breaks as Paragraph, page splits without orphans/widows, correct text in the PDF
whatever characters a letter uses, and no state carried from one letter into the next (R-V3)."""

from dataclasses import replace
from io import BytesIO

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from kitadesk.reports.letters import render_letter, samples
from kitadesk.reports.letters.fasttext import PlainParagraph
from kitadesk.reports.letters.layout import TEXT_W, glue, markup, styles
from tests.letters.pdftext import flat, pdf_text

WORDS = st.sampled_from(["Kindertagespflege", "die", "Förderung", "ab", "79,00 €", "§ 23", "Abs. 3", "SGB",
                         "VIII", "Nr. 4", "Widerspruch", "innerhalb", "eines", "Monats", "Bürgermeister",
                         "Rathausplatz", "1,", "47441", "Moers.", "Großtagespflege", "x" * 70])


def reportlab_lines(text: str, style, width: float) -> list[str]:
    para = Paragraph(markup(text), style)
    para.wrap(width, 10_000)
    return [" ".join(words) for _, words in para.blPara.lines]


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=60), st.sampled_from([TEXT_W, 120.0, 300.0]))
def test_plain_paragraph_breaks_lines_like_reportlab(words, width):
    style = styles().body
    text = " ".join(words)
    ours = PlainParagraph(glue(text), style)
    ours.wrap(width, 10_000)
    assert [line.replace("\u00a0", " ") for line in ours._lines] == \
           [line.replace("\u00a0", " ") for line in reportlab_lines(text, style, width)]


def test_plain_paragraph_splits_without_orphan_or_widow():
    style = styles().body
    para = PlainParagraph(" ".join(["Wort"] * 400), style)
    _, height = para.wrap(TEXT_W, 10_000)
    total = len(para._lines)
    assert total > 6
    assert para.split(TEXT_W, style.leading * 1.5) == []                 # one line would be an orphan
    first, rest = para.split(TEXT_W, height - style.leading * 0.5)      # all but one line would fit
    assert len(rest._lines) == 2 and len(first._lines) == total - 2    # no widow: two lines go on
    assert first._lines + rest._lines == para._lines
    assert rest.getSpaceBefore() == 0


def test_a_new_line_in_the_text_forces_a_break():
    para = PlainParagraph("Im Auftrag\nFrau Beispiel", styles().body)
    para.wrap(TEXT_W, 1000)
    assert para._lines == ["Im Auftrag", "Frau Beispiel"]


def test_letters_with_rare_characters_keep_their_text_and_do_not_change_later_letters():
    """A name outside the seeded characters (ǅ, Ω, ő) gets codes of its own in that letter only."""
    plain = samples.carer_bescheid()
    rare = replace(plain, address=replace(plain.address, lines=("Frau", "Ǆemila Ωmega-Kőrös", "Kastanienweg 7",
                                                                 "47443 Moers")),
                   salutation="Sehr geehrte Frau Ωmega-Kőrös,")
    alone = render_letter(plain)
    rare_pdf = render_letter(rare)
    after = render_letter(plain)
    assert after == alone                                              # nothing carried over (R-V3)
    text = flat(pdf_text(rare_pdf))
    assert "Sehr geehrte Frau Ωmega-Kőrös," in text
    assert "Frau Ǆemila Ωmega-Kőrös Kastanienweg 7" in text             # address field and the page-2 header
    assert len(PdfReader(BytesIO(rare_pdf)).pages) == len(PdfReader(BytesIO(alone)).pages)
