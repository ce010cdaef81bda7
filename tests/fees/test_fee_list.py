"""Elternbeitrag from the store and the treasury's fee list (R-E1..R-E3, interfaces.md §4)."""

from datetime import date
from decimal import Decimal as D

import openpyxl

from kitadesk.cli import main
from kitadesk.models import Ermaessigung
from kitadesk.ops.fees import fee_list, month_fees
from tests.support.factory import change_hours, make_carer, make_child, place
from tests.support.fee_data import family, fee_table


def scenario(store):
    with store.session("anna") as s:
        fee_table(s)
        carer = make_carer(s, "T1")
        rich, poor = family(s, "F1", D("50000")), family(s, "F2", D("12000"))
        older = make_child(s, "K1", geburtsdatum=date(2024, 1, 10), family_id=rich.id, sorgeberechtigte="Eva Roth")
        younger = make_child(s, "K2", geburtsdatum=date(2025, 2, 1), family_id=rich.id, sorgeberechtigte="Eva Roth")
        free = make_child(s, "K3", geburtsdatum=date(2024, 5, 5), family_id=poor.id)
        p1 = place(s, older, carer, date(2026, 1, 1), hours="30")
        place(s, younger, carer, date(2026, 1, 1), hours="20")
        place(s, free, carer, date(2026, 4, 1), hours="40")
        change_hours(s, p1, date(2026, 4, 1), "40")  # R-E3: the change counts from its month
        s.add(Ermaessigung(child_id=younger.id, prozent=D("50"), ab=date(2026, 4, 16), antrag_vom=date(2026, 4, 10)))
        s.commit()


def test_r_e1_siblings_only_highest_fee_and_hours_change_from_its_month(store):
    scenario(store)
    with store.session() as s:
        march = {r.child_nr: r for r in month_fees(s, 2026, 3)[0]}
        april = {r.child_nr: r for r in month_fees(s, 2026, 4)[0]}
    # bracket 3 (top), band bis 35 in March → 100 + 10 = 110; April band bis 45 → 120
    assert march["K1"].beitrag == D("110.00") and april["K1"].beitrag == D("120.00")
    assert march["K2"].beitrag == D("0.00")  # sibling rule: only the highest fee is charged
    assert april["K3"].beitrag == D("0.00")  # lowest bracket pays nothing


def test_fee_list_marks_changes_and_writes_the_treasury_workbook(store, tmp_path):
    scenario(store)
    result = fee_list(store, "anna", 2026, 4)
    rows = {r.child_nr: r for r in result.rows}
    assert (rows["K1"].change, rows["K3"].change) == ("geändert", "neu")
    out = tmp_path / "beitraege.xlsx"
    assert main(["--db", store.url, "--user", "anna", "beitraege", "2026-04", "--xlsx", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["Beiträge"]
    header = [c.value for c in ws[1]]
    assert header == ["Familie_Nr", "Kind_Nr", "Name", "Vorname", "Sorgeberechtigte", "Stufe", "Band", "Beitrag",
                      "Ermäßigung", "Zahlbetrag", "Änderung"]
    body = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] != "Summe"}
    assert body["K1"][7] == 120 and body["K1"][10] == "geändert"
    assert body["K3"][9] == 0


def test_cli_rejects_a_bad_month(store):
    assert main(["--db", store.url, "beitraege", "2026-13", "--xlsx", "x.xlsx"]) == 2
