"""berechnung.md §11: the registry of Auslegungen."""

from fractions import Fraction

import pytest

from kitadesk.domain.settings import BY_NAME, DEFAULTS, REGISTRY


def test_registry_lists_every_auslegung_of_section_11():
    names = {s.name for s in REGISTRY}
    assert names == {
        "monatsfaktor", "erhoehung_auch_zuschlaege", "nacht_als_randzeit", "zuschlag_basis",
        "erstattung_anteilig", "ausfall_jahr", "ausfall_zaehlweise", "ausfall_sonstiges",
        "ausfall_ueber_6_wochen", "vertretung_satz", "vertretungsplatz_bei_abwesenheit",
        "einkommen_ohne_erklaerung", "beitrag_anteilig", "geschwister", "stufe_erfahrung",
        "erste_hilfe_intervall_jahre", "wiedervorlage_tage",
    }


def test_monatsfaktor_default_is_exact_52_12_and_alternatives_parse():
    assert DEFAULTS.monatsfaktor == Fraction(52, 12)
    assert DEFAULTS.with_(monatsfaktor="4.33").monatsfaktor == Fraction(433, 100)


def test_invalid_value_gets_german_message():
    with pytest.raises(ValueError, match="nicht erlaubt"):
        DEFAULTS.with_(geschwister="keiner")
    assert BY_NAME["wiedervorlage_tage"].validate("90") == "90"
