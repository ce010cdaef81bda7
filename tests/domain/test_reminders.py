"""Wiedervorlagen (R-W1): each kind, horizon, overdue, SRT filter, sort order."""

from datetime import date
from decimal import Decimal as D

from kitadesk.domain.inputs import Proof
from kitadesk.domain.reminders import (
    HouseholdAdult,
    OpenNotice,
    Reminder,
    ReminderCarer,
    ReminderChild,
    reminders,
)
from kitadesk.domain.settings import DEFAULTS

TODAY = date(2026, 3, 1)
FAR = date(2025, 6, 1)  # documents from here are not due within 60 days


def carer(nr="T1", srt="Ost", **kw):
    kw.setdefault("erlaubnis_vom", FAR)
    kw.setdefault("fuehrungszeugnis_vom", FAR)
    kw.setdefault("erste_hilfe_am", FAR)
    return ReminderCarer(nr, f"Muster, {nr}", srt, **kw)


def rows(*carers, today=TODAY, **kw):
    return reminders(today, carers, **kw)


def test_r_w1_nothing_due():
    assert rows(carer()) == []


def test_r_w1_permit_end_within_the_horizon():
    (row,) = rows(carer(erlaubnis_bis=date(2026, 4, 30)))
    assert row == Reminder(date(2026, 4, 30), "Ost", "Erlaubnis", "T1", "Muster, T1",
                           "Erlaubnis gültig bis 30.04.2026 – Verlängerung einleiten.", False)
    assert rows(carer(erlaubnis_bis=date(2026, 5, 1))) == []  # 61 days ahead
    assert rows(carer(erlaubnis_bis=date(2026, 5, 1)), days=61) != []


def test_r_w1_permit_five_years_from_issue_and_overdue():
    (row,) = rows(carer(erlaubnis_vom=date(2021, 2, 1)))
    assert row.faellig == date(2026, 1, 31) and row.overdue
    assert row.hinweis == "Erlaubnis abgelaufen (gültig bis 31.01.2026) – keine neuen Betreuungen (R-C7)."
    assert rows(carer(erlaubnis_vom=None))[0].hinweis == "Keine Erlaubnis zur Kindertagespflege erfasst."
    assert rows(carer(erlaubnis_vom=None, needs_permit=False)) == []


def test_r_w1_fuehrungszeugnis_of_carer_and_household_adults_every_5_years():
    adults = (HouseholdAdult("Max Muster", date(2021, 4, 15)), HouseholdAdult("Eva Muster", None))
    result = rows(carer(fuehrungszeugnis_vom=date(2021, 2, 1), household=adults))
    assert [(r.faellig, r.art, r.hinweis, r.overdue) for r in result] == [
        (date(2026, 2, 1), "Führungszeugnis", "Erweitertes Führungszeugnis vom 01.02.2021: abgelaufen seit 01.02.2026.", True),
        (TODAY, "Führungszeugnis", "Erweitertes Führungszeugnis von Eva Muster (Haushalt) fehlt.", True),
        (date(2026, 4, 15), "Führungszeugnis",
         "Erweitertes Führungszeugnis von Max Muster (Haushalt) vom 15.04.2021: zu erneuern bis 15.04.2026.", False),
    ]


def test_r_w1_first_aid_refresh_uses_the_interval_setting():
    (row,) = rows(carer(erste_hilfe_am=date(2024, 4, 1)))
    assert (row.faellig, row.art) == (date(2026, 4, 1), "Erste Hilfe am Kind")
    assert "Auffrischung alle 2 Jahre" in row.hinweis
    assert rows(carer(erste_hilfe_am=date(2024, 4, 1)), settings=DEFAULTS.with_(erste_hilfe_intervall_jahre="3")) == []
    assert rows(carer(erste_hilfe_am=None))[0].hinweis == "Kein Erste-Hilfe-Kurs am Kind erfasst."


