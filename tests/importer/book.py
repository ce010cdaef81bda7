"""Test helper: start from `export-template`, fill rows with openpyxl, save."""

import shutil
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from kitadesk.importer.template import write_workbook
from kitadesk.store import Store

# a complete, valid small data set (SRT Ost, worked example of berechnung.md §10)
CARER = {"Nr": "T1", "Nachname": "Yılmaz", "Vorname": "Ayşe", "Geburtsdatum": date(1980, 5, 17), "Geschlecht": "w",
         "Straße": "Bismarckstraße 12", "PLZ": "47443", "Ort": "Moers", "Telefon": "02841 12345",
         "E-Mail": "ayse@example.org", "SRT": "Ost", "IBAN": "DE89 3704 0044 0532 0130 00", "Qualifikation": "QHB",
         "Qualifikation_seit": date(2021, 6, 30), "Tätig_seit": date(2018, 1, 1), "Erlaubnis_vom": date(2024, 1, 1),
         "Max_Kinder": 5, "Max_gleichzeitig": 5, "Führungszeugnis_vom": date(2024, 1, 10),
         "Vertretungsplatz": "nein", "Unfallversicherung_mtl": "12,00", "Alterssicherung_mtl": 201.15,
         "Alterssicherung_Art": "gesetzlich", "Kranken_Pflege_mtl": "250.00"}
CHILD = {"Nr": "K1", "Nachname": "Schmitz", "Vorname": "Emma", "Geburtsdatum": "01.03.2025", "Geschlecht": "w",
         "Sorgeberechtigte": "Anna und Jan Schmitz", "Straße": "Lindenstraße 3", "PLZ": "47443", "Ort": "Moers",
         "Familie_Nr": "F1", "Jahreseinkommen": 45000, "Antrag_vom": date(2026, 1, 15), "Besonderer_Bedarf": "ja",
         "LVR_Inklusionshilfe": "nein", "Herkunft_Ausland": "nein", "Sprache_nicht_deutsch": "nein"}
PLAN_35 = "Mo 06:30-13:30; Di 06:30-13:30; Mi 06:30-13:30; Do 06:30-13:30; Fr 06:30-13:30"  # 35 h, 2,5 h Randzeit


FIRST_NAMES = ("Emma", "Ben", "Lea", "Paul", "Mia", "Noah", "Ida", "Finn", "Jonas", "Clara")


def other_carer(nr: str, i: int) -> dict:
    """A carer row that is another person than CARER (a copy with a new Nr is a possible
    duplicate, issue 19): other name, birth date and IBAN (1 <= i <= 9)."""
    from tests.support.factory import valid_iban

    return {**CARER, "Nr": nr, "Nachname": f"Muster{'abcdefghij'[i]}", "Vorname": FIRST_NAMES[i],
            "IBAN": valid_iban(1000 + i), "Geburtsdatum": date(1981, 1, i)}


class Book:
    def __init__(self, folder: Path, name: str = "import.xlsx"):
        self.path = Path(folder) / name
        write_workbook(self.path)
        self.wb = load_workbook(self.path)

    def add(self, sheet: str, **values) -> int:
        """Append a row (column name → value); returns its Excel row number."""
        ws = self.wb[sheet]
        header = [c.value for c in ws[1]]
        unknown = set(values) - set(header)
        assert not unknown, f"columns not in the template: {unknown}"
        ws.append([values.get(h) for h in header])
        return ws.max_row

    def save(self) -> Path:
        self.wb.save(self.path)
        return self.path


def small_book(folder: Path, name: str = "import.xlsx") -> Book:
    """One carer, two siblings, three placement rows (one a change from 01.06.2026), tables."""
    book = Book(folder, name)
    book.add("Tagespflegepersonen", **CARER)
    book.add("Kinder", **CHILD)
    book.add("Kinder", **{**CHILD, "Nr": "K2", "Vorname": "Ben", "Geburtsdatum": date(2024, 3, 1),
                          "Besonderer_Bedarf": "nein"})
    book.add("Betreuungen", Kind_Nr="K1", TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden="35",
             Randzeitstunden="2,5", Zeitplan=PLAN_35)
    book.add("Betreuungen", Kind_Nr="K2", TPP_Nr="T1", Beginn=date(2026, 4, 16), Wochenstunden=20)
    book.add("Betreuungen", Kind_Nr="K2", TPP_Nr="T1", Beginn=date(2026, 4, 16), Wochenstunden=25,
             **{"Gültig_ab": date(2026, 6, 1)})
    book.add("Abwesenheiten", TPP_Nr="T1", Von=date(2026, 7, 6), Bis=date(2026, 7, 17), Art="Urlaub")
    book.add("Fortbildungen", TPP_Nr="T1", Datum=date(2026, 3, 7), Titel="Kinderschutz", Stunden="5")
    book.add("Monatsmeldungen", Kind_Nr="K1", Datum=date(2026, 5, 1), Stunden=6)
    book.add("Sätze", **{"Gültig_ab": date(2026, 1, 1), "Stundensatz_Basis": 5.8, "Stundensatz_Qualifiziert": "6,70",
                         "Randzeitzuschlag": 1.5, "Vertretungsplatz_Pauschale": 100,
                         "Zuschlag_Besonderer_Bedarf_Prozent": 30})
    for alter in ("unter 3", "ab 3"):
        for income, fees in ((18000, (0, 0, 0)), (None, (100, 140, 180))):
            for band, fee in zip((25, 35, 45), fees):
                book.add("Beitragstabelle", **{"Gültig_ab": date(2025, 8, 1), "Alter": alter,
                                               "Einkommen_bis": income, "Stunden_bis": band, "Beitrag": fee})
    return book


@contextmanager
def empty_sqlite(tmp_path: Path, sqlite_template: Path, name: str = "leer.sqlite3"):
    """A second, empty migrated SQLite database (round trips: export here, import there)."""
    copy = Path(tmp_path) / name
    shutil.copy(sqlite_template, copy)
    target = Store(f"sqlite:///{copy}")
    try:
        yield target
    finally:
        target.dispose()
