"""Placement previews that tell the whole truth (issue 14.5): a new placement's first full
month, a change's effect on every month including corrections of finalized months, the
confirmation above 50 hours a week, the week's limit, and the time plan as a weekly grid."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from sqlalchemy import func, select

from kitadesk.errors import KitaDeskError
from kitadesk.models import PlacementVersion
from kitadesk.ops import records
from kitadesk.ops.fees import child_fee
from kitadesk.ops.payout import compute_draft, finalize
from kitadesk.ops.records.preview import CORRECTION_NOTE, preview_new_placement
from kitadesk.ui.forms.placement_form import PlacementForm
from tests.support.factory import make_carer, make_child, place, rate_table_2026
from tests.support.fee_data import fee_table
from tests.ui.conftest import TODAY, wait_until_idle

D = Decimal


def _seed(ctx, placed: bool = True) -> dict:
    """A QHB carer (worked example's proofs) and a child with special needs; placed from 1 Sep 2026."""
    with ctx.store.session(ctx.user) as s:
        rate_table_2026(s)
        fee_table(s)
        carer, child = make_carer(s, "T1", srt="Ost"), make_child(s, "K1", srt="Ost", special_needs=True)
        ids = {"carer": carer.id, "child": child.id}
        if placed:
            ids["placement"] = place(s, child, carer, date(2026, 9, 1), hours="35", off_hours="0").id
        s.commit()
    return ids


def _carer_total(ctx, year: int, month: int) -> Decimal:
    draft = compute_draft(ctx.store, "anna", year, month)
    with ctx.store.session(ctx.user) as s:
        from kitadesk.models import PayoutLine

        return sum(s.scalars(select(PayoutLine.betrag).where(PayoutLine.run_id == draft.run_id,
                                                             PayoutLine.carer_nr == "T1")), D("0.00"))


def _wait_preview(qtbot, form) -> None:
    form.refresh_checks()
    wait_until_idle(qtbot, form.preview_handle)
    qtbot.waitUntil(lambda: form.preview_handle is not None and not form.preview_handle.is_running
                    and "berechnet" not in form.preview_notes.text(), timeout=60000)


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
    fee = child_fee(ctx.store, ctx.user, ids["child"], date(2027, 1, 31))
    assert preview.fee_before is None and preview.fee_after == fee.zahlbetrag > 0  # the fee list's figure
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
    assert preview.months[1].fee_after < preview.months[1].fee_before  # 20 h: a lower band (R-E1)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "als neue Version gespeichert" in form.banner.label.text()
    real = _carer_total(ctx, 2026, 11) - before  # November's draft: its own lines and the October correction
    assert preview.carer_total_delta == real and real < preview.months[1].carer_delta
    assert table.item(2, 3).text().replace("\u2212", "-").startswith("-")


def _answer(qtbot, text: str) -> None:
    """Click the button `text` (Ja/Nein) of the next question box, once it is shown."""
    def click():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        button = next(b for b in box.buttons() if b.text() == text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(200, click)


def test_r_k2_more_than_50_hours_asks_nein_keeps_the_form_ja_saves(qtbot, window, ctx):
    ids = _seed(ctx)
    form = PlacementForm(ctx, placement_id=ids["placement"], parent=window)
    qtbot.addWidget(form)
    form.show()
    form.gueltig_ab.set_value(date(2027, 1, 1))
    form.wochenstunden.setText("")
    qtbot.keyClicks(form.wochenstunden, "60")
    _answer(qtbot, "Nein")
    qtbot.keyClick(form.wochenstunden, Qt.Key.Key_Return)  # Enter = Speichern
    assert form.isVisible() and "Nicht gespeichert" in form.banner.label.text()
    with ctx.store.session(ctx.user) as s:
        assert s.scalar(select(func.count()).select_from(PlacementVersion)) == 1
    _answer(qtbot, "Ja")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "als neue Version gespeichert" in form.banner.label.text()
    with ctx.store.session(ctx.user) as s:
        latest = s.scalars(select(PlacementVersion).order_by(PlacementVersion.gueltig_ab.desc())).first()
        assert (latest.gueltig_ab, latest.wochenstunden) == (date(2027, 1, 1), D("60.00"))


def test_r_k2_more_hours_than_the_week_has_are_refused(qtbot, window, ctx):
    ids = _seed(ctx)
    form = PlacementForm(ctx, placement_id=ids["placement"], parent=window)
    qtbot.addWidget(form)
    form.show()
    form.gueltig_ab.set_value(date(2027, 1, 1))
    form.wochenstunden.setText("")
    qtbot.keyClicks(form.wochenstunden, "170")
    assert "höchstens 168" in form.boxes["wochenstunden"].error
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # refused before any question
    assert form.isVisible() and "markierten Felder" in form.banner.label.text()
    with pytest.raises(KitaDeskError, match="168"):
        records.change_placement(ctx.store, ctx.user, ids["placement"], form.version, date(2027, 1, 1),
                                 records.PlacementTerms(D(170)), TODAY)


def _type_cell(qtbot, table, row: int, column: int, text: str) -> None:
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, text[0])  # typing starts editing (like a spreadsheet)
    spot = table.visualRect(table.currentIndex()).center()
    editor = next(w for w in table.viewport().findChildren(QLineEdit)
                  if w.isVisible() and w.geometry().contains(spot))  # the cell's editor
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # commits (Tab would commit and edit the next cell)
    qtbot.waitUntil(lambda: not any(w.isVisible() for w in table.viewport().findChildren(QLineEdit)),
                    timeout=60000)  # the closed editor goes away


def test_r_k2_time_plan_grid_typing_writes_the_zeitplan_text_and_the_hours(qtbot, window, ctx):
    ids = _seed(ctx, placed=False)
    form = PlacementForm(ctx, child_id=ids["child"], carer_id=ids["carer"], parent=window)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    table = form.grid.table
    _type_cell(qtbot, table, 0, 0, "730")  # Mo 07:30-13:00
    _type_cell(qtbot, table, 0, 1, "13")
    _type_cell(qtbot, table, 1, 0, "6:30")  # Di 06:30-12:00, 14:00-18:00
    _type_cell(qtbot, table, 1, 1, "12")
    _type_cell(qtbot, table, 1, 2, "14")
    _type_cell(qtbot, table, 1, 3, "18")
    qtbot.mouseClick(form.grid.add_button, Qt.MouseButton.LeftButton)
    assert table.columnCount() == 6
    _type_cell(qtbot, table, 5, 0, "8")  # Sa 08:00-12:00
    _type_cell(qtbot, table, 5, 1, "12")
    assert form.zeitplan.text() == "Mo 07:30-13:00; Di 06:30-12:00, 14:00-18:00; Sa 08:00-12:00"
    assert form.wochenstunden.text() == "19"  # 5.5 + 9.5 + 4
    assert form.randzeitstunden.placeholderText() == "aus Zeitplan: 4,5"  # Di 06:30-07:00 + Sa 4 h (R-G3)
    qtbot.mouseClick(form.grid.remove_button, Qt.MouseButton.LeftButton)
    assert form.zeitplan.text() == "Mo 07:30-13:00; Di 06:30-12:00, 14:00-18:00; Sa 08:00-12:00"
    form.zeitplan.setText("Mi 08:00-12:00")  # typed text shows in the grid
    assert (table.item(2, 0).text(), table.item(2, 1).text(), table.item(0, 0).text()) == ("08:00", "12:00", "")
