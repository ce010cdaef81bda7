"""Data of the letters tests: the worked example (berechnung.md §10) with addresses, a fee table,
family incomes, and helpers to compute and finalize payout months."""

from datetime import date
from decimal import Decimal as D

from kitadesk.ops.payout import compute_draft, finalize
from tests.support.factory import worked_example
from tests.support.fee_data import BANDS, BRACKETS, family, fee_table  # noqa: F401 (shared helpers)

USER = "test"
TODAY = date(2026, 4, 28)
def example(session) -> dict:
    """Carer A (Frau Anna Muster-A) with K1 (35 h, special needs) and K2 (20 h from 16 April);
    K1's family earns 30,000 € (bracket 2), K2's 50,000 € (top bracket)."""
    data = worked_example(session)
    a = data["A"]
    a.nachname, a.geschlecht, a.strasse, a.plz, a.ort = "Sonnenschein", "w", "Kastanienweg 7", "47443", "Moers"
    fee_table(session)
    data["F1"], data["F2"] = family(session, "F1", D("30000")), family(session, "F2", D("50000"))
    for key, fam, parents, street in (("K1", "F1", "Frau Eva Roth, Herrn Jan Roth", "Lindenallee 23"),
                                      ("K2", "F2", "Frau Olga Brandt", "Am Schloßpark 3 b")):
        child = data[key]
        child.family_id, child.sorgeberechtigte = data[fam].id, parents
        child.strasse, child.plz, child.ort = street, "47441", "Moers"
    session.flush()
    return data


def seed(store, build=example):
    with store.session(USER) as s:
        result = build(s)
        s.commit()
        return {k: getattr(v, "id", v) for k, v in result.items()}


def finalize_month(store, year: int, month: int):
    summary = compute_draft(store, USER, year, month)
    return finalize(store, USER, summary.run_id)
