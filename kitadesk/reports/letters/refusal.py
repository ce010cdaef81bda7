"""Ablehnung: refusal of an application with its reason (R-V5)."""

from __future__ import annotations

from kitadesk.formats import day
from kitadesk.reports.letters.data import Ablehnung
from kitadesk.reports.letters.layout import block, closing, common_values, opening, para, reasons_section, rechtsbehelf
from kitadesk.reports.letters.textblocks import render_text


def values(letter: Ablehnung) -> dict[str, str]:
    return common_values(letter) | {
        "antrag_datum": day(letter.application_date), "antrag_gegenstand": letter.application_subject,
        "grund": letter.reason, "rechtsgrundlage": letter.legal_basis,
    }


def story(letter: Ablehnung) -> tuple[str, list]:
    v = values(letter)
    subject = render_text("ablehnung.betreff", v, letter.text_overrides)
    flow = opening(subject, v, letter)
    flow += block("ablehnung.entscheidung", v, letter)
    flow += reasons_section("ablehnung.begruendung", v, letter)
    if letter.legal_basis:
        flow.append(para(f"Rechtsgrundlage: {letter.legal_basis}"))
    flow += rechtsbehelf(v, letter)
    flow += closing(v, letter)
    return subject, flow
