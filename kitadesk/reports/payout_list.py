"""Payout list PDF for signature (`payout --pdf`, interfaces.md §4).

Grouped by SRT (Mitte/Süd, Ost, Nord), one row per payment (Nr, name, IBAN, amount),
carry-overs where a group crosses a page, totals per SRT and overall, a summary with
the signature fields (festgestellt / angewiesen), then the completeness warnings.
Every page: head with month, run number and status, "Seite x von y", and a diagonal
"Entwurf" watermark on drafts. Drawn on the ReportLab canvas in two passes (layout,
then drawing) so the page count is known and 2,000 payees take well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kitadesk.formats import day, money, month_label
from kitadesk.reports.data import SRT_ORDER, Payment, PayoutReport, grouped_iban, natural_key
from kitadesk.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts
from kitadesk.reports.output import atomic_path
from kitadesk.reports.textfit import fit_size

PAGE_W, PAGE_H = A4
LEFT, RIGHT = 18 * mm, PAGE_W - 18 * mm
TOP, BOTTOM = PAGE_H - 14 * mm, 16 * mm
HEAD_H = 62          # page head above the body
BODY_TOP = TOP - HEAD_H
BODY_H = BODY_TOP - (BOTTOM + 14)
# column x positions: Lfd., Nr, Name, IBAN; Betrag right-aligned at RIGHT
X_LFD, X_NR, X_NAME, X_IBAN = LEFT + 2, LEFT + 30, LEFT + 80, LEFT + 278
NAME_W = X_IBAN - X_NAME - 8
FONT_SIZE = 9
HEAD_GAP = 12        # pt between the left and the right text of a head line

INK = HexColor("#1d2733")
MUTED = HexColor("#5b6675")
ACCENT = HexColor("#1f3a5f")
BAND = HexColor("#e3eaf3")
ZEBRA = HexColor("#f4f6f9")
RED = HexColor("#b03a2e")
WATERMARK = Color(0.69, 0.23, 0.18, alpha=0.13)

# row kinds and heights
COLHEAD, GROUP, ROW, CARRY_OUT, CARRY_IN, SUBTOTAL, TOTAL, SUMMARY, HEADING, TEXT = (
    "colhead", "group", "row", "carry_out", "carry_in", "subtotal", "total", "summary", "heading", "text")
HEIGHT = {COLHEAD: 16, GROUP: 22, ROW: 13.2, CARRY_OUT: 15, CARRY_IN: 15, SUBTOTAL: 20, TOTAL: 28,
          HEADING: 26, TEXT: 12}
SIGN_BLOCK_H = 170    # summary table rows are added to this


@dataclass
class _Item:
    kind: str
    height: float
    data: tuple = ()


def srt_groups(payments: list[Payment]) -> list[tuple[str, list[Payment]]]:
    """Payments by SRT in the office's order (Mitte/Süd, Ost, Nord, then others), each by Nr."""
    groups: dict[str, list[Payment]] = {}
    for p in payments:
        groups.setdefault((p.carer.srt or "").strip(), []).append(p)
    order = [s for s in SRT_ORDER if s in groups] + sorted((s for s in groups if s not in SRT_ORDER),
                                                           key=lambda s: (s == "", s))
    return [(s, sorted(groups[s], key=lambda p: natural_key(p.carer.nr))) for s in order]


def srt_label(srt: str) -> str:
    return f"SRT {srt}" if srt else "Ohne SRT-Zuordnung"


def _count(n: int) -> str:
    return f"{n} Zahlung" if n == 1 else f"{n:,} Zahlungen".replace(",", ".")


class _Layout:
    """First pass: cut the content into pages of items with known heights."""

    def __init__(self):
        self.pages: list[list[_Item]] = [[]]
        self.used = 0.0

    def room(self, height: float) -> bool:
        return self.used + height <= BODY_H + 0.01

    def new_page(self) -> None:
        self.pages.append([])
        self.used = 0.0

    def add(self, kind: str, *data, height: float | None = None) -> None:
        h = HEIGHT[kind] if height is None else height
        self.pages[-1].append(_Item(kind, h, data))
        self.used += h

    def table_page(self) -> None:
        self.new_page()
        self.add(COLHEAD)


