"""Pure rules of the statistics (R-S1, R-S2) — no database."""

from datetime import date
from decimal import Decimal as D

from kitadesk.domain.statistics import (
    F_GEBURTSJAHR,
    F_GESCHLECHT,
    F_HERKUNFT,
    F_TAGE,
    F_TAGE_FEHLER,
    F_VERWANDT,
    PaidLine,
    StatCarer,
    StatChild,
    StatPermit,
    StatPlacement,
    StatVersion,
    age_group,
    continuous_since,
    hour_band,
    money_figures,
    month_span,
    official_statistics,
    stock_figures,
)
from kitadesk.reports.charts import nice_scale

DAY = date(2026, 3, 1)
PLAN5 = "Mo 08:00-13:00; Di 08:00-13:00; Mi 08:00-13:00; Do 08:00-13:00; Fr 08:00-13:00"


def child(nr="K1", **kw):
    base = dict(nachname="Kind", vorname=nr, geburtsdatum=date(2024, 5, 10), srt="Ost", geschlecht="w",
                herkunft_ausland=False, sprache_nicht_deutsch=False, verwandtschaft="nicht verwandt")
    base.update(kw)
    return StatChild(nr, **base)


def carer(nr="T1", **kw):
    base = dict(nachname="Muster", vorname=nr, srt="Ost", qualifikation="QHB", geschlecht="w",
                geburtsdatum=date(1980, 1, 1), permits=(StatPermit(date(2023, 1, 1), date(2027, 12, 31), 5),))
    base.update(kw)
    return StatCarer(nr, **base)


def placement(child_nr="K1", carer_nr="T1", beginn=date(2025, 8, 1), ende=None, hours="25", plan=PLAN5):
    return StatPlacement(child_nr, carer_nr, beginn, ende, (StatVersion(beginn, D(hours), plan),))


def test_r_s1_child_record_has_all_fields():
    stats = official_statistics(DAY, [child()], [carer()], [placement()])
    (c,) = stats.children
    assert (c.geschlecht, c.geburtsmonat, c.geburtsjahr, c.seit) == ("w", 5, 2024, date(2025, 8, 1))
    assert (c.wochenstunden, c.tage_pro_woche, c.eingliederungshilfe, c.fehlend) == (D("25"), 5, False, ())
    (t,) = stats.carers
    assert (t.geburtsjahr, t.qualifikation, t.betreuungsort, t.kinder) == (1980, "QHB", "eigener Haushalt", 1)
    assert stats.missing == ()


def test_r_s1_care_starting_after_reference_date_is_excluded():
    stats = official_statistics(DAY, [child()], [carer()], [placement(beginn=date(2026, 3, 2))])
    assert stats.children == () and stats.carers == ()


def test_r_s1_care_ending_on_reference_date_counts():
    stats = official_statistics(DAY, [child()], [carer()], [placement(ende=DAY)])
    assert len(stats.children) == 1


def test_r_s1_continuous_since_spans_carer_change_within_a_week():
    spans = [placement(carer_nr="T2", beginn=date(2024, 9, 1), ende=date(2025, 5, 30)),
             placement(beginn=date(2025, 6, 2))]
    assert continuous_since(spans, DAY) == date(2024, 9, 1)
    stats = official_statistics(DAY, [child()], [carer(), carer("T2")], spans)
    assert stats.children[0].seit == date(2024, 9, 1) and stats.children[0].carer_nr == "T1"
    assert [c.nr for c in stats.carers] == ["T1"]  # T2 has no child on the date


def test_r_s1_a_longer_break_starts_a_new_spell():
    spans = [placement(beginn=date(2024, 9, 1), ende=date(2025, 4, 30)), placement(beginn=date(2025, 6, 1))]
    assert continuous_since(spans, DAY) == date(2025, 6, 1)


def test_r_s1_days_per_week_only_from_the_time_plan():
    stats = official_statistics(DAY, [child("K1"), child("K2"), child("K3")], [carer()], [
        placement("K1", plan="Di 08:00-12:00; Do 08:00-12:00"), placement("K2", plan=None),
        placement("K3", plan="Mo 25:00-26:00")])
    k1, k2, k3 = stats.children
    assert k1.tage_pro_woche == 2 and k1.fehlend == ()
    assert k2.tage_pro_woche is None and k2.fehlend == (F_TAGE,)
    assert k3.tage_pro_woche is None and k3.fehlend == (F_TAGE_FEHLER,)
    assert [m.nr for m in stats.missing] == ["K2", "K3"]


def test_r_s1_missing_fields_are_listed_in_german():
    stats = official_statistics(DAY, [child(geschlecht=None, herkunft_ausland=None, verwandtschaft="Nachbarin")],
                                [carer(geschlecht=None, geburtsdatum=None)], [placement()])
    kid, tpp = stats.missing
    assert (kid.art, kid.nr, kid.name) == ("Kind", "K1", "Kind, K1")
    assert kid.fehlend == (F_GESCHLECHT, F_HERKUNFT, F_VERWANDT)
    assert (tpp.art, tpp.nr, tpp.fehlend) == ("Tagespflegeperson", "T1", (F_GESCHLECHT, F_GEBURTSJAHR))
    assert stats.children[0].verwandtschaft is None


