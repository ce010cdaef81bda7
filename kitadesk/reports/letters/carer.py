"""Carer's Bescheid: the monthly amount with its lines per child, rule by rule (R-V1, R-V4)."""

from __future__ import annotations

from kitadesk.formats import money, month_label
from kitadesk.reports.letters.data import CarerBescheid
from kitadesk.reports.letters.layout import (
    block,
    closing,
    common_values,
    opening,
    reasons_section,
    rechtsbehelf,
    section,
)
from kitadesk.reports.letters.tables import lines_table
from kitadesk.reports.letters.textblocks import render_text


def children_text(count: int) -> str:
    return "1 Kind" if count == 1 else f"{count} Kinder"


def values(letter: CarerBescheid) -> dict[str, str]:
    children = {line.child_name for line in letter.lines if line.child_name}
    return common_values(letter) | {
        "tpp_name": letter.carer_name, "monat": month_label(letter.year, letter.month),
        "betrag": money(letter.total), "kinder": children_text(len(children)), "stufe": letter.tier,
    }


def story(letter: CarerBescheid) -> tuple[str, list]:
    v = values(letter)
    subject = render_text("tpp.betreff", v, letter.text_overrides)
    flow = opening(subject, v, letter)
    flow += block("tpp.entscheidung", v, letter)
    flow += section(f"Berechnung für {v['monat']}",
                    [lines_table(letter.lines, f"Monatlicher Gesamtbetrag ab {v['monat']}")])
    flow += reasons_section("tpp.begruendung", v, letter)
    flow += section("Hinweise", block("tpp.hinweise", v, letter))
    flow += rechtsbehelf(v, letter)
    flow += closing(v, letter)
    return subject, flow
