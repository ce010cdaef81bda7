"""The PyInstaller one-folder build (build.spec): builds into a temporary directory and runs
the window's and the command line's executables with --version (no window opens).

PyInstaller is a test dependency (pyproject `test` extra), so `scripts/dev.py test` and CI build
the bundle; skipped only where PyInstaller is missing. Slow (a few minutes): on its own with
`pytest tests/test_build.py`.
"""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kitadesk import __version__

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None,
    reason="PyInstaller ist nicht installiert (pip install pyinstaller) — der Build-Test wird übersprungen.",
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=3600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return work / "dist" / "KitaDesk"


def _run(path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(path), *args], capture_output=True, text=True, timeout=120, env=env)


def test_window_executable_prints_version_without_a_window(bundle):
    out = _run(bundle / f"KitaDeskApp{EXE}", "--version")
    assert out.returncode == 0, out.stderr
    if sys.platform != "win32":  # a windowed Windows exe has no stdout to print to
        assert out.stdout.strip() == f"KitaDesk {__version__}"


def test_command_line_executable_prints_version(bundle):
    out = _run(bundle / f"kitadesk{EXE}", "--version")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"KitaDesk {__version__}"


def test_bundle_contains_resources_and_migrations(bundle):
    internal = bundle / "_internal"
    base = internal if internal.exists() else bundle
    assert (base / "resources" / "icons" / "kitadesk.svg").exists()
    assert (base / "resources" / "fonts" / "DejaVuSans.ttf").exists()
    assert (base / "kitadesk" / "migrations" / "env.py").exists()
    assert (base / "kitadesk" / "migrations" / "script.py.mako").exists()
    assert list((base / "kitadesk" / "migrations" / "versions").glob("0001_*.py"))


def test_bundled_cli_creates_a_database(bundle, tmp_path):
    """The migrations are found inside the bundle: `kitadesk init` on a new SQLite file."""
    db = tmp_path / "neu.sqlite3"
    out = _run(bundle / f"kitadesk{EXE}", "--db", str(db), "init")
    assert out.returncode == 0, out.stdout + out.stderr
    assert db.exists() and db.stat().st_size > 0


def test_bundled_cli_runs_a_month_end_to_end(bundle, tmp_path):
    """Inside the bundle: demo data, a finalized payout run with its PDF list, carer Bescheide
    (ReportLab with the shipped fonts, one file per letter plus the print file)."""
    cli = bundle / f"kitadesk{EXE}"
    db = ["--db", f"sqlite:///{tmp_path / 'demo.sqlite3'}"]
    for args in (["init"], ["demo", "--carers", "10", "--children", "30"],
                 ["--user", "leitung", "payout", "2026-10", "--finalize", "--pdf", str(tmp_path / "liste.pdf")],
                 ["--user", "leitung", "bescheide", "2026-10", "--kind", "carer", "--out", str(tmp_path / "b")]):
        out = _run(cli, *db, *args)
        assert out.returncode == 0, f"{args}: {out.stdout}{out.stderr}"
    assert (tmp_path / "liste.pdf").read_bytes().startswith(b"%PDF")
    letters = sorted((tmp_path / "b").glob("0*_tpp_2026-10_*.pdf"))
    assert letters and all(p.read_bytes().startswith(b"%PDF") for p in letters)
    assert (tmp_path / "b" / "Druckdatei_2026-10_carer.pdf").exists()
