"""Issue 17: what a background thread leaves frozen (ui/tasks.gc_held) is collected when the
window is idle (ui/idle_gc.py) — nothing stays uncollected over an office day."""

import gc
import weakref

from PySide6.QtWidgets import QApplication

from kitadesk.ui import tasks
from kitadesk.ui.idle_gc import IdleCollector


class _Node:
    pass


def _cyclic_leftover() -> weakref.ref:
    node = _Node()
    node.me = node  # a cycle: only the cyclic collector frees it
    return weakref.ref(node)


def test_issue17_frozen_cycles_are_collected_when_idle_not_while_working(qtbot):
    collector = IdleCollector(QApplication.instance(), idle_seconds=3600, check_ms=3_600_000)
    try:
        with tasks.gc_held():
            leftover = _cyclic_leftover()
        assert tasks.frozen_since_collect() and gc.get_freeze_count() > 0
        gc.collect()
        assert leftover() is not None  # frozen: out of the collector's sight
        assert not collector.maybe_collect()  # the user typed a moment ago (start counts as input)
        collector.idle_seconds = 0
        assert collector.maybe_collect() and collector.collections == 1
        assert leftover() is None and not tasks.frozen_since_collect()
        assert not collector.maybe_collect()  # nothing frozen since
    finally:
        collector.timer.stop()
        collector.deleteLater()
        gc.unfreeze()


def test_issue17_no_collection_while_a_thread_holds_the_collector(qtbot):
    collector = IdleCollector(QApplication.instance(), idle_seconds=0, check_ms=3_600_000)
    try:
        with tasks.gc_held():
            _cyclic_leftover()
            assert tasks.busy() and not collector.maybe_collect()
        assert collector.maybe_collect()
    finally:
        collector.timer.stop()
        collector.deleteLater()
        gc.unfreeze()
