"""Issue 7: the child's form shows this month's Elternbeitrag with its explanation (R-E1, R-E3)."""

from datetime import date

from kitadesk.ops.fees import child_fee
from kitadesk.ui.forms.child_form import ChildForm
from tests.fees.test_fee_list import scenario


def test_r_e1_child_form_shows_the_fee_of_the_month(qtbot, ctx):
    scenario(ctx.store)
    with ctx.store.session(ctx.user) as s:
        from sqlalchemy import select

        from kitadesk.models import Child

        k1 = s.scalar(select(Child.id).where(Child.nr == "K1"))
    fee = child_fee(ctx.store, ctx.user, k1, date(2026, 4, 30))
    assert fee is not None and str(fee.zahlbetrag) == "120.00"  # top bracket, band bis 45 h (R-E3: from April)
    form = ChildForm(ctx, child_id=k1)
    qtbot.addWidget(form)
    text = form.fee.text()
    assert text.startswith("Elternbeitrag November 2026: 120,00 € (Stufe 3 (höchste Stufe), bis 45 Std.).")
