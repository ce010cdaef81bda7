"""Editable text blocks: defaults, overrides, placeholder errors in German (R-V2)."""

from dataclasses import replace

import pytest

from kitadesk.reports.letters import TEXT_BLOCKS, TextBlockError, check_template, render_letter, render_text, samples
from kitadesk.reports.letters.textblocks import DEFAULTS, paragraphs

from .conftest import pdf_text


def test_render_fills_placeholders():
    text = render_text("tpp.betreff", {"monat": "April 2026"})
    assert text == "Laufende Geldleistung für die Kindertagespflege ab April 2026"


def test_unknown_placeholder_is_reported_in_german():
    with pytest.raises(TextBlockError) as err:
        render_text("tpp.betreff", {"monat": "April 2026"}, {"tpp.betreff": "Ab {monat}: {betrag_x}"})
    message = str(err.value)
    assert "unbekannter Platzhalter {betrag_x}" in message
    assert "Kindertagespflegeperson: Betreff (tpp.betreff)" in message
    assert "{monat}" in message   # says what is available


def test_unknown_placeholder_in_an_override_stops_the_letter():
    letter = replace(samples.carer_bescheid(), text_overrides={"tpp.hinweise": "Bitte {unbekannt} beachten."})
    with pytest.raises(TextBlockError, match=r"unbekannter Platzhalter \{unbekannt\}"):
        render_letter(letter)


def test_broken_braces_and_attribute_access_are_refused():
    with pytest.raises(TextBlockError, match="geschweifte Klammern"):
        render_text("gruss", {"ansprechpartner": "x"}, {"gruss": "Gruß {ansprechpartner"})
    with pytest.raises(TextBlockError, match="nicht erlaubt"):
        render_text("gruss", {"ansprechpartner": "x"}, {"gruss": "{ansprechpartner.__class__}"})
    with pytest.raises(TextBlockError, match="nicht erlaubt"):
        render_text("gruss", {"ansprechpartner": "x"}, {"gruss": "{ansprechpartner!r}"})


def test_escaped_braces_stay_literal():
    assert render_text("gruss", {}, {"gruss": "{{Klammer}}"}) == "{Klammer}"


def test_override_replaces_the_default_in_the_pdf_and_empty_removes_the_block():
    overrides = {"rechtsbehelfsbelehrung": "Gegen diesen Bescheid ist der Widerspruch zulässig (Testtext {aktenzeichen}).",
                 "hinweis_maschinell": ""}
    letter = replace(samples.ablehnung(), text_overrides=overrides)
    text = " ".join(" ".join(pdf_text(render_letter(letter))).split())
    assert "Widerspruch zulässig (Testtext 51.3-KTP-2026-0533)" in text
    assert "maschinell erstellt" not in text


def test_check_template_for_the_editor():
    assert check_template("eltern.entscheidung", "für {kind_name} ab {beitrag_ab}") == []
    problems = check_template("gruss", "Grüße {kind_name}")
    assert problems and "unbekannter Platzhalter {kind_name}" in problems[0] and "Erlaubt sind" in problems[0]
    assert check_template("gibt.es.nicht", "x") == ["Textbaustein „gibt.es.nicht“ ist unbekannt."]
    assert "geschweifte Klammern" in check_template("gruss", "{")[0]


def test_every_default_uses_only_its_declared_placeholders():
    for key, block in TEXT_BLOCKS.items():
        assert check_template(key, block.default) == [], key
        assert DEFAULTS[key] == block.default


def test_r_v2_default_rechtsbehelfsbelehrung_wording():
    text = DEFAULTS["rechtsbehelfsbelehrung"]
    assert "innerhalb eines Monats nach Bekanntgabe Widerspruch" in text
    assert "schriftlich oder zur Niederschrift bei der Stadt Moers, Der Bürgermeister, Fachdienst Jugend, " \
           "Rathausplatz 1, 47441 Moers" in text


def test_paragraphs_split_at_blank_lines():
    assert paragraphs("a\nb\n\n\nc\n\n") == ["a\nb", "c"]
    assert paragraphs("") == []
