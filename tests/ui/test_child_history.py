"""The child's dated values as a history in the window (issue 14.1, R-K2, R-E2): a new entry
is a new dated row, it moves the payout from its day, and the domain's rules refuse what the
import refuses."""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from sqlalchemy import select

from kitadesk.models import ChangeNotice, ChildStatus, Ermaessigung, PayoutLine
from kitadesk.ops.payout import compute_draft
from kitadesk.ops.records import child_history
from kitadesk.ui.forms.child_form import ChildForm
from tests.support.factory import make_carer, make_child, place, rate_table_2026

D = Decimal
SURCHARGE = "Zuschlag besonderer Bedarf"


def _seed(ctx) -> int:
    with ctx.store.session(ctx.user) as s:
        rate_table_2026(s)
        carer, child = make_carer(s, "T1", srt="Ost"), make_child(s, "K1", srt="Ost")
        place(s, child, carer, date(2026, 10, 1), hours="35")
        s.commit()
        return child.id


def _open(qtbot, window, ctx, child_id) -> ChildForm:
    form = ChildForm(ctx, child_id, window)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    tab_bar = form.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(1).center())
    assert form.tabs.currentWidget() is form.history_tab
    return form


def test_r_k2_special_needs_from_the_16th_cuts_the_surcharge_line_of_the_draft(qtbot, window, ctx):
    child_id = _seed(ctx)
    form = _open(qtbot, window, ctx, child_id)
    tab = form.history_tab
    qtbot.keyClicks(tab.status_ab.edit, "16.11.2026")
    qtbot.mouseClick(tab.besonderer_bedarf, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.add_status, Qt.MouseButton.LeftButton)
    assert "als neuer Eintrag gespeichert" in form.banner.label.text()
    assert [tab.statuses.item(0, c).text() for c in range(4)] == ["16.11.2026", "ja", "nein", "nein"]
    assert form.besonderer_bedarf.isChecked()  # holds today (24.11.): the Kind tab shows it
    draft = compute_draft(ctx.store, "anna", 2026, 11)
    with ctx.store.session(ctx.user) as s:
        lines = s.scalars(select(PayoutLine).where(PayoutLine.run_id == draft.run_id,
                                                   PayoutLine.position == SURCHARGE)).all()
        assert [(ln.von, ln.bis) for ln in lines] == [(date(2026, 11, 16), date(2026, 11, 30))]
        assert s.scalar(select(ChangeNotice.beschreibung).where(ChangeNotice.child_id == child_id)) == \
            "Status ab 16.11.2026: besonderer Bedarf ja"
    # the same day again is refused: the history is never overwritten
    qtbot.keyClicks(tab.status_ab.edit, "16.11.2026")
    qtbot.mouseClick(tab.add_status, Qt.MouseButton.LeftButton)
    assert "gibt es schon einen Eintrag" in form.banner.label.text()
    with ctx.store.session(ctx.user) as s:
        assert len(s.scalars(select(ChildStatus).where(ChildStatus.child_id == child_id)).all()) == 1


def test_r_e2_waiver_before_its_application_is_refused_with_the_rule_message(qtbot, window, ctx):
    child_id = _seed(ctx)
    form = _open(qtbot, window, ctx, child_id)
    tab = form.history_tab
    qtbot.keyClicks(tab.prozent, "50")
    qtbot.keyClicks(tab.waiver_ab.edit, "01.11.2026")
    qtbot.keyClicks(tab.antrag_vom.edit, "15.11.2026")
    qtbot.mouseClick(tab.add_waiver, Qt.MouseButton.LeftButton)
    assert ("01.11.2026 liegt vor dem Antrag vom 15.11.2026; eine Ermäßigung gilt frühestens ab dem Antrag "
            "(R-E2).") in form.banner.label.text()
    assert tab.waivers.rowCount() == 0
    tab.waiver_ab.set_value(date(2026, 11, 15))
    qtbot.mouseClick(tab.add_waiver, Qt.MouseButton.LeftButton)
    assert [tab.waivers.item(0, c).text() for c in range(3)] == ["50 %", "15.11.2026", "15.11.2026"]
    with ctx.store.session(ctx.user) as s:
        assert [(w.prozent, w.ab) for w in s.scalars(select(Ermaessigung))] == [(D("50.00"), date(2026, 11, 15))]


def test_r_e3_income_history_needs_a_family_and_adds_dated_rows(qtbot, window, ctx):
    child_id = _seed(ctx)
    form = _open(qtbot, window, ctx, child_id)
    tab = form.history_tab
    assert not tab.add_income.isEnabled() and "Keine Familien-Nr." in tab.family_label.text()
    form.tabs.setCurrentIndex(0)
    qtbot.keyClicks(form.familie_nr, "F1")
    qtbot.keyClicks(form.jahreseinkommen, "30000")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    form = _open(qtbot, window, ctx, child_id)
    tab = form.history_tab
    qtbot.keyClicks(tab.income_ab.edit, "01.12.2026")
    qtbot.keyClicks(tab.income, "45000")
    qtbot.mouseClick(tab.add_income, Qt.MouseButton.LeftButton)
    assert [tab.incomes.item(r, 1).text() for r in range(tab.incomes.rowCount())] == ["45.000,00 €", "30.000,00 €"]
    history = child_history.child_history(ctx.store, ctx.user, child_id)
    assert [i.jahreseinkommen for i in history.incomes] == [D("45000.00"), D("30000.00")]
