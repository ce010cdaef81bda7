"""Payout list PDF for signature (interfaces.md §4 `payout --pdf`)."""

import re
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from kitadesk.formats import money
from kitadesk.reports.data import STATUS_FINAL, PayoutReport
from kitadesk.reports.payout_list import layout, report_warnings, write_payout_list
from tests.reports.payout_fixtures import EXPECTED, make_report

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_exports import make_report as make_big_report  # noqa: E402


def pages_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.fixture
def draft_text(tmp_path):
    return pages_text(write_payout_list(make_report(), tmp_path / "liste.pdf"))


def test_groups_in_srt_order_with_their_carers(draft_text):
    text = "\n".join(draft_text)
    mitte, ost, nord = (text.index(f"SRT {s}\n") for s in ("Mitte/Süd", "Ost", "Nord"))
    assert mitte < ost < nord
    assert mitte < text.index("Schröder, Anna") < text.index("Becker, Birgit") < ost    # Nr 1 before Nr 10
    assert ost < text.index("Özdemir & Partner, Leyla") < nord
    assert nord < text.index("Weiß, Jürgen")
    for absent in ("Null, Nora", "Ohnelinie, Olga"):                # nothing to pay → not listed
        assert absent not in text


def test_full_iban_and_amounts_in_german_format(draft_text):
    text = "\n".join(draft_text)
    assert "DE89 3704 0044 0532 0130 00" in text
    assert "1.924,98 €" in text and "0,30 €" in text


def test_totals_per_srt_and_overall(draft_text):
    text = "\n".join(draft_text)
    assert re.search(r"Summe SRT Mitte/Süd · 2 Zahlungen\s*1\.925,28 €", text)
    assert re.search(r"Summe SRT Ost · 1 Zahlung\s*502,57 €", text)
    assert re.search(r"Summe SRT Nord · 1 Zahlung\s*700,01 €", text)
    total = money(sum(EXPECTED.values()))
    assert re.search(rf"Gesamtsumme · 4 Zahlungen\s*{re.escape(total)}", text)


def test_page_numbers_seite_x_von_y(tmp_path):
    texts = pages_text(write_payout_list(make_big_report(300), tmp_path / "liste.pdf"))
    n = len(texts)
    assert n > 3
    for i, text in enumerate(texts, 1):
        assert f"Seite {i} von {n}" in text


def test_entwurf_watermark_on_drafts_only(tmp_path, draft_text):
    assert all("Entwurf" in page for page in draft_text)
    final = pages_text(write_payout_list(make_report(STATUS_FINAL), tmp_path / "final.pdf"))
    assert all("Entwurf" not in page for page in final)
    assert "Status: abgeschlossen" in final[0]


def test_head_names_run_month_and_status(draft_text):
    first = draft_text[0]
    assert "Auszahlungsliste Kindertagespflege – April 2026" in first
    assert "Lauf 2026-04/1" in first and "Status: Entwurf" in first


def test_signature_fields_and_warnings_at_the_end(draft_text):
    text = "\n".join(draft_text)
    sign = text.index("Sachlich und rechnerisch richtig festgestellt")
    assert text.index("Gesamtsumme") < sign < text.index("Angewiesen")
    hints = text.index("Hinweise der Vollständigkeitsprüfung")
    assert sign < hints
    assert "TPP 3: Nachweis Alterssicherung fehlt" in text[hints:]
    assert "TPP-Nr. 12 (Minus, Max): Summe -10,00 € ist negativ – nicht ausgezahlt." in text[hints:]


def test_missing_iban_is_flagged(tmp_path):
    report = make_report()
    carers = [replace(c, iban="") if c.nr == "2" else c for c in report.carers]
    report = PayoutReport(report.info, carers, report.lines, [])
    text = "\n".join(pages_text(write_payout_list(report, tmp_path / "l.pdf")))
    assert "IBAN fehlt" in text
    assert any("TPP-Nr. 2" in w and "IBAN fehlt" in w for w in report_warnings(report))


def test_no_warnings_says_so(tmp_path):
    report = make_report(warnings=())
    report = PayoutReport(report.info, [c for c in report.carers if c.nr != "12"],
                          [ln for ln in report.lines if ln.carer_nr != "12"], [])
    text = "\n".join(pages_text(write_payout_list(report, tmp_path / "l.pdf")))
    assert "Hinweise der Vollständigkeitsprüfung (0)" in text and "Keine Hinweise." in text


def test_long_groups_carry_over_pages_and_fit_the_body():
    report = make_big_report(2000)
    pages = layout(report, report_warnings(report))
    from kitadesk.reports.payout_list import BODY_H
    for items in pages:
        assert sum(it.height for it in items) <= BODY_H + 0.01
    kinds = [it.kind for items in pages for it in items]
    assert kinds.count("row") == 2000
    assert kinds.count("carry_out") == kinds.count("carry_in") > 10
    # every carry-in repeats the running sum shown at the bottom of the page before
    outs = [it.data[1] for items in pages for it in items if it.kind == "carry_out"]
    ins = [it.data[1] for items in pages for it in items if it.kind == "carry_in"]
    assert outs == ins


def test_ten_times_the_city_renders_every_payment(tmp_path):
    # its speed is measured by bench/bench_exports.py, not asserted here (no timed tests: CI flakes)
    report = make_big_report(2000)
    write_payout_list(report, tmp_path / "big.pdf")
    reader = PdfReader(tmp_path / "big.pdf")
    last = reader.pages[-1].extract_text() + reader.pages[-2].extract_text() + reader.pages[-3].extract_text()
    assert "Gesamtsumme · 2.000 Zahlungen" in last
    assert money(report.total) in last
    assert report.total == sum((p.amount for p in report.payments), Decimal("0.00"))


def test_carer_without_srt_is_grouped_last(tmp_path):
    report = make_report(warnings=())
    carers = [replace(c, srt="") if c.nr == "2" else c for c in report.carers]
    text = "\n".join(pages_text(write_payout_list(PayoutReport(report.info, carers, report.lines), tmp_path / "l.pdf")))
    assert text.index("SRT Nord\n") < text.index("Ohne SRT-Zuordnung\n") < text.index("Özdemir & Partner, Leyla")
    assert "Summe Ohne SRT-Zuordnung · 1 Zahlung" in text


def test_r_x1_missing_iban_is_noted_once(tmp_path):
    """Issue 15: the completeness check's warning and the list's own note doubled "IBAN fehlt"."""
    report = make_report(warnings=())
    carer = next(c for c in report.carers if c.nr == "2")
    label = f"TPP-Nr. 2 ({carer.name}, {carer.vorname})"
    carers = [replace(c, iban=None) if c.nr == "2" else c for c in report.carers]
    checked = PayoutReport(report.info, carers, report.lines,
                           (f"{label}: IBAN fehlt – keine Überweisung möglich (SEPA-Datei wird abgelehnt).",))
    assert [n for n in report_warnings(checked) if "IBAN fehlt" in n] == list(checked.warnings)
    unchecked = PayoutReport(report.info, carers, report.lines)
    assert [n for n in report_warnings(unchecked) if "IBAN fehlt" in n] == [f"{label}: IBAN fehlt."]
    text = "\n".join(pages_text(write_payout_list(checked, tmp_path / "l.pdf")))
    assert text.count("IBAN fehlt") == 2  # the note once, and the row's IBAN column
