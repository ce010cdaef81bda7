"""Issue 5: the payout run's big steps — the same JSON text,
the same digests, the same line order as before; on SQLite and PostgreSQL."""

import hashlib
import json
import random
from datetime import date
from decimal import Decimal

from sqlalchemy import select, text

from kitadesk.domain.lines import KORREKTUR_PREFIX, UEBERTRAG, Line
from kitadesk.domain.payout import line_sort_key, sorted_lines
from kitadesk.models import PayoutRun
from kitadesk.ops.payout import changed_since, compute_draft, digests
from tests.ops.payout_helpers import seed


def test_issue5_digests_are_still_the_sha256_of_the_compact_json():
    versions = {"placements": [[i, 2] for i in range(10)], "absences": [], "carers": [[7, 1]]}
    expected = {name: hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()[:16]
                for name, rows in versions.items()}
    assert digests(versions) == expected


def test_issue5_eingaben_stored_as_the_same_json_text_and_read_by_json_path(store):
    """The stored text is json.dumps' text, and `eingaben["pruefsummen"]` (JSON path, used by
    the corrections) still finds the digests."""
    seed(store)
    summary = compute_draft(store, "anna", 2026, 4)
    column = "eingaben::text" if store.engine.dialect.name == "postgresql" else "eingaben"
    with store.engine.connect() as conn:
        raw = conn.execute(text(f"SELECT {column} FROM payout_runs WHERE id = :id"), {"id": summary.run_id}).scalar()
    stored = json.loads(raw)
    assert raw == json.dumps(stored)
    assert stored["versionen"]["placement_versions"] == [[1, 1], [2, 1]]
    with store.session() as s:
        by_path = s.execute(select(PayoutRun.eingaben["pruefsummen"]).where(PayoutRun.id == summary.run_id)).scalar()
    assert by_path == stored["pruefsummen"] == digests(stored["versionen"])
    assert changed_since(store, summary.run_id) == []


def _line(carer: str, child: str | None, position: str, day: int) -> Line:
    return Line(carer, child, position, "R-G1", date(2026, 4, day), date(2026, 4, 30), None, None, Decimal("1.00"))


def test_issue5_lines_sorted_per_carer_in_the_same_order_as_one_sort():
    rnd = random.Random(5)
    positions = ["Betreuung", "Randzeitenzuschlag", "Unfallversicherung", UEBERTRAG, f"{KORREKTUR_PREFIX} 03/2026"]
    lines = [_line(f"T{rnd.randrange(1, 40):03d}", rnd.choice([None, "K1", "K2", "K10"]), rnd.choice(positions),
                   rnd.randrange(1, 4)) for _ in range(600)]
    lines += lines[:50]  # equal keys: the stable order must be kept too
    rnd.shuffle(lines)
    result = sorted_lines(lines)
    expected = sorted(lines, key=line_sort_key)
    assert result == expected
    assert [id(x) for x in result] == [id(x) for x in expected]