def test_r_w1_fortbildung_below_5_hours_from_1_october():
    c = carer(fortbildungen=((date(2026, 3, 3), D("2")), (date(2026, 9, 1), D("2.5")), (date(2025, 5, 1), D("8"))))
    assert rows(c, today=date(2026, 9, 30)) == []
    (row,) = rows(c, today=date(2026, 10, 1))
    assert (row.faellig, row.art, row.overdue) == (date(2026, 12, 31), "Fortbildung", False)
    assert row.hinweis == "Fortbildung 2026: 4,5 von 5 Stunden nachgewiesen (R-C4)."
    done = carer(fortbildungen=((date(2026, 3, 3), D("5")),))
    assert rows(done, today=date(2026, 10, 1)) == []


def test_r_w1_third_birthday_of_children_in_care():
    kids = [
        ReminderChild("K1", "Kind, Anna", "Nord", date(2023, 4, 10)),
        ReminderChild("K2", "Kind, Ben", "Nord", date(2023, 6, 10)),  # beyond 60 days
        ReminderChild("K3", "Kind, Cem", "Nord", date(2023, 4, 10), placed_until=date(2026, 3, 31)),  # leaves before
        ReminderChild("K4", "Kind, Dana", "Nord", date(2022, 12, 1)),  # passed, no reason recorded
        ReminderChild("K5", "Kind, Emil", "Nord", date(2022, 12, 1), grund_ab_3=True),
    ]
    result = reminders(TODAY, children=kids)
    assert [(r.nr, r.faellig, r.overdue) for r in result] == [
        ("K4", date(2025, 12, 1), True), ("K1", date(2026, 4, 10), False)]
    assert result[1].art == "3. Geburtstag"
    assert result[1].hinweis.startswith("Wird am 10.04.2026 drei Jahre alt: ab 3 hat ein Kita-Platz Vorrang")


def test_r_w1_reimbursement_proofs_missing_expired_or_ending():
    proofs = (
        Proof("T1", "unfall", D("12"), date(2025, 1, 1), date(2026, 3, 31)),  # ends soon
        Proof("T1", "alter", D("100"), date(2025, 1, 1), date(2026, 1, 31)),  # expired
        Proof("T1", "kranken", D("200"), date(2025, 1, 1), date(2026, 3, 31)),  # continued by the next one
        Proof("T1", "kranken", D("210"), date(2026, 4, 1), None),
    )
    result = rows(carer(has_active_placement=True, proofs=proofs))
    assert [(r.faellig, r.art, r.hinweis, r.overdue) for r in result] == [
        (date(2026, 1, 31), "Nachweis Alterssicherung",
         "Nachweis Alterssicherung abgelaufen (gültig bis 31.01.2026) – keine Erstattung (R-G4).", True),
        (date(2026, 3, 31), "Nachweis Unfallversicherung",
         "Nachweis Unfallversicherung gültig bis 31.03.2026 – neuen Nachweis anfordern (R-G4).", False),
    ]
    missing = rows(carer(has_active_placement=True))
    assert [r.hinweis for r in missing] == [
        "Nachweis Alterssicherung fehlt – keine Erstattung (R-G4).",
        "Nachweis Kranken-/Pflegeversicherung fehlt – keine Erstattung (R-G4).",
        "Nachweis Unfallversicherung fehlt – keine Erstattung (R-G4).",
    ]
    assert rows(carer(has_active_placement=False)) == []


def test_r_w1_open_change_notices():
    notices = [OpenNotice(date(2026, 2, 20), "Mitte/Süd", "K7", "Kind, Gül", "Stundenänderung ab 01.03.2026"),
               OpenNotice(date(2026, 3, 10), "Mitte/Süd", "K8", "Kind, Hans", "Einkommensänderung")]
    result = reminders(TODAY, notices=notices)
    assert [(r.art, r.nr, r.overdue) for r in result] == [("Änderungsmitteilung", "K7", True),
                                                         ("Änderungsmitteilung", "K8", False)]


def test_r_w1_sorted_by_date_and_filtered_by_srt():
    a = carer("T1", "Ost", erlaubnis_bis=date(2026, 4, 1))
    b = carer("T2", "Nord", erlaubnis_bis=date(2026, 3, 15))
    c = carer("T3", "Ost", erste_hilfe_am=date(2024, 3, 10))
    assert [r.nr for r in rows(a, b, c)] == ["T3", "T2", "T1"]
    assert [r.nr for r in rows(a, b, c, srt="Ost")] == ["T3", "T1"]
    assert [r.nr for r in rows(a, b, c, days=20)] == ["T3", "T2"]
