"""Jahresbescheinigung: a carer's year by position and payout month (R-V5); no Rechtsbehelfsbelehrung."""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Spacer

from kitadesk.formats import money
from kitadesk.reports.letters.data import Jahresbescheinigung
from kitadesk.reports.letters.layout import block, closing, common_values, opening, section
from kitadesk.reports.letters.tables import year_tables
from kitadesk.reports.letters.textblocks import render_text


def values(letter: Jahresbescheinigung) -> dict[str, str]:
    return common_values(letter) | {
        "tpp_name": letter.carer_name, "jahr": str(letter.year), "betrag": money(letter.total),
    }


def by_position_and_month(letter: Jahresbescheinigung) -> tuple[list[str], dict[tuple[str, int], Decimal]]:
    """Positions in order of first appearance; amounts summed per (position, month)."""
    positions: dict[str, None] = {}
    sums: dict[tuple[str, int], Decimal] = {}
    for a in letter.amounts:
        positions.setdefault(a.position, None)
        sums[(a.position, a.month)] = sums.get((a.position, a.month), Decimal("0.00")) + a.amount
    return list(positions), sums


def story(letter: Jahresbescheinigung) -> tuple[str, list]:
    v = values(letter)
    subject = render_text("jahr.betreff", v, letter.text_overrides)
    flow = opening(subject, v, letter)
    flow += block("jahr.einleitung", v, letter)
    positions, sums = by_position_and_month(letter)
    first, second = year_tables(positions, sums)
    flow += section(f"Auszahlungen {letter.year} nach Position und Monat (Beträge in Euro)", [first, Spacer(1, 8), second])
    flow += section("Hinweise", block("jahr.hinweise", v, letter))
    flow += closing(v, letter)
    return subject, flow
