"""Issue 17: list screens reload in a worker thread without freezing anything for the cyclic garbage
collector — their rows are plain tuples the collector stops tracking, and a reload leaves nothing
behind (ops/queries/lists.py, ui/views/list_page.py)."""

import gc
import sys

from tests.ui.conftest import TODAY, wait_loaded, wait_until_idle
from tests.ui.demo_data import fill

RELOADS = 10
SLACK = 300  # caches warming up (Qt wrappers, compiled statements); one leaked load would be ≥ 2,000


def _reload_and_count(qtbot, page) -> int:
    old = page.model.rows()
    wait_until_idle(qtbot, page.reload_in_background(), timeout=60000)
    wait_loaded(qtbot, page, timeout=60000)
    assert page.model.rows() is not old and sys.getrefcount(old) == 2  # the replaced rows: freed at once,
    gc.collect()                                                        # no finished task keeps them
    return len(gc.get_objects())


def test_issue17_ten_background_reloads_of_2000_rows_add_no_gc_tracked_objects(qtbot, window, sqlite_store):
    fill(sqlite_store, carers=200, children=2000, seed=5, today=TODAY)
    wait_until_idle(qtbot, window.pages["start"].loading, timeout=60000)
    page = window.pages["kinder"]
    window.show_page("kinder")
    wait_loaded(qtbot, page, timeout=60000)
    assert page.model.rowCount() == 2000

    first = _reload_and_count(qtbot, page)
    counts = [_reload_and_count(qtbot, page) for _ in range(RELOADS)]

    assert max(counts) <= first + SLACK, (first, counts)
    assert gc.get_freeze_count() == 0 and not gc.isenabled()  # nothing frozen; collected from the event loop
    assert not any(map(gc.is_tracked, page.model.rows()))  # rows are out of the collector's sight
    assert page.model.row_at(0).nachname and page.count.text() == "2.000 Einträge"


def test_issue17_list_rows_have_no_container_the_collector_must_track(ctx, sqlite_store):
    from kitadesk.ops import reads

    fill(sqlite_store, carers=20, children=60, seed=2, today=TODAY)
    for rows in (reads.carer_list(sqlite_store, "anna", TODAY), reads.child_list(sqlite_store, "anna", TODAY),
                 reads.placement_list(sqlite_store, "anna", TODAY)):
        assert rows and all(type(r) is tuple for r in rows)
        gc.collect()
        assert not any(map(gc.is_tracked, rows))


def test_issue17_no_collection_in_the_worker_thread_while_a_list_loads(qtbot, window):
    """Garbage may hold Qt objects; freed in a worker thread, Qt crashes (ui/collector.py: collections only from the event loop)."""
    page, seen = window.pages["kinder"], []
    original = page.query

    def query():
        seen.append(gc.isenabled())
        return original()

    page.query = query
    window.show_page("kinder")
    wait_loaded(qtbot, page, timeout=60000)
    wait_until_idle(qtbot, window.pages["start"].loading, timeout=60000)
    assert seen == [False] and not gc.isenabled()  # automatic collection stays off in the window
