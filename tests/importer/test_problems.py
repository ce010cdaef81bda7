"""Every problem of the whole workbook at once as `Blatt, Zeile, Spalte: Meldung`, then
nothing written; malformed files give a clear German InputError, never a traceback."""

import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from kitadesk.errors import InputError
from kitadesk.ops.import_ import import_workbook
from tests.importer.book import CARER, CHILD, Book, small_book
from tests.support.dump import dump

TODAY = date(2026, 11, 24)


def problems_of(store, path) -> list[str]:
    before = dump(store)
    with pytest.raises(InputError) as info:
        import_workbook(store, path, "anna", today=TODAY)
    assert dump(store) == before, "nothing may be written"
    assert "nichts wurde übernommen" in info.value.message or not info.value.problems
    return info.value.problems


def test_all_problems_of_all_sheets_reported_at_once_and_nothing_written(store, tmp_path):
    import_workbook(store, small_book(tmp_path, "vorher.xlsx").save(), "anna", today=TODAY)  # database not empty
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **{**CARER, "Nr": "T2", "IBAN": "DE00 1234", "Geburtsdatum": "31.02.1980"})
    book.add("Tagespflegepersonen", **{**CARER, "Nr": "T3", "SRT": "Süd", "Qualifikation_seit": None,
                                       "Max_Kinder": "viele"})
    book.add("Kinder", **{**CHILD, "Nr": "K7", "Familie_Nr": "F9", "Jahreseinkommen": 30000})
    book.add("Kinder", **{**CHILD, "Nr": "K8", "Familie_Nr": "F9", "Jahreseinkommen": 32000,
                          "Ermäßigung_Prozent": 50, "Ermäßigung_ab": date(2026, 1, 1),
                          "Ermäßigung_Antrag_vom": date(2026, 2, 1)})
    book.add("Betreuungen", Kind_Nr="K99", TPP_Nr="T1", Beginn=date(2026, 8, 1), Wochenstunden=30)
    book.add("Betreuungen", Kind_Nr="K7", TPP_Nr="T1", Beginn=date(2026, 8, 1), Wochenstunden=30,
             Zeitplan="Mo 08:00-14:00; Di 08:00-14:00")
    book.add("Abwesenheiten", TPP_Nr="T1", Von=date(2026, 8, 10), Bis=date(2026, 8, 1), Art="Urlaub",
             Vertretung_TPP_Nr="T77")
    book.add("Monatsmeldungen", Kind_Nr="K1", Datum=date(2026, 5, 4), Stunden="=2*3")
    book.add("Beitragstabelle", **{"Gültig_ab": date(2026, 8, 1), "Alter": "unter 3", "Einkommen_bis": None,
                                   "Stunden_bis": 25, "Beitrag": 100})
    problems = problems_of(store, book.save())
    expected = [
        "Tagespflegepersonen, 2, Geburtsdatum: „31.02.1980“ ist kein gültiges Datum (diesen Tag gibt es nicht).",
        "Tagespflegepersonen, 2, IBAN: IBAN „DE00 1234“ ist ungültig: falsche Länge.",
        "Tagespflegepersonen, 3, SRT: „Süd“ ist nicht erlaubt (erlaubt: Mitte/Süd, Ost, Nord).",
        "Tagespflegepersonen, 3, Qualifikation_seit: Seit wann QHB? Die Stufe gilt ab dem Datum der Qualifikation (R-C5).",
        "Tagespflegepersonen, 3, Max_Kinder: „viele“ ist keine Zahl.",
        "Kinder, 3, Jahreseinkommen: Geschwister (Familie_Nr F9) müssen dasselbe Jahreseinkommen haben: Zeile 2 hat "
        "30.000,00 €, diese Zeile 32.000,00 €.",
        "Kinder, 3, Ermäßigung_ab: 01.01.2026 liegt vor dem Antrag vom 01.02.2026; eine Ermäßigung gilt frühestens "
        "ab dem Antrag (R-E2).",
        "Betreuungen, 2, Kind_Nr: Kind K99 gibt es weder im Blatt Kinder noch in KitaDesk.",
        "Betreuungen, 3, Wochenstunden: Wochenstunden 30 passen nicht zum Zeitplan (Summe 12 Stunden) (R-K2).",
        "Abwesenheiten, 2, Bis: Bis liegt vor Von, dem 10.08.2026 (R-G5).",
        "Abwesenheiten, 2, Vertretung_TPP_Nr: Tagespflegeperson T77 gibt es weder im Blatt Tagespflegepersonen "
        "noch in KitaDesk.",
        "Monatsmeldungen, 2, Datum: 04.05.2026 ist kein gesetzlicher Feiertag in NRW (Monatsmeldung nur für Feiertage).",
        "Monatsmeldungen, 2, Stunden: enthält eine Formel (=2*3); bitte nur Werte eintragen (in Excel: Kopieren → "
        "Inhalte einfügen → Werte).",
    ]
    for line in expected:
        assert line in problems, '\n'.join(problems)
    assert any(p.startswith("Beitragstabelle, 2, Gültig_ab: Beitragstabelle ab 01.08.2026: Zelle fehlt – Alter "
                            "„ab 3“") for p in problems)
    order = [p.split(",")[0] for p in problems]
    assert order == sorted(order, key=["Tagespflegepersonen", "Kinder", "Betreuungen", "Abwesenheiten",
                                       "Fortbildungen", "Monatsmeldungen", "Sonderbeträge", "Beitragstabelle",
                                       "Sätze"].index)


