"""Issue 5: the payout run's big steps in small pieces (kitadesk/pieces.py) — the same JSON text,
the same digests, the same line order as before; on SQLite and PostgreSQL."""

import hashlib
import json
import random
import threading
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from kitadesk import pieces
from kitadesk.domain.lines import KORREKTUR_PREFIX, UEBERTRAG, Line
from kitadesk.domain.payout import line_sort_key, sorted_lines
from kitadesk.models import PayoutRun
from kitadesk.ops.payout import changed_since, compute_draft, digests
from kitadesk.pieces import dumps, json_pieces, pause, release, release_steps
from tests.ops.payout_helpers import seed

VALUES = [
    {},
    [],
    {"versionen": {"placements": [[i, i % 3 + 1] for i in range(23)], "leer": []}, "pruefsummen": {"a": "0f"},
     "korrekturen": {}, "vortrag_aus": None},
    [[1, 2], [3, 4], [5, 6]],
    (1, 2, 3, 4, 5),
    {"ü": "Müller ß", "x": [1.5, -0.0, True, False, None, "\u2028"]},
    {1: "int key", "s": [1, 2, 3]},  # json turns the int key into "1": encoded whole
    {"a": {"b": {"c": list(range(17))}}},
    list(range(10)),
    "nur Text",
    7,
]


@pytest.mark.parametrize("separators", [None, (",", ":")])
@pytest.mark.parametrize("value", VALUES)
def test_issue5_json_pieces_give_exactly_json_dumps(monkeypatch, value, separators):
    monkeypatch.setattr(pieces, "ITEMS", 2)  # split every list with more than 2 items
    assert "".join(json_pieces(value, separators)) == json.dumps(value, separators=separators)
    if separators is None:
        assert dumps(value) == json.dumps(value)


def test_issue5_json_pieces_split_a_big_list():
    value = {"rows": [[i, 1] for i in range(2 * pieces.ITEMS + 5)]}
    parts = list(json_pieces(value))
    assert len(parts) > 4 and "".join(parts) == json.dumps(value)


def test_issue5_digests_are_still_the_sha256_of_the_compact_json(monkeypatch):
    monkeypatch.setattr(pieces, "ITEMS", 3)
    versions = {"placements": [[i, 2] for i in range(10)], "absences": [], "carers": [[7, 1]]}
    expected = {name: hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()[:16]
                for name, rows in versions.items()}
    assert digests(versions) == expected


def test_issue5_eingaben_stored_as_the_same_json_text_and_read_by_json_path(store, monkeypatch):
    """The engine's JSON serializer encodes in pieces; the stored text is json.dumps' text, and
    `eingaben["pruefsummen"]` (JSON path, used by the corrections) still finds the digests."""
    monkeypatch.setattr(pieces, "ITEMS", 2)
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


@dataclass
class _Result:
    big: list = field(default_factory=lambda: list(range(2500)))
    table: dict = field(default_factory=lambda: {i: [i] for i in range(1500)})
    small: list = field(default_factory=lambda: [1, 2, 3])
    nested: dict = field(default_factory=lambda: {"rows": [[i, 1] for i in range(1200)], "n": 3})
    seen: set = field(default_factory=lambda: set(range(1100)))


def test_issue5_release_empties_only_the_big_containers_piece_by_piece():
    result = _Result()
    steps = sum(1 for _ in release_steps(result, items=500))
    assert steps >= 5 + 3 + 3
    assert (result.big, result.table, result.nested["rows"], result.seen) == ([], {}, [], set())
    assert result.small == [1, 2, 3] and result.nested["n"] == 3
    again = _Result()
    release(again)
    assert again.big == [] and again.small == [1, 2, 3]


def test_issue5_pause_sleeps_only_in_worker_threads(monkeypatch):
    class Clock:  # 10 ms of work between two calls
        def __init__(self):
            self.now, self.slept = 0.0, []

        def perf_counter(self):
            self.now += 0.01
            return self.now

        def sleep(self, seconds):
            self.slept.append(seconds)

    clock = Clock()
    monkeypatch.setattr(pieces, "time", clock)
    for _ in range(5):
        pause()
    assert clock.slept == []  # the GUI thread / command line never pauses

    def worker():
        for _ in range(12):
            pause()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert clock.slept and set(clock.slept) == {pieces.PAUSE}
    assert len(clock.slept) < 12  # at most every PAUSE_EVERY of work, not on every call
