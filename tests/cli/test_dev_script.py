"""scripts/dev.py and the README's first lines as a stranger meets them (issue 16): arguments
first (nothing installed for --help or a mistake), the Python check in German, an empty or
broken demo database is not reused."""

import importlib.util
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dev():
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "scripts" / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_dev(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "dev.py"), *args], capture_output=True, text=True,
                          timeout=60)


def test_r_dev_readme_starts_with_the_two_commands():
    first_block = (ROOT / "README.md").read_text(encoding="utf-8").split("```")[1]
    for line in ("python3 scripts/dev.py demo", "python3 scripts/dev.py test", "py scripts\\dev.py demo",
                 "py scripts\\dev.py test"):
        assert line in first_block


def test_r_dev_reads_arguments_before_installing(dev, monkeypatch):
    monkeypatch.setattr(dev, "setup", lambda what: pytest.fail("installed before reading the arguments"))
    assert dev.main(["--help"]) == 0
    assert dev.main([]) == 2  # no argument is no longer the whole test suite
    assert dev.main(["demo", "--alt"]) == 2
    assert dev.main(["bauen"]) == 2
    out = run_dev("--help")
    assert out.returncode == 0 and "demo [--neu]" in out.stdout and "Aufruf:" in out.stdout


def test_r_dev_python_version_checked_in_german(dev):
    assert dev.python_problem((3, 11, 7)) is None and dev.python_problem((3, 14, 0)) is None
    for old_or_new in ((3, 10, 12), (3, 15, 0)):
        text = dev.python_problem(old_or_new)
        assert "KitaDesk braucht Python 3.11 bis 3.14" in text and "py -3.12 scripts\\dev.py demo" in text


def test_r_dev_demo_database_empty_or_broken_is_made_anew(dev, tmp_path, sqlite_template):
    missing, empty, broken = tmp_path / "fehlt.sqlite3", tmp_path / "leer.sqlite3", tmp_path / "kaputt.sqlite3"
    empty.touch()
    broken.write_text("abgebrochen")
    assert not dev.demo_usable(missing) and not dev.demo_usable(empty) and not dev.demo_usable(broken)
    assert not dev.demo_usable(sqlite_template)  # tables, but no data
    with_data = tmp_path / "demo.sqlite3"
    con = sqlite3.connect(with_data)
    con.execute("CREATE TABLE carers (id INTEGER)")
    con.execute("INSERT INTO carers VALUES (1)")
    con.commit()
    con.close()
    assert dev.demo_usable(with_data)


def test_r_dev_install_only_when_pyproject_or_lock_changed(dev, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    lock = tmp_path / "requirements-test.lock"
    lock.write_text("a==1\n")
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    monkeypatch.setitem(dev.LOCKS, "test", lock)
    before = dev.fingerprint("test")
    assert dev.fingerprint("test") == before
    lock.write_text("a==2\n")
    assert dev.fingerprint("test") != before


def _pins(lock: Path) -> dict[str, str]:
    """name → version of a `uv pip compile --generate-hashes` file; every pin must carry hashes."""
    pins, text = {}, lock.read_text(encoding="utf-8")
    for block in text.split("\n"):
        if block and block[0].isalpha():
            name, version = block.split(";")[0].split("\\")[0].strip().split("==")
            pins[name.lower().replace("_", "-")] = version
    assert text.count("--hash=sha256:") >= len(pins)
    return pins


def test_r_lock_files_pin_every_dependency_of_pyproject():
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime, full = _pins(ROOT / "requirements.lock"), _pins(ROOT / "requirements-test.lock")
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        name = re.split(r"[\[<>=!~ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        assert name in full, f"{name} fehlt in requirements-test.lock: Lock-Dateien neu erzeugen (README)"
        if requirement in project["dependencies"]:
            assert name in runtime, f"{name} fehlt in requirements.lock"
    assert all(full[name] == version for name, version in runtime.items())  # one set of versions
    assert tuple(int(x) for x in runtime["pyside6-essentials"].split(".")[:2]) < (6, 12)  # see pyproject
