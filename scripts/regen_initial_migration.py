"""Until the first release the schema is a single migration (0001): regenerate it from
the models after a model change. After the first release, add revisions instead."""

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's models, not an installed copy

from alembic import command  # noqa: E402

from kitadesk.models.session import make_engine  # noqa: E402
from kitadesk.store import MIGRATIONS, alembic_config  # noqa: E402

TARGET = MIGRATIONS / "versions" / "0001_initial_schema.py"


def main() -> None:
    TARGET.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'empty.sqlite3'}")
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
        engine.dispose()
    s = TARGET.read_text()
    s = s.replace("import sqlalchemy as sa\n", "import sqlalchemy as sa\n\nfrom kitadesk.models import immutability\n", 1)
    s = s.replace(
        "    # ### end Alembic commands ###\n\n\ndef downgrade",
        "    # ### end Alembic commands ###\n"
        "    # finalized payout runs and the audit log are immutable, also for plain SQL (berechnung.md §8, issue 8)\n"
        "    for statement in immutability.create_statements(op.get_bind().dialect.name):\n"
        "        op.execute(statement)\n\n\ndef downgrade", 1)
    s = s.replace("def downgrade() -> None:\n",
                  "def downgrade() -> None:\n    for statement in immutability.DROP[op.get_bind().dialect.name]:\n"
                  "        op.execute(statement)\n", 1)
    s = re.sub(r"Create Date: .*\n", "Create Date: 2026-11-24\n", s)
    TARGET.write_text(s)
    print(f"neu erzeugt: {TARGET}")


if __name__ == "__main__":
    main()
