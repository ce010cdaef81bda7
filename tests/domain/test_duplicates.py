"""Possible duplicates (issue 19): folded names, swapped names, small slips, same birth date;
carers also by IBAN and by address with birth date. Pure, no database."""

from datetime import date

from kitadesk.domain.duplicates import Person, duplicates_of, find_duplicates

BORN = date(2024, 5, 3)


def kid(nr, nachname, vorname, born=BORN, srt="Ost"):
    return Person(nr, nachname, vorname, born, srt)


def test_spelling_variants_with_the_same_birth_date_are_duplicates():
    people = [kid("K1", "Yılmaz", "Elif"), kid("K2", "Yilmaz", "Elif"), kid("K3", "Müller", "Jonas"),
              kid("K4", "Mueller", "Jonas"), kid("K5", "Elif", "Yilmaz"), kid("K6", "Schmitt", "Anna"),
              kid("K7", "Schmidt", "Anna"), kid("K8", "Yılmaz", "Elif", date(2024, 5, 4))]
    pairs = {(d.first.nr, d.second.nr): d.reason for d in find_duplicates(people)}
    assert pairs[("K1", "K2")] == "gleicher Name (Schreibweise), gleiches Geburtsdatum"
    assert pairs[("K3", "K4")].startswith("gleicher Name")
    assert pairs[("K1", "K5")] == "Vor- und Nachname vertauscht, gleiches Geburtsdatum"
    assert pairs[("K6", "K7")] == "sehr ähnlicher Name, gleiches Geburtsdatum"
    assert not any("K8" in pair for pair in pairs)  # another birth date: another child


def test_different_children_of_the_same_day_are_not_duplicates():
    people = [kid("K1", "Weber", "Lena"), kid("K2", "Becker", "Lena"), kid("K3", "Weber", "Mia")]
    assert find_duplicates(people) == []


def test_carers_by_iban_or_address_with_birth_date():
    a = Person("T1", "Kaya", "Ayşe", date(1980, 1, 1), "Ost", "DE89 3704 0044 0532 0130 00", "Hauptstr. 1 47441")
    b = Person("T2", "Kaya-Demir", "Ayse", date(1981, 2, 2), "Nord", "DE89370400440532013000", "")
    c = Person("T3", "Schulz", "Petra", date(1980, 1, 1), "Ost", "", "Hauptstr. 1 47441")
    pairs = {(d.first.nr, d.second.nr): d.reason for d in find_duplicates([a, b, c], carers=True)}
    assert pairs == {("T1", "T2"): "gleiche IBAN", ("T1", "T3"): "gleiche Anschrift und gleiches Geburtsdatum"}


def test_a_new_record_against_the_existing_ones_names_both():
    existing = [kid("K00412", "Yılmaz", "Elif")]
    found = duplicates_of(kid("NEU", "Yilmaz", "Elif"), existing)
    assert [d.text() for d in found] == [
        "K00412 Yılmaz, Elif (geb. 03.05.2024, SRT Ost) und NEU Yilmaz, Elif (geb. 03.05.2024, SRT Ost): "
        "gleicher Name (Schreibweise), gleiches Geburtsdatum"]
