"""The record forms (the carer form: shots/carer.py): child (with its Verlauf), placement (a new one with its first full
month, a change with the correction of a finalized month)."""

from datetime import date
from decimal import Decimal

CHANGE_FROM = date(2026, 10, 16)  # in October, whose run the module finalizes
NEW_PLAN = "Mo 07:30-13:30; Di 07:30-13:30; Mi 07:30-13:30; Do 07:30-13:30; Fr 07:30-12:30"


def shots(env):
    from kitadesk.ui.forms.child_form import ChildForm
    from kitadesk.ui.forms.placement_form import PlacementForm

    window = env.window
    ctx = window.ctx
    window.show_page("betreuungen")
    env.wait(timeout=1.0)
    placements = window.current_page()
    rows = [placements.model.row_at(i) for i in range(placements.model.rowCount())]
    row = next(r for r in rows if r.status == "laufend" and r.ende is None and r.beginn < date(2026, 9, 1))

    _two_history_entries(env, ctx, row.child_id)
    cform = ChildForm(ctx, row.child_id, window)
    cform.show()
    yield "child_form.png", cform
    cform.tabs.setCurrentWidget(cform.history_tab)
    yield "child_verlauf.png", cform
    cform.reject()

    child_id, carer_id = _free_pair(env, ctx, rows, _new_child())
    nform = PlacementForm(ctx, child_id=child_id, carer_id=carer_id, parent=window)
    nform.show()
    nform.beginn.set_value(date(2026, 12, 15))
    nform.antrag_vom.set_value(date(2026, 11, 2))
    nform.grid.set_text(NEW_PLAN, announce=True)  # as typed into the weekly grid: Zeitplan and Wochenstunden
    nform.refresh_checks()
    env.wait(lambda: nform.last_preview is not None and not nform.preview_handle.is_running, 20.0)
    yield "placement_form.png", nform
    nform.reject()

    _finalized_october(env)
    pform = PlacementForm(ctx, placement_id=row.id, parent=window)
    pform.show()
    pform.gueltig_ab.set_value(CHANGE_FROM)
    pform.zeitplan.setText("")
    pform.wochenstunden.setText("20")
    pform.grund.setText("Eltern arbeiten weniger")
    pform.refresh_checks()
    env.wait(lambda: pform.last_preview is not None and pform.last_preview.has_corrections
             and not pform._timer.isActive() and not pform.preview_handle.is_running, 30.0)
    yield "placement_change_preview.png", pform
    pform.reject()


def _two_history_entries(env, ctx, child_id: int) -> None:
    """At least two status entries in the child's Verlauf (added once, through the ops)."""
    from kitadesk.errors import KitaDeskError
    from kitadesk.ops.records import child_history

    history = child_history.child_history(env.store, ctx.user, child_id)
    if len(history.statuses) >= 2:
        return
    holds = history.statuses[0] if history.statuses else None
    try:
        child_history.add_child_status(env.store, ctx.user, child_id, date(2026, 9, 1),
                                       not (holds and holds.besonderer_bedarf), False, False)
        child_history.add_child_status(env.store, ctx.user, child_id, date(2026, 11, 16),
                                       bool(holds and holds.besonderer_bedarf), False, False)
        child_history.add_waiver(env.store, ctx.user, child_id, Decimal(50), date(2026, 11, 1), date(2026, 10, 20))
    except KitaDeskError:
        pass  # already there (second screen size)


def _new_child():
    from kitadesk.ops.records import ChildData

    return ChildData(nr="K09001", nachname="Yılmaz", vorname="Elif", geburtsdatum=date(2025, 3, 14), srt="Ost",
                     sorgeberechtigte="Frau Derya Yılmaz", strasse="Uerdinger Straße 12", plz="47441",
                     antrag_vom=date(2026, 11, 2), familie_nr="F09001", jahreseinkommen=Decimal(38000))


def _free_pair(env, ctx, rows, new_child) -> tuple[int, int]:
    """A new child of the desk (the demo's are all placed) and a carer whose permit takes one
    more child from 15.12.2026."""
    from sqlalchemy import select

    from kitadesk.models import Child
    from kitadesk.ops import records

    with ctx.store.session(ctx.user) as s:
        child_id = s.scalar(select(Child.id).where(Child.nr == new_child.nr))
    if child_id is None:
        child_id = records.create_child(env.store, ctx.user, new_child, env.today).id
    for carer_id in dict.fromkeys(r.carer_id for r in rows):
        data = records.PlacementData(child_id, carer_id, date(2026, 12, 15), records.PlacementTerms(Decimal(29)))
        if not records.check_new_placement(env.store, ctx.user, data, env.today).refused:
            return child_id, carer_id
    return child_id, rows[0].carer_id


def _finalized_october(env) -> None:
    """October 2026 computed and finalized by Leitung (once), so a change reaching back into it
    shows as a correction."""
    from kitadesk.ops.payout import compute_draft, finalize, month_run

    run = month_run(env.store, 2026, 10)
    if run is not None and run.status != "Entwurf":
        return
    finalize(env.store, "leitung", compute_draft(env.store, "leitung", 2026, 10).run_id, today=env.today)
