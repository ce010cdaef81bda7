"""Loading a month's inputs from the store (ops/payout_inputs.py) and the completeness check."""

from datetime import date
from decimal import Decimal

from sqlalchemy import event

from kitadesk.domain.settings import DEFAULTS
from kitadesk.models import CarerDocument, Erlaubnis
from kitadesk.ops.payout import compute_draft
from kitadesk.ops.payout_inputs import load_month
from tests.ops.payout_helpers import seed
from tests.support.factory import (
    absence,
    change_hours,
    fortbildung,
    make_carer,
    make_child,
    monatsmeldung,
    place,
    rate_table_2026,
    sonderbetrag,
    vertretungsplatz,
    worked_example,
)

D = Decimal


def test_r_k4_versions_are_cut_by_the_next_version_and_the_placement_end(store):
    def build(s):
        rate_table_2026(s)
        a = make_carer(s, "A")
        k = make_child(s, "K1")
        p = place(s, k, a, date(2026, 3, 1), hours="20", ende=date(2026, 4, 25))
        change_hours(s, p, date(2026, 4, 10), "30")
        change_hours(s, p, date(2026, 5, 1), "40")  # after the end: never used
    seed(store, build)
    with store.session() as s:
        loaded = load_month(s, 2026, 4, DEFAULTS)
    got = [(v.von, v.bis, v.weekly_hours) for v in loaded.inp.placements]
    assert got == [(date(2026, 3, 1), date(2026, 4, 9), D(20)),
                   (date(2026, 4, 10), date(2026, 4, 25), D(30))]
    assert len(loaded.versions["placement_versions"]) == 2


def test_r_g5_absences_of_the_whole_year_with_substitute_nr(store):
    def build(s):
        parts = worked_example(s)
        b = make_carer(s, "B", qualifikation="Basis")
        absence(s, parts["A"], date(2026, 1, 5), date(2026, 2, 20), "Krankheit")
        absence(s, parts["A"], date(2026, 4, 20), date(2026, 4, 24), "Urlaub", substitute=b)
        absence(s, parts["A"], date(2025, 12, 1), date(2025, 12, 5))  # previous year: not loaded
        absence(s, parts["A"], date(2026, 6, 1), date(2026, 6, 5))  # after the month: not needed
    seed(store, build)
    with store.session() as s:
        loaded = load_month(s, 2026, 4, DEFAULTS)
        kita = load_month(s, 2026, 4, DEFAULTS.with_(ausfall_jahr="kitajahr"))
    assert [(a.von, a.substitute_nr) for a in loaded.inp.absences] == [
        (date(2026, 1, 5), None), (date(2026, 4, 20), "B")]
    assert date(2025, 12, 1) in [a.von for a in kita.inp.absences]  # Kita year from 1 Aug 2025
    assert loaded.inp.carers["B"].tier_on(date(2026, 4, 20)) == "basis"  # the substitute's tier (R-C5)
    assert loaded.inp.carers["A"].tier_on(date(2026, 4, 1)) == "qualifiziert"


def test_r_c5_tier_from_experience_and_fortbildung(store):
    def build(s):
        rate_table_2026(s)
        c = make_carer(s, "E", qualifikation="Basis", taetig_seit=date(2019, 3, 1))
        for year in range(2021, 2026):
            fortbildung(s, c, date(year, 10, 1), "6")
        place(s, make_child(s, "K9"), c, date(2026, 1, 1))
    seed(store, build)
    with store.session() as s:
        on = load_month(s, 2026, 4, DEFAULTS).inp.carers["E"]
        off = load_month(s, 2026, 4, DEFAULTS.with_(stufe_erfahrung="aus")).inp.carers["E"]
    assert on.tier_on(date(2026, 4, 1)) == "qualifiziert" and on.tiers[0][0] == date(2026, 1, 1)
    assert off.tier_on(date(2026, 4, 1)) == "basis"


def test_r_g11_sonderbetraege_monatsmeldungen_and_vertretungsplatz_of_the_month(store):
    def build(s):
        parts = worked_example(s)
        sonderbetrag(s, parts["A"], "2026-04", "80.00", "Nacht im Haushalt der Eltern, 2 Kinder", parts["K1"])
        sonderbetrag(s, parts["A"], "2026-05", "99.00", "Mai")
        monatsmeldung(s, parts["K1"], date(2026, 4, 6), "4")  # Ostermontag
        vertretungsplatz(s, parts["A"], date(2026, 4, 16))
    seed(store, build)
    summary = compute_draft(store, "anna", 2026, 4)
    with store.session() as s:
        loaded = load_month(s, 2026, 4, DEFAULTS)
    assert [(m.amount, m.child_nr) for m in loaded.inp.manual] == [(D("80.00"), "K1")]
    assert [(m.datum, m.hours) for m in loaded.inp.monatsmeldungen] == [(date(2026, 4, 6), D(4))]
    # 1924.98 + 80.00 + Feiertag 4 × 1.50 + Vertretungsplatz 100 × 15/30
    assert summary.total == D("1924.98") + D("80.00") + D("6.00") + D("50.00")


