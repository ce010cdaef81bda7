"""Sheet `Positionen` for finance (interfaces.md §4 + issue 15): the spec's columns, then Name,
Vorname, Kind, Wochenstunden, Monatsfaktor, Tage, Erklärung; Stunden with 4 decimals so that
round_half_up(Stunden × Satz) == Betrag for every hours line; per carer Σ Betrag = Auszahlung."""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from kitadesk.domain.inputs import ChildStatus, Monatsmeldung, Proof, VertretungsplatzPeriod
from kitadesk.domain.money import round_half_up
from kitadesk.domain.positions import HOURS_TIMES_RATE
from kitadesk.domain.settings import DEFAULTS
from kitadesk.ops.payout import compute_draft, finalize
from kitadesk.ops.payout_report import export_run
from kitadesk.reports.data import STATUS_FINAL, PayoutCarer, PayoutReport, PayoutRunInfo
from kitadesk.reports.payout_workbook import write_payout_workbook
from tests.domain.payout_builders import basis, month_input, place, qualified, run
from tests.ops.payout_helpers import seed
from tests.reports.xlsx_read import dec, load, records

D = Decimal
COLUMNS = ["TPP_Nr", "Kind_Nr", "Position", "Regel", "Von", "Bis", "Stunden", "Satz", "Betrag",
           "Name", "Vorname", "Kind", "Wochenstunden", "Monatsfaktor", "Tage", "Erklärung"]


def four(value) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.0001"))


def check_sheet(book) -> list[dict]:
    """Every row: hours lines recompute; other lines have no Stunden; per carer Σ = Auszahlung."""
    rows = records(book["Positionen"])
    for r in rows:
        if r["Position"] in HOURS_TIMES_RATE or r["Position"] == "Feiertagszuschlag":
            product = Fraction(four(r["Stunden"])) * Fraction(Decimal(repr(r["Satz"])))
            assert round_half_up(product) == dec(r["Betrag"]), r
        else:
            assert r["Stunden"] is None, r
    per_carer = defaultdict(Decimal)
    for r in rows:
        per_carer[r["TPP_Nr"]] += dec(r["Betrag"])
    paid = {r["Nr"]: dec(r["Betrag"]) for r in records(book["Auszahlung"])}
    assert {nr: amount for nr, amount in per_carer.items() if amount > 0} == paid
    return rows


def test_r_g1_worked_example_positionen_from_the_store(store, tmp_path):
    seed(store)
    run_id = finalize(store, "test", compute_draft(store, "test", 2026, 4).run_id).run_id
    path = export_run(store, "test", run_id, xlsx=tmp_path / "a.xlsx").xlsx
    book = load(path)
    assert [c.value for c in book["Positionen"][1]] == COLUMNS
    assert book["Positionen"]["G2"].number_format == "0.0000"
    rows = check_sheet(book)
    k2 = next(r for r in rows if r["Kind_Nr"] == "K2" and r["Position"] == "Betreuung")
    assert (four(k2["Stunden"]), k2["Satz"], dec(k2["Betrag"])) == (D("43.3333"), 6.7, D("290.33"))
    assert (k2["Name"], k2["Vorname"], k2["Kind"]) == ("Muster-A", "Anna", "Ben Kind-K2")
    assert (k2["Wochenstunden"], k2["Monatsfaktor"], k2["Tage"]) == (20, "52/12", "15/30")
    assert k2["Erklärung"] == "20 Std./Woche × 52/12 × 6,70 € × 15/30 Tage"
    unfall = next(r for r in rows if r["Position"] == "Unfallversicherung")
    assert (unfall["Kind_Nr"], unfall["Kind"], unfall["Stunden"], unfall["Tage"]) == (None, None, None, None)
    assert sum(dec(r["Betrag"]) for r in rows) == D("1924.98")


@pytest.mark.parametrize("faktor", ["52/12", "4.33", "4.35"])
def test_positionen_recompute_for_many_segments_and_every_line_type(tmp_path, faktor):
    placements = []
    for i in range(40):  # hours, off-hours, nights and starts of all kinds
        placements.append(place(f"K{i}", "A" if i % 2 else "B", date(2026, 4, 1 + (i * 7) % 30),
                                hours=str(D(10 + i) + D(i % 4) / 4), off=str(D(i % 5) / 2), nights=str(i % 3)))
    inp = month_input(
        carers=[qualified("A"), basis("B")], placements=placements,
        child_status=[ChildStatus(f"K{i}", date(2026, 1, 1), True) for i in range(0, 40, 3)],
        monatsmeldungen=[Monatsmeldung("K0", date(2026, 4, 6), D("6.5"))],
        vertretungsplaetze=[VertretungsplatzPeriod("B", date(2026, 4, 11))],
        proofs=[Proof("A", "alter", D("2413.85"), date(2026, 1, 1), per="jahr")])
    settings = DEFAULTS.with_(monatsfaktor=faktor)
    lines = run(inp, settings)
    info = PayoutRunInfo(2026, 4, "2026-04/1", STATUS_FINAL, date(2026, 4, 30), "test", "sqlite", "0",
                         settings.as_dict())
    carers = [PayoutCarer("A", "Ahrens", "Anna", "Ost", None), PayoutCarer("B", "Brandt", "Bea", "Nord", None)]
    report = PayoutReport(info, carers, lines, (), {f"K{i}": f"Kind {i}" for i in range(40)})
    rows = check_sheet(load(write_payout_workbook(report, tmp_path / "p.xlsx")))
    assert len(rows) == len(lines) > 100
    assert any(r["Position"] == "Feiertagszuschlag" for r in rows)
    assert {r["Monatsfaktor"] for r in rows if r["Position"] == "Betreuung"} == {faktor.replace(".", ",")}
    assert any(r["Position"] == "Vertretungsplatz" and r["Tage"] == "20/30" and r["Stunden"] is None for r in rows)
