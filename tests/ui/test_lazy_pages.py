"""Issue 17 (cold start): the list pages are built on first show, `window.pages[key]` still hands
out the built page; the shown page's data loads once the window shows, not before."""

from kitadesk.ui.main_window import MainWindow
from kitadesk.ui.views.children_view import ChildrenView
from kitadesk.ui.views.lazy import LazyPage
from kitadesk.ui.views.list_page import ListPage
from tests.ui.conftest import wait_loaded


def test_issue17_list_pages_are_built_on_first_use_and_handed_out_built(qtbot, ctx, settings):
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    keys = ("tagespflegepersonen", "kinder", "betreuungen")
    places = {key: window.stack.widget(window.keys.index(key)) for key in keys}
    assert all(isinstance(place, LazyPage) and place.page is None for place in places.values())
    children = window.pages["kinder"]
    assert isinstance(children, ChildrenView) and places["kinder"].page is children
    assert places["tagespflegepersonen"].page is None and places["betreuungen"].page is None
    assert list(window.pages) == window.keys and len(window.pages) == len(window.keys)


def test_issue17_start_screen_loads_once_the_window_shows(qtbot, ctx, settings):
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    start = window.pages["start"]
    assert window.current_key() == "start" and start.loading is None and not start.loaded
    window.show()
    qtbot.waitUntil(lambda: start.loaded, timeout=30000)
    assert window.current_page() is start


def test_issue17_restored_list_page_is_built_before_and_loads_after_the_window_shows(qtbot, ctx, settings):
    settings.setValue("fenster/seite", "kinder")
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    page = window.current_page()
    assert isinstance(page, ListPage) and window.stack.currentWidget().page is page  # first frame: the list
    assert not page.loaded and not page.is_loading
    window.show()
    wait_loaded(qtbot, page)
    window.show_page("betreuungen")  # built now, visible and loading at once (no queued show)
    placements = window.current_page()
    assert placements.isVisible() and (placements.is_loading or placements.loaded)
