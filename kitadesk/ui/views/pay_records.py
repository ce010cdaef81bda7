"""Absences (R-G5), Monatsmeldungen and Sonderbeträge (R-G11): list + form per carer.

Interface used by the carer form and the payout page (filled in by the pay-records work):
`open_for_carer(parent, ctx, carer_id, kind)` with kind in KINDS opens the list of that
carer's records of this kind."""

KINDS = ("abwesenheiten", "monatsmeldungen", "sonderbetraege")


def open_for_carer(parent, ctx, carer_id: int, kind: str):
    raise NotImplementedError(kind)
