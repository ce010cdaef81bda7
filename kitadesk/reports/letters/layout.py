"""DIN 5008 Form B page layout shared by every letter kind (R-V2, R-V4).

Measures (mm from the top-left corner of the A4 sheet):
- letterhead zone: the top 45 mm (Form B); the office name stands at 125 mm, over the
  information block;
- address field: 20 mm from the left, 45 mm from the top, 85 × 45 mm: Zusatz- und Vermerkzone
  17.7 mm (5 lines at 8 pt: Rücksendeangabe + up to 4 notes, filled from the bottom) above the
  Anschriftzone 27.3 mm (6 lines); the writing starts at 25 mm (Fluchtlinie);
- information block: 125 mm from the left, from 50 mm from the top, 75 mm wide, date last;
- fold marks at 105 mm and 210 mm, punch mark at 148.5 mm (left edge);
- text: 25 mm left, 20 mm right; subject from 98.5 mm (two blank lines under the address field);
- footer with address and bank data; "Seite x von y" on every page; continuation pages get a
  short header (office, desk, Aktenzeichen, date, recipient).

Output is deterministic (R-V3): ReportLab invariant mode, creation date = the letter's date, font
subset codes seeded in a fixed order (fontcache.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Frame, KeepTogether, PageTemplate, Spacer
from reportlab.platypus.doctemplate import BaseDocTemplate

from kitadesk.formats import day
from kitadesk.reports.fonts import BOLD, REGULAR, register_fonts
from kitadesk.reports.letters import fontcache
from kitadesk.reports.letters.data import Letter
from kitadesk.reports.letters.fasttext import RIGHT as RIGHT_ALIGN
from kitadesk.reports.letters.fasttext import PlainParagraph, Text, draw_texts
from kitadesk.reports.letters.textblocks import paragraphs, render_text

PAGE_W, PAGE_H = A4
LEFT = 25 * mm                       # Fluchtlinie of text and address
RIGHT = PAGE_W - 20 * mm             # right text margin
TEXT_W = RIGHT - LEFT                # 165 mm
ADDRESS_X, ADDRESS_TOP, ADDRESS_W, ADDRESS_H = 20 * mm, 45 * mm, 85 * mm, 45 * mm
NOTE_ZONE_H, NOTE_LINES = 17.7 * mm, 5
ANSCHRIFT_H, ANSCHRIFT_LINES = 27.3 * mm, 6
INFO_X, INFO_TOP, INFO_W = 125 * mm, 50 * mm, 75 * mm
INFO_LABEL_W = 26 * mm
FOLD_MARKS = (105 * mm, 210 * mm)
PUNCH_MARK = 148.5 * mm
SUBJECT_TOP = 98.5 * mm              # first page text frame starts here
LATER_TOP = 30 * mm                  # continuation pages
FRAME_BOTTOM = 31 * mm               # above page number and footer
PAGE_NO_Y = 25 * mm
FOOTER_RULE_Y = 21.5 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
MARK_GREY = colors.Color(0.45, 0.45, 0.45)


def y(top_mm_value: float) -> float:
    """Distance from the top edge → ReportLab y (from the bottom)."""
    return PAGE_H - top_mm_value


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    subject: ParagraphStyle
    heading: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle


@cache
def styles() -> Styles:
    """Paragraph styles, built once per process (fonts registered once)."""
    register_fonts()
    fontcache.install()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13.5, alignment=TA_LEFT,
                          spaceAfter=6.5, allowWidows=0, allowOrphans=0)
    return Styles(
        body=body,
        subject=ParagraphStyle("subject", parent=body, fontName=BOLD, fontSize=11, leading=14, spaceAfter=0),
        heading=ParagraphStyle("heading", parent=body, fontName=BOLD, spaceBefore=6, spaceAfter=3,
                               keepWithNext=0),
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, spaceAfter=4),
        cell=ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5),
        cell_bold=ParagraphStyle("cell_bold", fontName=BOLD, fontSize=8.5, leading=10.5),
    )


# --- flowable helpers used by the kinds -------------------------------------------------------

_NO_BREAK = ((" €", "\u00a0€"), ("§ ", "§\u00a0"), ("Nr. ", "Nr.\u00a0"),
             ("Abs. ", "Abs.\u00a0"))


def glue(text: str) -> str:
    """No line break inside '79,00 €', '§ 23', 'Nr. 5', 'Abs. 2' (no-break spaces)."""
    for plain, glued in _NO_BREAK:
        if plain in text:
            text = text.replace(plain, glued)
    return text


def markup(text: str) -> str:
    """Plain text → Paragraph markup (escape, keep line breaks, glued as `glue`)."""
    return escape(glue(text)).replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle | None = None) -> PlainParagraph:
    return PlainParagraph(glue(text), style or styles().body)


def heading(text: str) -> PlainParagraph:
    return PlainParagraph(glue(text), styles().heading)


def block(key: str, values: dict[str, str], letter: Letter, style: ParagraphStyle | None = None) -> list:
    """A rendered text block as paragraphs (empty override → nothing)."""
    text = render_text(key, values, letter.text_overrides)
    return [para(p, style) for p in paragraphs(text)]


def section(title: str, flowables: list, room: float = 28 * mm) -> list:
    """Heading + content; nothing if the content is empty.

    The heading starts a new page only if less than `room` is left (heading plus a few lines),
    so that long content (a table, a long Begründung) splits instead of leaving a gap.
    """
    return [CondPageBreak(room), heading(title), *flowables] if flowables else []


def reasons_section(key: str, values: dict[str, str], letter: Letter, title: str = "Begründung") -> list:
    """The default reasons block plus the case's own paragraphs."""
    flow = block(key, values, letter)
    flow += [para(p) for r in letter.reasons for p in paragraphs(r)]
    return section(title, flow)


