"""One rule, one place (issue 15): every record rule of domain/rules refuses the same record
through the form operation (ops.records) and through the import, with the same rule id;
the import names sheet, row and column."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from kitadesk.errors import InputError
from kitadesk.ops import records
from kitadesk.ops.import_ import import_workbook
from tests.importer.book import CARER, CHILD, PLAN_35, Book, other_carer

TODAY = date(2026, 11, 24)
D = Decimal

FORM_CARER = records.CarerData(nr="T1", nachname="Yılmaz", vorname="Ayşe", srt="Ost", geburtsdatum=date(1980, 5, 17),
                               qualifikation="QHB", qualifikation_seit=date(2021, 6, 30),
                               erlaubnis_vom=date(2024, 1, 1), max_kinder=5, max_gleichzeitig=5)
FORM_CHILD = records.ChildData(nr="K1", nachname="Schmitz", vorname="Emma", geburtsdatum=date(2025, 3, 1), srt="Ost")
FORM_TERMS = records.PlacementTerms(D(35), zeitplan=PLAN_35)
PLACEMENT_ROW = {"Kind_Nr": "K1", "TPP_Nr": "T1", "Beginn": date(2026, 4, 1), "Wochenstunden": 35,
                 "Zeitplan": PLAN_35}

# rule, sheet, column, form field label, form change, workbook change
CASES = [
    ("R-C1", "Tagespflegepersonen", "Geburtsdatum", "Geburtsdatum", dict(geburtsdatum=date(2012, 1, 1)),
     {"Geburtsdatum": date(2012, 1, 1)}),
    ("R-C5", "Tagespflegepersonen", "Qualifikation_seit", "Qualifikation seit", dict(qualifikation_seit=None),
     {"Qualifikation_seit": None}),
    ("R-C5", "Tagespflegepersonen", "Qualifikation_seit", "Qualifikation seit", dict(qualifikation="Basis"),
     {"Qualifikation": "Basis"}),
    ("R-C6", "Tagespflegepersonen", "Erlaubnis_bis", "Erlaubnis bis", dict(erlaubnis_bis=date(2033, 12, 31)),
     {"Erlaubnis_bis": date(2033, 12, 31)}),
    ("R-C6", "Tagespflegepersonen", "Max_Kinder", "Kinder insgesamt", dict(max_kinder=12), {"Max_Kinder": 12}),
    ("R-C6", "Tagespflegepersonen", "Max_gleichzeitig", "Kinder gleichzeitig", dict(max_gleichzeitig=6,
                                                                                    max_kinder=8),
     {"Max_gleichzeitig": 6, "Max_Kinder": 8}),
    ("R-C6", "Tagespflegepersonen", "Erlaubnis_bis", "Erlaubnis bis", dict(erlaubnis_bis=date(2023, 12, 1)),
     {"Erlaubnis_bis": date(2023, 12, 1)}),
    ("R-V4", "Tagespflegepersonen", "Ort", "Ort", dict(ort=""), {"Ort": None}),
    ("R-K1", "Kinder", "Geburtsdatum", "Geburtsdatum", dict(geburtsdatum=date(2028, 1, 1)),
     {"Geburtsdatum": date(2028, 1, 1)}),
    ("R-G3", "Kinder", "LVR_Inklusionshilfe", "LVR-Inklusionshilfe",
     dict(lvr_inklusionshilfe=True), {"LVR_Inklusionshilfe": "ja", "Besonderer_Bedarf": "nein"}),
    ("R-V4", "Kinder", "Ort", "Ort", dict(ort=" "), {"Ort": None}),
    ("R-K2", "Betreuungen", "Wochenstunden", "Zeitplan", dict(wochenstunden=D(30)), {"Wochenstunden": 30}),
    ("R-G3", "Betreuungen", "Randzeitstunden", "Randzeitstunden", dict(wochenstunden=D(10), randzeitstunden=D(12),
                                                                         zeitplan=""),
     {"Wochenstunden": 10, "Randzeitstunden": 12, "Zeitplan": None}),
    ("R-G7", "Betreuungen", "Nacht_im_Haushalt_der_Eltern", "Nacht_im_haushalt_der_eltern",
     dict(uebernachtungen=D(1), nacht_im_haushalt_der_eltern=True),
     {"Übernachtungen": 1, "Nacht_im_Haushalt_der_Eltern": "ja"}),
    ("R-K2", "Betreuungen", "Ende", "Ende", dict(ende=date(2026, 3, 1)), {"Ende": date(2026, 3, 1)}),
]


def _form_refusal(sqlite_store, sheet: str, change: dict) -> list[str]:
    with pytest.raises(InputError) as info:
        if sheet == "Tagespflegepersonen":
            records.create_carer(sqlite_store, "anna", replace(FORM_CARER, **change), TODAY)
        elif sheet == "Kinder":
            records.create_child(sqlite_store, "anna", replace(FORM_CHILD, **change), TODAY)
        else:
            ende = change.pop("ende", None)
            terms = replace(FORM_TERMS, **change)
            records.place_child(sqlite_store, "anna", records.PlacementData(1, 1, date(2026, 4, 1), terms, ende=ende),
                                TODAY)
    return info.value.problems


def _import_refusal(store, tmp_path, sheet: str, change: dict) -> list[str]:
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **{**CARER, **(change if sheet == "Tagespflegepersonen" else {})})
    book.add("Kinder", **{**CHILD, **(change if sheet == "Kinder" else {})})
    book.add("Betreuungen", **{**PLACEMENT_ROW, **(change if sheet == "Betreuungen" else {})})
    with pytest.raises(InputError) as info:
        import_workbook(store, book.save(), "anna", today=TODAY)
    return info.value.problems


@pytest.mark.parametrize("rule, sheet, column, label, form_change, book_change", CASES,
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_r_one_rule_refuses_alike_in_form_and_import(sqlite_store, tmp_path, rule, sheet, column, label,
                                                     form_change, book_change):
    form = _form_refusal(sqlite_store, sheet, dict(form_change))
    assert any(f"({rule})" in line for line in form), form
    imported = _import_refusal(sqlite_store, tmp_path, sheet, book_change)
    assert any(line.startswith(f"{sheet}, 2, {column}: ") and f"({rule})" in line for line in imported), imported


def test_r_c6_acceptance_workbook_max_kinder_12_at_once_9_ten_year_permit_is_refused(store, tmp_path):
    """Acceptance testing found this carer imported without a word; the form refused it."""
    change = {"Max_Kinder": 12, "Max_gleichzeitig": 9, "Erlaubnis_vom": date(2024, 1, 1),
              "Erlaubnis_bis": date(2033, 12, 31)}
    problems = _import_refusal(store, tmp_path, "Tagespflegepersonen", change)
    assert ("Tagespflegepersonen, 2, Max_Kinder: Mit QHB oder als Fachkraft höchstens 10 Kinder insgesamt, "
            "nicht 12 (R-C6).") in problems
    assert "Tagespflegepersonen, 2, Max_gleichzeitig: Höchstens 5 Kinder gleichzeitig, nicht 9 (R-C6)." in problems
    assert ("Tagespflegepersonen, 2, Erlaubnis_bis: Eine Erlaubnis gilt höchstens 5 Jahre, also bis 31.12.2028; "
            "angegeben sind 10 Jahre (R-C6).") in problems
    form = records.carer_problems(replace(FORM_CARER, max_kinder=12, max_gleichzeitig=9,
                                          erlaubnis_bis=date(2033, 12, 31)), TODAY)
    assert {"max_kinder", "max_gleichzeitig", "erlaubnis_bis"} <= set(form)


def test_r_c6_group_member_may_hold_more_contracts(sqlite_store, tmp_path):
    """R-C6: in a Zusammenschluss QHB/Fachkraft may hold up to 15 contracts (at most 5 at once each)."""
    assert "max_kinder" not in records.carer_problems(replace(FORM_CARER, max_kinder=12, in_group=True), TODAY)
    assert "max_kinder" in records.carer_problems(replace(FORM_CARER, max_kinder=16, in_group=True), TODAY)
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **{**CARER, "Max_Kinder": 12, "Zusammenschluss": "Wichtelhaus"})
    book.add("Tagespflegepersonen", **{**other_carer("T2", 2), "Zusammenschluss": "Wichtelhaus"})
    book.add("Kinder", **CHILD)
    import_workbook(sqlite_store, book.save(), "anna", today=TODAY)


@pytest.mark.parametrize("change, column, rule", [
    ({"Ermäßigung_Prozent": 50, "Ermäßigung_ab": date(2026, 1, 1), "Ermäßigung_Antrag_vom": date(2026, 2, 1)},
     "Ermäßigung_ab", "R-E2"),
    ({"Ermäßigung_Prozent": 50}, "Ermäßigung_ab", "R-E2"),
])
def test_r_e2_waiver_not_before_its_application(sqlite_store, tmp_path, change, column, rule):
    problems = _import_refusal(sqlite_store, tmp_path, "Kinder", change)
    assert any(p.startswith(f"Kinder, 2, {column}: ") and f"({rule})" in p for p in problems), problems


def test_r_g5_absence_rule_alike_in_form_and_import(sqlite_store, tmp_path):
    """Issue 14.1: the absence form asks the import's rule (domain/rules/absence.py)."""
    from kitadesk.ops.records import pay_inputs

    form = pay_inputs.absence_form_problems(pay_inputs.AbsenceData(1, date(2026, 4, 17), date(2026, 4, 13),
                                                                   "Urlaub", 1))
    assert "(R-G5)" in form["bis"] and "(R-G5)" in form["substitute_id"]
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **CARER)
    book.add("Abwesenheiten", TPP_Nr=CARER["Nr"], Von=date(2026, 4, 17), Bis=date(2026, 4, 13), Art="Urlaub",
             Vertretung_TPP_Nr=CARER["Nr"])
    with pytest.raises(InputError) as info:
        import_workbook(sqlite_store, book.save(), "anna", today=TODAY)
    for column, field in (("Bis", "bis"), ("Vertretung_TPP_Nr", "substitute_id")):
        line = next(p for p in info.value.problems if p.startswith(f"Abwesenheiten, 2, {column}: "))
        assert line.endswith(form[field]), (line, form[field])