def _count_queries(store, fn):
    statements = []
    listener = lambda *a: statements.append(a[2])  # noqa: E731
    event.listen(store.engine, "before_cursor_execute", listener)
    try:
        fn()
    finally:
        event.remove(store.engine, "before_cursor_execute", listener)
    return len(statements)


def test_loading_uses_a_fixed_number_of_queries_no_n_plus_1(store):
    def carers(first: int, n: int):
        def build(s):
            for i in range(first, first + n):
                c = make_carer(s, f"T{i}")
                for j in range(3):
                    place(s, make_child(s, f"K{i}-{j}", special_needs=j == 0), c, date(2026, 1, 1))
                absence(s, c, date(2026, 2, 2), date(2026, 2, 6))
                fortbildung(s, c, date(2025, 3, 3))
        return build

    def load():
        with store.session() as s:
            load_month(s, 2026, 4, DEFAULTS)

    seed(store, rate_table_2026)
    seed(store, carers(0, 2))
    small = _count_queries(store, load)
    seed(store, carers(2, 30))
    assert _count_queries(store, load) == small <= 15


def test_completeness_warnings_name_nr_and_name(store):
    def build(s):
        parts = worked_example(s)
        s.delete(s.query(Erlaubnis).filter_by(carer_id=parts["A"].id).one())
        s.add(Erlaubnis(carer_id=parts["A"].id, vom=date(2021, 1, 1), bis=date(2026, 3, 31)))
        b = make_carer(s, "B", nachname="Berger", vorname="Bea", iban=None, proofs=False, fuehrungszeugnis=False,
                       ort="")
        s.add(CarerDocument(carer_id=b.id, art="Führungszeugnis", person="Ehemann", erhalten_am=date(2020, 1, 1)))
        k3 = make_child(s, "K3", nachname="Klein", vorname="Kai", ort=" ", plz="4744")
        p = place(s, k3, b, date(2026, 4, 1))
        p.versions[0].gueltig_ab = date(2026, 4, 11)
        place(s, k3, parts["A"], date(2026, 4, 20), hours="10")
        rate_table_2026(s, date(2026, 4, 15), confirmed=False)
    seed(store, build)
    warnings = compute_draft(store, "anna", 2026, 4).warnings
    text = "\n".join(warnings)
    assert "TPP-Nr. B (Berger, Bea): IBAN fehlt" in text
    assert ("TPP-Nr. B (Berger, Bea): kein gültiger Nachweis am 30.04.2026 für Unfallversicherung, "
            "Alterssicherung, Kranken-/Pflegeversicherung – keine Erstattung (R-G4).") in warnings
    assert "TPP-Nr. A (Muster-A, Anna): Erlaubnis zur Kindertagespflege abgelaufen am 31.03.2026" in text
    assert "TPP-Nr. B (Berger, Bea): kein erweitertes Führungszeugnis erfasst" in text
    assert "Führungszeugnis (Ehemann) abgelaufen am 31.12.2024" in text
    assert "Kind-Nr. K3 (Klein, Kai) bei TPP B: für 01.04.2026–10.04.2026 keine Wochenstunden erfasst" in text
    assert "Kind-Nr. K3 (Klein, Kai): vom 20.04.2026 bis 30.04.2026 gleichzeitig bei TPP B und TPP A" in text
    assert "Satztabelle gültig ab 15.04.2026 ist noch nicht bestätigt und wird nicht verwendet (R-G2)." in warnings
    # R-V4, the rule of form and import: the Bescheide need an address with Ort
    assert "TPP-Nr. B (Berger, Bea): Ort fehlt – ohne Ort kann kein Bescheid adressiert werden (R-V4)." in warnings
    assert "Kind-Nr. K3 (Klein, Kai): Ort fehlt – ohne Ort kann kein Bescheid adressiert werden (R-V4)." in warnings
    assert "Kind-Nr. K3 (Klein, Kai): PLZ hat 5 Ziffern." in warnings
    assert not any("TPP-Nr. A" in w and "Ort fehlt" in w for w in warnings)
    assert len(warnings) == len(set(warnings))


def test_r_k4_change_detection_sees_the_same_records_as_the_calculation(store):
    def build(s):
        parts = worked_example(s)
        b = make_carer(s, "B")
        absence(s, parts["A"], date(2026, 4, 20), date(2026, 4, 24), substitute=b)
        fortbildung(s, parts["A"], date(2025, 5, 5))
        monatsmeldung(s, parts["K1"], date(2026, 4, 6), "4")
        sonderbetrag(s, b, "2026-04", "10.00", "Test")
        vertretungsplatz(s, b, date(2026, 1, 1))
        change_hours(s, parts["P1"], date(2026, 4, 10), "30")
    seed(store, build)
    from kitadesk.ops.payout_inputs import load_pool, month_input
    with store.session() as s:
        pool = load_pool(s, (2026, 3), (2026, 4))
    full = month_input(pool, 2026, 4, DEFAULTS)
    light = month_input(pool, 2026, 4, DEFAULTS, build=False)
    assert light.versions == full.versions and light.inp.placements == [] and light.inp.carers == {}
    assert all(full.versions[t] for t in ("carers", "fortbildungen", "placement_versions", "absences",
                                         "monatsmeldungen", "sonderbetraege", "vertretungsplaetze"))
