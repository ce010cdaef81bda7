"""SEPA file integrity (issue 15.7, 16.5): names in the SEPA character set, a name with nothing
left refuses the file naming the carer, the example payer account is refused (reports layer)."""

from dataclasses import replace

import pytest

from kitadesk.reports.errors import ReportError
from kitadesk.reports.sepa import EXAMPLE_PAYER_IBAN, SepaIbanError, build_sepa, check_ibans, sepa_text
from tests.reports.payout_fixtures import make_report
from tests.reports.test_sepa import PAYER, final_report, transfers


@pytest.mark.parametrize(("name", "sepa"), [
    ("Jürgen Weiß", "Juergen Weiss"), ("Ayşe Öztürk", "Ayse Oeztuerk"), ("Łukasz Kırmızı", "Lukasz Kirmizi"),
    ("José Núñez-García", "Jose Nunez-Garcia"), ("Søren Æbeltoft", "Soren Aebeltoft"),
    ("Özdemir & Partner", "Oezdemir + Partner"), ("Anna 😀 Berg", "Anna Berg"), ("O'Brien (geb. Maaß)", "O'Brien (geb. Maass)"),
    ("Ðorđe Đoković", "Dorde Dokovic"), ("a_b@c#d", "abcd"), ("😀🎉", ""), ("Иванова", ""),
])
def test_r_sepa_names_are_transliterated_to_the_sepa_character_set(name, sepa):
    assert sepa_text(name, 70) == sepa


def test_r_sepa_creditor_names_in_the_file_use_only_the_sepa_set():
    report = final_report()
    carers = [replace(c, vorname="Łucja 😀", name="Kırmızı-Weiß") if c.nr == "1" else c for c in report.carers]
    txs = transfers(build_sepa(replace(report, carers=carers), PAYER))
    names = {e2e.rsplit("-", 1)[1]: tx[3] for e2e, tx in txs.items()}
    assert names["1"] == "Lucja Kirmizi-Weiss"


def test_r_sepa_a_name_empty_after_transliteration_refuses_the_file_naming_the_carer():
    report = make_report("abgeschlossen")
    carers = [replace(c, vorname="😀", name="🎉") if c.nr == "2" else c for c in report.carers]
    report = replace(report, carers=carers)
    assert check_ibans(report) == ["TPP-Nr. 2 (🎉, 😀): Name enthält keine im SEPA-Zeichensatz darstellbaren "
                                   "Zeichen – bitte eine lateinische Schreibweise erfassen"]
    with pytest.raises(SepaIbanError, match="TPP-Nr. 2"):
        build_sepa(report, PAYER)


def test_r_sepa_example_payer_account_is_refused_pointing_to_the_settings():
    with pytest.raises(ReportError, match="Einstellungen → Zahlungsdaten") as refused:
        build_sepa(final_report(), replace(PAYER, iban=EXAMPLE_PAYER_IBAN, bic="BYLADEM1001"))
    assert "Beispielkonto" in str(refused.value)
