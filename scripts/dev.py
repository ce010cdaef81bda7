"""One-command set-up for Linux and Windows: `python scripts/dev.py demo|test [pytest args]`.

Creates `.venv` beside the project (once), installs KitaDesk with its test extras,
then either starts the application on demo data (embedded SQLite) or runs pytest.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*cmd: str, **kw) -> None:
    subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def setup() -> None:
    if not PY.exists():
        run(sys.executable, "-m", "venv", str(VENV))
    run(str(PY), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", ".[test]")


def main() -> int:
    what = sys.argv[1] if len(sys.argv) > 1 else "test"
    setup()
    if what == "test":
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.run([str(PY), "-m", "pytest", "-q", *sys.argv[2:]], cwd=ROOT, env=env).returncode
    if what == "demo":
        demo_db = ROOT / "demo.sqlite3"
        url = f"sqlite:///{demo_db}"
        if not demo_db.exists():
            run(str(PY), "-m", "kitadesk", "--db", url, "init")
            run(str(PY), "-m", "kitadesk", "--db", url, "demo")
        return subprocess.run([str(PY), "-m", "kitadesk.ui", "--db", url], cwd=ROOT).returncode
    print("Aufruf: python scripts/dev.py demo|test [pytest-Optionen]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
