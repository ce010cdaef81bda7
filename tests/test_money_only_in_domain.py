"""Money is rounded only in kitadesk/domain (charter; berechnung.md §1: once per line, half-up,
in domain/money.py or domain functions using it). Outside the domain no `.quantize(`,
`round(` or ROUND_* mode may touch money; each remaining use is listed here with its reason."""

import ast
from pathlib import Path

import kitadesk

ROOT = Path(kitadesk.__file__).parent
DOMAIN = ROOT / "domain"

# (file below kitadesk/, text of the line) → why this is not a rounding of money
ALLOWED = {
    ("ops/qik.py", "stunden=hours.quantize("): "QIK course hours (R-Q…), not money",
    ("ui/widgets/chart.py", "int(round((vmax - vmin) / step))"): "number of axis ticks of a chart",
    ("demo/children.py", "off = Decimal(rng.choice("): "demo off-hours per week, not money",
    ("reports/xlsx_style.py", "/ _SECONDS_PER_DAY).quantize("): "time of day as an Excel day fraction",
    ("importer/cells.py", "number.quantize(Decimal(1).scaleb(-col.places))"):
        "pads a cell to its column's places after refusing more places — never rounds",
}


def _findings(path: Path) -> list[tuple[str, int, str]]:
    """(file, line, text) of every `.quantize(` / `round(` call and ROUND_* name in a module."""
    return _scan(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())


def _scan(source: str, name: str) -> list[tuple[str, int, str]]:
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        hit = False
        if isinstance(node, ast.Call):
            func = node.func
            hit = (isinstance(func, ast.Attribute) and func.attr == "quantize") or \
                  (isinstance(func, ast.Name) and func.id == "round")
        elif isinstance(node, ast.Name | ast.Attribute):
            hit = (node.id if isinstance(node, ast.Name) else node.attr).startswith("ROUND_")
        elif isinstance(node, ast.ImportFrom):
            hit = any(alias.name.startswith("ROUND_") for alias in node.names)
        if hit:
            found.append((name, node.lineno, lines[node.lineno - 1].strip()))
    return found


def _all_findings() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if DOMAIN not in path.parents:
            found.extend(_findings(path))
    return found


def _allowed(finding) -> bool:
    file, _, text = finding
    return any(file == f and snippet in text for f, snippet in ALLOWED)


def test_money_is_rounded_only_in_the_domain():
    offending = [f"kitadesk/{file}:{line}: {text}" for file, line, text in _all_findings()
                 if not _allowed((file, line, text))]
    assert offending == [], "round money in kitadesk/domain/money.py (or allow-list a non-money use):\n" \
        + "\n".join(offending)


def test_every_allowed_use_still_exists():
    found = _all_findings()
    stale = [key for key in ALLOWED if not any(file == key[0] and key[1] in text for file, _, text in found)]
    assert stale == []


def test_the_scan_finds_quantize_round_and_rounding_modes():
    source = "from decimal import ROUND_HALF_EVEN\nx = y.quantize(z)\nn = round(1.5)\nm = decimal.ROUND_UP\n"
    assert [line for _, line, _ in _scan(source, "sample.py")] == [1, 2, 3, 4]
