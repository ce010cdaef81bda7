"""Issue 17: the window's start checks the schema revision without importing Alembic."""

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from kitadesk.store import alembic_config, current_revision, head_revision, known_revisions

ROOT = Path(__file__).resolve().parents[2]


def test_issue17_revisions_read_from_the_files_match_alembic():
    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {r.revision: r.down_revision for r in script.walk_revisions()}


def test_issue17_current_revision_without_alembic(store, tmp_path):
    assert current_revision(store.engine) == head_revision()
    from kitadesk.store import Store

    empty = Store(f"sqlite:///{tmp_path / 'leer.sqlite3'}")
    assert current_revision(empty.engine) is None
    empty.dispose()


def test_issue17_checking_the_schema_does_not_import_alembic(sqlite_store):
    code = ("import sys\nfrom kitadesk.store import Store, check_not_newer, needs_upgrade\n"
            f"s = Store({str(sqlite_store.url)!r})\ncheck_not_newer(s.engine)\n"
            "print(needs_upgrade(s.engine), 'alembic' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["False", "False"], out.stderr
