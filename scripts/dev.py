"""One-command set-up for Linux and Windows (README): `python scripts/dev.py demo|test [...]`.

Reads its arguments first (`--help` and mistakes install nothing), checks the Python version,
creates `.venv` beside the project and installs the pinned packages of the lock file
(`pip install --require-hashes -r requirements[-test].lock`, then KitaDesk itself with
`--no-deps -e .`) — only when pyproject.toml or the lock file changed since the last install
(hash stamp in .venv). Then either starts KitaDesk on the demo database or runs pytest.
Runs on any Python 3.6+ far enough to tell an unsupported one so, in German.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / "kitadesk-installiert.json"
LOCKS = {"demo": ROOT / "requirements.lock", "test": ROOT / "requirements-test.lock"}
DEMO_DB = ROOT / "demo-daten" / "demo.sqlite3"
PYTHONS = ((3, 11), (3, 14))  # oldest and newest supported (pyproject requires-python; wheels exist)
SELF = "py scripts\\dev.py" if os.name == "nt" else "python3 scripts/dev.py"

USAGE = f"""Aufruf: {SELF} BEFEHL

  demo [--neu] [--user NAME]   KitaDesk mit der Demo-Datenbank starten ({DEMO_DB.relative_to(ROOT)});
                               beim ersten Mal wird sie angelegt. --neu: frisch anlegen.
                               --user: anmelden als leitung, sb.mitte, sb.ost, sb.nord …
  test [pytest-Optionen]       alle Tests (oder die angegebenen) ausführen
  check                        Prüfungen: ruff, Schichten (import-linter), mypy (Sperrklinke)
  --help                       diese Hilfe

Beim ersten Aufruf (und nach Änderungen an pyproject.toml oder den Lock-Dateien) wird .venv
eingerichtet – das dauert einige Minuten."""


def say(text):
    print("» " + text, flush=True)


def fail(text):
    print("Fehler: " + text, file=sys.stderr, flush=True)
    return 1


def version_text(info):
    return f"{info[0]}.{info[1]}"


def python_problem(info):
    """German text when this Python cannot run KitaDesk, else None."""
    low, high = PYTHONS
    if low <= tuple(info[:2]) <= high:
        return None
    return (f"KitaDesk braucht Python {version_text(low)} bis {version_text(high)}; gestartet mit Python {version_text(info)} ({sys.executable}). Bitte eine passende Version "
            "installieren (python.org) und damit starten – Windows: py -3.12 scripts\\dev.py demo, "
            "Linux: python3.12 scripts/dev.py demo.")


def venv_python_version():
    try:
        out = subprocess.run([str(PY), "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
                             capture_output=True, text=True, timeout=60)
        return tuple(int(x) for x in out.stdout.split())
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def fingerprint(what):
    digest = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", LOCKS[what]):
        digest.update(path.read_bytes())
    digest.update(version_text(sys.version_info).encode())
    return digest.hexdigest()


def installed():
    try:
        return json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def setup(what):
    """.venv with the packages of `what` ('demo' or 'test'); each step says what it does."""
    if PY.exists():
        have = venv_python_version()
        if have is None or python_problem(have) or have != tuple(sys.version_info[:2]):
            say("Die vorhandene .venv passt nicht (Python {}): wird neu angelegt.".format(
                version_text(have) if have else "unbekannt"))
            shutil.rmtree(VENV)
    if not PY.exists():
        say(f"Lege .venv an (Python {version_text(sys.version_info)}) …")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    stamp = installed()
    if stamp.get(what) == fingerprint(what) or (what == "demo" and stamp.get("test") == fingerprint("test")):
        say("Pakete sind aktuell (.venv).")
        return
    lock = LOCKS[what]
    say(f"Installiere die festgelegten Pakete aus {lock.name} – beim ersten Mal einige Minuten …")
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check"]
    subprocess.run(pip + ["--require-hashes", "-r", str(lock)], check=True, cwd=ROOT)
    say("Installiere KitaDesk selbst (editierbar) …")
    subprocess.run(pip + ["--no-deps", "-e", "."], check=True, cwd=ROOT)
    STAMP.write_text(json.dumps({what: fingerprint(what)}), encoding="utf-8")
    say("Pakete installiert.")


def demo_usable(path):
    """The demo database exists, is KitaDesk's and holds data (not left empty by an interrupted run)."""
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            return con.execute("SELECT count(*) FROM carers").fetchone()[0] > 0
        finally:
            con.close()
    except sqlite3.Error:
        return False


