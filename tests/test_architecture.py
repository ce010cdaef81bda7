"""Layering rules of architecture.md, enforced."""

import subprocess
import sys
from pathlib import Path

import kitadesk.domain

DOMAIN_DIR = Path(kitadesk.domain.__file__).parent


def test_domain_imports_neither_qt_nor_sqlalchemy():
    modules = sorted(p.stem for p in DOMAIN_DIR.glob("*.py") if p.stem != "__init__")
    assert modules, "the domain package has modules"
    code = (
        "import sys\n"
        + "".join(f"import kitadesk.domain.{m}\n" for m in modules)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy', 'alembic'))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"domain pulls in: {out}"


UI_DIR = DOMAIN_DIR.parent / "ui"
VIEW_LIMIT = 300  # lines per module of kitadesk/ui/views (issue 17.3: split along natural seams)


def test_issue17_3_no_view_module_over_300_lines():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (UI_DIR / "views").glob("*.py")}
    assert sizes, "the views package has modules"
    too_long = {name: n for name, n in sizes.items() if n > VIEW_LIMIT}
    assert not too_long, f"over {VIEW_LIMIT} lines — split along a natural seam (tabs, dialogs): {too_long}"


def test_issue17_1_screens_open_no_session_and_import_no_models_store_reports():
    """Screens talk only to operations: reads go through kitadesk.ops.reads (own session, read
    right), the rest through the ops; the import-linter contract checks the imports too."""
    found = []
    for path in sorted(UI_DIR.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if ".session(" in code or any(f"kitadesk.{layer}" in code for layer in ("models", "store", "reports")):
                found.append(f"{path.relative_to(UI_DIR)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
