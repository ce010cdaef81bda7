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
    ("ui/widgets/pdf_view.py", "round(w * PX_PER_PT * self.zoom)"):
        "pixel sizes of the letter preview, no money",
    ("ui/widgets/pdf_view.py", "round(width) + 2 * GAP"): "pixel sizes of the letter preview, no money",
    ("ui/widgets/pdf_view.py", "round(share * self.pages.height())"): "scroll position in pixels, no money",
    ("ui/widgets/pdf_view.py", "round(zoom * 100)"): "zoom percentage shown, no money",
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


def test_r_g4_yearly_proof_twelfth_is_rounded_half_up_in_the_domain():
    from decimal import Decimal as D

    from kitadesk.domain.money import monthly_amount, twelfth

    assert twelfth(D("12.06")) == D("1.01")  # 1.005 → 1.01 (half-even gave 1.00)
    assert monthly_amount(D("12.06"), "jahr") == D("1.01") and monthly_amount(D("12.06"), "monat") == D("12.06")


def test_r_g4_export_writes_the_twelfth_of_a_yearly_proof_as_the_domain_rounds_it(store, tmp_path):
    from datetime import date
    from decimal import Decimal as D

    from openpyxl import load_workbook

    from kitadesk.domain.money import monthly_amount
    from kitadesk.importer.export import export_workbook
    from kitadesk.models import Erstattungsnachweis
    from tests.support.factory import make_carer

    with store.session("anna") as s:
        carer = make_carer(s, "T1", proofs=False)
        s.add(Erstattungsnachweis(carer_id=carer.id, art="unfall", betrag=D("12.06"), je="jahr",
                                  von=date(2026, 1, 1)))
        s.commit()
    export_workbook(store, tmp_path / "x.xlsx", today=date(2026, 4, 1))
    ws = load_workbook(tmp_path / "x.xlsx")["Nachweise"]  # proofs as recorded (issue 15 item 8)
    header = [c.value for c in ws[1]]
    row = [c.value for c in ws[2]]
    assert (D(str(row[header.index("Betrag")])), row[header.index("Je")]) == (D("12.06"), "Jahr")
    assert monthly_amount(D("12.06"), "jahr") == D("1.01")  # the twelfth the payout uses, half-up (R-G4)