def rechtsbehelf(values: dict[str, str], letter: Letter) -> list:
    """Rechtsbehelfsbelehrung (R-V2), kept on one page."""
    flow = block("rechtsbehelfsbelehrung", values, letter)
    return [KeepTogether(section("Rechtsbehelfsbelehrung", flow))] if flow else []


def closing(values: dict[str, str], letter: Letter) -> list:
    """Grußformel, Zeichnung and the note on machine-made letters."""
    flow = [Spacer(1, 4)] + block("gruss", values, letter)
    flow += block("hinweis_maschinell", values, letter, styles().small)
    return [KeepTogether(flow)]


def opening(subject: str, values: dict[str, str], letter: Letter) -> list:
    """Subject (bold, no 'Betreff:' label per DIN 5008), two blank lines, salutation."""
    st = styles()
    return [PlainParagraph(glue(subject), st.subject), Spacer(1, 2 * st.body.leading),
            *block("anrede", values, letter)]


def common_values(letter: Letter) -> dict[str, str]:
    """Placeholders every text block may use (textblocks.COMMON)."""
    c = letter.contact
    return {
        "anrede": letter.salutation, "datum": day(letter.date), "aktenzeichen": letter.aktenzeichen,
        "srt": c.name, "ansprechpartner": c.ansprechpartner, "telefon": c.phone, "raum": c.room,
        "email": c.email,
    }


# --- page furniture -----------------------------------------------------------------------------

