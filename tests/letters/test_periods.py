"""Letters state every placement version of their period with its dates (R-K4, R-V4; issue 15 item 4).

K1 (worked example) is cared for 35 h from 01.04.2026; a dated change gives 20 h from 16.05.2026.
"""

from datetime import date
from decimal import Decimal as D

from kitadesk.models import Placement, PlacementVersion
from kitadesk.ops.letters import produce_month, reprint
from tests.letters.pdftext import flat, pdf_text
from tests.letters.scenario import TODAY, USER, finalize_month
from tests.support.factory import change_hours, make_child, place
from tests.support.fee_data import family


def _texts(store, result) -> dict:
    return {(a.art, a.aktenzeichen.split("-")[2].split("/")[0]): flat(pdf_text(reprint(store, USER, a.id)))
            for a in result.letters}


def _change_k1(store, april, plan: str | None = None):
    with store.session(USER) as s:
        version = change_hours(s, s.get(Placement, april["P1"]), date(2026, 5, 16), "20")
        if plan:
            version.zeitplan = plan
        s.commit()


def test_r_v4_parents_bescheid_states_each_version_with_its_dates(store, april):
    _change_k1(store, april, "Mo 08:00-12:00; Di 08:00-12:00; Mi 08:00-12:00; Do 08:00-12:00; Fr 08:00-12:00")
    text = _texts(store, produce_month(store, USER, 2026, 4, today=TODAY))[("eltern", "K1")]
    assert "im Umfang von 35 (bis zum 15.05.2026) bzw. 20 (ab dem 16.05.2026) Stunden wöchentlich" in text
    assert "01.04.–15.05.2026 35 Std." in text
    assert "ab dem 16.05.2026 20 Std. Mo–Fr 08:00–12:00" in text
    assert "ab dem 01.04.2026 im Umfang von 20" not in text


def test_r_e3_parents_bescheid_states_the_fee_per_period_in_whole_months(store, april):
    _change_k1(store, april)
    text = _texts(store, produce_month(store, USER, 2026, 4, today=TODAY))[("eltern", "K1")]
    # April: 35 h → band bis 35 → 60 €; from May the month's end counts (R-E3): 20 h → band bis 25 → 50 €
    assert "Elternbeitrag in Höhe von 60,00 € (bis zum 30.04.2026) bzw. 50,00 € (ab dem 01.05.2026)" in text
    assert "Monatlicher Elternbeitrag 01.04.–30.04.2026 60,00 €" in text
    assert "01.04.–30.04.2026 60,00 € bis 35 Stunden wöchentlich" in text
    assert "ab dem 01.05.2026 50,00 € bis 25 Stunden wöchentlich" in text


def test_r_v4_a_single_version_keeps_the_plain_wording(store, april):
    text = _texts(store, produce_month(store, USER, 2026, 4, today=TODAY))[("eltern", "K1")]
    assert "im Umfang von 35 Stunden wöchentlich" in text and "bzw." not in text
    assert "ab dem 01.04.2026 35 Std." in text
    assert "Monatlicher Elternbeitrag ab dem 01.04.2026 60,00 €" in text


def test_r_v4_aenderungsbescheide_after_a_dated_change_list_both_periods(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    _change_k1(store, april)
    finalize_month(store, 2026, 5)
    texts = _texts(store, produce_month(store, USER, 2026, 5, today=date(2026, 5, 27)))
    parents = texts[("aenderung", "K1")]
    assert "01.05.–15.05.2026 35 Std." in parents and "ab dem 16.05.2026 20 Std." in parents
    carer = texts[("aenderung", "A")]
    # the carer's lines per child carry their own Zeitraum: one line per version
    assert "01.05.–15.05.2026" in carer and "16.05.–31.05.2026" in carer
    assert "01.05.–15.05.2026: 151,67 Std.; 16.05.–31.05.2026: 86,67 Std." in carer   # what changed, per period


def test_r_k4_versions_before_the_period_are_not_listed(store, april):
    with store.session(USER) as s:
        assert s.query(PlacementVersion).filter_by(placement_id=april["P1"]).count() == 1
    _change_k1(store, april)
    produce_month(store, USER, 2026, 4, today=TODAY)
    finalize_month(store, 2026, 5)
    with store.session(USER) as s:
        change_hours(s, s.get(Placement, april["P1"]), date(2026, 6, 1), "30")
        s.commit()
    finalize_month(store, 2026, 6)
    texts = _texts(store, produce_month(store, USER, 2026, 6, today=date(2026, 6, 26)))
    parents = texts[("aenderung", "K1")]
    assert "ab dem 01.06.2026 30 Std." in parents and "35 Std." not in parents


def test_r_v3_versions_and_fee_periods_survive_the_archive_codec():
    import json

    from kitadesk.ops.letters.codec import decode, encode
    from kitadesk.reports.letters import render_letter, samples

    letter = samples.parents_bescheid()
    back = decode(json.loads(json.dumps(encode(letter))))
    assert back == letter and render_letter(back) == render_letter(letter)


def test_r_v4_acceptance_case_35_hours_until_15_11_then_20_hours(store, april):
    """The finding of issue 15: a Bescheid from 01.10.2026 must not say 20 h for the whole period."""
    with store.session(USER) as s:
        from kitadesk.models import Carer

        child = make_child(s, "K9", vorname="Lea", sorgeberechtigte="Frau Ida Kern", strasse="Ulmenweg 4",
                           plz="47441", ort="Moers", family_id=family(s, "F9", D("30000")).id)
        placement = place(s, child, s.get(Carer, april["A"]), date(2026, 10, 1), hours="35")
        change_hours(s, placement, date(2026, 11, 16), "20")
        s.commit()
    result = produce_month(store, USER, 2026, 10, kind="parent", today=date(2026, 12, 3))
    text = _texts(store, result)[("eltern", "K9")]
    assert "ab dem 01.10.2026 im Umfang von 35 (bis zum 15.11.2026) bzw. 20 (ab dem 16.11.2026) Stunden" in text
    assert "01.10.–15.11.2026 35 Std." in text and "ab dem 16.11.2026 20 Std." in text
    assert "60,00 € (bis zum 31.10.2026) bzw. 50,00 € (ab dem 01.11.2026)" in text
    assert "Sehr geehrte Frau Kern," in text


def test_r_e3_parents_aenderungsbescheid_states_later_fee_periods_too(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    _change_k1(store, april)
    with store.session(USER) as s:
        change_hours(s, s.get(Placement, april["P1"]), date(2026, 7, 1), "40")
        s.commit()
    finalize_month(store, 2026, 5)
    parents = _texts(store, produce_month(store, USER, 2026, 5, today=date(2026, 5, 27)))[("aenderung", "K1")]
    assert "Monatsbeitrag je Zeitraum" in parents
    assert "01.05.–30.06.2026 50,00 € bis 25 Stunden wöchentlich" in parents
    assert "ab dem 01.07.2026 70,00 € bis 45 Stunden wöchentlich" in parents
    assert "01.05.–15.05.2026 35 Std." in parents and "ab dem 01.07.2026 40 Std." in parents
