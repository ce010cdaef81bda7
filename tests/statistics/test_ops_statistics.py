"""Statistics from the store on SQLite and PostgreSQL (R-S1, R-S2), checked against counts
computed independently with plain SQL."""

from collections import Counter
from datetime import date
from decimal import Decimal as D

from sqlalchemy import text

from kitadesk.models import Child, ChildStatus, Family, FamilyIncome, FeeCell, FeeTable, PlacementVersion
from kitadesk.ops.fees import fee_list
from kitadesk.ops.payout import compute_draft, finalize
from kitadesk.ops.statistics import office, official
from tests.statistics.factory import STICHTAG, generate, permit_limits
from tests.support.factory import make_carer, make_child, place, worked_example

ACTIVE = "p.beginn <= :d AND (p.ende IS NULL OR p.ende >= :d)"


def sql(store, query: str, **params):
    with store.engine.connect() as conn:
        return conn.execute(text(query), params).all()


def test_r_s1_counts_match_sql_on_generated_data(store):
    generate(store)
    stats = official(store, "anna", STICHTAG)
    (children,) = sql(store, f"SELECT COUNT(DISTINCT p.child_id) FROM placements p WHERE {ACTIVE}", d=STICHTAG)[0]
    (carers,) = sql(store, f"SELECT COUNT(DISTINCT p.carer_id) FROM placements p WHERE {ACTIVE}", d=STICHTAG)[0]
    assert len(stats.children) == children > 40
    assert len(stats.carers) == carers
    per_carer = dict(sql(store, "SELECT c.nr, COUNT(DISTINCT p.child_id) FROM placements p JOIN carers c "
                                f"ON c.id = p.carer_id WHERE {ACTIVE} GROUP BY c.nr", d=STICHTAG))
    assert {c.nr: c.kinder for c in stats.carers} == per_carer
    hours = dict(sql(store, "SELECT k.nr, v.wochenstunden FROM placements p JOIN children k ON k.id = p.child_id "
                            f"JOIN placement_versions v ON v.placement_id = p.id WHERE {ACTIVE}", d=STICHTAG))
    assert {c.nr: c.wochenstunden for c in stats.children} == {k: D(str(v)) for k, v in hours.items()}


def test_r_s1_excludes_care_starting_after_the_reference_date(store):
    generate(store)
    later = {r[0] for r in sql(store, "SELECT k.nr FROM placements p JOIN children k ON k.id = p.child_id "
                                      "WHERE p.beginn > :d", d=STICHTAG)}
    assert later
    assert not later & {c.nr for c in official(store, "anna", STICHTAG).children}


def test_r_s1_lists_records_with_missing_fields(store):
    with store.session("test") as s:
        carer = make_carer(s, "T1", geschlecht=None)
        full = make_child(s, "K1", geschlecht="m", herkunft_ausland=True, sprache_nicht_deutsch=True,
                          verwandtschaft="Großeltern", lvr=True, status_ab=date(2025, 1, 1))
        gaps = make_child(s, "K2", vorname="Ben")
        p1 = place(s, full, carer, date(2025, 9, 1), hours="20")
        place(s, gaps, carer, date(2025, 10, 1))
        s.flush()
        s.query(PlacementVersion).filter_by(placement_id=p1.id).update({"zeitplan": "Mo 08:00-18:00; Di 08:00-18:00"})
        s.commit()
    stats = official(store, "anna", STICHTAG)
    k1 = stats.children[0]
    assert (k1.herkunft_ausland, k1.verwandtschaft, k1.tage_pro_woche, k1.eingliederungshilfe) == (
        True, "Großeltern", 2, True)
    assert [(m.art, m.nr, m.name) for m in stats.missing] == [("Kind", "K2", "Kind-K2, Ben"),
                                                                ("Tagespflegeperson", "T1", "Muster-T1, Anna")]
    assert stats.missing[0].text == ("Geschlecht, ausländische Herkunft eines Elternteils, vorrangig gesprochene "
                                     "Familiensprache, Verwandtschaft zur Tagespflegeperson, Betreuungstage je "
                                     "Woche (kein Zeitplan)")
    assert stats.missing[1].text == "Geschlecht"


