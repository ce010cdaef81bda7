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
