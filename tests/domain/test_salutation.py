"""Salutation from the recipient (R-V2, issue 15 item 10): pure rule in kitadesk/domain/salutation.py."""

import pytest

from kitadesk.domain.salutation import UNKNOWN, names_of, parents_salutation, person_salutation


@pytest.mark.parametrize(("geschlecht", "vorname", "nachname", "expected"), [
    ("w", "Anna", "Sonnenschein", "Sehr geehrte Frau Sonnenschein,"),
    ("m", "Jan", "Roth", "Sehr geehrter Herr Roth,"),
    ("d", "Kim", "Beispiel", "Guten Tag Kim Beispiel,"),
    (None, "Kim", "Beispiel", "Guten Tag Kim Beispiel,"),
    ("w", "", "", UNKNOWN),
    (None, "", "", UNKNOWN),
])
def test_r_v2_carer_salutation_from_geschlecht_and_name(geschlecht, vorname, nachname, expected):
    assert person_salutation(geschlecht, vorname, nachname) == expected


@pytest.mark.parametrize(("names", "expected"), [
    ("Frau Eva Roth, Herrn Jan Roth", "Sehr geehrte Frau Roth, sehr geehrter Herr Roth,"),
    ("Frau Eva Roth und Herr Jan Berg", "Sehr geehrte Frau Roth, sehr geehrter Herr Berg,"),
    ("Herrn Jan Roth; Frau Anna-Katharina Müller-Lüdenscheidt-Kowalczyk",
     "Sehr geehrter Herr Roth, sehr geehrte Frau Müller-Lüdenscheidt-Kowalczyk,"),
    ("Frau Olga Brandt", "Sehr geehrte Frau Brandt,"),
    ("Frau Dr. Eva Roth", "Sehr geehrte Frau Dr. Roth,"),
    ("Herrn Jan van Dijk", "Sehr geehrter Herr van Dijk,"),
    ("Eva Roth, Jan Roth", "Guten Tag Eva Roth und Jan Roth,"),
    ("Frau Eva Roth, Jan Roth", "Guten Tag Frau Eva Roth und Jan Roth,"),
    ("Familie Roth", "Guten Tag Familie Roth,"),
    ("", UNKNOWN),
    ("  ,  ", UNKNOWN),
])
def test_r_v2_parents_salutation_from_the_sorgeberechtigte(names, expected):
    assert parents_salutation(names) == expected


def test_r_v2_names_split_at_comma_semicolon_slash_and_und():
    assert names_of("Frau A Roth; Herrn B Roth / Frau C Berg und Herr D Undine") == [
        "Frau A Roth", "Herrn B Roth", "Frau C Berg", "Herr D Undine"]


def test_r_v2_the_general_form_only_when_no_name_is_known():
    assert parents_salutation("Frau Roth") == "Sehr geehrte Frau Roth,"
    assert person_salutation("m", "", "Roth") == "Sehr geehrter Herr Roth,"