def test_r_s2_counts_per_srt_match_sql(store):
    generate(store)
    fig = office(store, "anna", STICHTAG, (2026, 1), (2026, 3))
    kids = dict(sql(store, "SELECT c.srt, COUNT(DISTINCT p.child_id) FROM placements p JOIN carers c "
                           f"ON c.id = p.carer_id WHERE {ACTIVE} GROUP BY c.srt", d=STICHTAG))
    own = dict(sql(store, "SELECT k.srt, COUNT(DISTINCT p.child_id) FROM placements p JOIN children k "
                          f"ON k.id = p.child_id WHERE {ACTIVE} GROUP BY k.srt", d=STICHTAG))
    carers = dict(sql(store, "SELECT srt, COUNT(*) FROM carers GROUP BY srt"))  # nobody has left in the data
    limits = permit_limits(store)
    busy = Counter(r[0] for r in sql(store, f"SELECT c.nr FROM placements p JOIN carers c ON c.id = p.carer_id "
                                            f"WHERE {ACTIVE}", d=STICHTAG))
    srt_of = dict(sql(store, "SELECT nr, srt FROM carers"))
    for row in fig.stock.rows[:-1]:
        assert row.kinder == kids.get(row.srt, 0), row.srt
        assert row.kinder_wohn_srt == own.get(row.srt, 0), row.srt
        assert row.tagespflegepersonen == carers.get(row.srt, 0), row.srt
        assert row.plaetze == sum(n for nr, n in limits.items() if srt_of[nr] == row.srt)
        assert row.frei == sum(max(0, n - busy[nr]) for nr, n in limits.items() if srt_of[nr] == row.srt)
        assert sum(row.altersgruppen) == sum(row.stundenbaender) == row.kinder
    assert fig.stock.total.kinder == sum(kids.values())


def test_r_s2_money_comes_from_finalized_runs_only(store):
    with store.session("test") as s:
        worked_example(s)
        s.commit()
    april = compute_draft(store, "leitung", 2026, 4)
    finalize(store, "leitung", april.run_id)
    compute_draft(store, "leitung", 2026, 5)  # a draft: not money paid
    fig = office(store, "anna", date(2026, 5, 1), (2026, 4), (2026, 5), with_fees=False)
    m = fig.money
    assert m.paid_total == {(2026, 4): D("1924.98"), (2026, 5): D("0.00")}
    assert m.paid_by_srt == {"Mitte/Süd": {(2026, 4): D("1924.98")}}
    assert sum(v[(2026, 4)] for v in m.paid_by_position.values()) == D("1924.98")
    assert m.paid_by_position["Betreuung"][(2026, 4)] > 0 and m.months_without_run == ((2026, 5),)


def _fee_table(session):
    table = FeeTable(gueltig_ab=date(2025, 8, 1), ist_beispiel=True)
    for alter in ("unter 3", "ab 3"):
        for i, bound in enumerate((D("30000"), None)):
            for j, band in enumerate((D("25"), D("35"), D("45"))):
                table.cells.append(FeeCell(alter=alter, einkommen_bis=bound, stunden_bis=band,
                                           beitrag=D(40 * i + 10 * j)))
    session.add(table)


def test_r_s2_fees_charged_equal_the_fee_list(store):
    with store.session("test") as s:
        _fee_table(s)
        carer = make_carer(s, "T1")
        for nr, income, hours in (("K1", "52000", "35"), ("K2", "21000", "20"), ("K3", "80000", "45")):
            fam = Family(nr=f"F{nr}")
            s.add(fam)
            s.flush()
            s.add(FamilyIncome(family_id=fam.id, gueltig_ab=date(2025, 1, 1), jahreseinkommen=D(income)))
            child = make_child(s, nr, family_id=fam.id, srt="Nord" if nr == "K3" else "Ost")
            place(s, child, carer, date(2025, 9, 1), hours=hours)
        s.commit()
    fig = office(store, "anna", STICHTAG, (2026, 2), (2026, 3))
    expected = sum((r.amount_due or 0 for r in fee_list(store, "anna", 2026, 3).rows), D("0.00"))
    assert fig.money.fees_total[(2026, 3)] == expected == D("110.00")
    assert fig.money.fees_by_srt["Nord"][(2026, 3)] == D("60.00") and fig.money.fees_note == ""


def test_r_s2_fees_left_out_with_a_note_without_fee_table(store):
    generate(store, children=10)
    fig = office(store, "anna", STICHTAG, (2026, 1), (2026, 3))
    assert fig.money.fees_total == {} and "keine Beitragstabelle" in fig.money.fees_note


def test_r_s1_lvr_status_history_is_read_per_date(store):
    with store.session("test") as s:
        carer = make_carer(s, "T1")
        k = make_child(s, "K1")
        place(s, k, carer, date(2025, 9, 1))
        s.add(ChildStatus(child_id=k.id, gueltig_ab=date(2025, 9, 1), lvr_inklusionshilfe=True))
        s.add(ChildStatus(child_id=k.id, gueltig_ab=date(2026, 2, 1), lvr_inklusionshilfe=False))
        s.commit()
    assert official(store, "anna", date(2026, 1, 1)).children[0].eingliederungshilfe is True
    assert official(store, "anna", STICHTAG).children[0].eingliederungshilfe is False
    with store.session("test") as s:
        s.query(Child).filter_by(nr="K1").update({"eingliederungshilfe": True})
        s.commit()
    assert official(store, "anna", STICHTAG).children[0].eingliederungshilfe is True