def _fit(text: str, font: str, size: float, width: float, smallest: float = 6) -> float:
    """The largest font size ≤ size (down to `smallest`) at which text fits width."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def _draw_marks(c: Canvas) -> None:
    c.setStrokeColor(MARK_GREY)
    c.setLineWidth(0.4)
    for top in FOLD_MARKS:
        c.line(3.5 * mm, y(top), 8.5 * mm, y(top))
    c.line(3.5 * mm, y(PUNCH_MARK), 11 * mm, y(PUNCH_MARK))


def _letterhead_texts(letter: Letter) -> list[Text]:
    lines = letter.letterhead.lines
    out, top = [], 17 * mm
    for i, text in enumerate(lines):
        if i == 0:
            out.append(Text(INFO_X, y(top), text, BOLD, 18))
            top += 6.5 * mm
        else:
            out.append(Text(INFO_X, y(top), text, BOLD if i == len(lines) - 1 else REGULAR, 10))
            top += 4.5 * mm
    return out


def _address_texts(letter: Letter) -> list[Text]:
    pitch = NOTE_ZONE_H / NOTE_LINES
    ret = letter.letterhead.return_line
    out = [Text(LEFT, y(ADDRESS_TOP + pitch - 1 * mm), ret, REGULAR, _fit(ret, REGULAR, 7, ADDRESS_W - 5 * mm),
                color=GREY)]
    notes = letter.address.notes
    for i, note in enumerate(notes):            # fill the zone from its bottom line upwards
        line_no = NOTE_LINES - len(notes) + i + 1
        out.append(Text(LEFT, y(ADDRESS_TOP + line_no * pitch - 1 * mm), note, REGULAR, 8))
    pitch = ANSCHRIFT_H / ANSCHRIFT_LINES
    top = ADDRESS_TOP + NOTE_ZONE_H
    for i, text in enumerate(letter.address.lines):
        size = _fit(text, REGULAR, 10, ADDRESS_W - 5 * mm, 8)
        out.append(Text(LEFT, y(top + (i + 1) * pitch - 1.2 * mm), text, REGULAR, size))
    return out


def _info_rows(letter: Letter) -> list[tuple[str, str]]:
    c = letter.contact
    rows = [("Sozialraumteam", c.name), ("Ansprechperson", c.ansprechpartner), ("Zimmer", c.room),
            ("Telefon", c.phone), ("E-Mail", c.email), ("Aktenzeichen", letter.aktenzeichen),
            ("Datum", day(letter.date))]
    return [(label, value) for label, value in rows if value]


def _info_texts(letter: Letter) -> list[Text]:
    """Information block (DIN 5008 Form B: 125 mm from the left, from 50 mm from the top; date last)."""
    out, top = [], INFO_TOP + 3 * mm
    value_w = INFO_W - INFO_LABEL_W
    for label, value in _info_rows(letter):
        out.append(Text(INFO_X, y(top), label, REGULAR, 7.5, color=GREY))
        font = BOLD if label == "Aktenzeichen" else REGULAR
        out.append(Text(INFO_X + INFO_LABEL_W, y(top), value, font, _fit(value, font, 9, value_w, 7)))
        top += 4.23 * mm
    return out


def _footer_columns(letter: Letter) -> list[list[str]]:
    h = letter.letterhead
    col1 = [" · ".join(h.lines[:2]), *h.lines[2:], f"{h.street} · {h.city}"]
    col2 = [t for t in (f"Telefon {h.phone}" if h.phone else "", f"Internet {h.internet}" if h.internet else "",
                        f"E-Mail {letter.contact.email}" if letter.contact.email else "", h.office_hours) if t]
    col3 = ["Bankverbindung", h.bank_name, f"IBAN {h.iban}", f"BIC {h.bic}" if h.bic else ""] if h.iban else []
    return [col1, col2, [t for t in col3 if t]]


def _footer_texts(letter: Letter) -> list[Text]:
    out = []
    for x, lines in zip((LEFT, LEFT + 58 * mm, LEFT + 113 * mm), _footer_columns(letter)):
        top = FOOTER_RULE_Y - 3.5 * mm
        for i, text in enumerate(lines):
            font = BOLD if (i == 0 and text == "Bankverbindung") else REGULAR
            out.append(Text(x, top, text, font, 7, color=GREY))
            top -= 3.2 * mm
    return out


def _short_header_texts(letter: Letter) -> list[Text]:
    h = letter.letterhead
    line2 = f"{letter.contact.name} · Aktenzeichen {letter.aktenzeichen} · Schreiben vom {day(letter.date)}"
    return [Text(LEFT, y(15 * mm), " · ".join((h.lines[0], h.lines[-1])), BOLD, 8.5),
            Text(LEFT, y(19 * mm), line2, REGULAR, 8.5),
            Text(RIGHT, y(19 * mm), recipient_name(letter), REGULAR, 8.5, RIGHT_ALIGN)]


def _rule(c: Canvas, x0: float, x1: float, at: float) -> None:
    c.setStrokeColor(MARK_GREY)
    c.setLineWidth(0.4)
    c.line(x0, at, x1, at)


_TITLES = {"frau", "herrn", "herr", "familie", "firma", "eheleute"}


def recipient_name(letter: Letter) -> str:
    """'Frau' / 'Sabine Sonnenschein' → 'Frau Sabine Sonnenschein' (continuation header)."""
    lines = [line for line in letter.address.lines if line.strip()]
    if len(lines) > 1 and lines[0].strip().casefold() in _TITLES:
        return f"{lines[0].strip()} {lines[1].strip()}"
    return lines[0].strip()


def _first_page(c: Canvas, doc: _LetterDoc) -> None:
    letter = doc.letter
    c.saveState()
    _draw_marks(c)
    _rule(c, LEFT, RIGHT, FOOTER_RULE_Y)
    c.restoreState()
    draw_texts(c, _letterhead_texts(letter) + _address_texts(letter) + _info_texts(letter) + doc.footer)


def _later_page(c: Canvas, doc: _LetterDoc) -> None:
    c.saveState()
    _rule(c, LEFT, RIGHT, y(22 * mm))
    _rule(c, LEFT, RIGHT, FOOTER_RULE_Y)
    c.restoreState()
    draw_texts(c, _short_header_texts(doc.letter) + doc.footer)


class _LetterCanvas(Canvas):
    """Canvas that knows the page count at the end: draws 'Seite x von y' on every page."""

    def __init__(self, *args, letter_date: date, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        stamp = f"D:{letter_date:%Y%m%d}000000+00'00'"
        self.setDateFormatter(lambda *_ignored: stamp)   # creation date = letter date (R-V3)
        fontcache.seed(self._doc)                           # fixed subset codes → reusable subsets

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(REGULAR, 8)
            self.setFillColor(colors.black)
            self.drawRightString(RIGHT, PAGE_NO_Y, f"Seite {number} von {total}")
            Canvas.showPage(self)
        Canvas.save(self)


class _LetterDoc(BaseDocTemplate):
    def __init__(self, buffer, letter: Letter, title: str):
        super().__init__(
            buffer, pagesize=A4, leftMargin=LEFT, rightMargin=PAGE_W - RIGHT, topMargin=LATER_TOP,
            bottomMargin=FRAME_BOTTOM, title=title, author=" · ".join(letter.letterhead.lines),
            subject=f"Aktenzeichen {letter.aktenzeichen}", creator="KitaDesk", producer="KitaDesk",
            invariant=1, lang="de-DE",
        )
        self.letter = letter
        self.footer = _footer_texts(letter)
        first = Frame(LEFT, FRAME_BOTTOM, TEXT_W, y(SUBJECT_TOP) - FRAME_BOTTOM, 0, 0, 0, 0, id="first")
        later = Frame(LEFT, FRAME_BOTTOM, TEXT_W, y(LATER_TOP) - FRAME_BOTTOM, 0, 0, 0, 0, id="later")
        self.addPageTemplates([
            PageTemplate("first", [first], onPage=_first_page, autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=_later_page),
        ])


def build_pdf(letter: Letter, subject: str, story: list) -> bytes:
    """Lay out the story on DIN 5008 Form B pages; returns the PDF bytes."""
    styles()  # fonts and styles ready
    buffer = BytesIO()
    doc = _LetterDoc(buffer, letter, subject)
    doc.build(story, canvasmaker=lambda *a, **kw: _LetterCanvas(*a, letter_date=letter.date, **kw))
    return buffer.getvalue()
