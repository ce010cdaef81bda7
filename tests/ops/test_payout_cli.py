"""`kitadesk payout YYYY-MM [--finalize] [--xlsx F] [--pdf F] [--sepa F]` (interfaces.md §2, §4):
exit codes, summary, exports, SEPA refusals."""

from datetime import date

import pytest
from openpyxl import load_workbook

from kitadesk.cli import main
from kitadesk.errors import KitaDeskError, PermissionDenied
from kitadesk.models import LEITUNG, SACHBEARBEITUNG, Carer
from kitadesk.ops.payout import compute_draft, finalize
from kitadesk.ops.payout_report import execution_date, export_run
from tests.ops.payout_helpers import real_payer, runs, seed
from tests.support.factory import make_user, worked_example


def cli(store, *args, user="leitung"):
    return main(["--db", store.url, "--user", user, *args])


def _bad_iban(s):
    parts = worked_example(s)
    parts["A"].iban = "DE00 3545 0000 0000 0000 01"
    return parts


def test_cli_payout_computes_a_draft_and_prints_the_summary(store, capsys):
    seed(store)
    assert cli(store, "payout", "2026-04") == 0
    out = capsys.readouterr().out
    assert "Lauf 2026-04/1 (Entwurf) – April 2026" in out
    assert "Tagespflegepersonen: 1 (Zahlungen: 1)" in out and "1.924,98 €" in out
    assert "Hinweise:            0" in out


def test_cli_payout_finalize_and_all_exports(store, tmp_path, capsys):
    seed(store)
    real_payer(store)
    xlsx, pdf, sepa = tmp_path / "a.xlsx", tmp_path / "a.pdf", tmp_path / "a.xml"
    assert cli(store, "payout", "2026-04", "--finalize", "--xlsx", str(xlsx), "--pdf", str(pdf),
               "--sepa", str(sepa)) == 0
    out = capsys.readouterr().out
    assert "(abgeschlossen)" in out and "SEPA-Datei" in out
    wb = load_workbook(xlsx)
    rows = list(wb["Auszahlung"].iter_rows(values_only=True))
    assert rows[0][:6] == ("Nr", "Name", "Vorname", "SRT", "IBAN", "Betrag")
    assert rows[1][0] == "A" and float(rows[1][5]) == pytest.approx(1924.98)
    assert rows[1][6] == "Kindertagespflege 04/2026 Lauf 2026-04/1"
    assert pdf.read_bytes()[:4] == b"%PDF"
    xml = sepa.read_text()
    assert "<InstdAmt Ccy=\"EUR\">1924.98</InstdAmt>" in xml and "Stadt Moers" in xml
    # the month is finalized now: used as it is, --finalize is a no-op
    assert cli(store, "payout", "2026-04", "--finalize") == 0
    assert "bereits abgeschlossen – Lauf 2026-04/1 wird verwendet" in capsys.readouterr().out
    assert len(runs(store)) == 1


def test_cli_notes_changes_after_finalization(store, capsys):
    parts = seed(store)
    assert cli(store, "payout", "2026-04", "--finalize") == 0
    with store.session("anna") as s:
        s.merge(parts["P2"]).versions[0].wochenstunden = 25
        s.commit()
    capsys.readouterr()
    assert cli(store, "payout", "2026-04") == 0
    assert "seit dem Abschluss geändert (Betreuungsumfang)" in capsys.readouterr().out


def test_cli_sepa_refused_for_a_draft_exit_1(store, tmp_path, capsys):
    seed(store)
    sepa = tmp_path / "a.xml"
    assert cli(store, "payout", "2026-04", "--sepa", str(sepa)) == 1
    err = capsys.readouterr().err
    assert "SEPA-Datei nur für abgeschlossene Läufe" in err
    assert not sepa.exists() and runs(store) == []
    draft = compute_draft(store, "anna", 2026, 4)
    with pytest.raises(KitaDeskError, match="Entwurf"):
        export_run(store, "anna", draft.run_id, sepa=sepa)
    assert not sepa.exists()


