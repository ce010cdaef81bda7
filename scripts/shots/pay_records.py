"""Payout inputs (issue 14.1): the absence form with a substitute, the month's Monatsmeldungen
and Sonderbeträge (Leitung: all SRT)."""

from datetime import date
from decimal import Decimal


def _some_specials(env, ctx) -> None:
    """Two more Sonderbeträge of the month, so the list shows rows (again: refused as doubles)."""
    from kitadesk.errors import KitaDeskError
    from kitadesk.ops.queries.pay_inputs import all_carer_choices
    from kitadesk.ops.records.pay_inputs import SonderData, save_sonder

    with ctx.store.session(ctx.user) as s:
        carers = all_carer_choices(s)[3:5]
    reasons = ("Mehraufwand Eingewöhnung zweier Geschwisterkinder (Einzelfallentscheidung)",
               "Rückforderung Doppelzahlung Oktober")
    for (carer_id, _text), grund, amount in zip(carers, reasons, ("80.00", "-42.50")):
        try:
            save_sonder(env.store, ctx.user, None, None, SonderData(carer_id, "2026-11", Decimal(amount), grund))
        except KitaDeskError:
            pass


def shots(env):
    from kitadesk.ui.views.pay_records import open_for_month
    from kitadesk.ui.views.pay_records.forms import AbsenceForm

    window = env.window_for("leitung")
    ctx = window.ctx
    _some_specials(env, ctx)

    form = AbsenceForm(ctx, None, window)
    form.start(carer_id=form.carer_items[0][0], von=date(2026, 10, 19))
    form.bis.set_value(date(2026, 10, 30))
    substitute = next(text for _id, text in form.carer_items if "(Ost)" in text and text != form.carer_items[0][1])
    form.substitute.search.setText(substitute.split(" – ")[1].split(",")[0])  # typed: the surname
    form.show()
    form.validate()
    yield "abwesenheit_form.png", form
    form.dirty = False
    form.reject()

    dialog = open_for_month(window, ctx, 2026, 5, "monatsmeldungen")
    yield "monatsmeldungen.png", dialog
    dialog.reject()

    dialog = open_for_month(window, ctx, 2026, 11, "sonderbetraege")
    yield "sonderbetraege.png", dialog
    dialog.reject()
