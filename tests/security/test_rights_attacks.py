"""Issue 18 item 1: the attacks of a hostile or careless desk through the import, each refused
with `Blatt, Zeile, Spalte: Meldung` and nothing written (each failed on the old code)."""

from datetime import date
from decimal import Decimal

import pytest

from kitadesk.errors import InputError
from kitadesk.ops.import_ import import_workbook
from kitadesk.ops.payout import compute_draft
from kitadesk.ops.rate_tables import rate_tables
from tests.importer.book import CARER
from tests.multidesk.dumping import dump
from tests.security.rights_office import NEW_IBAN, book_with, nord_carer_row, nord_child_row, seed_office

TODAY = date(2026, 11, 24)


@pytest.fixture
def office(store):
    seed_office(store)
    return store


def refused(store, book, user="sb_ost") -> list[str]:
    before = dump(store)
    with pytest.raises(InputError) as info:
        import_workbook(store, book.save(), user, today=TODAY)
    assert dump(store) == before
    return info.value.problems


def test_uebergabe_import_cannot_move_another_desks_carer_with_a_new_iban(office, tmp_path):
    book = book_with(tmp_path, "Tagespflegepersonen", **nord_carer_row(SRT="Ost", IBAN=NEW_IBAN))
    [problem] = refused(office, book)
    assert problem.startswith("Tagespflegepersonen, 2, SRT: Keine Berechtigung")
    assert "SRT Nord" in problem and "sb_ost" in problem


def test_uebergabe_import_of_another_desks_child_with_changed_income(office, tmp_path):
    book = book_with(tmp_path, "Kinder", **nord_child_row(Jahreseinkommen=99000))
    book.add("Tagespflegepersonen", **CARER)  # a carer of SRT Ost: the child would move to Ost
    book.add("Betreuungen", Kind_Nr="KN", TPP_Nr="T1", Beginn=date(2026, 6, 1), Wochenstunden=30)
    problems = refused(office, book)
    assert any(p.startswith("Kinder, 2, Nr: Keine Berechtigung") and "SRT Nord" in p for p in problems)


def test_uebergabe_import_moves_own_carer_to_another_desk_with_the_right(office, tmp_path):
    book = book_with(tmp_path, "Tagespflegepersonen", **nord_carer_row(SRT="Ost"))
    assert import_workbook(office, book.save(), "sb_nord", today=TODAY).changed("Tagespflegepersonen") == 1


@pytest.mark.parametrize("sheet,row,column", [
    ("Betreuungen", dict(Kind_Nr="KN", TPP_Nr="N1", Beginn=date(2026, 4, 1), Wochenstunden=45), "Kind_Nr"),
    ("Abwesenheiten", dict(TPP_Nr="N1", Von=date(2026, 5, 4), Bis=date(2026, 5, 8), Art="Urlaub"), "TPP_Nr"),
    ("Fortbildungen", dict(TPP_Nr="N1", Datum=date(2026, 5, 4), Titel="Erste Hilfe", Stunden=8), "TPP_Nr"),
    ("Monatsmeldungen", dict(Kind_Nr="KN", Datum=date(2026, 5, 4), Stunden=6), "Kind_Nr"),
])
def test_daten_eigenes_srt_import_rows_of_other_desks_refused(office, tmp_path, sheet, row, column):
    problems = refused(office, book_with(tmp_path, sheet, **row))
    assert any(p.startswith(f"{sheet}, 2, {column}: Keine Berechtigung") and "SRT Nord" in p for p in problems)


def test_r_g11_sonderbetrag_of_another_desk_needs_both_rights(office, tmp_path):
    book = book_with(tmp_path, "Sonderbeträge", TPP_Nr="N1", Monat="2026-05", Betrag="900,00", Grund="Sonder")
    problems = refused(office, book)
    assert any(p.startswith("Sonderbeträge, 2, TPP_Nr: Keine Berechtigung") and "SRT Nord" in p for p in problems)
    assert any("Einzelfallbeträge (R-G11)" in p for p in problems)


def test_r_g2_saetze_sheet_needs_the_settings_right(office, tmp_path):
    book = book_with(tmp_path, "Sätze", **{"Gültig_ab": date(2026, 4, 1), "Stundensatz_Basis": "11,60",
                                            "Stundensatz_Qualifiziert": "13,40", "Randzeitzuschlag": 3})
    [problem] = refused(office, book)
    assert problem.startswith("Sätze, 2, Gültig_ab: Keine Berechtigung: „Satztabellen erfassen (Entwurf)“ fehlt")


def test_r_g2_imported_rates_are_drafts_never_used_before_confirmation(office, tmp_path):
    book = book_with(tmp_path, "Sätze", **{"Gültig_ab": date(2026, 4, 1), "Stundensatz_Basis": "11,60",
                                            "Stundensatz_Qualifiziert": "13,40", "Randzeitzuschlag": 3})
    assert import_workbook(office, book.save(), "leitung", today=TODAY).new("Sätze") == 1
    draft = next(t for t in rate_tables(office) if t.table.gueltig_ab == date(2026, 4, 1))
    assert not draft.confirmed
    summary = compute_draft(office, "leitung", 2026, 4)
    paid_a = summary.total - _nord_total(office)
    assert paid_a == Decimal("1924.98")  # berechnung.md §10 with the confirmed rates, not the doubled draft
    assert "Satztabelle gültig ab 01.04.2026 ist noch nicht bestätigt und wird nicht verwendet (R-G2)." \
        in summary.warnings


def _nord_total(store) -> Decimal:
    from sqlalchemy import func, select

    from kitadesk.models import PayoutLine

    with store.session() as s:
        return s.scalar(select(func.coalesce(func.sum(PayoutLine.betrag), 0)).where(PayoutLine.carer_nr == "N1"))


def test_r_e1_beitragstabelle_needs_the_settings_right(office, tmp_path):
    book = book_with(tmp_path, "Beitragstabelle", **{"Gültig_ab": date(2026, 8, 1), "Alter": "unter 3",
                                                      "Einkommen_bis": None, "Stunden_bis": 45, "Beitrag": 0})
    problems = refused(office, book)
    assert any(p.startswith("Beitragstabelle, 2, Gültig_ab: Keine Berechtigung: „Einstellungen ändern“ fehlt")
               for p in problems)
