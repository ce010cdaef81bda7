"""Late changes to finalized months (R-K4, berechnung.md §8) and the carry of negative
balances (R-G10) through the store."""

from datetime import date
from decimal import Decimal

from kitadesk.domain.lines import UEBERTRAG, VORTRAG
from kitadesk.ops.payout import compute_draft, finalize
from kitadesk.ops.settings import set_setting
from tests.ops.payout_helpers import by_position, runs, seed, stored_lines, total
from tests.support.factory import change_hours, make_carer, make_child, place, sonderbetrag, worked_example

D = Decimal


def _finalize(store, year, month):
    return finalize(store, "leitung", compute_draft(store, "anna", year, month).run_id)


def _back_date_hours(store, parts, gueltig_ab=date(2026, 4, 1), hours="30"):
    """May: the office records that K1 has 30 h/week from 1 April (off-hours unchanged)."""
    with store.session("anna") as s:
        change_hours(s, s.merge(parts["P1"]), gueltig_ab, hours, off_hours="5")
        s.commit()


def test_r_k4_back_dated_hours_change_gives_correction_lines_in_may(store):
    parts = seed(store)
    _finalize(store, 2026, 4)
    _back_date_hours(store, parts)
    may = compute_draft(store, "anna", 2026, 5)
    assert may.corrections == 2 and may.corrected_months == ("04/2026",)
    lines = stored_lines(store, may.run_id)
    betreuung = by_position(lines, "Korrektur: Betreuung", "K1")
    surcharge = by_position(lines, "Korrektur: Zuschlag besonderer Bedarf", "K1")
    assert [ln.betrag for ln in betreuung] == [D("-145.17")]  # 30 h: 871.00 instead of 1016.17
    assert [ln.betrag for ln in surcharge] == [D("-43.55")]  # 261.30 instead of 304.85
    for line in betreuung + surcharge:
        assert (line.von, line.bis) == (date(2026, 4, 1), date(2026, 4, 30))  # original Von/Bis
        assert "Nachberechnung 04/2026" in line.begruendung and "Betreuungsumfang" in line.begruendung
        assert "bisher" in line.begruendung and "neu" in line.begruendung
    # May itself is computed with the new hours
    assert by_position(lines, "Betreuung", "K1")[0].betrag == D("871.00")


def test_r_k4_correction_is_not_booked_twice_in_june(store):
    parts = seed(store)
    _finalize(store, 2026, 4)
    _back_date_hours(store, parts)
    _finalize(store, 2026, 5)
    june = compute_draft(store, "anna", 2026, 6)
    assert june.corrections == 0
    assert not [ln for ln in stored_lines(store, june.run_id) if ln.position.startswith("Korrektur")]


def test_r_k4_second_change_books_only_the_new_difference(store):
    parts = seed(store)
    _finalize(store, 2026, 4)
    _back_date_hours(store, parts, hours="30")
    _finalize(store, 2026, 5)
    _back_date_hours(store, parts, hours="25")  # in June: April was really 25 h
    june = compute_draft(store, "anna", 2026, 6)
    lines = stored_lines(store, june.run_id)
    april = [ln for ln in lines if ln.position.startswith("Korrektur") and ln.von.month == 4]
    may = [ln for ln in lines if ln.position.startswith("Korrektur") and ln.von.month == 5]
    # April: 25 h → 725.83; booked 1016.17 − 145.17 = 871.00 → −145.17 again
    assert [ln.betrag for ln in by_position(april, "Korrektur: Betreuung")] == [D("-145.17")]
    assert [ln.betrag for ln in by_position(may, "Korrektur: Betreuung")] == [D("-145.17")]
    assert june.corrected_months == ("04/2026", "05/2026")


