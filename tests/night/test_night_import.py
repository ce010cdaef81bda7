"""Import check of `Randzeitstunden` with night care in the parents' household (R-G7,
berechnung.md §5; interfaces.md §3: Randzeitstunden must equal the derived off-hours)."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from kitadesk.errors import InputError
from kitadesk.models import PlacementVersion
from kitadesk.ops.import_ import import_workbook
from tests.importer.book import small_book
from tests.night.test_night_care import PARENTS_NIGHTS

TODAY = date(2026, 11, 24)


def _book(tmp_path, **row):
    book = small_book(tmp_path)
    book.add("Kinder", **{"Nr": "K3", "Nachname": "Nacht", "Vorname": "Lea", "Geburtsdatum": date(2025, 2, 1),
                          "Familie_Nr": "F3", "Antrag_vom": date(2026, 1, 15), "Straße": "Nachtweg 1", "PLZ": "47441",
                          "Ort": "Moers"})
    book.add("Betreuungen", Kind_Nr="K3", TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden=26,
             Zeitplan=PARENTS_NIGHTS, **row)
    return book.save()


def _k3_off_hours(store):
    with store.session() as s:
        return s.scalars(select(PlacementVersion.randzeitstunden).where(PlacementVersion.wochenstunden == 26)).all()


@pytest.mark.parametrize("given", ["6", None])
def test_r_g7_import_takes_the_parents_household_off_hours(sqlite_store, tmp_path, given):
    path = _book(tmp_path, Nacht_im_Haushalt_der_Eltern="ja", Randzeitstunden=given)
    import_workbook(sqlite_store, path, "anna", today=TODAY)
    assert _k3_off_hours(sqlite_store) == [Decimal("6.00")]  # given, or derived without the night


def test_r_g7_import_refuses_night_hours_as_off_hours_in_the_parents_household(sqlite_store, tmp_path):
    path = _book(tmp_path, Nacht_im_Haushalt_der_Eltern="ja", Randzeitstunden=24)
    with pytest.raises(InputError) as info:
        import_workbook(sqlite_store, path, "anna", today=TODAY)
    text = str(info.value) + " ".join(info.value.problems)
    assert "Randzeitstunden 24 passen nicht zum Zeitplan" in text and "R-G7: 6 Stunden" in text


def test_r_g7_import_without_parents_night_counts_every_off_hour(sqlite_store, tmp_path):
    import_workbook(sqlite_store, _book(tmp_path, Randzeitstunden=24), "anna", today=TODAY)
    assert _k3_off_hours(sqlite_store) == [Decimal("24.00")]


def test_r_g7_import_refuses_night_hours_in_the_plan_with_overnight_at_the_carers(sqlite_store, tmp_path):
    with pytest.raises(InputError) as info:
        import_workbook(sqlite_store, _book(tmp_path, Übernachtungen=2), "anna", today=TODAY)
    text = str(info.value) + " ".join(info.value.problems)
    assert "der Zeitplan darf diese Zeit nicht enthalten (18:00-24:00)" in text
