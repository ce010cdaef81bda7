"""mypy gate with a ratchet (issue 17 item 8): every module may keep at most the errors listed in
`mypy-ratchet.txt` (counts per file), which may only shrink; the folders in CLEAN must have none
(the goal is domain/ and ops/ — add them here once their last errors are fixed). `--update` rewrites the file after errors were fixed (never to grow it).

Usage: python scripts/mypy_ratchet.py [--update]"""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATCHET = ROOT / "mypy-ratchet.txt"
CLEAN: tuple[str, ...] = ("kitadesk/domain/", "kitadesk/ops/")  # folders with zero errors allowed
LINE = re.compile(r"^(?P<file>[^:]+\.py):\d+: error:")


def run_mypy() -> tuple[Counter, list[str]]:
    out = subprocess.run([sys.executable, "-m", "mypy", "kitadesk"], cwd=ROOT, capture_output=True, text=True).stdout
    lines = [ln for ln in out.splitlines() if LINE.match(ln)]
    return Counter(LINE.match(ln)["file"] for ln in lines), lines


def read_ratchet() -> dict[str, int]:
    if not RATCHET.exists():
        return {}
    pairs = (ln.rsplit(" ", 1) for ln in RATCHET.read_text().splitlines() if ln.strip() and not ln.startswith("#"))
    return {path: int(count) for path, count in pairs}


def main() -> int:
    counts, lines = run_mypy()
    allowed = read_ratchet()
    if "--update" in sys.argv:
        grown = {f: n for f, n in counts.items() if n > allowed.get(f, 0)} if allowed else {}
        if grown:
            print(f"Nicht erlaubt: mehr Fehler als bisher in {grown}", file=sys.stderr)
            return 1
        RATCHET.write_text("# mypy errors per file still tolerated (may only shrink): scripts/mypy_ratchet.py\n"
                           + "".join(f"{f} {n}\n" for f, n in sorted(counts.items()) if not f.startswith(CLEAN)))
        print(f"{RATCHET.name} neu geschrieben: {sum(counts.values())} Fehler in {len(counts)} Dateien.")
        return 0
    bad = []
    for path, n in sorted(counts.items()):
        limit = 0 if path.startswith(CLEAN) else allowed.get(path, 0)
        if n > limit:
            bad.append(f"{path}: {n} mypy-Fehler (erlaubt {limit})")
    if bad:
        print("\n".join(ln for ln in lines if any(ln.startswith(b.split(":")[0]) for b in bad)))
        print("\n".join(bad), file=sys.stderr)
        return 1
    shrunk = {f: (allowed[f], counts.get(f, 0)) for f in allowed if counts.get(f, 0) < allowed[f]}
    if shrunk:
        print(f"mypy: weniger Fehler als erlaubt in {len(shrunk)} Dateien – bitte `--update` ausführen.")
    print(f"mypy: {sum(counts.values())} Fehler, alle im erlaubten Rahmen (mypy-ratchet.txt).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