def test_r_k4_mid_month_change_corrects_per_segment(store):
    parts = seed(store)
    _finalize(store, 2026, 4)
    _back_date_hours(store, parts, gueltig_ab=date(2026, 4, 16), hours="40")
    lines = stored_lines(store, compute_draft(store, "anna", 2026, 5).run_id)
    fixes = by_position(lines, "Korrektur: Betreuung", "K1")
    # the old full-month line goes, two segments come: −1016.17 + 508.08 (1–15) + 580.67 (16–30)
    assert sorted((ln.von, ln.bis, ln.betrag) for ln in fixes) == [
        (date(2026, 4, 1), date(2026, 4, 15), D("508.08")),
        (date(2026, 4, 1), date(2026, 4, 30), D("-1016.17")),
        (date(2026, 4, 16), date(2026, 4, 30), D("580.67")),
    ]


def test_r_k4_recompute_uses_the_settings_stored_in_the_finalized_run(store):
    parts = seed(store)
    _finalize(store, 2026, 4)
    set_setting(store, "admin", "monatsfaktor", "4.33")
    may = compute_draft(store, "anna", 2026, 5)
    assert may.corrections == 0  # a changed Auslegung alone corrects nothing
    _back_date_hours(store, parts)
    lines = stored_lines(store, compute_draft(store, "anna", 2026, 5).run_id)
    assert [ln.betrag for ln in by_position(lines, "Korrektur: Betreuung")] == [D("-145.17")]  # with 52/12
    assert runs(store)[-1].einstellungen["monatsfaktor"] == "4.33"


def test_unchanged_finalized_months_are_not_recomputed(store, monkeypatch):
    seed(store)
    _finalize(store, 2026, 4)
    _finalize(store, 2026, 5)
    import kitadesk.ops.payout as payout
    calls = []
    real = payout.compute_month
    monkeypatch.setattr(payout, "compute_month", lambda inp, s: calls.append((inp.year, inp.month)) or real(inp, s))
    compute_draft(store, "anna", 2026, 6)
    assert calls == [(2026, 6)]


def _negative(s):
    worked_example(s)
    b = make_carer(s, "B", vorname="Berta", proofs=False)
    sonderbetrag(s, b, "2026-04", "-100.00", "Überzahlung März (R-G11)")
    sonderbetrag(s, b, "2026-05", "250.00", "Einzelfall Mai")
    return b


def test_r_g10_negative_total_is_carried_forward(store):
    seed(store, _negative)
    april = _finalize(store, 2026, 4)
    lines = stored_lines(store, april.run_id)
    b = [ln for ln in lines if ln.carer_nr == "B"]
    assert [(ln.position, ln.betrag) for ln in b] == [
        ("Einzelfallentscheidung", D("-100.00")), (VORTRAG, D("100.00"))]
    assert total(b) == 0 and april.payments == 1 and april.total == D("1924.98")
    assert any("TPP-Nr. B" in w and "negativ" in w for w in april.warnings)
    may = compute_draft(store, "anna", 2026, 5)
    b = [ln for ln in stored_lines(store, may.run_id) if ln.carer_nr == "B"]
    assert [(ln.position, ln.betrag) for ln in b] == [
        ("Einzelfallentscheidung", D("250.00")), (UEBERTRAG, D("-100.00"))]
    assert runs(store)[-1].eingaben["vortrag_aus"] == "2026-04/1"


def test_r_g10_correction_can_make_a_month_negative(store):
    def build(s):
        parts = worked_example(s)
        c = make_carer(s, "C", proofs=False)
        k3 = make_child(s, "K3")
        parts["P3"] = place(s, k3, c, date(2026, 4, 1), hours="10", ende=date(2026, 5, 31))
        return parts
    parts = seed(store, build)
    _finalize(store, 2026, 4)
    with store.session("anna") as s:  # the placement never took place: ended before it began
        p3 = s.merge(parts["P3"])
        p3.ende = date(2026, 3, 31)
        p3.beginn = date(2026, 3, 31)
        s.commit()
    may = compute_draft(store, "anna", 2026, 5)
    c = [ln for ln in stored_lines(store, may.run_id) if ln.carer_nr == "C"]
    assert {ln.position for ln in c} == {"Korrektur: Betreuung", "Korrektur: Mittelbare Bildungsarbeit", VORTRAG}
    assert total(c) == 0
