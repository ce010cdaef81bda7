"""Concurrent `kitadesk payout` processes (issue 18.6): exit codes of 4 desks at once, per
database, for the code in a given checkout (default: this one). Each round starts on a fresh
database with the worked example (berechnung.md §10) and September 2026 finalized.

    python bench/bench_payout_race.py [--code DIR] [--rounds N] [--db sqlite|postgresql|both]

Scenarios per round: four `payout 2026-10`; two `payout 2026-10` + two `payout 2026-11
--finalize`; four `payout 2026-10 --finalize`. Prints the exit codes counted, and whether
October could still be finalized afterwards."""

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

SEED = """
import sys
from kitadesk.store import Store
from kitadesk.ops.payout import compute_draft, finalize
from tests.support.factory import worked_example
store = Store(sys.argv[1])
with store.session("bench") as s:
    worked_example(s)
    s.commit()
finalize(store, "bench", compute_draft(store, "bench", 2026, 9).run_id)
"""
SCENARIOS = {
    "4x draft 10": [("2026-10",)] * 4,
    "2x draft 10 + 2x finalize 11": [("2026-10",), ("2026-11", "--finalize")] * 2,
    "4x finalize 10": [("2026-10", "--finalize")] * 4,
}


def kitadesk(code: Path, url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "kitadesk", "--db", url, "--user", "leitung", *args]


def fresh(code: Path, url: str) -> None:
    for cmd in (kitadesk(code, url, "init"), [sys.executable, "-c", SEED, url]):
        done = subprocess.run(cmd, cwd=code, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"{' '.join(cmd[:6])} …: exit {done.returncode}\n{done.stderr}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[1])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--db", default="both")
    args = ap.parse_args()
    sys.path.insert(0, str(args.code))
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    cluster = None
    if "postgresql" in kinds:
        from tests.support.pgcluster import Cluster, find_bindir
        cluster = Cluster(find_bindir()).start()
    try:
        for kind in kinds:
            for name, commands in SCENARIOS.items():
                codes, october = Counter(), Counter()
                for n in range(args.rounds):
                    if kind == "sqlite":
                        url = f"sqlite:///{tempfile.mkdtemp(prefix='race-')}/k.sqlite3"
                    else:
                        url = cluster.create_database(f"race_{name.replace(' ', '_').replace('+', 'p')}_{n}")
                    fresh(args.code, url)
                    procs = [subprocess.Popen(kitadesk(args.code, url, "payout", *c), cwd=args.code,
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in commands]
                    codes.update(p.wait() for p in procs)
                    again = subprocess.run(kitadesk(args.code, url, "payout", "2026-10", "--finalize"),
                                           cwd=args.code, capture_output=True, text=True)
                    october["finalizable" if again.returncode == 0 else "blocked"] += 1
                print(f"{kind:10} {name:30} exit codes {dict(sorted(codes.items()))}  October afterwards {dict(october)}")
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
