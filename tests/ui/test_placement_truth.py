"""Placement previews that tell the whole truth (issue 14.5): a new placement's first full
month, a change's effect on every month including corrections of finalized months, the
confirmation above 50 hours a week, the week's limit, and the time plan as a weekly grid."""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from kitadesk.models import Carer, Child, Placement, PlacementVersion
from kitadesk.ops import records
from kitadesk.ops.payout import compute_draft, finalize
from kitadesk.ops.records.preview import CORRECTION_NOTE, preview_new_placement, preview_placement_change
from kitadesk.ui.forms.placement_form import PlacementForm
from tests.support.factory import make_carer, make_child, place, rate_table_2026
from tests.ui.conftest import TODAY, wait_until_idle

D = Decimal


def _seed(ctx, placed: bool = True) -> dict:
    """A QHB carer (worked example's proofs) and a child with special needs; placed from 1 Sep 2026."""
    with ctx.session() as s:
        rate_table_2026(s)
        carer, child = make_carer(s, "T1", srt="Ost"), make_child(s, "K1", srt="Ost", special_needs=True)
        ids = {"carer": carer.id, "child": child.id}
        if placed:
            ids["placement"] = place(s, child, carer, date(2026, 9, 1), hours="35", off_hours="0").id
        s.commit()
    return ids


def _carer_total(ctx, year: int, month: int) -> Decimal:
    draft = compute_draft(ctx.store, "anna", year, month)
    with ctx.session() as s:
        from kitadesk.models import PayoutLine

        return sum(s.scalars(select(PayoutLine.betrag).where(PayoutLine.run_id == draft.run_id,
                                                             PayoutLine.carer_nr == "T1")), D("0.00"))


def _wait_preview(qtbot, form) -> None:
    form.refresh_checks()
    wait_until_idle(qtbot, form.preview_handle)
    qtbot.waitUntil(lambda: form.preview_handle is not None and not form.preview_handle.is_running
                    and "berechnet" not in form.preview_notes.text(), timeout=30000)


def test_r_k2_new_placement_preview_equals_the_draft_of_its_first_full_month(qtbot, window, ctx):
    ids = _seed(ctx, placed=False)
    form = PlacementForm(ctx, child_id=ids["child"], carer_id=ids["carer"], parent=window)
    qtbot.addWidget(form)
    form.show()
    form.beginn.set_value(date(2026, 12, 15))  # first full month: January 2027
    qtbot.keyClicks(form.wochenstunden, "35")
    _wait_preview(qtbot, form)
    preview = form.last_preview
    assert (preview.year, preview.month) == (2027, 1)
    assert preview.carer_before == D("0.00") and preview.carer_after > 0
    assert form.preview_table.item(0, 0).text() == "Januar 2027"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert _carer_total(ctx, 2027, 1) == preview.carer_after  # the same engine, the same figure
    direct = preview_new_placement(ctx.store, ctx.user, records.PlacementData(
        ids["child"], ids["carer"], date(2026, 12, 15), records.PlacementTerms(D(35))), TODAY)
    assert direct.carer_after == preview.carer_after


def test_r_k4_change_preview_shows_the_correction_of_a_finalized_month_and_the_whole_effect(qtbot, window, ctx):
    ids = _seed(ctx)
    finalize(ctx.store, "leitung", compute_draft(ctx.store, "anna", 2026, 10).run_id)
    before = _carer_total(ctx, 2026, 11)
    form = PlacementForm(ctx, placement_id=ids["placement"], parent=window)
    qtbot.addWidget(form)
    form.show()
    form.gueltig_ab.set_value(date(2026, 10, 16))
    form.wochenstunden.setText("20")
    _wait_preview(qtbot, form)
    preview = form.last_preview
    assert [(m.year, m.month, m.finalized) for m in preview.months] == [(2026, 10, True), (2026, 11, False)]
    table = form.preview_table
    assert table.item(0, 0).text() == "Oktober 2026" and table.item(0, 6).text() == CORRECTION_NOTE
    assert table.item(1, 0).text() == "November 2026" and table.item(1, 6).text() == ""
    assert table.item(2, 0).text() == "Summe"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "als neue Version gespeichert" in form.banner.label.text()
    real = _carer_total(ctx, 2026, 11) - before  # November's draft: its own lines and the October correction
    assert preview.carer_total_delta == real and real < preview.months[1].carer_delta
    assert table.item(2, 3).text().replace("\u2212", "-").startswith("-")
