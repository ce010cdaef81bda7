"""Test helper: several desks at once — `python -m kitadesk` processes started together."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def cli(url: str, user: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "kitadesk", "--db", url, "--user", user, *args]


def run_together(commands: list[list[str]], env: dict | None = None, cwd: Path | None = None,
                 timeout: float = 300) -> list[subprocess.CompletedProcess]:
    """Start every command at once (like desks pressing the button together); wait for all."""
    full_env = {**os.environ, **(env or {})}
    procs = [subprocess.Popen(cmd, cwd=cwd or ROOT, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for cmd in commands]
    out = []
    for cmd, proc in zip(commands, procs):
        stdout, stderr = proc.communicate(timeout=timeout)
        out.append(subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr))
    return out


def no_tracebacks(results) -> None:
    for r in results:
        assert "Traceback" not in r.stderr and r.returncode in (0, 1), r.stderr
