"""Concurrent `kitadesk payout` processes on one database (issue 18.6, berechnung.md §8): four
desks at once end with exit 0 or 1 (German message) — never 3 — and the month order holds
under the payout lock (ops/payout_lock.py), on SQLite and PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path

from kitadesk.models.session import LOCK_WAIT_ENV
from kitadesk.ops.payout import compute_draft, finalize
from tests.ops.payout_helpers import runs, seed

ROOT = Path(__file__).resolve().parents[2]


def _start(store, *args: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "kitadesk", "--db", store.url, "--user", "leitung", "payout", *args]
    env = {**os.environ, LOCK_WAIT_ENV: "300"}  # desks queue under the payout lock: a slow runner must not time out
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _all_at_once(store, *commands: tuple[str, ...]) -> list[tuple[tuple[str, ...], int, str]]:
    procs = [(args, _start(store, *args)) for args in commands]
    results = []
    for args, proc in procs:
        _out, err = proc.communicate(timeout=300)
        results.append((args, proc.returncode, err))
    for args, code, err in results:
        assert code in (0, 1), f"{args}: exit {code}\n{err}"
        assert "Traceback" not in err
        if code == 1:
            assert err.startswith("Fehler: "), err
    return results


def _status(store) -> dict[tuple[int, int], list[str]]:
    result: dict[tuple[int, int], list[str]] = {}
    for run in runs(store):
        result.setdefault((run.jahr, run.monat), []).append(run.status)
    return result


def test_r_8_four_desks_compute_the_same_month_at_once(store):
    seed(store)
    results = _all_at_once(store, *[("2026-10",)] * 4)
    assert [code for _args, code, _err in results] == [0, 0, 0, 0]  # one after the other, each a fresh draft
    assert _status(store) == {(2026, 10): ["Entwurf"]}


def test_r_8_four_desks_finalize_the_same_month_at_once(store):
    seed(store)
    results = _all_at_once(store, *[("2026-10", "--finalize")] * 4)
    # the first finalizes; the others find the month finalized (before or under the lock) and use it
    assert [code for _args, code, _err in results] == [0, 0, 0, 0]
    assert _status(store) == {(2026, 10): ["abgeschlossen"]}


def test_r_8_draft_of_october_and_finalize_of_november_at_once_keep_october_finalizable(store):
    seed(store)
    finalize(store, "leitung", compute_draft(store, "leitung", 2026, 9).run_id)
    results = _all_at_once(store, ("2026-10",), ("2026-11", "--finalize"), ("2026-10",), ("2026-11", "--finalize"))
    for args, code, err in results:
        if "--finalize" in args:  # refused either way: October open (draft) or not finalized (gap)
            assert code == 1 and ("10/2026" in err or "2026-10/1" in err) and "NICHT abgeschlossen" in err
        else:
            assert code == 0
    assert _status(store) == {(2026, 9): ["abgeschlossen"], (2026, 10): ["Entwurf"]}
    for month in ("2026-10", "2026-11"):  # October can still be finalized, then November
        assert _start(store, month, "--finalize").wait(timeout=300) == 0
    assert _status(store)[(2026, 11)] == ["abgeschlossen"]
