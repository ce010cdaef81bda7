"""Which letters are due (R-V5, R-G10) — on SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal as D

from kitadesk.models import Carer, Child, FamilyIncome, Placement
from kitadesk.ops.letters import due_letters, produce_month
from kitadesk.ops.payout import compute_draft, run_lines
from tests.letters.scenario import TODAY, USER, example, finalize_month, seed
from tests.support.factory import change_hours, place


def _due(store, year, month, kind=None) -> dict:
    return {(d.art, d.nr): d for d in due_letters(store, USER, year, month, kind).letters}


def _month_total(store, run_id, carer="A") -> D:
    with store.session() as s:
        return sum((ln.amount for ln in run_lines(s, run_id) if ln.carer_nr == carer), D("0.00"))


def test_r_v5_new_carer_and_each_new_placement_are_due(store, april):
    due = _due(store, 2026, 4)
    assert set(due) == {("tpp", "A"), ("eltern", "K1"), ("eltern", "K2")}
    assert due[("tpp", "A")].new_amount == D("1924.98") and "neue Tagespflegeperson" in due[("tpp", "A")].reason
    assert due[("eltern", "K2")].reason == "neue Betreuung ab 16.04.2026"
    assert due[("eltern", "K1")].new_amount == D("60.00") and due[("eltern", "K2")].new_amount == D("100.00")
    assert all(d.ready for d in due.values())


def test_r_v5_kind_filter_carer_parent_changed(store, april):
    assert set(_due(store, 2026, 4, "carer")) == {("tpp", "A")}
    assert set(_due(store, 2026, 4, "parent")) == {("eltern", "K1"), ("eltern", "K2")}
    assert _due(store, 2026, 4, "changed") == {}


def test_r_v5_carer_letters_need_a_finalized_run(store):
    seed(store)
    compute_draft(store, USER, 2026, 4)
    result = due_letters(store, USER, 2026, 4)
    assert [d.art for d in result.letters] == ["eltern", "eltern"]
    assert "nur einen Entwurf" in result.notes[0]


def test_r_v5_unchanged_amount_gives_no_letter(store):
    def build(session):
        data = example(session)
        data["P2"].beginn = data["P2"].versions[0].gueltig_ab = date(2026, 4, 1)  # both children a full month
        return data

    seed(store, build)
    finalize_month(store, 2026, 4)
    produce_month(store, USER, 2026, 4, today=TODAY)
    may = finalize_month(store, 2026, 5)
    assert _month_total(store, may.run_id) == may.total
    assert _due(store, 2026, 5) == {}


def test_r_v5_amount_changed_gives_carer_aenderungsbescheid(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    may = finalize_month(store, 2026, 5)  # K2 now a full month
    due = _due(store, 2026, 5)
    assert set(due) == {("aenderung", "A")}
    letter = due[("aenderung", "A")]
    assert letter.category == "changed" and letter.old_amount == D("1924.98")
    assert letter.new_amount == _month_total(store, may.run_id) > D("1924.98")
    assert "Monatsbetrag geändert: 1.924,98 €" in letter.reason


def test_r_v5_changed_amount_without_earlier_bescheid_gives_full_bescheid(store, april):
    finalize_month(store, 2026, 5)  # April's letters were never produced
    due = _due(store, 2026, 5)
    assert set(due) == {("tpp", "A")}
    assert "kein früherer Bescheid im Archiv" in due[("tpp", "A")].reason


def test_r_v5_hours_change_gives_parents_and_carer_aenderungsbescheid(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    with store.session(USER) as s:
        change_hours(s, s.get(Placement, april["P2"]), date(2026, 5, 1), "40")  # band 25 → 45
        s.commit()
    finalize_month(store, 2026, 5)
    due = _due(store, 2026, 5)
    assert set(due) == {("aenderung", "A"), ("aenderung", "K2")}
    parents = due[("aenderung", "K2")]
    assert (parents.old_amount, parents.new_amount) == (D("100.00"), D("120.00"))
    assert "Wochenstunden: 20 → 40" in parents.reason


def test_r_e3_income_change_gives_parents_aenderungsbescheid(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    with store.session(USER) as s:
        s.add(FamilyIncome(family_id=april["F1"], gueltig_ab=date(2026, 5, 1), jahreseinkommen=D("12000")))
        s.commit()
    due = _due(store, 2026, 5, "changed")
    assert set(due) == {("aenderung", "K1")}
    assert (due[("aenderung", "K1")].old_amount, due[("aenderung", "K1")].new_amount) == (D("60.00"), D("0.00"))
    assert "Einkommen: 30.000,00 € → 12.000,00 €" in due[("aenderung", "K1")].reason


def test_r_v5_incomplete_address_is_listed_with_the_problem(store):
    def build(session):
        data = example(session)
        data["K2"].strasse = ""
        return data

    seed(store, build)
    due = _due(store, 2026, 4, "parent")
    assert not due[("eltern", "K2")].ready and "Anschrift" in due[("eltern", "K2")].problem
    result = produce_month(store, USER, 2026, 4, kind="parent", today=TODAY)
    assert [a.child_id for a in result.letters] == [due[("eltern", "K1")].child_id]
    assert [d.nr for d in result.skipped] == ["K2"]


def test_r_g10_negative_balance_without_further_payouts_gives_rueckforderung(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    with store.session(USER) as s:  # both placements turn out to have ended on 10 April
        for key in ("P1", "P2"):
            s.get(Placement, april[key]).ende = date(2026, 4, 10)
        s.commit()
    may = finalize_month(store, 2026, 5)
    with store.session() as s:
        vortrag = sum((ln.amount for ln in run_lines(s, may.run_id) if ln.position == "Vortrag in Folgemonat"),
                      D("0.00"))
    assert vortrag > 0
    due = _due(store, 2026, 5)
    assert due[("rueckforderung", "A")].new_amount == vortrag
    assert ("aenderung", "A") not in due
    produce_month(store, USER, 2026, 5, today=date(2026, 5, 27))
    finalize_month(store, 2026, 6)  # only the balance carried on: demanded once, not every month
    assert _due(store, 2026, 6) == {}


def test_r_g10_negative_balance_with_further_payouts_is_carried_not_demanded(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    with store.session(USER) as s:  # both ended on 10 April, but K1 comes back in June
        for key in ("P1", "P2"):
            s.get(Placement, april[key]).ende = date(2026, 4, 10)
        place(s, s.get(Child, april["K1"]), s.get(Carer, april["A"]), date(2026, 6, 1))
        s.commit()
    may = finalize_month(store, 2026, 5)
    assert _month_total(store, may.run_id) == 0  # the negative balance is carried (Vortrag)
    assert ("rueckforderung", "A") not in _due(store, 2026, 5)
