"""Issue 18 attacks, counted: run each attack TRIES times against the code of a tree (this
worktree or an older checkout) and print tries/failures per attack, SQLite and PostgreSQL.

Run: .venv/bin/python bench/attacks.py [--tree DIR] [--tries 3]
Every database operation runs as `python -m kitadesk …` (or `python -c …`) with cwd=DIR, so
DIR's code is attacked. Needs the PostgreSQL server programs for the PostgreSQL cases."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from tests.support.pgcluster import Cluster, find_bindir  # noqa: E402

ENV: dict = {}
TREE = HERE


def kd(url: str, user: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "kitadesk", "--db", url, "--user", user, *args]


def together(cmds: list[list[str]], extra_env: dict | None = None, timeout: float = 180
             ) -> list[subprocess.CompletedProcess]:
    """Start all at once; a command still waiting after `timeout` s is killed (exit -9: "waits for ever")."""
    env = {**os.environ, **ENV, **(extra_env or {})}
    procs = [subprocess.Popen(c, cwd=TREE, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for c in cmds]
    out = []
    for c, p in zip(cmds, procs):
        try:
            stdout, stderr = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            stdout, stderr = p.communicate()
        out.append(subprocess.CompletedProcess(c, p.returncode, stdout, stderr))
    return out


def py(url: str, code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code, url], cwd=TREE, env={**os.environ, **ENV},
                         capture_output=True, text=True)
    return out.stdout.strip() + out.stderr.strip()[-300:]


def scalar(url: str, sql: str):
    return py(url, "import sys; from sqlalchemy import create_engine, text; "
                   "e = create_engine(sys.argv[1].replace('postgresql://', 'postgresql+psycopg://')); "
                   f"c = e.connect(); print(c.execute(text({sql!r})).scalar())")


class Db:
    def __init__(self, kind: str, tmp: Path, cluster):
        self.kind, self.tmp, self.cluster, self.n = kind, tmp, cluster, 0

    def fresh(self) -> str:
        self.n += 1
        if self.kind == "sqlite":
            url = f"sqlite:///{self.tmp / f'a{self.n}.sqlite3'}"
        else:
            url = self.cluster.create_database(f"attack_{os.getpid()}_{self.n}")
        assert subprocess.run(kd(url, "admin", "init"), cwd=TREE, env={**os.environ, **ENV},
                              capture_output=True).returncode == 0
        return url


def workbook(tmp: Path) -> Path:
    from tests.importer.book import small_book

    book = small_book(tmp, f"wb{time.time_ns()}.xlsx")
    book.add("Sonderbeträge", TPP_Nr="T1", Monat="2026-05", Betrag="500,00", Grund="Nachtbetreuung (5.4)")
    return book.save()


def attack_import(db: Db) -> bool:
    url = db.fresh()
    path = workbook(db.tmp)
    together([kd(url, f"d{i}", "import", str(path)) for i in range(4)])
    return scalar(url, "SELECT count(*) FROM sonderbetraege") != "1"


def attack_same_nr(db: Db) -> bool:
    url = db.fresh()
    code = ("import sys; from datetime import date; from kitadesk.store import Store; "
            "from kitadesk.ops.records.carers import create_carer; from kitadesk.ops.records.forms import CarerData; "
            "from kitadesk.errors import KitaDeskError\n"
            "try:\n create_carer(Store(sys.argv[1]), 'x', CarerData(nr='T7', nachname='N', vorname='V', srt='Ost'))\n"
            " print('ok')\nexcept KitaDeskError as e:\n print('refused')\n")
    cmds = [[sys.executable, "-c", code, url] for _ in range(4)]
    results = together(cmds)
    return any("Traceback" in r.stderr for r in results)


def attack_bescheide(db: Db) -> bool:
    url = db.fresh()
    seed = ("import sys; from kitadesk.store import Store; from tests.letters.scenario import seed, finalize_month; "
            "s = Store(sys.argv[1]); seed(s); finalize_month(s, 2026, 4); print('ok')")
    subprocess.run([sys.executable, "-c", seed, url], cwd=TREE, env={**os.environ, **ENV,
                   "PYTHONPATH": str(HERE)}, capture_output=True)
    outs = [db.tmp / f"out{time.time_ns()}_{i}" for i in range(4)]
    together([kd(url, "test", "bescheide", "2026-04", "--out", str(o)) for o in outs])
    letters = int(scalar(url, "SELECT count(*) FROM letters") or 0)
    distinct = int(scalar(url, "SELECT count(*) FROM (SELECT DISTINCT art, monat, carer_id, child_id FROM letters) x")
                   or 0)
    files = sum(1 for o in outs if o.exists() for p in o.glob("0*.pdf"))
    return letters != distinct or files != distinct or distinct == 0


def attack_busy(db: Db) -> bool:
    url = db.fresh()
    if db.kind == "sqlite":
        conn = sqlite3.connect(url[len("sqlite:///"):], isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
    else:
        import psycopg

        conn = psycopg.connect(url.replace("postgresql+psycopg", "postgresql"))
        conn.execute("LOCK TABLE payout_runs, settings IN ACCESS EXCLUSIVE MODE")
    try:
        r = together([kd(url, "x", "payout", "2026-04")], {"KITADESK_SPERRE_SEKUNDEN": "2"}, timeout=100)[0]
    finally:
        conn.close()
    return r.returncode != 1 or "Traceback" in r.stderr


def attack_backup_onto_live(db: Db) -> bool:
    if db.kind != "sqlite":
        return False
    url = db.fresh()
    live = url[len("sqlite:///"):]
    together([kd(url, "x", "backup", live)])
    conn = sqlite3.connect(live)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok" or \
            conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] != 1
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


def attack_damaged_backup(db: Db) -> bool:
    url = db.fresh()
    path = db.tmp / f"b{time.time_ns()}.bak"
    together([kd(url, "x", "backup", str(path))])
    data = bytearray(path.read_bytes())
    at = (int.from_bytes(data[16:18], "big") * 2) if db.kind == "sqlite" else len(data) // 2
    for i in range(at, min(at + 30, len(data))):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    r = together([kd(url, "x", "restore", str(path), "--sicherheitskopie", str(db.tmp / "k"))])[0]
    return r.returncode == 0 and db.kind == "sqlite" or r.returncode == 3


def attack_bomb(db: Db) -> bool:
    if db.kind != "sqlite":
        return False
    url = db.fresh()
    path = db.tmp / "bombe.xlsx"
    if not path.exists():
        from tests.security.test_import_limits import _book, _sheet, _whitespace

        _book(path, _sheet(_whitespace(260)))
    probe = ("import json, resource, subprocess, sys, time; t = time.monotonic(); "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=300); "
             "print(json.dumps([p.returncode, time.monotonic() - t, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024]))")
    out = subprocess.run([sys.executable, "-c", probe, *kd(url, "x", "import", str(path))], cwd=TREE,
                         env={**os.environ, **ENV}, capture_output=True, text=True)
    import json

    code, seconds, mb = json.loads(out.stdout)
    print(f"    bomb: exit {code}, {seconds:.1f} s, {mb} MB")
    return seconds > 30 or mb > 400


ATTACKS = [attack_import, attack_same_nr, attack_bescheide, attack_busy, attack_backup_onto_live,
           attack_damaged_backup, attack_bomb]


def main() -> None:
    global TREE
    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", default=str(HERE))
    parser.add_argument("--tries", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated parts of attack names")
    args = parser.parse_args()
    TREE = Path(args.tree).resolve()
    tmp = Path(tempfile.mkdtemp(prefix="attacks-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        ENV[var] = str(tmp / var)
    ENV["PYTHONPATH"] = str(TREE)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped: still stop the cluster (finally)
    bindir = find_bindir()
    cluster = Cluster(bindir).start() if bindir else None
    try:
        for attack in ATTACKS:
            if args.only and not any(part in attack.__name__ for part in args.only.split(",")):
                continue
            for kind in ("sqlite", "postgresql"):
                if kind == "postgresql" and cluster is None:
                    continue
                db = Db(kind, tmp, cluster)
                fails = sum(bool(attack(db)) for _ in range(args.tries))
                print(f"{attack.__name__:28s} {kind:10s} tries {args.tries}, failures {fails}", flush=True)
    finally:
        if cluster:
            cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