def layout(report: PayoutReport, warnings: list[str]) -> list[list[_Item]]:
    """Pages of items (first pass); every page's items fit the body height."""
    register_fonts()
    lay = _Layout()
    lay.add(COLHEAD)
    groups = srt_groups(report.payments)
    lfd = 0
    for srt, payments in groups:
        if not lay.room(HEIGHT[GROUP] + HEIGHT[ROW] + HEIGHT[SUBTOTAL]):
            lay.table_page()
        lay.add(GROUP, srt, False)
        running = Decimal("0.00")
        for i, payment in enumerate(payments):
            last = i == len(payments) - 1
            if not lay.room(HEIGHT[ROW] + (HEIGHT[SUBTOTAL] if last else HEIGHT[CARRY_OUT])):
                lay.add(CARRY_OUT, srt, running)
                lay.table_page()
                lay.add(GROUP, srt, True)
                lay.add(CARRY_IN, srt, running)
            lfd += 1
            lay.add(ROW, lfd, payment)
            running += payment.amount
        lay.add(SUBTOTAL, srt, len(payments), running)
    if not lay.room(HEIGHT[TOTAL]):
        lay.new_page()
    lay.add(TOTAL, len(report.payments), report.total)

    summary_h = SIGN_BLOCK_H + HEIGHT[TEXT] * (len(groups) + 2)
    if not lay.room(summary_h):
        lay.new_page()
    lay.add(SUMMARY, groups, height=summary_h)

    lines = []
    for text in warnings:
        wrapped = simpleSplit(text, REGULAR, 8.5, RIGHT - LEFT - 14) or [""]
        lines += [(j == 0, part) for j, part in enumerate(wrapped)]
    if not lines:
        lines = [(False, "Keine Hinweise.")]
    if not lay.room(HEIGHT[HEADING] + HEIGHT[TEXT] * min(3, len(lines))):
        lay.new_page()
    lay.add(HEADING, f"Hinweise der Vollständigkeitsprüfung ({len(warnings)})")
    for bullet, part in lines:
        if not lay.room(HEIGHT[TEXT]):
            lay.new_page()
            lay.add(HEADING, "Hinweise der Vollständigkeitsprüfung (Fortsetzung)")
        lay.add(TEXT, bullet, part)
    return lay.pages


def report_warnings(report: PayoutReport) -> list[str]:
    """The ops layer's warnings plus what the list itself notices (negative sums are not paid)."""
    notes = list(report.warnings)
    for carer, amount in report.not_paid:
        notes.append(f"TPP-Nr. {carer.nr} ({carer.name}, {carer.vorname}): Summe {money(amount)} "
                     "ist negativ – nicht ausgezahlt.")
    for p in report.payments:
        label = f"TPP-Nr. {p.carer.nr} ({p.carer.name}, {p.carer.vorname})"
        # the completeness check usually noted it already ("…: IBAN fehlt – keine Überweisung …")
        if not (p.carer.iban or "").strip() and not any(n.startswith(f"{label}: IBAN fehlt") for n in notes):
            notes.append(f"{label}: IBAN fehlt.")
    return notes


