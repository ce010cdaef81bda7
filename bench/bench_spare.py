"""Click → result of a small worker-process job (issue 17.2 follow-up, ui/process_spare.py): a
freshly spawned worker (interpreter start + imports) against the warm spare (imports done), each
`--runs` times alternately; a store op that opens the database and reads one figure, as a
statistics tab's job starts. Also the spare's memory (RSS) and the window's CPU per job.

Run: .venv/bin/python bench/bench_spare.py [--runs 5] [--db sqlite:///path]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def count_users(store, user):  # a small store op: the ops a statistics job imports, one query
    import kitadesk.ops.statistics  # noqa: F401

    with store.engine.connect() as connection:
        return connection.exec_driver_sql("select 1").scalar()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db")
    args = parser.parse_args()
    from kitadesk.ui import process_spare
    from kitadesk.ui.process_child import call_in_process, store_op

    tmp = tempfile.TemporaryDirectory()
    url = args.db
    if url is None:
        from bench_import import fresh_store

        store = fresh_store(Path(tmp.name) / "bench.sqlite3")
        url = store.url
        store.dispose()
    times: dict[str, list[float]] = {"kalt": [], "Reserve": []}
    cpu: dict[str, list[float]] = {"kalt": [], "Reserve": []}
    rss = []
    for _ in range(args.runs):
        for how in times:
            if how == "Reserve":
                process_spare.enable()
                spare = process_spare.ensure()
                assert spare is not None and spare.ready(300)
                rss.append(spare.rss_kb() / 1024)
            else:
                process_spare.disable()
                time.sleep(1)  # the dropped spare's imports end
            cpu0, wall0 = time.process_time(), time.perf_counter()
            call_in_process(store_op, count_users, url, "bench")
            times[how].append(time.perf_counter() - wall0)
            cpu[how].append(time.process_time() - cpu0)
            process_spare.disable()
            time.sleep(1)
    for how, values in times.items():
        print(f"{how:8}: Klick → Ergebnis Median {statistics.median(values):5.2f} s "
              f"(min {min(values):4.2f}, max {max(values):4.2f}; {len(values)} Läufe), "
              f"Fenster-CPU Median {statistics.median(cpu[how]) * 1000:4.0f} ms")
    print(f"Reserve RSS {statistics.median(rss):.0f} MB; Last {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
