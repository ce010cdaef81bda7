"""Änderungsbescheid: what changed, from when, old vs. new amount (R-K4, R-V4)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from kitadesk.formats import day, money
from kitadesk.reports.fonts import BOLD
from kitadesk.reports.letters.data import Aenderungsbescheid
from kitadesk.reports.letters.layout import (
    TEXT_W,
    block,
    closing,
    common_values,
    opening,
    reasons_section,
    rechtsbehelf,
    section,
)
from kitadesk.reports.letters.tables import (
    RULE,
    SHADE,
    base_style,
    care_terms_table,
    cell,
    fee_periods_table,
    lines_table,
)
from kitadesk.reports.letters.textblocks import render_text


def values(letter: Aenderungsbescheid) -> dict[str, str]:
    return common_values(letter) | {
        "gegenstand": letter.topic, "bescheid_vom": day(letter.previous_date),
        "wirksam_ab": day(letter.effective_from), "betrag_bezeichnung": letter.amount_label,
        "betrag_alt": money(letter.old_amount), "betrag_neu": money(letter.new_amount),
    }


def _changes_table(letter: Aenderungsbescheid) -> Table:
    widths = (65 * mm, 50 * mm, TEXT_W - 115 * mm)
    data = [["Änderung", "bisher", f"ab dem {day(letter.effective_from)}"]]
    data += [[cell(c.subject, widths[0]), cell(c.old, widths[1]), cell(c.new, widths[2])]
             for c in letter.changes]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(base_style([("FONTSIZE", (0, 0), (-1, -1), 9), ("FONTNAME", (0, 0), (-1, 0), BOLD),
                                ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)]))
    return table


def _amount_table(letter: Aenderungsbescheid) -> Table:
    widths = (TEXT_W - 105 * mm, 35 * mm, 35 * mm, 35 * mm)
    diff = letter.difference
    sign = "+" if diff > 0 else ""
    data = [["", "bisher", f"ab {day(letter.effective_from)}", "Änderung"],
            [cell(letter.amount_label, widths[0], bold=True), money(letter.old_amount),
             money(letter.new_amount), sign + money(diff)]]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(base_style([("FONTSIZE", (0, 0), (-1, -1), 9.5), ("LEADING", (0, 0), (-1, -1), 12),
                                ("FONTNAME", (0, 0), (-1, 0), BOLD), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                                ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("FONTNAME", (2, 1), (2, 1), BOLD),
                                ("LINEBELOW", (0, 1), (-1, 1), 0.8, colors.black)]))
    return table


def story(letter: Aenderungsbescheid) -> tuple[str, list]:
    v = values(letter)
    subject = render_text("aenderung.betreff", v, letter.text_overrides)
    flow = opening(subject, v, letter)
    flow += block("aenderung.entscheidung", v, letter)
    if letter.changes:
        flow += [_changes_table(letter), Spacer(1, 8)]
    if letter.care_terms:
        flow += [care_terms_table(letter.care_terms), Spacer(1, 8)]
    flow += block("aenderung.betrag", v, letter)
    flow += [_amount_table(letter)]
    if len(letter.fee_periods) > 1:
        flow += section("Monatsbeitrag je Zeitraum", [fee_periods_table(letter.fee_periods)])
    if letter.lines:
        flow += section(f"Neue Berechnung ab dem {v['wirksam_ab']}",
                        [lines_table(letter.lines, f"{letter.amount_label} ab dem {v['wirksam_ab']}")])
    flow += reasons_section("aenderung.begruendung", v, letter)
    flow += rechtsbehelf(v, letter)
    flow += closing(v, letter)
    return subject, flow