def test_holiday_care_rule_alike_in_form_and_import(sqlite_store, tmp_path):
    """berechnung.md §5: a Monatsmeldung only for an NRW public holiday — same text in form and import."""
    from kitadesk.ops.records import pay_inputs

    form = pay_inputs.meldung_form_problems(pay_inputs.MeldungData(1, date(2026, 4, 7), D(5)))
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **CARER)
    book.add("Kinder", **CHILD)
    book.add("Betreuungen", **PLACEMENT_ROW)
    book.add("Monatsmeldungen", Kind_Nr=CHILD["Nr"], Datum=date(2026, 4, 7), Stunden=5)
    with pytest.raises(InputError) as info:
        import_workbook(sqlite_store, book.save(), "anna", today=TODAY)
    assert f"Monatsmeldungen, 2, Datum: {form['datum']}" in info.value.problems

@pytest.mark.parametrize("row, column, values", [
    ({"Art": "Alterssicherung", "Betrag": 100, "Je": "Monat", "Gültig_von": date(2026, 1, 1)}, "Alterssicherung_Art",
     {"art": "alter", "betrag": D(100), "je": "monat", "alter_art": "", "von": date(2026, 1, 1)}),
    ({"Art": "Unfallversicherung", "Betrag": 12, "Je": "Monat", "Gültig_von": date(2026, 1, 1),
      "Gültig_bis": date(2025, 12, 31)}, "Gültig_bis",
     {"art": "unfall", "betrag": D(12), "je": "monat", "von": date(2026, 1, 1), "bis": date(2025, 12, 31)}),
])
def test_r_g4_proof_refused_alike_on_the_carer_tab_and_in_the_import(sqlite_store, tmp_path, row, column, values):
    """The Nachweise tab of the carer form (ops.records.carer_records) asks the import's rule (R-G4)."""
    from kitadesk.ops.records.carer_records import save_carer_record

    book = Book(tmp_path)
    shortcut = {"Unfallversicherung_mtl": None, "Alterssicherung_mtl": None, "Alterssicherung_Art": None,
                "Kranken_Pflege_mtl": None}
    book.add("Tagespflegepersonen", **{**CARER, **shortcut})
    book.add("Nachweise", TPP_Nr="T1", **row)
    with pytest.raises(InputError) as info:
        import_workbook(sqlite_store, book.save(), "anna", today=TODAY)
    imported = info.value.problems
    assert any(p.startswith(f"Nachweise, 2, {column}: ") and "(R-G4)" in p for p in imported), imported
    carer_id = records.create_carer(sqlite_store, "anna", FORM_CARER, TODAY).id
    with pytest.raises(InputError) as info:
        save_carer_record(sqlite_store, "anna", "nachweis", carer_id, values, today=TODAY)
    assert any("(R-G4)" in p for p in info.value.problems), info.value.problems
