"""List screens load in the background (issue 5): the query runs in a worker with its own session,
"Wird geladen …" meanwhile, the selection is kept, a load overtaken by a newer one is ignored."""

import threading

from tests.ui.conftest import wait_loaded
from tests.ui.test_main_flows import _child


def test_issue5_list_loads_in_a_worker_and_shows_wird_geladen(qtbot, window, ctx):
    ids = [_child(ctx, nr) for nr in ("K1", "K2", "K3")]
    page = window.pages["kinder"]
    threads, original = [], page.query

    def query():
        threads.append(threading.get_ident())
        return original()

    page.query = query
    window.show_page("kinder")
    assert page.count.text() == "Wird geladen …" and page.is_loading
    wait_loaded(qtbot, page)
    assert threads and threads[0] != threading.get_ident()  # not in the GUI thread
    assert page.model.rowCount() == 3 and page.count.text() == "3 Einträge"

    assert page.select_id(ids[1])
    page.reload_in_background()
    wait_loaded(qtbot, page)
    assert page.selected_id() == ids[1]  # the selection survives the reload


def test_issue5_an_overtaken_load_is_ignored(qtbot, window, ctx):
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()  # the slow first load holds one thread; on a 2-core CI runner the
    threads = pool.maxThreadCount()      # second must not queue behind it and the start page's loads
    pool.setMaxThreadCount(max(threads, 4))
    try:
        _overtaken_load(qtbot, window, ctx)
    finally:
        pool.setMaxThreadCount(threads)


def _overtaken_load(qtbot, window, ctx):
    _child(ctx, "K1")
    _child(ctx, "K2")
    page = window.pages["kinder"]
    gate, entered, original = threading.Event(), threading.Event(), page.query

    def slow_query():  # the first load is slow and would bring old rows
        entered.set()
        assert gate.wait(60)
        return []

    page.query = slow_query
    window.show_page("kinder")
    first = page.loading
    # which load is slow is fixed by the load, not by which worker thread reaches query() first
    assert entered.wait(60)
    page.query = original
    second = page.reload_in_background()  # e.g. a change arrived meanwhile
    try:
        with qtbot.waitSignal(second.done, timeout=60000):
            pass
        assert page.model.rowCount() == 2
        with qtbot.waitSignal(first.done, timeout=60000):
            gate.set()
    finally:
        gate.set()  # a failed wait must not leave the slow load holding a pool thread into the next test
    assert first.state == "abgebrochen" and page.model.rowCount() == 2 and page.count.text() == "2 Einträge"


def test_issue5_blocking_reload_still_there_for_tests_and_benchmarks(qtbot, window, ctx):
    _child(ctx, "K1")
    page = window.pages["kinder"]
    page.reload()
    assert page.loaded and not page.is_loading and page.model.rowCount() == 1


def test_issue5_proxy_keeps_the_selection_when_sorting_and_maps_filtered_rows(qtbot, qapp):
    from PySide6.QtCore import QItemSelectionModel, Qt
    from PySide6.QtWidgets import QTableView

    from kitadesk.ui.models import ChildTableModel, RecordFilterProxy
    from kitadesk.ui.models.children import COL_GEBURTSDATUM, COL_NR
    from tests.ui.test_window import _rows

    model = ChildTableModel(_rows(50))
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.selectionModel().setCurrentIndex(proxy.index(7, COL_NR), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    chosen = proxy.row_object(7)
    proxy.sort(COL_GEBURTSDATUM, Qt.SortOrder.DescendingOrder)
    current = view.currentIndex()
    assert proxy.row_object(current.row()) is chosen and current.column() == COL_NR  # follows its row
    births = [proxy.index(r, COL_GEBURTSDATUM).data(Qt.ItemDataRole.UserRole + 1) for r in range(proxy.rowCount())]
    assert births == sorted(births, reverse=True)

    proxy.set_srt("Ost")  # every third row
    shown = [proxy.row_object(r) for r in range(proxy.rowCount())]
    assert shown and all(r.srt == "Ost" for r in shown) and len(shown) == 17
    source_row = model.rows().index(shown[3])
    assert proxy.mapFromSource(model.index(source_row, 2)).row() == 3
    assert proxy.mapToSource(proxy.index(3, 2)).row() == source_row
    hidden = next(i for i, r in enumerate(model.rows()) if r.srt != "Ost")
    assert not proxy.mapFromSource(model.index(hidden, 0)).isValid()
    assert proxy.record_id(3) == shown[3].id and proxy.row_object(99) is None
    model.set_rows(_rows(10))  # a new load: the proxy filters the new rows
    assert [proxy.row_object(r).srt for r in range(proxy.rowCount())] == ["Ost"] * 3