class _Painter:
    """Second pass: draw the pages."""

    def __init__(self, canvas: Canvas, report: PayoutReport, pages: int):
        self.c, self.report, self.pages = canvas, report, pages
        info = report.info
        self.title = f"Auszahlungsliste Kindertagespflege – {month_label(info.year, info.month)}"
        self.created = f"Erstellt am {day(info.created_at)} {info.created_at:%H:%M} von {info.created_by}"

    def text(self, x, y, s, font=REGULAR, size=FONT_SIZE, color=INK, align="left"):
        c = self.c
        c.setFont(font, size)
        c.setFillColor(color)
        if align == "right":
            c.drawRightString(x, y, s)
        else:
            c.drawString(x, y, s)

    def pair(self, y: float, left: tuple, right: tuple, smallest: float) -> None:
        """A left and a right-aligned text on one line, (text, font, size, colour) each: the right one
        keeps its size (down to `smallest` if it alone is too wide), the left one shrinks to the room
        left of it; neither leaves the page or overprints the other (issue 15 item 4)."""
        r_text, r_font, r_size, r_color = right
        l_text, l_font, l_size, l_color = left
        r_size = fit_size(r_text, r_font, r_size, (RIGHT - LEFT) / 2, smallest)
        room = RIGHT - LEFT - stringWidth(r_text, r_font, r_size) - HEAD_GAP
        l_size = fit_size(l_text, l_font, l_size, room, 4)
        self.text(LEFT, y, l_text, l_font, l_size, l_color)
        self.text(RIGHT, y, r_text, r_font, r_size, r_color, "right")

    def head(self, page_no: int) -> None:
        info, c = self.report.info, self.c
        self.pair(TOP - 6, ("Stadt Moers · Der Bürgermeister · Fachdienst Jugend – Kindertagespflege", REGULAR, 7.5,
                            MUTED), (self.created, REGULAR, 7.5, MUTED), 6)
        self.pair(TOP - 26, (self.title, BOLD, 14, ACCENT), (f"Lauf {info.number}", BOLD, 11, ACCENT), 9)
        status_color = RED if not info.is_final else ACCENT
        self.pair(TOP - 42, (f"Verwendungszweck: {info.purpose}", REGULAR, 8.5, MUTED),
                  (f"Status: {info.status}", BOLD, 9, status_color), 7)
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.2)
        c.line(LEFT, TOP - 51, RIGHT, TOP - 51)
        # foot
        c.setStrokeColor(MUTED)
        c.setLineWidth(0.4)
        c.line(LEFT, BOTTOM + 4, RIGHT, BOTTOM + 4)
        self.text(LEFT, BOTTOM - 6, f"KitaDesk {info.program_version} · Lauf {info.number} · {info.status}",
                  size=7.5, color=MUTED)
        self.text(RIGHT, BOTTOM - 6, f"Seite {page_no} von {self.pages}", size=8, color=INK, align="right")

    def watermark(self) -> None:
        c = self.c
        c.saveState()
        c.translate(PAGE_W / 2, PAGE_H / 2)
        c.rotate(52)
        c.setFillColor(WATERMARK)
        c.setFont(BOLD, 118)
        c.drawCentredString(0, -40, "Entwurf")
        c.restoreState()

    def band(self, y: float, height: float, color) -> None:
        self.c.setFillColor(color)
        self.c.rect(LEFT, y, RIGHT - LEFT, height, stroke=0, fill=1)

    def rule(self, y: float, x0: float = LEFT, width: float = 0.6) -> None:
        self.c.setStrokeColor(INK)
        self.c.setLineWidth(width)
        self.c.line(x0, y, RIGHT, y)

    def item(self, it: _Item, top: float) -> None:
        base = top - it.height
        kind, d = it.kind, it.data
        if kind == COLHEAD:
            self.band(base + 2, it.height - 2, BAND)
            y = base + 6.5
            for x, label in ((X_LFD, "Lfd."), (X_NR, "Nr"), (X_NAME, "Name, Vorname"), (X_IBAN, "IBAN")):
                self.text(x, y, label, BOLD, 8, ACCENT)
            self.text(RIGHT - 2, y, "Betrag", BOLD, 8, ACCENT, "right")
        elif kind == GROUP:
            srt, continued = d
            label = srt_label(srt) + (" (Fortsetzung)" if continued else "")
            self.text(LEFT + 2, base + 6, label, BOLD, 10, ACCENT)
            self.c.setStrokeColor(ACCENT)
            self.c.setLineWidth(0.8)
            self.c.line(LEFT, base + 3, RIGHT, base + 3)
        elif kind == ROW:
            lfd, p = d
            if lfd % 2 == 0:
                self.band(base, it.height, ZEBRA)
            y = base + 3.4
            carer = p.carer
            name = f"{carer.name}, {carer.vorname}"
            if len(name) > 30 and stringWidth(name, REGULAR, FONT_SIZE) > NAME_W:
                while name and stringWidth(name + "…", REGULAR, FONT_SIZE) > NAME_W:
                    name = name[:-1]
                name += "…"
            self.text(X_LFD, y, str(lfd), size=7.5, color=MUTED)
            self.text(X_NR, y, carer.nr)
            self.text(X_NAME, y, name)
            iban = grouped_iban(carer.iban)
            if iban:
                self.text(X_IBAN, y, iban, size=8.5)
            else:
                self.text(X_IBAN, y, "IBAN fehlt", BOLD, 8.5, RED)
            self.text(RIGHT - 2, y, money(p.amount), align="right")
        elif kind in (CARRY_OUT, CARRY_IN):
            srt, running = d
            label = (f"Zwischensumme {srt_label(srt)} – Übertrag auf die nächste Seite" if kind == CARRY_OUT
                     else f"Übertrag {srt_label(srt)} von der vorigen Seite")
            if kind == CARRY_OUT:
                self.rule(base + it.height - 1, X_IBAN, 0.4)
            self.text(X_NAME, base + 4.5, label, ITALIC, 8.5, MUTED)
            self.text(RIGHT - 2, base + 4.5, money(running), ITALIC, FONT_SIZE, INK, "right")
        elif kind == SUBTOTAL:
            srt, n, amount = d
            self.rule(base + it.height - 3, X_IBAN, 0.8)
            self.text(X_NAME, base + 6, f"Summe {srt_label(srt)} · {_count(n)}", BOLD, FONT_SIZE)
            self.text(RIGHT - 2, base + 6, money(amount), BOLD, FONT_SIZE, INK, "right")
        elif kind == TOTAL:
            n, amount = d
            self.band(base + 4, 18, BAND)
            self.text(X_NAME, base + 9.5, f"Gesamtsumme · {_count(n)}", BOLD, 10, ACCENT)
            self.text(RIGHT - 2, base + 9.5, money(amount), BOLD, 10, ACCENT, "right")
            self.rule(base + 2.5, X_IBAN, 0.8)
            self.rule(base + 0.8, X_IBAN, 0.8)
        elif kind == SUMMARY:
            self.summary(d[0], top)
        elif kind == HEADING:
            self.text(LEFT, base + 8, d[0], BOLD, 11, ACCENT)
            self.c.setStrokeColor(ACCENT)
            self.c.setLineWidth(0.6)
            self.c.line(LEFT, base + 4, RIGHT, base + 4)
        elif kind == TEXT:
            bullet, part = d
            if bullet:
                self.text(LEFT + 2, base + 3, "•", size=8.5)
            self.text(LEFT + 14, base + 3, part, size=8.5)

    def summary(self, groups, top: float) -> None:
        info = self.report.info
        y = top - 20
        self.text(LEFT, y, "Zusammenfassung und Feststellung", BOLD, 11, ACCENT)
        self.c.setStrokeColor(ACCENT)
        self.c.setLineWidth(0.6)
        self.c.line(LEFT, y - 4, RIGHT, y - 4)
        x_count, x_sum = LEFT + 260, LEFT + 380
        y -= 20
        self.text(LEFT + 2, y, "SRT", BOLD, 8.5, ACCENT)
        self.text(x_count, y, "Zahlungen", BOLD, 8.5, ACCENT, "right")
        self.text(x_sum, y, "Betrag", BOLD, 8.5, ACCENT, "right")
        for srt, payments in groups:
            y -= HEIGHT[TEXT]
            self.text(LEFT + 2, y, srt_label(srt))
            self.text(x_count, y, f"{len(payments):,}".replace(",", "."), align="right")
            self.text(x_sum, y, money(sum((p.amount for p in payments), Decimal("0.00"))), align="right")
        self.c.setStrokeColor(INK)
        self.c.setLineWidth(0.6)
        self.c.line(LEFT, y - 4, x_sum, y - 4)
        y -= HEIGHT[TEXT] + 3
        self.text(LEFT + 2, y, "Gesamt", BOLD)
        self.text(x_count, y, f"{len(self.report.payments):,}".replace(",", "."), BOLD, align="right")
        self.text(x_sum, y, money(self.report.total), BOLD, align="right")
        y -= 24
        statement = (f"Laufende Geldleistung Kindertagespflege {month_label(info.year, info.month)}, Lauf {info.number}:",
                     f"{_count(len(self.report.payments))}, zusammen {money(self.report.total)}.")
        for part in statement:
            self.text(LEFT, y, part)
            y -= 12
        if not info.is_final:
            note = "Entwurf – nicht unterschreiben und nicht anweisen (es gilt nur der abgeschlossene Lauf)."
            for part in simpleSplit(note, BOLD, 8.5, RIGHT - LEFT):
                self.text(LEFT, y - 2, part, BOLD, 8.5, RED)
                y -= 12
        y -= 44
        half = (RIGHT - LEFT - 30) / 2
        for x, label in ((LEFT, "Sachlich und rechnerisch richtig festgestellt"), (LEFT + half + 30, "Angewiesen")):
            self.c.setStrokeColor(INK)
            self.c.setLineWidth(0.6)
            self.c.line(x, y, x + half, y)
            self.text(x, y - 11, "Datum, Unterschrift", size=7.5, color=MUTED)
            self.text(x, y + 34, label, BOLD, 8.5)


def write_payout_list(report: PayoutReport, path: str | Path) -> Path:
    """Write the payout list PDF; returns the path. Raises ReportError on inconsistent data."""
    register_fonts()
    pages = layout(report, report_warnings(report))
    path = Path(path)
    with atomic_path(path) as tmp:
        _paint(report, pages, tmp)
    return path


def _paint(report: PayoutReport, pages: list, path: Path) -> None:
    info = report.info
    canvas = Canvas(str(path), pagesize=A4, pageCompression=1, invariant=0)
    canvas.setTitle(f"Auszahlungsliste {info.period} – Lauf {info.number} ({info.status})")
    canvas.setAuthor(info.created_by)
    canvas.setSubject("Laufende Geldleistung Kindertagespflege")
    canvas.setCreator(f"KitaDesk {info.program_version}")
    painter = _Painter(canvas, report, len(pages))
    for page_no, items in enumerate(pages, 1):
        painter.head(page_no)
        top = BODY_TOP
        for it in items:
            painter.item(it, top)
            top -= it.height
        if not info.is_final:
            painter.watermark()
        canvas.showPage()
    canvas.save()
