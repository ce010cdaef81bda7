"""Issue 19.1: office-style lists (other headers, merged names, text dates, a title above the
header, csv with `;` and decimal comma, one big sheet) → proposed mapping → the one import path."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from kitadesk.domain.list_mapping import fields as f
from kitadesk.domain.list_mapping.mapping import missing
from kitadesk.domain.list_mapping.profile import from_toml, to_toml
from kitadesk.domain.list_mapping.propose import propose
from kitadesk.domain.list_mapping.values import LAST_FIRST, as_date, split_name, translate
from kitadesk.errors import InputError
from kitadesk.importer.list_source import read_source
from kitadesk.importer.schema import BY_NAME
from kitadesk.models import Carer, Child, Placement, PlacementVersion
from kitadesk.ops.import_ import import_workbook
from kitadesk.ops.list_import import import_list
from tests.importer import lists
from tests.importer.book import CARER, Book
from tests.support.dump import dump

TODAY = date(2026, 12, 3)


def _proposed(path, sheet=None):
    source = read_source(path, sheet)
    return source, propose(source.headers, source.samples(), TODAY, source.header_row, source.name)


def _carer_t1(store, tmp_path):
    book = Book(tmp_path, "tpp.xlsx")
    book.add("Tagespflegepersonen", **CARER)
    import_workbook(store, book.save(), "anna")


def test_every_target_is_a_column_of_the_import_workbook():
    pseudo = {f.NAME_SPLIT, f.CARER_NAME, f.CHILD_NAME, f.CHILD_BORN}
    for target in f.TARGETS:
        assert target.column in pseudo or target.column in BY_NAME[target.sheet].by_name, target.key


def test_values_text_dates_merged_names_translations():
    assert as_date("3.5.24", TODAY) == date(2024, 5, 3)
    assert as_date("12.4.75", TODAY) == date(1975, 4, 12)
    assert as_date("03.05.2024", TODAY) == as_date("2024-05-03", TODAY) == as_date("3/5/2024", TODAY)
    assert as_date("31.02.2024", TODAY) is None and as_date("Mai 2024", TODAY) is None
    assert split_name("Müller, Anna") == ("Müller", "Anna")
    assert split_name("Anna Lena Müller") == ("Müller", "Anna Lena")
    assert split_name("Müller Anna", LAST_FIRST) == ("Müller", "Anna")
    assert split_name("Müller") is None
    assert translate("Tagesmutter  QUALIFIZIERT", f.DEFAULT_TRANSLATIONS["Qualifikation"]) == "QHB"
    assert translate("Mitte/Sued", f.DEFAULT_TRANSLATIONS["SRT"]) == "Mitte/Süd"


def test_big_sheet_proposal_title_row_merged_names_carer_by_name(tmp_path):
    source, proposal = _proposed(lists.big_sheet(tmp_path / "gross.xlsx"))
    assert source.header_row == 3 and source.name == "Kinder Ost"
    assert proposal.mapping.kind == f.KIND_MIXED
    assert proposal.mapping.columns == {
        "Name": "Kinder.Name_Vorname", "Geb.-Datum": "Kinder.Geburtsdatum", "Tagesmutter": "Betreuungen.TPP_Name",
        "Std./Woche": "Betreuungen.Wochenstunden", "Betreuungsbeginn": "Betreuungen.Beginn",
        "Eltern": "Kinder.Sorgeberechtigte"}
    assert proposal.certain and missing(proposal.mapping) == []


def test_children_csv_proposal(tmp_path):
    _, proposal = _proposed(lists.children_csv(tmp_path / "kinder.csv"))
    assert proposal.mapping.kind == f.KIND_CHILDREN
    assert proposal.mapping.columns == {
        "Familienname": "Kinder.Nachname", "Vorname": "Kinder.Vorname", "Geburtstag": "Kinder.Geburtsdatum",
        "Straße": "Kinder.Straße", "PLZ": "Kinder.PLZ", "Ort": "Kinder.Ort", "Einkommen": "Kinder.Jahreseinkommen"}


def test_carers_list_proposal_needs_srt(tmp_path):
    _, proposal = _proposed(lists.carers_list(tmp_path / "tpp.xlsx"))
    mapping = proposal.mapping
    assert mapping.kind == f.KIND_CARERS
    assert mapping.columns["Tagespflegeperson"] == "Tagespflegepersonen.Name_Vorname"
    assert mapping.columns["Bankverbindung"] == "Tagespflegepersonen.IBAN"
    assert mapping.columns["Quali"] == "Tagespflegepersonen.Qualifikation"
    assert mapping.columns["Erlaubnis erteilt"] == "Tagespflegepersonen.Erlaubnis_vom"
    assert missing(mapping) == ["Es fehlt eine Spalte für „SRT (Spalte oder fester Wert)“."]
    mapping.fixed["Tagespflegepersonen.SRT"] = "Nord"
    assert missing(mapping) == []


def test_placements_csv_proposal(tmp_path):
    _, proposal = _proposed(lists.placements_csv(tmp_path / "b.csv", [["K1", "T1", "1.5.26", "", "22,5"]]))
    assert proposal.mapping.kind == f.KIND_PLACEMENTS
    assert proposal.mapping.columns == {"Kind-Nr": "Betreuungen.Kind_Nr", "TPP-Nr": "Betreuungen.TPP_Nr",
                                        "ab": "Betreuungen.Beginn", "bis": "Betreuungen.Ende",
                                        "Stunden": "Betreuungen.Wochenstunden"}


def test_profile_toml_round_trip_is_readable(tmp_path):
    _, proposal = _proposed(lists.carers_list(tmp_path / "tpp.xlsx"))
    mapping = proposal.mapping
    mapping.fixed["Tagespflegepersonen.SRT"] = "Nord"
    mapping.translations["Qualifikation"] = {"Tagesmutter \"alt\"": "Basis"}
    text = to_toml(mapping)
    assert '"Bankverbindung" = "Tagespflegepersonen.IBAN"' in text and "[feste_werte]" in text
    assert from_toml(text) == mapping


def test_r_i19_big_sheet_imports_children_and_placements(store, tmp_path):
    _carer_t1(store, tmp_path)
    source, proposal = _proposed(lists.big_sheet(tmp_path / "gross.xlsx"))
    result = import_list(store, "anna", source, proposal.mapping, today=TODAY)
    assert result.new("Kinder") == 2 and result.new("Betreuungen") == 2
    with store.session() as s:
        kids = s.execute(select(Child.nr, Child.nachname, Child.vorname, Child.geburtsdatum,
                                Child.sorgeberechtigte).order_by(Child.nr)).all()
        hours = s.execute(select(Child.nr, Carer.nr, Placement.beginn, PlacementVersion.wochenstunden)
                          .join(Placement, Placement.child_id == Child.id).join(Carer, Carer.id == Placement.carer_id)
                          .join(PlacementVersion, PlacementVersion.placement_id == Placement.id)
                          .order_by(Child.nr)).all()
    assert kids == [("K00001", "Schmitz", "Emma", date(2025, 3, 1), "Anna und Jan Schmitz"),
                    ("K00002", "Schmitz", "Ben", date(2024, 3, 1), "Anna und Jan Schmitz")]
    assert hours == [("K00001", "T1", date(2026, 4, 1), Decimal("35.00")),
                     ("K00002", "T1", date(2026, 4, 16), Decimal("20.00"))]
    again = import_list(store, "anna", source, proposal.mapping, today=TODAY)  # matched by name + birth date
    assert again.new("Kinder") == 0 and again.new("Betreuungen") == 0


def test_r_i19_children_csv_decimal_comma_cp1252(store, tmp_path):
    source, proposal = _proposed(lists.children_csv(tmp_path / "kinder.csv", encoding="cp1252"))
    import_list(store, "anna", source, proposal.mapping, today=TODAY)
    with store.session() as s:
        kids = s.execute(select(Child.nr, Child.nachname, Child.geburtsdatum, Child.plz).order_by(Child.nr)).all()
    assert kids == [("K00001", "Özdemir", date(2024, 5, 3), "47441"), ("K00002", "Nowak", date(2024, 5, 3), "47443")]


def test_r_i19_carers_list_fixed_srt_translated_qualification(store, tmp_path):
    source, proposal = _proposed(lists.carers_list(tmp_path / "tpp.xlsx"))
    proposal.mapping.fixed["Tagespflegepersonen.SRT"] = "Nord"
    import_list(store, "anna", source, proposal.mapping, today=TODAY)
    with store.session() as s:
        rows = s.execute(select(Carer.nr, Carer.nachname, Carer.vorname, Carer.geburtsdatum, Carer.srt,
                                Carer.qualifikation).order_by(Carer.nr)).all()
    assert rows == [("T0001", "Müller", "Petra", date(1975, 4, 12), "Nord", "QHB"),
                    ("T0002", "Kılıç", "Derya", date(1980, 2, 29), "Nord", "Basis")]


def test_r_i19_problems_name_the_lists_sheet_row_column_nothing_written(store, tmp_path):
    _carer_t1(store, tmp_path)
    path = lists.big_sheet(tmp_path / "gross.xlsx", [
        ["Schmitz, Emma", "1.3.25", "Ayşe Yılmaz", "35", "01.04.2026", None],
        ["Schmitz, Ben", "1.3.24", "Ayşe Yılmaz", "20", "01.04.2026", None],
        ["Schmitz", "1.3.25", "Petra Unbekannt", "170", "31.02.2026", None],
    ])
    source, proposal = _proposed(path)
    before = dump(store)
    with pytest.raises(InputError) as caught:
        import_list(store, "anna", source, proposal.mapping, today=TODAY)
    lines = caught.value.problems
    assert "Kinder Ost, 6, Name: „Schmitz“: Nachname und Vorname lassen sich nicht trennen (erwartet „Nachname, " \
           "Vorname“ oder „Vorname Nachname“)." in lines
    assert any(line.startswith("Kinder Ost, 6, Tagesmutter: Tagespflegeperson „Petra Unbekannt“ gibt es nicht")
               for line in lines)
    assert any(line.startswith("Kinder Ost, 6, Std./Woche: ") for line in lines)
    assert any(line.startswith("Kinder Ost, 6, Betreuungsbeginn: ") for line in lines)
    assert all(line.startswith("Kinder Ost, ") for line in lines), lines
    assert dump(store) == before


def test_r_i19_people_numbers_and_namesakes_of_the_desks_srt():
    from kitadesk.domain.duplicates import Person
    from kitadesk.importer.list_people import People

    children = People("K", [Person("K00007", "Schmitz", "Emma", date(2025, 3, 1)), Person("K-alt", "A", "B", None)])
    assert children.number_for("Schmitz", "Emma", date(2025, 3, 1)) == "K00007"  # the same child
    assert children.number_for("Schmitz", "Emma", date(2024, 1, 1)) == "K00008"  # another child, next number
    assert children.number_for("schmitz", "EMMA", date(2024, 1, 1)) == "K00008"  # the same new child again
    namesakes = [Person("T1", "Becker", "Daniela", None, "Ost"), Person("T2", "Becker", "Daniela", None, "Nord")]
    assert [p.nr for p in People("T", namesakes, "Ost").find_named("Daniela Becker")] == ["T1"]
    assert sorted(p.nr for p in People("T", namesakes).find_named("Becker, Daniela")) == ["T1", "T2"]


@pytest.mark.parametrize("headers, samples, kind, expected", [
    (["Kind", "geb. am", "TPP", "Std", "ab"], [["Anna Müller"], ["3.5.24"], ["Schmitz, Petra"], ["35"], ["1.1.26"]],
     f.KIND_MIXED, {"Kind": "Kinder.Name_Vorname", "geb. am": "Kinder.Geburtsdatum", "TPP": "Betreuungen.TPP_Name",
                    "Std": "Betreuungen.Wochenstunden", "ab": "Betreuungen.Beginn"}),
    (["Lfd. Nr.", "Name des Kindes", "Geburtstag", "Tagesmutter/-vater", "Std./Woche", "Vertragsbeginn",
      "Vertragsende"], [[1], ["Kaya, Ali"], ["4.6.23"], ["Petra Schmitz"], ["45"], ["1.2.26"], [None]],
     f.KIND_MIXED, {"Lfd. Nr.": "", "Name des Kindes": "Kinder.Name_Vorname", "Geburtstag": "Kinder.Geburtsdatum",
                    "Tagesmutter/-vater": "Betreuungen.TPP_Name", "Std./Woche": "Betreuungen.Wochenstunden",
                    "Vertragsbeginn": "Betreuungen.Beginn", "Vertragsende": "Betreuungen.Ende"}),
    (["TPP-Nr", "Name", "Vorname", "Sozialraumteam", "IBAN", "Qualifikation", "Tätig seit"],
     [["T9"], ["Schmitz"], ["Petra"], ["SRT Ost"], ["DE89370400440532013000"], ["Tagesmutter qualifiziert"],
      ["1.1.2010"]],
     f.KIND_CARERS, {"TPP-Nr": "Tagespflegepersonen.Nr", "Name": "Tagespflegepersonen.Nachname",
                     "Vorname": "Tagespflegepersonen.Vorname", "Sozialraumteam": "Tagespflegepersonen.SRT",
                     "IBAN": "Tagespflegepersonen.IBAN", "Qualifikation": "Tagespflegepersonen.Qualifikation",
                     "Tätig seit": "Tagespflegepersonen.Tätig_seit"}),
    (["Kind-Nr.", "Tagesmutter", "Beginn der Betreuung", "Wochenstunden", "Randzeiten"],
     [["K1"], ["Petra Schmitz"], ["1.1.26"], ["35"], ["2,5"]],
     f.KIND_PLACEMENTS, {"Kind-Nr.": "Betreuungen.Kind_Nr", "Tagesmutter": "Betreuungen.TPP_Name",
                         "Beginn der Betreuung": "Betreuungen.Beginn", "Wochenstunden": "Betreuungen.Wochenstunden",
                         "Randzeiten": "Betreuungen.Randzeitstunden"}),
])
def test_r_i19_proposal_of_other_headers(headers, samples, kind, expected):
    proposal = propose(headers, samples, TODAY)
    assert (proposal.mapping.kind, proposal.mapping.columns) == (kind, expected)
    assert proposal.certain and missing(proposal.mapping) == []
