"""SEPA pain.001 credit transfers (interfaces.md §4 `payout --sepa`)."""

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from kitadesk.reports.data import STATUS_FINAL, PayoutReport, SepaPayer
from kitadesk.reports.errors import ReportError
from kitadesk.reports.sepa import (
    DEFAULT_PAIN_VERSION,
    SUPPORTED_PAIN_VERSIONS,
    SepaIbanError,
    build_sepa,
    cents,
    end_to_end_id,
    write_sepa,
)
from tests.reports.payout_fixtures import EXPECTED, iban_for, make_report

PAYER = SepaPayer("Stadt Moers – Stadtkasse", "DE02 1001 0010 0006 8201 01", None, date(2026, 4, 28))


def parse(xml: bytes):
    """Root element and a finder for paths like 'GrpHdr/NbOfTxs' anywhere below an element."""
    root = ET.fromstring(xml)
    ns = root.tag[1:].split("}")[0]

    def find(el, path):
        return el.findall(".//" + "/".join(f"{{{ns}}}{part}" for part in path.split("/")))
    return root, ns, find


def transfers(xml: bytes) -> dict[str, tuple[str, Decimal, str, str]]:
    """EndToEndId → (IBAN, amount, remittance, creditor name)."""
    root, ns, find = parse(xml)
    out = {}
    for tx in find(root, "CdtTrfTxInf"):
        e2e = find(tx, "EndToEndId")[0].text
        out[e2e] = (find(tx, "CdtrAcct/Id/IBAN")[0].text, Decimal(find(tx, "InstdAmt")[0].text),
                    find(tx, "Ustrd")[0].text, find(tx, "Cdtr/Nm")[0].text)
    return out


def final_report():
    return make_report(STATUS_FINAL)


def test_one_transfer_per_auszahlung_row_with_count_sum_and_ibans():
    report = final_report()
    xml = build_sepa(report, PAYER)
    root, ns, find = parse(xml)
    assert ns == f"urn:iso:std:iso:20022:tech:xsd:{DEFAULT_PAIN_VERSION}"
    header = find(root, "GrpHdr")[0]
    assert find(header, "NbOfTxs")[0].text == "4"
    assert Decimal(find(header, "CtrlSum")[0].text) == sum(EXPECTED.values()) == Decimal("3127.86")
    txs = transfers(xml)
    by_nr = {e2e.rsplit("-", 1)[1]: tx for e2e, tx in txs.items()}
    assert {nr: tx[1] for nr, tx in by_nr.items()} == EXPECTED
    assert by_nr["1"][0] == "DE89370400440532013000" and by_nr["2"][0] == iban_for(2)
    assert {tx[2] for tx in txs.values()} == {"Kindertagespflege 04/2026 Lauf 2026-04/1"}
    assert by_nr["1"][3] == "Anna Schroeder"                    # German transliteration, SEPA charset
    assert find(root, "ReqdExctnDt/Dt")[0].text == "2026-04-28"
    assert find(root, "DbtrAcct/Id/IBAN")[0].text == "DE02100100100006820101"


def test_default_is_the_newest_supported_and_every_version_validates():
    assert DEFAULT_PAIN_VERSION == SUPPORTED_PAIN_VERSIONS[-1]
    assert "pain.001.001.03" in SUPPORTED_PAIN_VERSIONS
    for version in SUPPORTED_PAIN_VERSIONS:
        for bic in (None, "PBNKDEFFXXX"):
            xml = build_sepa(final_report(), replace(PAYER, pain_version=version, bic=bic))
            assert version.encode() in xml


def test_refuses_a_draft_run_and_writes_nothing(tmp_path):
    with pytest.raises(ReportError, match="nur für abgeschlossene Läufe: Lauf 2026-04/1 ist ein Entwurf"):
        write_sepa(make_report(), PAYER, tmp_path / "sepa.xml")
    assert list(tmp_path.iterdir()) == []


def test_invalid_ibans_refuse_the_whole_file_and_are_all_listed(tmp_path):
    report = final_report()
    broken = {"1": "DE89 3704 0044 0532 0130 01", "2": None, "10": "DE123", "3": iban_for(3)}
    carers = [replace(c, iban=broken.get(c.nr, c.iban)) for c in report.carers]
    report = PayoutReport(report.info, carers, report.lines)
    with pytest.raises(SepaIbanError) as caught:
        write_sepa(report, PAYER, tmp_path / "sepa.xml")
    message = str(caught.value)
    assert "SEPA-Datei abgelehnt: 3 Zahlung(en)" in message
    assert "TPP-Nr. 1 (Schröder, Anna) „DE89 3704 0044 0532 0130 01“: Prüfziffer falsch" in message
    assert "TPP-Nr. 2 (Özdemir & Partner, Leyla): IBAN fehlt" in message
    assert "TPP-Nr. 10 (Becker, Birgit) „DE123“: Länge falsch" in message
    assert "TPP-Nr. 3 " not in message
    assert len(caught.value.problems) == 3
    assert list(tmp_path.iterdir()) == []


def test_carers_not_paid_are_not_checked_nor_transferred():
    report = final_report()
    carers = [replace(c, iban="kaputt") if c.nr in ("11", "12", "13") else c for c in report.carers]
    xml = build_sepa(PayoutReport(report.info, carers, report.lines), PAYER)
    assert len(transfers(xml)) == 4


def test_non_sepa_country_and_bad_bic_are_refused():
    report = final_report()
    carers = [replace(c, iban="BR1500000000000010932840814P2") if c.nr == "1" else
              replace(c, bic="NOTABIC") if c.nr == "3" else c for c in report.carers]
    with pytest.raises(SepaIbanError) as caught:
        build_sepa(PayoutReport(report.info, carers, report.lines), PAYER)
    assert "nicht im SEPA-Raum" in str(caught.value) and "TPP-Nr. 3" in str(caught.value)


def test_bad_payer_account_unsupported_version_and_empty_run_are_refused():
    with pytest.raises(ReportError, match="Auftraggeber-IBAN: Prüfziffer falsch"):
        build_sepa(final_report(), replace(PAYER, iban="DE02100100100006820102"))
    with pytest.raises(ReportError, match="wird nicht unterstützt"):
        build_sepa(final_report(), replace(PAYER, pain_version="pain.001.001.99"))
    report = final_report()
    with pytest.raises(ReportError, match="keine Zahlungen"):
        build_sepa(PayoutReport(report.info, report.carers, []), PAYER)


def test_write_sepa_writes_the_file(tmp_path):
    path = write_sepa(final_report(), PAYER, tmp_path / "sepa.xml")
    assert path.read_bytes().startswith(b"<?xml") and len(transfers(path.read_bytes())) == 4


def test_cents_are_exact_integers_from_decimal():
    assert cents(Decimal("1924.98")) == 192498 and isinstance(cents(Decimal("0.10")), int)
    assert cents(Decimal("7916811.60")) == 791681160
    with pytest.raises(ReportError):
        cents(Decimal("0.005"))


def test_end_to_end_id_fits_35_characters():
    assert end_to_end_id("2026-04/1", "1003") == "KTP-2026-04-1-1003"
    assert len(end_to_end_id("2026-04/12", "X" * 40)) == 35


def test_hidden_iban_refuses_the_file():
    report = final_report()
    carers = [replace(c, iban=None, iban_hidden=True) if c.nr == "2" else c for c in report.carers]
    with pytest.raises(SepaIbanError, match="TPP-Nr. 2 .*IBAN ausgeblendet"):
        build_sepa(PayoutReport(report.info, carers, report.lines), PAYER)
