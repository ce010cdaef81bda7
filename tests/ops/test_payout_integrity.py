"""Payout run integrity (berechnung.md §8, interfaces.md §2/§4; issues 15.7, 16.5, 18.4/18.6):
finalize guards shared by window and CLI, exit 1 = nothing changed, the digest of what the
person saw, months finalized in order, payments frozen with the accounts paid to."""

from datetime import date

import pytest
from sqlalchemy import text

from kitadesk.cli import main
from kitadesk.errors import KitaDeskError
from kitadesk.models import Carer
from kitadesk.ops.payout import compute_draft, finalize, month_run
from kitadesk.ops.payout_report import export_run
from kitadesk.reports.sepa import EXAMPLE_PAYER_IBAN
from tests.ops.payout_helpers import allow_month_gaps, real_payer, runs, seed
from tests.support.dump import dump

TODAY = date(2026, 4, 28)


@pytest.fixture
def out(tmp_path):
    """The export folder (the SQLite database lives in tmp_path itself)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def cli(store, *args, user="leitung"):
    return main(["--db", store.url, "--user", user, *args])


def test_r_8_finalize_refuses_a_month_after_next(store):
    seed(store)
    june = compute_draft(store, "anna", 2026, 6)
    before = dump(store)
    with pytest.raises(KitaDeskError, match="zu weit in der Zukunft.*Folgemonat 05/2026"):
        finalize(store, "leitung", june.run_id, today=TODAY)
    assert dump(store) == before
    may = compute_draft(store, "anna", 2026, 5)
    assert finalize(store, "leitung", may.run_id, today=TODAY).status == "abgeschlossen"  # month + 1 is fine


def test_r_8_cli_finalize_far_ahead_is_exit_1_and_changes_nothing(store, capsys):
    seed(store)
    before = dump(store)
    assert cli(store, "payout", "2099-01", "--finalize") == 1
    assert "zu weit in der Zukunft" in capsys.readouterr().err
    assert dump(store) == before


def test_r_8_empty_database_finalize_with_sepa_is_exit_1_and_changes_nothing(store, out, capsys):
    before = dump(store)
    sepa = out / "f.xml"
    assert cli(store, "payout", "2026-11", "--finalize", "--sepa", str(sepa)) == 1
    err = capsys.readouterr().err
    assert "keine Zahlungen" in err and "NICHT abgeschlossen" in err
    assert dump(store) == before and list(out.iterdir()) == []


@pytest.mark.parametrize("case", ["example_payer", "bad_iban", "emoji_name", "file_in_the_way", "target_is_folder"])
def test_r_8_cli_finalize_refused_for_an_export_reason_changes_nothing(store, out, capsys, case):
    parts = seed(store)
    if case != "example_payer":
        real_payer(store)
    with store.session("test") as s:
        carer = s.get(Carer, parts["A"].id)
        if case == "bad_iban":
            carer.iban = "DE00354500000000000001"
        if case == "emoji_name":
            carer.vorname, carer.nachname = "😀", "🎉"
        s.commit()
    blocker = out.parent / "keinordner"
    blocker.write_text("x")  # a file where the export's folder should be
    sepa = {"file_in_the_way": blocker / "f.xml", "target_is_folder": out}.get(case, out / "f.xml")
    xlsx = out / "f.xlsx"
    before = dump(store)
    assert cli(store, "payout", "2026-04", "--finalize", "--xlsx", str(xlsx), "--sepa", str(sepa)) == 1
    err = capsys.readouterr().err
    expected = {"example_payer": "Einstellungen → Zahlungsdaten", "bad_iban": "TPP-Nr. A",
                "emoji_name": "TPP-Nr. A", "file_in_the_way": "kann nicht angelegt werden",
                "target_is_folder": "ist ein Ordner"}
    assert expected[case] in err
    assert dump(store) == before
    assert list(out.iterdir()) == []  # no export, no temporary file left


def test_issue16_export_into_a_missing_folder_creates_it(store, out, capsys):
    seed(store)
    real_payer(store)
    sepa = out / "neu" / "unter" / "f.xml"
    assert cli(store, "payout", "2026-04", "--finalize", "--sepa", str(sepa)) == 0
    assert sepa.exists() and [p.name for p in sepa.parent.iterdir()] == ["f.xml"]


def test_r_8_cli_finalize_writes_the_exports_after_the_commit(store, out, capsys):
    seed(store)
    real_payer(store)
    sepa, pdf = out / "f.xml", out / "f.pdf"
    assert cli(store, "payout", "2026-04", "--finalize", "--pdf", str(pdf), "--sepa", str(sepa)) == 0
    assert sorted(p.name for p in out.iterdir()) == ["f.pdf", "f.xml"]
    assert [r.status for r in runs(store)] == ["abgeschlossen"]
    digest = month_run(store, 2026, 4).digest
    assert f"Prüfsumme:           {digest}" in capsys.readouterr().out


def _more_hours(store, parts, hours: int) -> None:
    with store.session("bert") as s:
        s.merge(parts["P2"]).versions[0].wochenstunden = hours
        s.commit()


def test_r_8_finalize_refuses_a_draft_recomputed_since_it_was_shown(store):
    parts = seed(store)
    shown = compute_draft(store, "anna", 2026, 4)  # the dialog shows this draft …
    _more_hours(store, parts, 25)
    recomputed = compute_draft(store, "bert", 2026, 4)  # … another desk recomputes it meanwhile
    assert recomputed.run_id == shown.run_id and recomputed.digest != shown.digest
    assert recomputed.total != shown.total
    before = dump(store)
    with pytest.raises(KitaDeskError, match="inzwischen neu berechnet.*nicht mehr der angezeigte"):
        finalize(store, "leitung", shown.run_id, digest=shown.digest)
    assert dump(store) == before
    done = finalize(store, "leitung", recomputed.run_id, digest=recomputed.digest)
    assert (done.status, done.total, done.digest) == ("abgeschlossen", recomputed.total, recomputed.digest)


def test_r_8_digest_is_the_same_for_the_same_content(store):
    seed(store)
    first = compute_draft(store, "anna", 2026, 4)
    again = compute_draft(store, "bert", 2026, 4)  # recomputed, nothing changed: the same draft
    assert len(first.digest) == 12 and again.digest == first.digest == month_run(store, 2026, 4).digest
    assert finalize(store, "leitung", first.run_id, digest=first.digest).digest == first.digest


def test_r_8_months_are_finalized_without_gaps(store):
    seed(store)
    april = compute_draft(store, "anna", 2026, 4)
    finalize(store, "leitung", april.run_id, today=TODAY)
    june = compute_draft(store, "anna", 2026, 6)
    with pytest.raises(KitaDeskError, match="Monat 05/2026 ist noch nicht abgeschlossen"):
        finalize(store, "leitung", june.run_id, today=date(2026, 6, 1))
    may = compute_draft(store, "anna", 2026, 5)
    with pytest.raises(KitaDeskError, match="frühere Lauf 2026-05/1 ist noch ein Entwurf"):
        finalize(store, "leitung", june.run_id, today=date(2026, 6, 1))
    finalize(store, "leitung", may.run_id, today=date(2026, 6, 1))
    assert finalize(store, "leitung", june.run_id, today=date(2026, 6, 1)).status == "abgeschlossen"


def test_r_8_months_may_be_finalized_with_gaps_when_the_office_says_so(store):
    seed(store)
    allow_month_gaps(store)  # abschluss_lueckenlos = nein
    finalize(store, "leitung", compute_draft(store, "anna", 2026, 4).run_id, today=TODAY)
    june = compute_draft(store, "anna", 2026, 6)
    assert finalize(store, "leitung", june.run_id, today=date(2026, 6, 1)).status == "abgeschlossen"
    with pytest.raises(KitaDeskError, match="später.* 06/2026 ist bereits abgeschlossen"):
        compute_draft(store, "anna", 2026, 5)  # skipped for good: what the default prevents


def test_r_8_finalized_payments_keep_the_account_and_are_immutable(store):
    parts = seed(store)
    run_id = finalize(store, "leitung", compute_draft(store, "anna", 2026, 4).run_id).run_id
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT carer_nr, nachname, iban, betrag FROM payout_payments "
                                f"WHERE run_id = {run_id}")).one()
    assert row[0] == "A" and str(row[3]) == "1924.98" and row[2] == parts["A"].iban
    for statement in (f"UPDATE payout_payments SET iban = 'DE02100100100006820101' WHERE run_id = {run_id}",
                      f"DELETE FROM payout_payments WHERE run_id = {run_id}",
                      "INSERT INTO payout_payments (run_id, carer_nr, nachname, vorname, iban, betrag) "
                      f"VALUES ({run_id}, 'X', 'X', 'X', NULL, 1)"):
        with pytest.raises(Exception, match="abgeschlossen"):
            with store.engine.begin() as conn:
                conn.execute(text(statement))
    with store.engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM payout_payments WHERE run_id = {run_id}")).scalar() == 1


def test_r_8_sepa_export_refused_while_the_payer_is_the_example_account(store, tmp_path):
    seed(store)
    run_id = finalize(store, "leitung", compute_draft(store, "anna", 2026, 4).run_id).run_id
    sepa = tmp_path / "f.xml"
    with pytest.raises(KitaDeskError, match="Einstellungen → Zahlungsdaten") as refused:
        export_run(store, "leitung", run_id, sepa=sepa)
    assert EXAMPLE_PAYER_IBAN in str(refused.value) and not sepa.exists()
    real_payer(store)
    assert export_run(store, "leitung", run_id, sepa=sepa).sepa_payments == 1


def test_r_8_retention_run_may_erase_name_and_account_of_a_finalized_payment_only(store):
    from kitadesk.ops.privacy import ANONYM, _redact_payments

    seed(store)
    run_id = finalize(store, "leitung", compute_draft(store, "anna", 2026, 4).run_id).run_id
    with pytest.raises(Exception, match="abgeschlossen"):  # erasing AND changing the amount: refused
        with store.engine.begin() as conn:
            conn.execute(text(f"UPDATE payout_payments SET nachname = '{ANONYM}', vorname = '', iban = NULL, "
                              f"bic = NULL, betrag = 1 WHERE run_id = {run_id}"))
    with store.session("admin") as s:
        _redact_payments(s, ["A"])
        s.commit()
    with store.engine.connect() as conn:
        row = conn.execute(text(f"SELECT carer_nr, nachname, vorname, iban, betrag FROM payout_payments "
                                f"WHERE run_id = {run_id}")).one()
    assert tuple(row[:4]) == ("A", ANONYM, "", None) and str(row[4]) == "1924.98"
