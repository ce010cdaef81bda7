"""CI robustness (the flaky test_list_loading run): nothing of one test runs on into the next —
tests/conftest.py `background_tasks_settled` cancels and waits for leftover tasks and releases a
Ctrl modifier QTest left pressed."""

import threading

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QWidget

from kitadesk.ui import tasks
from kitadesk.ui.tasks import run_task

_left_running: list = []


def test_ci_a_test_may_end_with_a_task_still_running(qtbot):
    started = threading.Event()

    def until_cancelled(control):
        started.set()
        while not control.cancelled:  # only the settling fixture ends it
            threading.Event().wait(0.01)

    _left_running.append(run_task(until_cancelled))
    assert started.wait(60) and _left_running[0].is_running


def test_ci_the_next_test_starts_with_no_task_and_a_free_pool(qtbot):
    assert not tasks._running and QThreadPool.globalInstance().activeThreadCount() == 0
    assert all(h.state == "abgebrochen" for h in _left_running)  # (empty when run alone)


def test_ci_a_test_may_end_after_a_ctrl_shortcut(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    qtbot.keySequence(widget, QKeySequence("Ctrl+3"))  # QTest leaves Ctrl pressed


def test_ci_the_next_test_starts_with_no_modifier_pressed(qtbot):
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