def test_r_s1_eingliederungshilfe_explicit_or_lvr_on_the_date():
    kids = [child("K1", eingliederungshilfe=True), child("K2", lvr=((date(2025, 1, 1), True),)),
            child("K3", lvr=((date(2026, 3, 2), True),)), child("K4", eingliederungshilfe=False,
                                                              lvr=((date(2025, 1, 1), True),))]
    stats = official_statistics(DAY, kids, [carer()], [placement(k.nr) for k in kids])
    assert [c.eingliederungshilfe for c in stats.children] == [True, True, False, False]


def test_r_s1_qualification_and_place_on_the_date():
    later = carer(qualifikation="Fachkraft", qualifikation_seit=date(2026, 6, 1),
                  permits=(StatPermit(date(2022, 1, 1), date(2026, 12, 31), 5, "andere Räume"),),
                  zusammenschluss="GTP Sonnenschein")
    stats = official_statistics(DAY, [child()], [later], [placement()])
    (t,) = stats.carers
    assert (t.qualifikation, t.betreuungsort, t.grosstagespflege) == ("Basis", "andere Räume", True)


def test_r_s1_two_placements_on_the_date_make_one_child():
    spans = [placement(hours="20"), placement(carer_nr="T2", hours="10", plan="Sa 08:00-18:00")]
    stats = official_statistics(DAY, [child()], [carer(), carer("T2")], spans)
    (c,) = stats.children
    assert (c.wochenstunden, c.tage_pro_woche, c.carer_nr) == (D("30"), 6, "T1")
    assert [t.kinder for t in stats.carers] == [1, 1] and len(stats.notes) == 1


def test_r_s2_age_groups_and_hour_bands_at_their_limits():
    assert age_group(date(2025, 3, 2), DAY) == 0 and age_group(date(2025, 3, 1), DAY) == 1
    assert age_group(date(2023, 3, 2), DAY) == 1 and age_group(date(2023, 3, 1), DAY) == 2
    assert [hour_band(D(h)) for h in ("25", "25.01", "35", "45", "45.5")] == [0, 1, 1, 2, 3]


def test_r_s2_free_places_per_carer_never_negative_and_srt_of_the_carer():
    carers = [carer("T1", srt="Ost"), carer("T2", srt="Nord", permits=(StatPermit(date(2023, 1, 1),
                                                                                  date(2027, 1, 1), 2),)),
              carer("T3", srt="Nord", permits=()), carer("T4", srt="Nord", taetig_bis=date(2025, 1, 1))]
    kids = [child("K1", srt="Nord"), child("K2"), child("K3"), child("K4"), child("K5")]
    spans = [placement("K1", "T1"), placement("K2", "T2"), placement("K3", "T2"), placement("K4", "T2"),
             placement("K5", "T3", hours="50")]
    fig = stock_figures(DAY, kids, carers, spans)
    ost, nord, total = fig.by_srt("Ost"), fig.by_srt("Nord"), fig.total
    assert (ost.tagespflegepersonen, ost.kinder, ost.kinder_wohn_srt, ost.plaetze, ost.frei) == (1, 1, 4, 5, 4)
    assert (nord.tagespflegepersonen, nord.kinder, nord.kinder_wohn_srt, nord.plaetze, nord.frei) == (2, 4, 1, 2, 0)
    assert (nord.ueberbelegt, nord.ohne_erlaubnis, nord.stundenbaender) == (1, 1, (3, 0, 0, 1))
    assert total.kinder == 5 and total.belegung == D("71.4")
    assert fig.by_srt("Mitte/Süd").kinder == 0


def test_r_s2_money_by_position_and_srt_corrections_count_to_their_position():
    months = month_span((2025, 11), (2026, 2))
    assert months == ((2025, 11), (2025, 12), (2026, 1), (2026, 2))
    lines = [PaidLine(2026, 1, "Ost", "Betreuung", D("100.00")), PaidLine(2026, 1, "Nord", "Betreuung", D("50.00")),
             PaidLine(2026, 2, "Ost", "Korrektur: Betreuung", D("-10.00")),
             PaidLine(2026, 3, "Ost", "Betreuung", D("999.00"))]
    fees = [PaidLine(2026, 1, "Ost", "Elternbeitrag", D("60.00"))]
    m = money_figures(months, lines, fees, run_months=[(2026, 1), (2026, 2)])
    assert m.paid_by_position == {"Betreuung": {(2026, 1): D("150.00"), (2026, 2): D("-10.00")}}
    assert m.paid_by_srt["Ost"] == {(2026, 1): D("100.00"), (2026, 2): D("-10.00")}
    assert m.paid_sum == D("140.00") and m.year_totals(m.paid_total) == {2025: D("0.00"), 2026: D("140.00")}
    assert m.fees_sum == D("60.00") and m.months_without_run == ((2025, 11), (2025, 12))


def test_chart_scale_has_round_steps():
    assert nice_scale(433) == (0.0, 500.0, 100.0)
    assert nice_scale(135284) == (0.0, 150000.0, 25000.0)
    assert nice_scale(100, -30) == (-50.0, 100.0, 25.0)
    assert nice_scale(1.08, integer=True) == (0.0, 2.0, 1.0)