def test_headers_missing_unknown_and_doubled_columns(store, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Tagespflegepersonen"
    ws.append(["Nr", "Nachname", "Vornamen", "Nachname"])
    ws.append(["T1", "A", "B", "C"])
    wb.create_sheet("Kinder").append(["Nr"])
    wb.create_sheet("Kinderr").append(["x"])
    path = tmp_path / "kopf.xlsx"
    wb.save(path)
    problems = problems_of(store, path)
    assert "Tagespflegepersonen, 1, Vornamen: unbekannte Spalte (gemeint: „Vorname“?)." in problems
    assert "Tagespflegepersonen, 1, Nachname: Spalte kommt doppelt vor." in problems
    assert "Tagespflegepersonen, 1, SRT: Spalte fehlt." in problems
    assert "Kinder, 1, Geburtsdatum: Spalte fehlt." in problems
    assert "Betreuungen, –, –: Blatt fehlt (Pflichtblatt)." in problems
    assert any(p.startswith("Kinderr, –, –: unbekanntes Blatt (gemeint: „Kinder“?)") for p in problems)


def _workbook_with(tmp_path, sheet, header, row, name="bad.xlsx"):
    book = Book(tmp_path, name)
    book.add("Tagespflegepersonen", **CARER)
    ws = book.wb[sheet]
    cols = [c.value for c in ws[1]]
    ws.append([row.get(c) for c in cols])
    return book.save()


@pytest.mark.parametrize("value, message", [
    (True, "Wochenstunden: erwartet eine Zahl, nicht WAHR."),
    (10 ** 20, "Wochenstunden: 1,000E+20 ist zu groß (höchstens 168,00)."),
    ("=A1*2", "Wochenstunden: enthält eine Formel (=A1*2)"),
    ("dreißig", "Wochenstunden: „dreißig“ ist keine Zahl."),
])
def test_wrong_types_huge_numbers_and_formulas(store, tmp_path, value, message):
    path = _workbook_with(tmp_path, "Betreuungen", None,
                          {"Kind_Nr": "K1", "TPP_Nr": "T1", "Beginn": date(2026, 8, 1), "Wochenstunden": value})
    problems = problems_of(store, path)
    assert any(p.startswith("Betreuungen, 2, " + message) for p in problems), problems


def test_malformed_files_give_a_german_input_error(store, tmp_path):
    text = tmp_path / "notiz.xlsx"
    text.write_text("Das ist keine Arbeitsmappe", encoding="utf-8")
    broken = tmp_path / "kaputt.xlsx"
    good = small_book(tmp_path).save()
    broken.write_bytes(good.read_bytes()[:3000])
    foreign = tmp_path / "fremd.xlsx"
    with zipfile.ZipFile(foreign, "w") as z:
        z.writestr("hallo.txt", "kein Excel")
    damaged = tmp_path / "beschaedigt.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith("sheet2.xml"):
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    xls = tmp_path / "alt.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    cases = {text: "keine Excel-Arbeitsmappe", broken: "keine Excel-Arbeitsmappe", foreign: "keine lesbare",
             damaged: "beschädigt", xls: ".xls-Format", tmp_path / "fehlt.xlsx": "gibt es nicht"}
    for path, message in cases.items():
        with pytest.raises(InputError, match=message):
            import_workbook(store, path, "anna", today=TODAY)


def test_empty_workbook_and_empty_template(store, tmp_path):
    empty = tmp_path / "leer.xlsx"
    Workbook().save(empty)
    problems = problems_of(store, empty)
    assert "Tagespflegepersonen, –, –: Blatt fehlt (Pflichtblatt)." in problems
    with pytest.raises(InputError, match="enthält keine Daten"):
        import_workbook(store, Book(tmp_path, "vorlage.xlsx").save(), "anna", today=TODAY)
    headless = tmp_path / "ohnekopf.xlsx"
    wb = Workbook()
    wb.active.title = "Tagespflegepersonen"
    wb.active["A3"] = "T1"
    wb.create_sheet("Kinder")
    wb.create_sheet("Betreuungen")
    wb.save(headless)
    assert "Tagespflegepersonen, 1, –: Kopfzeile fehlt: Zeile 1 muss die Spaltennamen enthalten." in problems_of(
        store, headless)


def test_doubled_keys_and_references_to_the_database(store, tmp_path):
    import_workbook(store, small_book(tmp_path, "vorher.xlsx").save(), "anna", today=TODAY)
    book = Book(tmp_path)
    book.add("Fortbildungen", TPP_Nr="T1", Datum=date(2026, 3, 7), Titel="Erste Hilfe", Stunden=4)
    book.add("Fortbildungen", TPP_Nr="T1", Datum=date(2026, 3, 7), Titel="Erste Hilfe", Stunden=5)
    book.add("Betreuungen", Kind_Nr="K1", TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden=35,
             Zeitplan="Mo 06:30-13:30; Di 06:30-13:30; Mi 06:30-13:30; Do 06:30-13:30; Fr 06:30-13:30",
             Randzeitstunden=3)
    problems = problems_of(store, book.save())
    assert "Fortbildungen, 3, TPP_Nr: Schlüssel (TPP_Nr, Datum, Titel) kommt doppelt vor (auch Zeile 2)." in problems
    assert any(p.startswith("Betreuungen, 2, Randzeitstunden: Randzeitstunden 3 passen nicht zum Zeitplan") for p in problems)
    assert len(problems) == 2  # K1 and T1 exist in the database: no reference problem
