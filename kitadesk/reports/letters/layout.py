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
from functools import cache, lru_cache
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
from kitadesk.reports.letters.data import Letter, Letterhead
from kitadesk.reports.letters.fasttext import RIGHT as RIGHT_ALIGN
from kitadesk.reports.letters.fasttext import PlainParagraph, Text, draw_texts
from kitadesk.reports.letters.textblocks import paragraphs, render_text
from kitadesk.reports.textfit import fit_lines, fit_size

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
    register_fonts()  # the ReportLab patches (fontcache.install) only in letter worker processes
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

def _draw_marks(c: Canvas) -> None:
    c.setStrokeColor(MARK_GREY)
    c.setLineWidth(0.4)
    for top in FOLD_MARKS:
        c.line(3.5 * mm, y(top), 8.5 * mm, y(top))
    c.line(3.5 * mm, y(PUNCH_MARK), 11 * mm, y(PUNCH_MARK))


LETTERHEAD_W = PAGE_W - 20 * mm - INFO_X  # 65 mm to the right margin
SMALLEST = 7                               # pt: below that a line wraps instead of shrinking


@lru_cache(maxsize=16)
def _letterhead_texts(head: Letterhead) -> tuple[tuple[Text, ...], float]:
    """The letterhead over the information block; long lines shrink, then wrap. Returns the texts
    and the bottom (mm from the top) of the last line."""
    lines = head.lines
    out, top = [], 17 * mm
    for i, text in enumerate(lines):
        first = i == 0
        font = BOLD if first or i == len(lines) - 1 else REGULAR
        size, parts = fit_lines(text, font, 18 if first else 10, LETTERHEAD_W, 12 if first else 8)
        for k, part in enumerate(parts):
            if k:
                top += size * 1.2
            out.append(Text(INFO_X, y(top), part, font, size))
        top += 6.5 * mm if first else 4.5 * mm
    return tuple(out), top - 3 * mm


def _address_texts(letter: Letter) -> list[Text]:
    """Zusatz- und Vermerkzone (Rücksendeangabe, notes from the bottom) and the Anschriftzone.

    Rücksendeangabe: 7 pt, shrunk to 5.5 pt, else the letterhead's first line only. Address lines:
    10 pt shrunk to 8 pt; a line still too long wraps onto a free line of the 6, else shrinks further.
    """
    pitch = NOTE_ZONE_H / NOTE_LINES
    width = ADDRESS_W - 5 * mm
    head = letter.letterhead
    ret = head.return_line
    size = fit_size(ret, REGULAR, 7, width, 5.5)
    if stringWidth(ret, REGULAR, size) > width:
        ret = " · ".join((head.lines[0], head.street, head.city)) if head.lines else ret
        size = fit_size(ret, REGULAR, 7, width, 4)
    out = [Text(LEFT, y(ADDRESS_TOP + pitch - 1 * mm), ret, REGULAR, size, color=GREY)]
    notes = letter.address.notes
    for i, note in enumerate(notes):            # fill the zone from its bottom line upwards
        line_no = NOTE_LINES - len(notes) + i + 1
        out.append(Text(LEFT, y(ADDRESS_TOP + line_no * pitch - 1 * mm), note, REGULAR,
                        fit_size(note, REGULAR, 8, width, 6)))
    pitch = ANSCHRIFT_H / ANSCHRIFT_LINES
    top = ADDRESS_TOP + NOTE_ZONE_H
    for i, (text, size) in enumerate(_address_lines(letter.address.lines, width)):
        out.append(Text(LEFT, y(top + (i + 1) * pitch - 1.2 * mm), text, REGULAR, size))
    return out


def _address_lines(lines: tuple[str, ...], width: float) -> list[tuple[str, float]]:
    """(text, size) per line of the Anschriftzone: wrapped while the 6 lines allow, else shrunk."""
    fitted = [fit_lines(line, REGULAR, 10, width, 8) for line in lines]
    if sum(len(parts) for _, parts in fitted) <= ANSCHRIFT_LINES:
        return [(part, size) for size, parts in fitted for part in parts]
    return [(line, fit_size(line, REGULAR, 10, width, 5)) for line in lines]


