"""Crash safety (issue 8): `kitadesk import` and `kitadesk payout --finalize` killed with
SIGKILL at random moments leave the database fully before or fully after (never half
written), and running the command again succeeds — on SQLite and PostgreSQL.

Half of the kills fall at a random moment of the command's whole runtime (start-up, reading,
checking, writing), the other half at a random moment of the write transaction itself (the
window measured in a reference run by probing for an open write transaction), so kills do
land mid-transaction. KITADESK_KILLS sets the number of kills per case (default 20)."""

import importlib.util
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from kitadesk.cli import main
from kitadesk.store import Store, upgrade
from tests.multidesk.dumping import normalized_dump

KILLS = int(os.environ.get("KITADESK_KILLS", "20"))
ROOT = Path(__file__).resolve().parents[2]
DEMO = ("--carers", "200", "--children", "800", "--seed", "7")
MONTH = "2026-10"

pytestmark = [
    pytest.mark.skipif(os.name == "nt", reason="SIGKILL gibt es unter Windows nicht"),
    # 4 cases × 20 kills take several minutes: run on demand (KITADESK_KILL_TESTS=1)
    pytest.mark.skipif(not os.environ.get("KITADESK_KILL_TESTS"),
                       reason="Absturztests (SIGKILL) nur mit KITADESK_KILL_TESTS=1 – dauern mehrere Minuten"),
]


def _needs(module: str):
    return pytest.mark.skipif(importlib.util.find_spec(module) is None,
                              reason=f"{module} fehlt noch (wird von einem anderen Teilprojekt geschrieben)")


class Target:
    """The database the commands run against, with a snapshot to reset to between kills."""

    def __init__(self, kind: str, tmp_path: Path, cluster=None):
        self.kind, self.tmp, self.cluster = kind, tmp_path, cluster
        if kind == "sqlite":
            self.path, self.snap = tmp_path / "work.sqlite3", tmp_path / "snapshot.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            import psycopg

            self.name = f"kill_{os.getpid()}_{tmp_path.name[-20:]}".replace("-", "_").lower()
            self.url = cluster.url(self.name)
            self.admin = psycopg.connect(f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres",
                                         autocommit=True)
            self.admin.execute(f'CREATE DATABASE "{self.name}"')
        store = Store(self.url)
        upgrade(store.engine)
        store.dispose()

    def snapshot(self) -> None:
        if self.kind == "sqlite":
            conn = sqlite3.connect(self.path)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            shutil.copy(self.path, self.snap)
        else:  # connections left in pools (e.g. of an in-process command) would block the copy
            self.admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                               (self.name,))
            self.admin.execute(f'CREATE DATABASE "{self.name}_snap" TEMPLATE "{self.name}"')

    def reset(self) -> None:
        if self.kind == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            shutil.copy(self.snap, self.path)
        else:
            self.admin.execute(f'DROP DATABASE "{self.name}" WITH (FORCE)')
            self.admin.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.name}_snap"')

    def writing(self) -> bool:
        """Is a write transaction open right now (by the command under test)?"""
        if self.kind == "sqlite":
            conn = sqlite3.connect(self.path, timeout=0, isolation_level=None)
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:
                return True
            finally:
                conn.close()
        row = self.admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND backend_xid IS NOT NULL",
                                 (self.name,)).fetchone()
        return bool(row[0])

    def state(self, ids: bool = True) -> dict:
        store = Store(self.url)
        try:
            return normalized_dump(store, ids)
        finally:
            store.dispose()

    def close(self) -> None:
        if self.kind == "postgresql":
            for name in (self.name, f"{self.name}_snap"):
                self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path, monkeypatch):
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var))
    cluster = request.getfixturevalue("pg_cluster") if request.param == "postgresql" else None
    t = Target(request.param, tmp_path, cluster)
    yield t
    t.close()


