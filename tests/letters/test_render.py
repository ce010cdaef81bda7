"""Each kind rendered through the ops: amounts, address block, contact, Rechtsbehelfsbelehrung (R-V2, R-V4)."""

from datetime import date
from decimal import Decimal as D

import pytest

from kitadesk.errors import InputError, KitaDeskError
from kitadesk.formats import money
from kitadesk.models import FamilyIncome, Placement, SrtOffice
from kitadesk.ops.letters import produce_annual, produce_month, refuse_application, reprint, set_letter_setting
from kitadesk.ops.payout import run_lines
from tests.letters.pdftext import flat, pdf_text
from tests.letters.scenario import TODAY, USER, finalize_month
from tests.ops.payout_helpers import allow_month_gaps
from tests.support.factory import change_hours


def _letters(store, result) -> dict:
    """(art, nr) → the letter's text, whitespace joined (address blocks keep ' ' between lines)."""
    return {(a.art, a.aktenzeichen.split("-")[2].split("/")[0]): flat(pdf_text(reprint(store, USER, a.id)))
            for a in result.letters}


def test_r_v4_carer_bescheid_amounts_match_the_payout_lines(store, april):
    texts = _letters(store, produce_month(store, USER, 2026, 4, today=TODAY))
    text = texts[("tpp", "A")]
    with store.session() as s:
        from kitadesk.ops.letters.carers import finalized_run

        lines = run_lines(s, finalized_run(s, 2026, 4).id)
    assert lines and all(money(ln.amount) in text for ln in lines)
    assert "Monatlicher Gesamtbetrag ab April 2026 1.924,98 €" in text
    assert "Frau Anna Sonnenschein Kastanienweg 7 47443 Moers" in text
    assert "Sehr geehrte Frau Sonnenschein," in text
    assert "51.3-MS-A/2026" in text and "28.04.2026" in text and "SRT Mitte/Süd" in text
    assert "Rechtsbehelfsbelehrung" in text and "Widerspruch" in text and "Seite 1 von 2" in text


def test_r_v4_parents_bescheid_shows_placement_fee_and_address(store, april):
    text = _letters(store, produce_month(store, USER, 2026, 4, today=TODAY))[("eltern", "K1")]
    assert "Frau Eva Roth Herrn Jan Roth Lindenallee 23 47441 Moers" in text
    assert "Sehr geehrte Frau Roth, sehr geehrter Herr Roth," in text
    assert "Anna Sonnenschein" in text and "35 Stunden" in text
    assert "Stufe 2: über 18.000 € bis 36.000 €" in text
    assert "Monatlicher Elternbeitrag ab dem 01.04.2026 60,00 €" in text
    assert "innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben" in text


def test_r_v4_aenderungsbescheide_show_what_changed_from_when_old_and_new(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    with store.session(USER) as s:
        change_hours(s, s.get(Placement, april["P2"]), date(2026, 5, 1), "40")
        s.add(FamilyIncome(family_id=april["F1"], gueltig_ab=date(2026, 5, 1), jahreseinkommen=D("12000")))
        s.commit()
    may = finalize_month(store, 2026, 5)
    texts = _letters(store, produce_month(store, USER, 2026, 5, today=date(2026, 5, 27)))
    carer = texts[("aenderung", "A")]
    assert "der Bescheid vom 28.04.2026 über die laufende Geldleistung" in carer
    assert "Kind Ben Kind-K2" in carer and f"bisher {money(D('1924.98'))}" in carer
    assert money(may.total) in carer
    k1 = texts[("aenderung", "K1")]
    assert "Jahreseinkommen 30.000,00 € 12.000,00 €" in k1 and "60,00 € 0,00 € -60,00 €" in k1
    k2 = texts[("aenderung", "K2")]
    assert "Wöchentliche Betreuungszeit 20 Stunden 40 Stunden" in k2 and "100,00 € 120,00 €" in k2
    assert all("Rechtsbehelfsbelehrung" in t for t in texts.values())


def test_r_g10_rueckforderung_names_the_sum_to_repay(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    with store.session(USER) as s:
        for key in ("P1", "P2"):
            s.get(Placement, april[key]).ende = date(2026, 4, 10)
        s.commit()
    finalize_month(store, 2026, 5)
    result = produce_month(store, USER, 2026, 5, today=date(2026, 5, 27))
    (letter,) = result.letters
    text = flat(pdf_text(reprint(store, USER, letter.id)))
    assert letter.art == "rueckforderung" and letter.betreff.startswith("Aufhebung und Rückforderung")
    assert "§ 50 SGB X" in text and "Rechtsbehelfsbelehrung" in text


def test_r_v5_jahresbescheinigung_by_position_and_month_after_december(store, april):
    with pytest.raises(KitaDeskError, match="12/2026 fehlt"):
        produce_annual(store, USER, 2026, today=date(2027, 1, 15))
    allow_month_gaps(store)  # December right after April
    december = finalize_month(store, 2026, 12)
    result = produce_annual(store, USER, 2026, today=date(2027, 1, 15))
    (letter,) = result.letters
    text = flat(pdf_text(reprint(store, USER, letter.id)))
    assert letter.art == "jahr" and letter.monat == "2026"
    assert money(D("1924.98") + december.total) in text
    assert "Betreuung" in text and "Unfallversicherung" in text and "Rechtsbehelfsbelehrung" not in text
    assert produce_annual(store, USER, 2026).letters == ()  # archived once


def test_r_v5_ablehnung_on_demand_is_rendered_and_archived(store, april):
    archived = refuse_application(store, USER, "Für Mia steht ein Kita-Platz zur Verfügung.", child_id=april["K1"],
                                  application_date=date(2026, 3, 2), legal_basis="§ 24 Abs. 3 SGB VIII",
                                  today=TODAY)
    text = flat(pdf_text(reprint(store, USER, archived.id)))
    assert archived.art == "ablehnung" and archived.betreff == "Ablehnung Ihres Antrags vom 02.03.2026"
    assert "Für Mia steht ein Kita-Platz zur Verfügung." in text and "Rechtsbehelfsbelehrung" in text
    carer = refuse_application(store, USER, "Die Räume sind nicht geeignet.", carer_id=april["A"], today=TODAY)
    assert "Erlaubnis zur Kindertagespflege" in flat(pdf_text(reprint(store, USER, carer.id)))
    with pytest.raises(InputError):
        refuse_application(store, USER, "  ", child_id=april["K1"])


def test_r_v2_text_blocks_and_desk_contact_come_from_the_settings(store, april):
    set_letter_setting(store, USER, "text_tpp_hinweise", "Fragen beantwortet {ansprechpartner} unter {telefon}.")
    set_letter_setting(store, USER, "brief_aktenzeichen", "51.4")
    with pytest.raises(InputError, match="unbekannter Platzhalter"):
        set_letter_setting(store, USER, "text_tpp_hinweise", "Hallo {kind_name}")
    with store.session(USER) as s:
        s.add(SrtOffice(srt="Mitte/Süd", bezeichnung="SRT Mitte/Süd", ansprechpartner="Frau Beispiel",
                        raum="3.101", telefon="02841 201-999"))
        s.commit()
    result = produce_month(store, USER, 2026, 4, kind="carer", today=TODAY)
    text = flat(pdf_text(reprint(store, USER, result.letters[0].id)))
    assert "Fragen beantwortet Frau Beispiel unter 02841 201-999." in text
    assert "3.101" in text and "51.4-MS-A/2026" in text