def _info_rows(letter: Letter) -> list[tuple[str, str]]:
    c = letter.contact
    rows = [("Sozialraumteam", c.name), ("Ansprechperson", c.ansprechpartner), ("Zimmer", c.room),
            ("Telefon", c.phone), ("E-Mail", c.email), ("Aktenzeichen", letter.aktenzeichen),
            ("Datum", day(letter.date))]
    return [(label, value) for label, value in rows if value]


def _info_texts(letter: Letter, top_mm: float = INFO_TOP) -> tuple[list[Text], float]:
    """Information block (DIN 5008 Form B: 125 mm from the left, from 50 mm from the top; date last).

    Values shrink from 9 to 7 pt, then wrap. Returns the texts and the bottom of the block."""
    out, top = [], top_mm + 3 * mm
    value_w = INFO_W - INFO_LABEL_W
    for label, value in _info_rows(letter):
        out.append(Text(INFO_X, y(top), label, REGULAR, 7.5, color=GREY))
        font = BOLD if label == "Aktenzeichen" else REGULAR
        size, parts = fit_lines(value, font, 9, value_w, SMALLEST)
        for k, part in enumerate(parts):
            if k:
                top += size * 1.2
            out.append(Text(INFO_X + INFO_LABEL_W, y(top), part, font, size))
        top += 4.23 * mm
    return out, top - 3 * mm


def first_page_furniture(letter: Letter) -> tuple[list[Text], float]:
    """Letterhead, address and information block of page 1, and where the text may start (mm from
    the top): at 98.5 mm (DIN 5008), lower only when a long letterhead or block needs the room."""
    head, head_bottom = _letterhead_texts(letter.letterhead)
    info, info_bottom = _info_texts(letter, max(INFO_TOP, head_bottom + 3 * mm))
    return [*head, *_address_texts(letter), *info], max(SUBJECT_TOP, info_bottom + 8 * mm)


def _footer_columns(h: Letterhead, email: str) -> list[list[str]]:
    col1 = [" · ".join(h.lines[:2]), *h.lines[2:], f"{h.street} · {h.city}"]
    col2 = [t for t in (f"Telefon {h.phone}" if h.phone else "", f"Internet {h.internet}" if h.internet else "",
                        f"E-Mail {email}" if email else "", h.office_hours) if t]
    col3 = ["Bankverbindung", h.bank_name, f"IBAN {h.iban}", f"BIC {h.bic}" if h.bic else ""] if h.iban else []
    return [col1, col2, [t for t in col3 if t]]


FOOTER_X = (LEFT, LEFT + 58 * mm, LEFT + 113 * mm)
FOOTER_PITCH, FOOTER_LAST = 3.2 * mm, 8.4 * mm   # line pitch; baseline of the lowest line


def _footer_texts(letter: Letter) -> tuple[list[Text], float]:
    texts, rule = _footer(letter.letterhead, letter.contact.email)
    return list(texts), rule


@lru_cache(maxsize=16)
def _footer(head: Letterhead, email: str) -> tuple[tuple[Text, ...], float]:
    """Three columns under the rule; lines shrink from 7 to 5.5 pt, then wrap. The footer grows
    upwards (rule, page number and text frame move up with it). Returns the texts and the rule's y."""
    columns = []
    for x, right, lines in zip(FOOTER_X, (*FOOTER_X[1:], RIGHT + 10 * mm), _footer_columns(head, email)):
        column = []
        for i, text in enumerate(lines):
            font = BOLD if (i == 0 and text == "Bankverbindung") else REGULAR
            size, parts = fit_lines(text, font, 7, right - x - 3 * mm, 5.5)
            column += [(x, part, font, size) for part in parts]
        columns.append(column)
    first = FOOTER_LAST + (max(map(len, columns), default=1) - 1) * FOOTER_PITCH
    out = tuple(Text(x, first - k * FOOTER_PITCH, text, font, size, color=GREY)
                for column in columns for k, (x, text, font, size) in enumerate(column))
    return out, max(FOOTER_RULE_Y, first + 3.5 * mm)


HEADER_SIZE, HEADER_GAP = 8.5, 6 * mm