def kitadesk(*args, check=True):
    return subprocess.run([str(PY), "-m", "kitadesk", *args], cwd=ROOT, check=check).returncode


def demo_options(options):
    """→ (fresh, user), or None for a word demo does not know."""
    fresh, user, rest = False, None, list(options)
    while rest:
        word = rest.pop(0)
        if word == "--neu":
            fresh = True
        elif word == "--user" and rest:
            user = rest.pop(0)
        else:
            return None
    return fresh, user


def demo(fresh, user):
    url = "sqlite:///" + DEMO_DB.as_posix()
    if fresh or not demo_usable(DEMO_DB):
        if DEMO_DB.exists():
            say("Lege die Demo-Datenbank neu an ({}).".format("--neu" if fresh else "die vorhandene ist leer oder defekt"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(DEMO_DB) + suffix).unlink(missing_ok=True)
        DEMO_DB.parent.mkdir(exist_ok=True)
        say("Richte die Demo-Datenbank ein …")
        kitadesk("--db", url, "init")
        say("Schreibe fiktive Demodaten (200 Tagespflegepersonen, 800 Kinder) …")
        kitadesk("--db", url, "demo")
    else:
        kitadesk("--db", url, "init")  # brings an older demo database to the program's schema
    cli = VENV / ("Scripts\\kitadesk.exe" if os.name == "nt" else "bin/kitadesk")
    say(f"Demo-Datenbank: {DEMO_DB}")
    say(f"Befehle darauf, z. B.: {cli} --db {DEMO_DB} reminders")
    say("Starte das Fenster{} …".format(" als " + user if user else ""))
    return kitadesk("--db", url, *(["--user", user] if user else []), check=False)


def test(options):
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    say("Starte pytest {}…".format(" ".join(options) + " " if options else "(alle Tests, einige Minuten) "))
    return subprocess.run([str(PY), "-m", "pytest", "-q", *options], cwd=ROOT, env=env).returncode


GATES = (  # the gates of .ci/run (issue 17 item 8)
    ("ruff", ["-m", "ruff", "check", "kitadesk", "tests", "bench", "scripts"]),
    ("Schichten (import-linter)", ["-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"]),
    ("mypy (Sperrklinke: je Datei höchstens so viele Fehler wie in mypy-ratchet.txt)", ["scripts/mypy_ratchet.py"]),
)


def check():
    failed = []
    for name, args in GATES:
        say(f"Prüfung: {name} …")
        if subprocess.run([str(PY), *args], cwd=ROOT).returncode != 0:
            failed.append(name)
    if failed:
        return fail("Prüfungen fehlgeschlagen: " + ", ".join(failed))
    say("Alle Prüfungen bestanden.")
    return 0


def main(argv):
    what, options = (argv[0], argv[1:]) if argv else (None, [])
    if what in ("-h", "--help", "hilfe"):
        print(USAGE)
        return 0
    chosen = demo_options(options) if what == "demo" else options
    if what not in ("demo", "test", "check") or chosen is None:
        print(USAGE, file=sys.stderr)
        return 2
    problem = python_problem(sys.version_info)
    if problem:
        return fail(problem)
    say(f"Python {sys.version.split()[0]} ({sys.executable})")
    try:
        setup("test" if what == "check" else what)
        if what == "check":
            return check()
        return demo(*chosen) if what == "demo" else test(options)
    except subprocess.CalledProcessError as exc:
        return fail("Schritt fehlgeschlagen (Code {}): {}".format(exc.returncode, " ".join(map(str, exc.cmd))))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
