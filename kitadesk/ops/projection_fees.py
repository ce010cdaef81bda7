"""The fee side of the year's projection in a worker process (issue 20: 10× the city in ≤ 5 s).

The payout side and the fee side of a projection (domain/projection.py) are independent until
they are added up per month and SRT. For a big year the fee side runs in a fresh ("spawn")
process of its own — it opens the database itself, loads the children and fee tables and
computes `fee_series` — while the calling process loads and computes the payouts; `project`
asks for the fees after its payout side. The same engine with the same inputs: the figures
are the same to the cent (tests/ops/test_projection_speed.py).

Serial instead (`start_fee_worker` returns None): a small year (a process start costs about a
second), a single core, or a caller that may not start processes — a daemonic process (the
window's projection job, ui/views/projection_job.py, allows its helper explicitly).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kitadesk.domain.calendar import month_range
from kitadesk.domain.projection import Scenario, fee_series, scenario_fee_tables
from kitadesk.errors import KitaDeskError
from kitadesk.models import Child
from kitadesk.ops.fees import load_fee_children, load_fee_tables
from kitadesk.ops.payout_inputs import gc_paused
from kitadesk.ops.session import own_store
from kitadesk.ops.setting_store import load_auslegungen, read_setting
from kitadesk.store import Store

MIN_CHILDREN = 3000  # from this many children the worker's start pays off (10×: 8,000)
LEAVE_SETTING = "projektion_abgang_mit_3"
GONE = ("Die Hochrechnung wurde nicht beendet: der Hintergrundprozess für die Elternbeiträge wurde unerwartet "
        "beendet. Bitte die Hochrechnung erneut starten.")

FeeSeries = dict[int, list[tuple[str, Decimal]]]


def scenario_months(year: int, scenario: Scenario) -> list[int]:
    """The months a scenario computes itself (the earlier ones are the base case's, `project`)."""
    first = scenario.first_day()
    return [m for m in range(1, 13) if first is None or month_range(year, m)[1] >= first]


def fee_job(url: str, year: int, today: date, scenario: Scenario | None) -> tuple[FeeSeries, FeeSeries | None]:
    """(base case, scenario's own fee tables or None) — runs in the worker process."""
    with gc_paused(), own_store(url) as store:
        with store.session() as session:
            settings = load_auslegungen(session)
            children, _ = load_fee_children(session, month_range(year, 1)[0], month_range(year, 12)[1])
            tables = load_fee_tables(session)
            mode = read_setting(session, LEAVE_SETTING)
        base = fee_series(children, tables, year, range(1, 13), settings, mode, today)
        other = None
        if scenario is not None and scenario.fee_tables:
            other = fee_series(children, scenario_fee_tables(tables, scenario), year,
                               scenario_months(year, scenario), settings, mode, today)
    return base, other


class FeeWorker:
    """The fee side on its way; `result()` waits for it (and re-raises its error)."""

    def __init__(self, store: Store, year: int, today: date, scenario: Scenario | None):
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self._future: Future = self._pool.submit(fee_job, store.url, year, today, scenario)

    def result(self) -> tuple[FeeSeries, FeeSeries | None]:
        try:
            got = self._future.result()
        except BrokenProcessPool as exc:
            self.close()
            raise KitaDeskError(GONE) from exc
        except BaseException:
            self.close()
            raise
        self._pool.shutdown(wait=True)  # the job is done: the process ends at once
        return got

    def close(self) -> None:
        """Done or given up (cancel, error): the process ends after its job, nobody waits for it."""
        self._pool.shutdown(wait=False, cancel_futures=True)


def may_start_processes() -> bool:
    return (os.cpu_count() or 1) >= 2 and not multiprocessing.current_process().daemon


def start_fee_worker(store: Store, session: Session, year: int, today: date, scenario: Scenario | None,
                     parallel: bool | None = None) -> FeeWorker | None:
    """A FeeWorker for a big year where processes may be started, else None (serial).
    parallel=True/False forces the choice (tests, benchmark)."""
    if parallel is None:
        parallel = may_start_processes() and (session.scalar(select(func.count(Child.id))) or 0) >= MIN_CHILDREN
    return FeeWorker(store, year, today, scenario) if parallel else None
