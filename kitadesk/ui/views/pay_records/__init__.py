"""Absences (R-G5), Monatsmeldungen and Sonderbeträge (R-G11): lists + forms (issue 14 item 1).

Interface used by the carer form and the payout page: `open_for_carer(parent, ctx, carer_id,
kind)` with kind in KINDS opens the lists of that carer's records, the tab of `kind` in front;
`open_for_month(parent, ctx, year, month)` the month's inputs of the user's SRT (all SRT for
the Leitung). Modules: fields (picker, money, month), table_models, forms, dialog."""

KINDS = ("abwesenheiten", "monatsmeldungen", "sonderbetraege")


def open_for_carer(parent, ctx, carer_id: int, kind: str):
    from kitadesk.ops import reads
    from kitadesk.ops.queries.pay_inputs import Scope
    from kitadesk.ui.views.pay_records.dialog import PayRecordsDialog

    if kind not in KINDS:
        raise ValueError(kind)
    title = f"Eingaben für {reads.carer_label(ctx.store, ctx.user, carer_id)}"
    dialog = PayRecordsDialog(ctx, Scope(carer_id=carer_id), title, kind, parent)
    dialog.show()
    return dialog


def open_for_month(parent, ctx, year: int, month: int, kind: str = "abwesenheiten"):
    from kitadesk.ops.queries.pay_inputs import Scope
    from kitadesk.ui.views.pay_records.dialog import PayRecordsDialog

    srt = None if ctx.actor.has("daten_alle_srt") else ctx.srt
    where = f"SRT {srt}" if srt else "alle SRT"
    dialog = PayRecordsDialog(ctx, Scope(year=year, month=month, srt=srt),
                              f"Eingaben des Monats {month:02d}/{year} ({where})", kind, parent)
    dialog.show()
    return dialog
