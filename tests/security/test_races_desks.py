"""Issue 18 item 4: four desks at once — `bescheide` archives and prints every letter once, the
same Nr created twice is refused in German, sibling incomes for one date are not doubled, and
a lock held longer than the wait time gives the German "belegt" message (exit 1, not 3)."""

import multiprocessing
import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from kitadesk.errors import KitaDeskError
from kitadesk.models import FamilyIncome, Letter
from kitadesk.models.session import LOCK_WAIT_ENV
from kitadesk.store import BUSY_MESSAGE, Store
from tests.security.desks import cli, no_tracebacks, run_together
from tests.security.test_races_imports import DESKS, RACE_LOCK_WAIT, xdg  # noqa: F401 (fixture)

USER = "test"


def test_r_v3_bescheide_at_four_desks_archive_and_print_each_letter_once(store, tmp_path, xdg):  # noqa: F811
    from tests.letters.scenario import finalize_month, seed

    seed(store)
    finalize_month(store, 2026, 4)
    outs = [tmp_path / f"out{i}" for i in range(DESKS)]
    results = run_together([cli(store.url, USER, "bescheide", "2026-04", "--out", str(o)) for o in outs], env=xdg)
    no_tracebacks(results)
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    with store.session() as s:
        rows = s.execute(select(Letter.art, Letter.monat, Letter.carer_id, Letter.child_id)).all()
    assert rows and len(rows) == len(set(rows))  # each letter archived once
    single = [p.name for o in outs for p in o.glob("0*.pdf")]
    assert len(single) == len(rows)  # … and written for printing once
    assert len([o for o in outs if list(o.glob("Druckdatei_*.pdf"))]) == 1


def _create_carer(url: str, login: str, queue) -> None:
    from kitadesk.ops.records.carers import create_carer
    from kitadesk.ops.records.forms import CarerData

    store = Store(url)
    try:
        create_carer(store, login, CarerData(nr="T7", nachname="Neu", vorname="Nora", srt="Ost"), today=date(2026, 5, 1))
        queue.put("ok")
    except KitaDeskError as exc:
        queue.put(f"refused: {exc}")
    except Exception as exc:  # what must not happen: a raw database error
        queue.put(f"raw: {type(exc).__name__}: {exc}")
    finally:
        store.dispose()


def test_r_issue18_same_nr_created_at_four_desks_is_refused_in_german(store, monkeypatch):
    monkeypatch.setenv(LOCK_WAIT_ENV, RACE_LOCK_WAIT)  # refused for the Nr, never for a slow runner's lock wait
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_create_carer, args=(store.url, f"desk{i}", queue)) for i in range(DESKS)]
    for p in procs:
        p.start()
    answers = [queue.get(timeout=120) for _ in procs]  # drained before the joins (a feeding process waits)
    for p in procs:
        p.join(120)
    assert answers.count("ok") == 1, answers
    assert all(a.startswith("refused: ") for a in answers if a != "ok"), answers
    assert all("T7" in a or "Tagespflegeperson" in a for a in answers if a != "ok"), answers


def test_r_e3_two_incomes_for_one_family_and_date_are_refused(store):
    from kitadesk.errors import ConcurrentChange
    from kitadesk.ops.base import unit_of_work
    from tests.support.fee_data import family

    with store.session("setup") as s:
        fid = family(s, "F1", Decimal("30000")).id
        s.commit()
    with pytest.raises(ConcurrentChange) as refused:
        with unit_of_work(store, "bert") as s:
            s.add(FamilyIncome(family_id=fid, gueltig_ab=date(2026, 6, 1), jahreseinkommen=Decimal("41000")))
            with unit_of_work(store, "anna") as other:  # the sibling's desk saves the same date first
                other.add(FamilyIncome(family_id=fid, gueltig_ab=date(2026, 6, 1), jahreseinkommen=Decimal("40000")))
    assert "Einkommen der Familie" in str(refused.value)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(FamilyIncome).where(
            FamilyIncome.gueltig_ab == date(2026, 6, 1))) == 1


def _hold_lock(store):
    """Another desk holding the write lock (SQLite) / the table lock (PostgreSQL)."""
    if store.engine.dialect.name == "sqlite":
        conn = sqlite3.connect(store.url[len("sqlite:///"):], isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        return conn, conn.close
    conn = store.engine.connect()
    conn.execute(text("LOCK TABLE payout_runs, settings IN ACCESS EXCLUSIVE MODE"))
    return conn, lambda: (conn.rollback(), conn.close())


def test_r_issue18_a_lock_held_too_long_gives_the_german_busy_message(store, tmp_path, xdg):  # noqa: F811
    from tests.letters.scenario import seed

    seed(store)
    _conn, release = _hold_lock(store)
    try:
        results = run_together([cli(store.url, USER, "payout", "2026-04")],
                               env={**xdg, "KITADESK_SPERRE_SEKUNDEN": "1"}, timeout=60)
    finally:
        release()
    no_tracebacks(results)
    assert results[0].returncode == 1, results[0].stderr
    busy = (BUSY_MESSAGE.split(" – ")[0], "Ein anderer Arbeitsplatz berechnet oder schließt gerade")  # ops/payout_lock
    assert any(text in results[0].stderr for text in busy), results[0].stderr