@pytest.fixture(scope="module")
def big_workbook(tmp_path_factory) -> Path:
    """An import workbook of the demo data (200 carers, 800 children, ~5,000 rows)."""
    from kitadesk.importer.export import export_workbook

    folder = tmp_path_factory.mktemp("workbook")
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    assert main(["--db", url, "--user", "demo", "init"]) == 0
    assert main(["--db", url, "--user", "demo", "demo", *DEMO]) == 0
    store = Store(url)
    with store.engine.begin() as conn:  # the demo may repeat a course (same carer, day, title): the
        conn.execute(text(  # workbook's key (TPP_Nr, Datum, Titel) must be unique
            "DELETE FROM fortbildungen WHERE id NOT IN (SELECT min(id) FROM fortbildungen "
            "GROUP BY carer_id, datum, titel)"))
    export_workbook(store, folder / "gross.xlsx")
    store.dispose()
    return folder / "gross.xlsx"


def _command(target: Target, user: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "kitadesk", "--db", target.url, "--user", user, *args]


def _measure(target: Target, cmd: list[str]) -> tuple[float, float | None, float | None]:
    """Run to the end; return the runtime and the window in which a write transaction was open."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    first = last = None
    while proc.poll() is None:
        if target.writing():
            now = time.monotonic() - start
            first = now if first is None else first
            last = now
        time.sleep(0.01)
    err = proc.stderr.read()
    assert proc.returncode == 0, err
    return time.monotonic() - start, first, last


def _kill_at(cmd: list[str], delay: float, target: Target, after_write_starts: bool = False) -> tuple[bool, bool]:
    """Start, SIGKILL after `delay` s (counted from the start of the write transaction if
    `after_write_starts`). Returns (killed, a write transaction was open at the kill)."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if after_write_starts:
        while proc.poll() is None and not target.writing():
            time.sleep(0.005)
    deadline = time.monotonic() + delay
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(min(0.005, max(0.0, deadline - time.monotonic())))
    if proc.poll() is not None:
        return False, False
    mid = target.writing()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True, mid


def _kill_many(target: Target, cmd: list[str], allowed: dict[str, dict], seed: int, clean=lambda state: state,
               after_rerun=lambda: None) -> dict:
    """KILLS kills from the snapshot; each leaves an allowed state; the re-run gives `after`
    (on PostgreSQL under higher ids: its sequences are not rolled back). `clean` normalizes a
    state, `after_rerun` checks (and clears) files the command writes."""
    total, w0, w1 = _measure(target, cmd)
    after = clean(target.state(ids=False))
    after_rerun()
    target.reset()
    rng = random.Random(seed)
    outcomes = {"killed": 0, "mid_write": 0, **{name: 0 for name in allowed},
                "runtime": round(total, 2), "write_window": (w0 and round(w0, 2), w1 and round(w1, 2))}
    for i in range(KILLS):
        targeted = bool(i % 2 and w0 is not None)
        delay = rng.uniform(0.0, 0.9 * (w1 - w0)) if targeted else rng.uniform(0.0, total)
        killed, mid = _kill_at(cmd, delay, target, after_write_starts=targeted)
        outcomes["killed"] += killed
        outcomes["mid_write"] += mid
        state = clean(target.state())
        name = next((n for n, s in allowed.items() if s == state), None)
        assert name is not None, f"kill {i} after {delay:.2f}s left a partial state"
        outcomes[name] += 1
        rerun = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        assert rerun.returncode == 0, rerun.stderr
        assert clean(target.state(ids=False)) == after, f"re-run after kill {i} did not reach the complete state"
        after_rerun()
        target.reset()
    return outcomes


@_needs("kitadesk.commands.import_")
def test_import_killed_at_random_moments_is_all_or_nothing(target, big_workbook):
    cmd = _command(target, "import", "import", str(big_workbook))
    target.snapshot()
    before = target.state()
    assert subprocess.run(cmd, cwd=ROOT, capture_output=True).returncode == 0
    after = target.state()
    assert after != before and len(after["children"]) == 800
    target.reset()
    outcomes = _kill_many(target, cmd, {"before": before, "after": after}, seed=8)
    print(f"import {target.kind}: {outcomes}")
    assert outcomes["killed"] >= KILLS // 2
    assert outcomes["mid_write"] >= 1 or KILLS < 4, "no kill landed inside the write transaction"


