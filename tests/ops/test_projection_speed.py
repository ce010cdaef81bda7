"""Issue 20, 10× the city in ≤ 5 s: the caches of the projection give exactly the uncached result.

Demo data (absences with substitutes, version changes, status changes, proofs, fee waivers, …)."""

from datetime import date
from decimal import Decimal

import pytest

from kitadesk.domain.calendar import month_range
from kitadesk.ops.payout_inputs import cut_versions, gc_paused, load_pool, month_input
from kitadesk.ops.setting_store import load_auslegungen
from tests.support.factory import absence, change_hours, make_carer, make_child, place


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, sqlite_template):
    from kitadesk.cli import main
    from tests.conftest import _sqlite_store

    store = _sqlite_store(tmp_path_factory.mktemp("demo"), sqlite_template)
    assert main(["--db", store.url, "demo"]) == 0
    with store.session("test") as s:  # versions that end within the year, an absence with substitute
        a, b = make_carer(s, "ZA"), make_carer(s, "ZB")
        p = place(s, make_child(s, "ZK1"), a, date(2026, 1, 1), hours="20", ende=date(2026, 9, 30))
        change_hours(s, p, date(2026, 3, 10), "30")
        change_hours(s, p, date(2026, 6, 1), "35")
        place(s, make_child(s, "ZK2"), b, date(2026, 2, 15), hours="25")
        absence(s, a, date(2026, 4, 20), date(2026, 4, 24), substitute=b)
        s.commit()
    yield store
    store.dispose()


@pytest.mark.parametrize("build", [True, False])
def test_r_k4_one_pool_for_many_months_equals_slicing_each_month_anew(demo_store, build):
    """month_input builds placement versions once per pool (Pool.spans) and absences and proofs
    once (Pool.made): every month sliced from one shared pool equals the month from a fresh
    pool, and its placement versions are exactly cut_versions of that month."""
    with demo_store.session() as s, gc_paused():
        settings = load_auslegungen(s)
        shared = load_pool(s, (2026, 1), (2026, 12))
        for month in range(1, 13):
            start, end = month_range(2026, month)
            cached = month_input(shared, 2026, month, settings, build=build)
            fresh = month_input(load_pool(s, (2026, 1), (2026, 12)), 2026, month, settings, build=build)
            assert (cached.inp, cached.versions) == (fresh.inp, fresh.versions), month
            nr = {c.id: c.nr for c in shared.carers.values()}
            uncached = [(p.id, [v for *_, v in cut_versions(p, shared.children[p.child_id].nr, nr[p.carer_id],
                                                            start, end)])
                        for p in shared.placements if p.beginn <= end and (p.ende is None or p.ende >= start)]
            if build:
                assert [(p.id, v) for p, v in cached.placements] == uncached, month
                assert cached.inp.placements == [v for _, vs in uncached for v in vs], month
            else:
                assert len(cached.versions["placement_versions"]) == sum(len(vs) for _, vs in uncached)
    assert bool(shared.spans) == build


def test_r_e1_fee_side_in_a_worker_process_equals_the_serial_projection(demo_store):
    """ops/projection_fees.py: the fee side computed in a spawned process gives the same figures
    to the cent as computing both sides here — base case and a scenario with its own fee table."""
    from dataclasses import replace

    from kitadesk.domain.projection import Scenario
    from kitadesk.ops.projection import projection

    with demo_store.session() as s:
        from kitadesk.ops.fees import load_fee_tables

        tables = load_fee_tables(s)
    cheaper = replace(tables[-1], gueltig_ab=date(2026, 9, 1),
                      cells=tuple(replace(c, beitrag=c.beitrag / 2) for c in tables[-1].cells))
    for scenario in (Scenario(rate_percent=Decimal("1.5"), rate_from=date(2026, 7, 1)),
                     Scenario(fee_tables=(cheaper,), fee_file="test.xlsx")):
        serial = projection(demo_store, "leitung", 2026, scenario, date(2026, 3, 1), parallel=False)
        worker = projection(demo_store, "leitung", 2026, scenario, date(2026, 3, 1), parallel=True)
        for a, b in zip(serial, worker, strict=True):
            assert a is not None and b is not None
            assert [{srt: (f.payout, f.fees, f.positions, f.children, f.fee_count) for srt, f in m.items()}
                    for m in a.months] == \
                [{srt: (f.payout, f.fees, f.positions, f.children, f.fee_count) for srt, f in m.items()}
                 for m in b.months]
        assert serial[1] is not None and any(m["Gesamt"].fees for m in serial[1].months)


def test_a_fee_worker_that_dies_is_a_german_error(demo_store, monkeypatch):
    """A killed worker process: the user reads what happened (KitaDeskError), no traceback."""
    from kitadesk.errors import KitaDeskError
    from kitadesk.ops import projection_fees
    from kitadesk.ops.projection import projection

    monkeypatch.setattr(projection_fees, "fee_job", _dying_job)
    with pytest.raises(KitaDeskError, match="Hintergrundprozess für die Elternbeiträge"):
        projection(demo_store, "leitung", 2026, None, date(2026, 3, 1), parallel=True)


def _dying_job(*_args):  # module-level: the spawned worker imports it
    import os
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def test_r_k4_a_changed_pool_never_shares_the_month_independent_caches():
    """A preview replaces the pool's placements (ops/records/preview.py); the caches of the
    original would give the changed placement its old spans (preview delta 0,00 € — seen in CI)."""
    from dataclasses import fields

    from kitadesk.ops.payout_inputs import Pool

    assert {f.name for f in fields(Pool) if not f.init} >= {"spans", "made"}  # replace() starts them empty