def short_header(letter: Letter) -> tuple[list[Text], float]:
    """Continuation pages: office, desk, Aktenzeichen, date and recipient. Each line's parts
    (joined by " · ") wrap between parts; a part too long alone shrinks, then wraps. The recipient
    stands right of the last line only where both fit, else on a line of its own.
    Returns the texts and the rule's distance from the top (mm)."""
    h = letter.letterhead
    rows = [(tuple(dict.fromkeys((h.lines[0], h.lines[-1]))), BOLD),
            ((letter.contact.name, f"Aktenzeichen {letter.aktenzeichen}", f"Schreiben vom {day(letter.date)}"),
             REGULAR)]
    lines = [(text, font, size) for parts, font in rows for text, size in pack(parts, font, HEADER_SIZE, TEXT_W)]
    recipient = recipient_name(letter)
    text, font, size = lines[-1]
    beside = stringWidth(text, font, size) + HEADER_GAP + stringWidth(recipient, REGULAR, HEADER_SIZE) <= TEXT_W
    out, top = [], 15 * mm
    for text, font, size in lines:
        out.append(Text(LEFT, y(top), text, font, size))
        top += 4 * mm
    if beside:
        out.append(Text(RIGHT, y(top - 4 * mm), recipient, REGULAR, HEADER_SIZE, RIGHT_ALIGN))
    else:
        for text, size in pack((recipient,), REGULAR, HEADER_SIZE, TEXT_W):
            out.append(Text(RIGHT, y(top), text, REGULAR, size, RIGHT_ALIGN))
            top += 4 * mm
    return out, top - 1 * mm


def pack(parts: tuple[str, ...], font: str, size: float, width: float, sep: str = " · ") -> list[tuple[str, float]]:
    """(line, size): parts joined by `sep` while they fit; a part too long alone shrinks, then wraps."""
    out: list[tuple[str, float]] = []
    line = ""
    for part in parts:
        joined = f"{line}{sep}{part}" if line else part
        if stringWidth(joined, font, size) <= width:
            line = joined
            continue
        if line:
            out.append((line, size))
            line = ""
        if stringWidth(part, font, size) <= width:
            line = part
        else:
            fitted, wrapped = fit_lines(part, font, size, width, SMALLEST)
            out += [(text, fitted) for text in wrapped]
    if line:
        out.append((line, size))
    return out


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
    c.saveState()
    _draw_marks(c)
    _rule(c, LEFT, RIGHT, doc.footer_rule)
    c.restoreState()
    draw_texts(c, doc.first_texts + doc.footer)


def _later_page(c: Canvas, doc: _LetterDoc) -> None:
    c.saveState()
    _rule(c, LEFT, RIGHT, y(doc.header_rule))
    _rule(c, LEFT, RIGHT, doc.footer_rule)
    c.restoreState()
    draw_texts(c, doc.header_texts + doc.footer)


class _LetterCanvas(Canvas):
    """Canvas that knows the page count at the end: draws 'Seite x von y' on every page."""

    def __init__(self, *args, letter_date: date, page_no_y: float = PAGE_NO_Y, **kwargs):
        super().__init__(*args, **kwargs)
        self._page_no_y = page_no_y
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
            self.drawRightString(RIGHT, self._page_no_y, f"Seite {number} von {total}")
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
        self.footer, self.footer_rule = _footer_texts(letter)
        self.page_no_y = self.footer_rule + PAGE_NO_Y - FOOTER_RULE_Y
        bottom = self.footer_rule + FRAME_BOTTOM - FOOTER_RULE_Y
        self.first_texts, first_top = first_page_furniture(letter)
        self.header_texts, self.header_rule = short_header(letter)
        later_top = max(LATER_TOP, self.header_rule + 8 * mm)
        first = Frame(LEFT, bottom, TEXT_W, y(first_top) - bottom, 0, 0, 0, 0, id="first")
        later = Frame(LEFT, bottom, TEXT_W, y(later_top) - bottom, 0, 0, 0, 0, id="later")
        self.addPageTemplates([
            PageTemplate("first", [first], onPage=_first_page, autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=_later_page),
        ])


def build_pdf(letter: Letter, subject: str, story: list) -> bytes:
    """Lay out the story on DIN 5008 Form B pages; returns the PDF bytes."""
    styles()  # fonts and styles ready
    buffer = BytesIO()
    doc = _LetterDoc(buffer, letter, subject)
    doc.build(story, canvasmaker=lambda *a, **kw: _LetterCanvas(*a, letter_date=letter.date,
                                                                page_no_y=doc.page_no_y, **kw))
    return buffer.getvalue()