@_needs("kitadesk.commands.payout")
def test_payout_finalize_killed_at_random_moments_is_all_or_nothing(target):
    assert main(["--db", target.url, "--user", "admin", "demo", *DEMO]) == 0
    target.snapshot()
    before = target.state()
    draft_cmd = _command(target, "leitung", "payout", MONTH)
    assert subprocess.run(draft_cmd, cwd=ROOT, capture_output=True).returncode == 0
    draft = target.state()  # `payout --finalize` computes the draft, then finalizes it (two steps)
    target.reset()
    cmd = _command(target, "leitung", "payout", MONTH, "--finalize")
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    after = target.state()
    assert [r for r in after["payout_runs"] if "abgeschlossen" in r] and after["payout_lines"]
    target.reset()
    outcomes = _kill_many(target, cmd, {"before": before, "draft": draft, "after": after}, seed=9)
    print(f"payout {target.kind}: {outcomes}")
    assert outcomes["killed"] >= KILLS // 2
    assert outcomes["mid_write"] >= 1 or KILLS < 4, "no kill landed inside the write transaction"


def _without_restore_entry(state: dict) -> dict:
    """The restore's audit entry names its safety copy (a time stamp): compared without it."""
    return {**state, "audit_log": [r for r in state.get("audit_log", []) if "Wiederherstellung" not in r]}


@_needs("kitadesk.commands.backup")
def test_restore_killed_at_random_moments_is_all_or_nothing(target, tmp_path):
    """Issue 18: `kitadesk restore` killed at any moment leaves the database as it was or fully
    restored (SQLite: one backup-API transaction; PostgreSQL: pg_restore --single-transaction,
    which ends with the killed program), and the re-run restores it."""
    assert main(["--db", target.url, "--user", "admin", "demo", *SMALL_DEMO]) == 0
    saved = tmp_path / "sicherung.bak"
    assert subprocess.run(_command(target, "admin", "backup", str(saved)), cwd=ROOT, capture_output=True).returncode == 0
    store = Store(target.url)
    with store.engine.begin() as conn:  # the live database moved on since the backup
        conn.execute(text("UPDATE carers SET telefon = 'nach der Sicherung'"))
        conn.execute(text("DELETE FROM absences"))
    store.dispose()
    target.snapshot()
    before = _without_restore_entry(target.state())
    cmd = _command(target, "admin", "restore", str(saved), "--sicherheitskopie", str(tmp_path / "kopien"))
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    after = _without_restore_entry(target.state())
    assert after != before
    target.reset()
    outcomes = _kill_many(target, cmd, {"before": before, "after": after}, seed=10, clean=_without_restore_entry)
    print(f"restore {target.kind}: {outcomes}")
    assert outcomes["killed"] >= KILLS // 2


SMALL_DEMO = ("--carers", "20", "--children", "80", "--seed", "7")


@_needs("kitadesk.commands.bescheide")
def test_bescheide_killed_at_random_moments_files_and_archive_agree(target, tmp_path):
    """Issue 18: `kitadesk bescheide --out` killed at any moment: the archive holds all letters or
    none, and after the re-run the output folder holds exactly one file per archived letter and
    the print file (a stop between commit and files is finished by the re-run)."""
    assert main(["--db", target.url, "--user", "admin", "demo", *SMALL_DEMO]) == 0
    result = subprocess.run(_command(target, "leitung", "payout", MONTH, "--finalize"), cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    target.snapshot()
    before = target.state()
    out = tmp_path / "briefe"
    cmd = _command(target, "leitung", "bescheide", MONTH, "--out", str(out), "--workers", "1")
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    after = target.state()
    assert len(after["letters"]) > len(before["letters"])
    reference = sorted(p.name for p in out.iterdir())

    def files_agree_with_archive():
        import hashlib

        names = sorted(p.name for p in out.iterdir())
        assert names == reference, "output folder differs from a complete run"
        store = Store(target.url)
        try:
            with store.engine.connect() as conn:
                hashes = {row[0] for row in conn.execute(text("SELECT sha256 FROM letters"))}
        finally:
            store.dispose()
        singles = [p for p in out.iterdir() if not p.name.startswith("Druckdatei")]
        assert all(hashlib.sha256(p.read_bytes()).hexdigest() in hashes for p in singles)
        shutil.rmtree(out)

    files_agree_with_archive()
    target.reset()
    outcomes = _kill_many(target, cmd, {"before": before, "after": after}, seed=11,
                          after_rerun=files_agree_with_archive)
    print(f"bescheide {target.kind}: {outcomes}")
    assert outcomes["killed"] >= KILLS // 2