def test_cli_sepa_with_invalid_iban_lists_it_and_does_not_finalize(store, tmp_path, capsys):
    seed(store, _bad_iban)
    real_payer(store)
    sepa = tmp_path / "a.xml"
    assert cli(store, "payout", "2026-04", "--finalize", "--sepa", str(sepa)) == 1
    err = capsys.readouterr().err
    assert "NICHT abgeschlossen" in err and "TPP-Nr. A (Muster-A, Anna)" in err and "Prüfziffer" in err
    assert not sepa.exists() and runs(store) == []  # exit 1: nothing changed (not even a draft)


def test_r_8_sepa_of_a_finalized_run_pays_the_account_finalized_not_the_current_one(store, tmp_path):
    parts = seed(store)
    real_payer(store)
    run_id = finalize(store, "leitung", compute_draft(store, "anna", 2026, 4).run_id).run_id
    with store.session("anna") as s:
        carer = s.get(Carer, parts["A"].id)
        finalized_iban, carer.iban = carer.iban.replace(" ", ""), "DE00354500000000000001"
        s.commit()
    sepa, xlsx = tmp_path / "a.xml", tmp_path / "a.xlsx"
    export_run(store, "leitung", run_id, xlsx=xlsx, sepa=sepa)
    assert f"<IBAN>{finalized_iban}</IBAN>" in sepa.read_text() and "DE00354500000000000001" not in sepa.read_text()
    assert list(load_workbook(xlsx)["Auszahlung"].iter_rows(values_only=True))[1][4] == finalized_iban


def test_cli_usage_and_user_errors(store, capsys):
    seed(store)
    assert cli(store, "payout", "2026-13") == 2
    assert cli(store, "payout", "April") == 2
    assert cli(store, "payout", "2026-04", "--finalize") == 0
    capsys.readouterr()


def test_cli_finalize_refused_for_sachbearbeitung_exit_1(store, capsys):
    def build(s):
        worked_example(s)
        make_user(s, "sb", SACHBEARBEITUNG, "Mitte/Süd")
        make_user(s, "chefin", LEITUNG)
    seed(store, build)
    assert cli(store, "payout", "2026-04", "--finalize", user="sb") == 1
    assert "Auszahlungslauf abschließen" in capsys.readouterr().err
    assert runs(store) == []  # refused before computing: nothing written
    assert cli(store, "payout", "2026-04", "--finalize", user="unbekannt") == 1


def test_sepa_execution_date_is_in_the_month_after_and_never_in_the_past():
    assert execution_date(2026, 4, 1, today=date(2026, 4, 20)) == date(2026, 5, 1)
    assert execution_date(2026, 12, 15, today=date(2026, 12, 1)) == date(2027, 1, 15)
    assert execution_date(2026, 4, 1, today=date(2026, 5, 8)) == date(2026, 5, 11)  # Friday → Monday


def test_exports_with_ibans_of_another_srt_are_refused_never_masked(store, tmp_path):
    """Issue 15: a document never depends on who looks — refused as a whole, nothing written."""
    def build(s):
        worked_example(s)  # carer A belongs to SRT Mitte/Süd
        make_user(s, "sb", SACHBEARBEITUNG, "Ost")
        make_user(s, "chefin", LEITUNG)
    seed(store, build)
    real_payer(store)
    run_id = finalize(store, "chefin", compute_draft(store, "sb", 2026, 4).run_id).run_id
    out = tmp_path / "out"
    for kind in ("xlsx", "pdf", "sepa"):
        with pytest.raises(PermissionDenied, match="Mitte/Süd"):
            export_run(store, "sb", run_id, **{kind: out / f"a.{kind}"})
    assert not out.exists()
    xlsx = tmp_path / "a.xlsx"
    assert export_run(store, "chefin", run_id, xlsx=xlsx, sepa=tmp_path / "a.xml").sepa_payments == 1
    assert list(load_workbook(xlsx)["Auszahlung"].iter_rows(values_only=True))[1][4].startswith("DE")
