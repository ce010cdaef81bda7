"""Finalize dialog of the "Auszahlung" screen (issue 15.7, 18.4): it lists what would refuse the
SEPA file before the run is closed, and passes the digest of the draft it showed — a draft
recomputed by another desk meanwhile is not finalized."""

from PySide6.QtWidgets import QMessageBox

from kitadesk.models import Carer, PlacementVersion
from kitadesk.ops.payout import compute_draft, month_run
from kitadesk.ops.payout_report import payout_report, sepa_blockers
from kitadesk.reports.sepa import EXAMPLE_PAYER_IBAN
from tests.ops.payout_helpers import real_payer
from tests.ui_payout.conftest import wait_idle
from tests.ui_payout.test_payout_page import compute


def _answer(monkeypatch, asked: list, shown: list) -> None:
    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))


def test_r_8_finalize_dialog_lists_what_blocks_the_sepa_file(qtbot, example, page_for, monkeypatch, sqlite_store):
    with sqlite_store.session("test") as s:
        s.get(Carer, example["A"].id).iban = None
        s.commit()
    page = page_for()
    compute(qtbot, page)
    asked, shown = [], []
    _answer(monkeypatch, asked, shown)
    page.finalize_run()
    wait_idle(qtbot, page)
    assert "SEPA-Datei dieses Laufs würde abgelehnt" in asked[0]
    assert "TPP-Nr. A (Muster-A, Anna): IBAN fehlt" in asked[0]
    assert f"Auftraggeber-IBAN {EXAMPLE_PAYER_IBAN} ist das Beispielkonto" in asked[0]
    assert f"Prüfsumme: {page.view.summary.digest}" in asked[0]


def test_r_8_finalize_dialog_without_blockers_says_nothing_about_sepa(qtbot, example, page_for, monkeypatch,
                                                                      sqlite_store):
    real_payer(sqlite_store)
    page = page_for()
    compute(qtbot, page)
    report = payout_report(sqlite_store, page.ctx.user, page.view.summary.run_id)
    assert sepa_blockers(sqlite_store, report) == [] and page.view.sepa_blockers == []
    asked, shown = [], []
    _answer(monkeypatch, asked, shown)
    page.finalize_run()
    wait_idle(qtbot, page)
    assert "SEPA" not in asked[0] and month_run(sqlite_store, 2026, 4).status == "abgeschlossen"


def test_r_8_window_does_not_finalize_a_draft_recomputed_by_another_desk(qtbot, example, page_for, monkeypatch,
                                                                          sqlite_store):
    page = page_for()
    compute(qtbot, page)
    seen = page.view.summary
    with sqlite_store.session("bert") as s:  # another desk changes the hours and recomputes
        version = s.query(PlacementVersion).filter_by(placement_id=example["P2"].id).one()
        version.wochenstunden = 25
        s.commit()
    other = compute_draft(sqlite_store, "bert", 2026, 4)
    assert other.total != seen.total
    asked, shown = [], []
    _answer(monkeypatch, asked, shown)
    page.finalize_run()
    wait_idle(qtbot, page)
    assert "inzwischen neu berechnet" in shown[0] and "nicht mehr der angezeigte" in shown[0]
    assert month_run(sqlite_store, 2026, 4).status == "Entwurf"


def test_r_sepa_window_export_refused_while_the_payer_is_the_example_account(qtbot, example, page_for, monkeypatch,
                                                                               tmp_path):
    from PySide6.QtWidgets import QFileDialog

    page = page_for("leitung")
    compute(qtbot, page)
    asked, shown = [], []
    _answer(monkeypatch, asked, shown)
    page.finalize_run()
    wait_idle(qtbot, page)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "mai.xml"), ""))
    page.export("sepa")
    wait_idle(qtbot, page)
    assert "Einstellungen → Zahlungsdaten" in shown[0] and EXAMPLE_PAYER_IBAN in shown[0]
    assert list(tmp_path.glob("*.xml")) == [] and list(tmp_path.glob(".kitadesk-*")) == []
