"""Each letter kind renders with German amounts, address, Aktenzeichen and the legal notice (R-V2, R-V4)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from kitadesk.domain.lines import Line
from kitadesk.reports.errors import ReportError
from kitadesk.reports.letters import (
    Address,
    Letterhead,
    LetterLine,
    combine,
    page_count,
    render_letter,
    render_page_png,
    samples,
)
from kitadesk.reports.letters.output import render_pages_png

from .conftest import pdf_text

WIDERSPRUCH = "innerhalb eines Monats nach Bekanntgabe Widerspruch"
RATHAUS = "Rathausplatz 1, 47441 Moers"


def all_text(pdf: bytes) -> str:
    return "\n".join(pdf_text(pdf))


@pytest.mark.parametrize("name", ["bescheid-eltern-1", "bescheid-tpp-1", "aenderungsbescheid-1", "ablehnung-1",
                                  "jahresbescheinigung-1"])
def test_r_v2_every_kind_has_head_address_aktenzeichen_and_page_numbers(rendered, name):
    letter = samples.all_samples()[name]
    pdf = rendered[name]
    assert pdf.startswith(b"%PDF-")
    pages = pdf_text(pdf)
    first = pages[0]
    for line in letter.address.lines:
        assert line in first
    assert "Stadt Moers · Fachdienst Jugend · Rathausplatz 1 · 47441 Moers" in first   # Rücksendeangabe
    assert letter.aktenzeichen in first
    assert letter.date.strftime("%d.%m.%Y") in first
    assert "SRT Mitte/Süd" in first and "2.155 - Süd" in first and "02841 / 201 – 839" in first
    assert "kindertagespflege@moers.de" in first
    assert "Stadt Moers" in first and "Der Bürgermeister" in first and "Fachdienst Jugend" in first
    for number, text in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in text


@pytest.mark.parametrize("name", ["bescheid-eltern-1", "bescheid-tpp-1", "aenderungsbescheid-1", "ablehnung-1"])
def test_r_v2_bescheide_carry_the_rechtsbehelfsbelehrung(rendered, name):
    text = " ".join(all_text(rendered[name]).split())
    assert "Rechtsbehelfsbelehrung" in text
    assert WIDERSPRUCH in text
    assert "schriftlich oder zur Niederschrift bei der Stadt Moers, Der Bürgermeister, Fachdienst Jugend" in text
    assert RATHAUS in text


def test_r_v5_jahresbescheinigung_has_no_rechtsbehelfsbelehrung(rendered):
    text = all_text(rendered["jahresbescheinigung-1"])
    assert "Rechtsbehelfsbelehrung" not in text and "Widerspruch" not in text


def test_r_v4_carer_bescheid_lines_per_child_and_total_in_german_format(rendered):
    text = all_text(rendered["bescheid-tpp-1"])
    # berechnung.md §10: April 2026, total 1.924,98 €
    for expected in ("Kind: Mia Beispiel", "Kind: Noah Muster", "1.016,17 €", "29,03 €", "32,50 €", "304,85 €",
                     "290,33 €", "14,52 €", "12,00 €", "100,58 €", "125,00 €", "1.924,98 €", "6,70 €",
                     "01.04.–30.04.2026", "16.04.–30.04.2026", "151,67", "Nr. 5.1",
                     "Monatlicher Gesamtbetrag ab April 2026", "Zwischensumme"):
        assert expected in text, expected
    assert "monatlich 1.924,98 €" in " ".join(text.split())


def test_r_v4_parents_bescheid_foerderung_and_elternbeitrag(rendered):
    text = " ".join(all_text(rendered["bescheid-eltern-1"]).split())
    for expected in ("Mia Beispiel, geboren am 03.02.2025", "Sabine Sonnenschein", "vom 01.08.2026 bis 02.02.2028",
                     "35 Stunden", "über 49.000 € bis 61.000 €", "bis 35 Stunden", "158,00 €",
                     "Ermäßigung 50 % ab dem 01.08.2026", "-79,00 €", "Monatlicher Elternbeitrag 01.08.–31.10.2026",
                         "01.11.2026–02.02.2028 59,00 €", "01.08.–15.11.2026 35 Std. Mo–Fr 07:30–14:30",
                     "79,00 €", "Antrag vom 28.05.2026", "Begründung"):
        assert expected in text, expected


def test_r_v4_aenderungsbescheid_names_change_date_and_old_vs_new(rendered):
    letter = samples.aenderungsbescheid()
    text = " ".join(all_text(rendered["aenderungsbescheid-1"]).split())
    assert "Bescheid vom 20.03.2026" in text and "mit Wirkung ab dem 01.09.2026" in text
    assert "Wöchentliche Betreuungszeit Mia Beispiel" in text and "35 Stunden" in text and "40 Stunden" in text
    assert "2.229,83 €" in text and "2.418,54 €" in text and "+188,71 €" in text
    assert letter.old_amount == Decimal("2229.83") and letter.new_amount == Decimal("2418.54")


def test_ablehnung_states_refusal_and_reason(rendered):
    text = " ".join(all_text(rendered["ablehnung-1"]).split())
    assert "Ihr Antrag vom 11.05.2026 auf Förderung Ihres Sohnes Elias" in text and "wird abgelehnt" in text
    assert "Vorrang vor der Kindertagespflege" in text
    assert "Rechtsgrundlage: § 24 Abs. 3 SGB VIII" in text
    assert "Yılmaz-Beispiel" in text   # a character outside the seeded set still prints


def test_r_v5_jahresbescheinigung_by_position_and_month(rendered):
    text = all_text(rendered["jahresbescheinigung-1"])
    letter = samples.jahresbescheinigung()
    assert "Jahresbescheinigung 2026" in text
    for month in ("Jan", "Jun", "Jul", "Dez", "Jahr"):
        assert month in text
    assert "Korrektur: Betreuung" in text and "-43,55" in text
    assert "23.161,91" in text and letter.total == Decimal("23161.91")


def test_r_v4_long_carer_letter_runs_to_two_pages_with_page_numbers():
    letter = samples.carer_bescheid(children=7)
    pdf = render_letter(letter)
    pages = pdf_text(pdf)
    assert len(pages) == 2
    assert "Seite 1 von 2" in pages[0] and "Seite 2 von 2" in pages[1]
    # continuation page: short header with office, Aktenzeichen, date and recipient
    assert "Aktenzeichen 51.3-KTPP-1041 · Schreiben vom 20.03.2026" in pages[1]
    assert "Frau Sabine Sonnenschein" in pages[1]
    text = "\n".join(pages)
    assert f"{letter.total:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") + " €" in text
    for name in {line.child_name for line in letter.lines if line.child_name}:
        assert f"Kind: {name}" in text


def test_very_long_table_splits_and_repeats_its_header():
    pdf = render_letter(samples.carer_bescheid(children=10))
    pages = pdf_text(pdf)
    assert len(pages) >= 2
    assert sum("Position Regel Zeitraum" in " ".join(p.split()) for p in pages) >= 2


def test_a_group_split_by_the_page_break_repeats_the_child_name():
    pages = pdf_text(render_letter(samples.carer_bescheid(children=7)))
    assert "Kind: Ella Probe4 (Fortsetzung)" in pages[1]
    assert "Kind: Ella Probe4" in pages[0]


def test_r_v3_metadata_creation_date_is_the_letter_date_and_page_is_a4(rendered):
    reader = PdfReader(BytesIO(rendered["bescheid-tpp-1"]))
    assert reader.metadata["/CreationDate"].startswith("D:20260320")
    assert reader.metadata["/Title"].startswith("Laufende Geldleistung")
    box = reader.pages[0].mediabox
    assert round(float(box.width) * 25.4 / 72) == 210 and round(float(box.height) * 25.4 / 72) == 297


def test_combine_concatenates_for_the_print_file(rendered):
    pdfs = list(rendered.values())
    combined = combine(pdfs)
    assert page_count(combined) == sum(page_count(p) for p in pdfs)
    assert combine(pdfs) == combined
    with pytest.raises(ReportError):
        combine([])


def test_render_page_png_preview_without_external_programs(rendered, monkeypatch):
    """Previews come from PDFium inside the app (no pdftoppm on an office PC)."""
    from PIL import Image

    monkeypatch.setenv("PATH", "")
    png = render_page_png(rendered["ablehnung-1"], page=1, dpi=30)
    image = Image.open(BytesIO(png))
    assert image.format == "PNG" and image.size in ((248, 351), (249, 351))   # A4 at 30 dpi (rounding)
    assert image.convert("L").getextrema()[0] < 100                    # there is dark text on it


def test_render_pages_png_refuses_pages_that_do_not_exist_in_german(rendered):
    with pytest.raises(ReportError, match="Seiten 2–3 gibt es nicht"):
        render_pages_png(rendered["ablehnung-1"], 2, 3)
    with pytest.raises(ReportError, match="PDF kann nicht gelesen werden"):
        render_page_png(b"kein PDF")


def test_address_over_six_lines_is_refused_in_german():
    with pytest.raises(ReportError, match="DIN 5008 erlaubt 6"):
        Address(tuple(f"Zeile {i}" for i in range(7)))
    with pytest.raises(ReportError, match="leer"):
        Address(("", " "))


def test_parents_fee_steps_must_add_up():
    letter = samples.parents_bescheid()
    with pytest.raises(ReportError, match="Elternbeitrag für Mia Beispiel"):
        replace(letter, monthly_fee=Decimal("80.00"))


def test_exempt_and_sibling_steps_are_printed():
    letter = replace(samples.parents_bescheid(), waiver_percent=None, waiver_from=None, waiver_amount=Decimal("0"),
                     sibling_note="für Mia wird kein Beitrag erhoben, der Bruder Tim zahlt den höheren Beitrag",
                     sibling_reduction=Decimal("158.00"), monthly_fee=Decimal("0.00"), reasons=(), fee_periods=())
    text = " ".join(all_text(render_letter(letter)).split())
    assert "Geschwisterregelung: für Mia wird kein Beitrag erhoben" in text and "-158,00 €" in text
    assert "ein monatlicher Elternbeitrag in Höhe von 0,00 € festgesetzt" in text


def test_letter_line_from_payout_line_uses_the_richtlinien_number():
    line = Line("T1", "K1", "Betreuung", "R-G1", date(2026, 4, 1), date(2026, 4, 30), Decimal("151.67"),
                Decimal("6.70"), Decimal("1016.17"))
    ll = LetterLine.from_line(line, "Mia Beispiel")
    assert (ll.child_name, ll.rule, ll.amount) == ("Mia Beispiel", "Nr. 5.1", Decimal("1016.17"))
    assert LetterLine.from_line(replace(line, rule="R-X9"), None).rule == "R-X9"


def test_letterhead_without_bank_data_prints_no_bank_column():
    letter = replace(samples.ablehnung(), letterhead=Letterhead())
    text = all_text(render_letter(letter))
    assert "Bankverbindung" not in text and "IBAN" not in text
    assert "Rathausplatz 1 · 47441 Moers" in text


def test_notes_go_into_the_zusatz_und_vermerkzone():
    base = samples.ablehnung()
    letter = replace(base, address=Address(base.address.lines, notes=("Persönlich",)))
    assert "Persönlich" in pdf_text(render_letter(letter))[0]


def test_parents_letter_without_end_date():
    letter = replace(samples.parents_bescheid(), care_to=None, care_terms=(), fee_periods=())
    text = " ".join(all_text(render_letter(letter)).split())
    assert "ab dem 01.08.2026 (unbefristet)" in text
    assert "Sabine Sonnenschein ab dem 01.08.2026 im Umfang von 35 Stunden" in text
