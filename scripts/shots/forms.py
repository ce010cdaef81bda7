"""The record forms: child, placement (with its change preview); the carer form: shots/carer.py."""


def shots(env):
    from kitadesk.ui.forms.child_form import ChildForm
    from kitadesk.ui.forms.placement_form import PlacementForm

    window = env.window
    window.show_page("betreuungen")
    env.wait(timeout=1.0)
    placements = window.current_page()
    rows = placements.model.rows()
    row = next(r for r in rows if r.status == "laufend" and r.ende is None)

    cform = ChildForm(env.window.ctx, row.child_id, window)
    cform.show()
    yield "child_form.png", cform
    cform.reject()

    pform = PlacementForm(env.window.ctx, placement_id=row.id, parent=window)
    pform.show()
    env.wait(lambda: pform.last_preview is not None, 3.0)
    yield "placement_form.png", pform
    pform.wochenstunden.setText("25")
    pform.grund.setText("Eltern arbeiten weniger")
    pform.refresh_checks()
    env.wait(lambda: pform.last_preview is not None and not pform._timer.isActive()
             and not pform.preview_handle.is_running, 5.0)
    yield "placement_change_preview.png", pform
    pform.reject()
