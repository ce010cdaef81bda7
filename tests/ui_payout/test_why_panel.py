"""The "Warum?" panel explains one payout line (berechnung.md: every figure by its line)."""

from datetime import date
from decimal import Decimal

from kitadesk.domain.lines import Line
from kitadesk.ui.widgets.why_panel import WhyPanel, formula, rate_text, rule_text

D = Decimal


def test_rates_show_two_to_four_decimals():
    assert [rate_text(D(v)) for v in ("6.7000", "2.0100", "1.2345", "201.15")] == \
        ["6,70 €", "2,01 €", "1,2345 €", "201,15 €"]
    assert rate_text(None) == ""


def test_r_k4_correction_lines_explain_the_difference_with_the_formula_of_their_line():
    assert formula("Korrektur: Betreuung") == "Differenz neu − bisher ((h + 2·n) · f · r · d / D)"
    assert "negativer Saldo" in formula("Vortrag in Folgemonat") and "6 Wochen" in rule_text("R-G5")


def test_the_panel_shows_rule_period_hours_rate_and_calculation(qtbot):
    panel = WhyPanel()
    qtbot.addWidget(panel)
    assert "Position anklicken" in panel.plain_text()
    line = Line("A", "K2", "Betreuung", "R-G1", date(2026, 4, 16), date(2026, 4, 30), D("86.67"), D("6.7000"),
                D("290.33"), "20 Std./Woche × 52/12 × 6,70 € × 15/30 Tage")
    panel.show_line(line, "A – Muster-A, Anna", "K2 · Kind-K2, Ben")
    text = panel.plain_text()
    for part in ("Warum 290,33 €?", "K2 · Kind-K2, Ben", "R-G1 – Monatsbetrag je Kind", "(15 Tage)",
                 "86,67 Std.", "6,70 €", "20 Std./Woche × 52/12 × 6,70 € × 15/30 Tage = 290,33 €"):
        assert part in text
    carer_line = Line("A", None, "Unfallversicherung", "R-G4", date(2026, 4, 1), date(2026, 4, 30), None,
                      D("12.00"), D("12.00"), "Nachweis 12,00 €/Monat × 100 %")
    panel.show_line(carer_line)
    assert "Position der Tagespflegeperson" in panel.plain_text() and "R-G4" in panel.plain_text()
    panel.clear()
    assert panel.line is None
