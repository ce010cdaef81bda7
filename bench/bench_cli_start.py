"""Benchmark of the command line's start: `kitadesk --version`, `--help` and `payout --help`
as new processes (python -m kitadesk), median of 10 each. Target: --version and --help ≤ 0.3 s
(only the chosen command's module is imported, cli.COMMANDS).

Run: .venv/bin/python bench/bench_cli_start.py [--runs 10]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = (("--version",), ("--help",), ("payout", "--help"))


def timed(args: tuple[str, ...], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kitadesk", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    timed(("--version",), env)  # warm the file cache and __pycache__
    for case in CASES:
        times = [timed(case, env) for _ in range(runs)]
        print(f"kitadesk {' '.join(case):<15} median {statistics.median(times):.3f} s "
              f"(min {min(times):.3f}, max {max(times):.3f}, {runs} Läufe)")


if __name__ == "__main__":
    main()
