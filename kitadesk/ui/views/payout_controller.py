"""What runs when on the "Auszahlung" screen (issue 17.3): one task at a time through
kitadesk.ui.op.Op — loading the month's run, a computation/finalizing/discarding followed by
the month's new view, an export — each with its own success and failure, so nothing
dispatches on the type of a result. State: the running task, whether the data changed since
the shown month was loaded (`stale`) and whether a reload waits for the running task."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kitadesk.formats import month_label
from kitadesk.ops.changes import CHILD, PAYOUT, Changes
from kitadesk.ops.payout import Cancelled
from kitadesk.ops.payout_view import RunView, changes_since, load_view
from kitadesk.ui.op import Op, error_text
from kitadesk.ui.tasks import TaskControl, TaskHandle, gc_held

if TYPE_CHECKING:
    from kitadesk.ui.views.payout_page import PayoutPage

TITLE = "Auszahlung"


class PayoutController:
    def __init__(self, page: "PayoutPage"):
        self.page = page
        self.task: TaskHandle | None = None  # the running op (one at a time)
        self.check: TaskHandle | None = None  # "changed since" check of the shown draft
        self.stale = False  # data changed since the shown month was loaded
        self.reload_waits = False  # a reload asked for while a task ran
        self.loaded = False
        self.children: dict[str, str] | None = None  # Kind-Nr → name, read once (again after children changed)

    # -- loading
    def activate(self) -> None:
        if not self.loaded or self.stale:
            self.reload()

    def on_changed(self, changes: Changes) -> None:
        if CHILD in changes:
            self.children = None
        if changes - {PAYOUT}:  # the page's own runs are shown already
            self.stale = True
            if self.page.isVisible() and self.task is None:
                self.reload()

    def reload(self) -> TaskHandle | None:
        """Load the selected month's run in the background (after the running task, if any)."""
        if self.task is not None:
            self.reload_waits = True
            return None
        year, month = self.page.selected_month()
        self.loaded, self.stale, self.reload_waits = True, False, False
        self.page.show_loading(f"Lade {month_label(year, month)} …")
        return self._start(self._viewing(lambda control: None), None, on_failure=self._refused)

    # -- work: an op of the month, then its new view
    def work(self, label: str, fn: Callable[[TaskControl], Any], done: str,
             changes: Changes | None = None) -> TaskHandle:
        """`fn(control)` (→ RunSummary or None) in the worker, then the month's view; `done` on the
        status line. The change set is the summary's (ops/changes.py) or `changes`."""
        def shown(view: RunView) -> None:
            self._show(view)
            self.page.status.setText(done)

        return self._start(self._viewing(fn), label, on_failure=self._failed_then_reload, on_success=shown,
                           changes=changes)

    def job(self, label: str, fn: Callable[[TaskControl], Any], on_success: Callable[[Any], None]) -> TaskHandle:
        """Work that leaves the run as it is (an export): no new view."""
        return self._start(fn, label, on_failure=self._failed_then_reload, on_success=on_success)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.page.status.setText("Wird abgebrochen …")

    def _viewing(self, fn: Callable[[TaskControl], Any]) -> Callable[[TaskControl], RunView]:
        store, user, children = self.page.ctx.store, self.page.ctx.user, self.children
        year, month = self.page.selected_month()

        def work(control: TaskControl) -> RunView:
            with gc_held():
                summary = fn(control)
                control.progress(1, 1)
                view = load_view(store, user, year, month, summary, children)
                view.fresh = summary is not None
                view.changes = summary.changes if summary is not None else None
                return view

        return work

    def _start(self, fn: Callable[[TaskControl], Any], label: str | None, on_failure: Callable[[BaseException], None],
               on_success: Callable[[Any], None] | None = None, changes: Changes | None = None) -> TaskHandle:
        op = Op(self.page, fn, TITLE).with_progress(on_progress=self.page.bar.show_progress) \
            .finally_(self._idle).failure(on_failure).cancelled(self._cancelled) \
            .success(on_success or self._show)
        if changes is not None:
            op.changes(changes)
        self.task = handle = op.run()
        self.page.show_busy(label)
        return handle

    def _idle(self) -> None:
        self.task = None
        self.page.show_busy(None)

    def _show(self, view: RunView) -> None:
        self.children = view.children or self.children
        if self.reload_waits:
            self.reload()
        elif (view.year, view.month) == self.page.selected_month():
            self.page._show(view)
        else:
            self.reload()

    def _refused(self, exc: BaseException) -> None:
        self.page.status.setText(error_text(exc).splitlines()[0])
        self.page.error(error_text(exc))
        if self.reload_waits:
            self.reload()

    def _failed_then_reload(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.page.status.setText("Berechnung abgebrochen – es wurde nichts gespeichert.")
        else:
            self.page.status.setText(error_text(exc).splitlines()[0])
            self.page.error(error_text(exc))
        self.reload()  # show what is stored now

    def _cancelled(self) -> None:
        self.page.status.setText("Abgebrochen.")
        self.reload()

    # -- the draft against the data it was computed from
    def check_changes(self, run_id: int) -> None:
        store, user = self.page.ctx.store, self.page.ctx.user

        def work(_control: TaskControl) -> list[str]:
            with gc_held():
                return changes_since(store, user, run_id)

        self.check = Op(self.page, work, TITLE).success(self._changes).failure(lambda _exc: None).run()

    def _changes(self, labels: list[str]) -> None:
        view = self.page.view
        current = self.check is not None and self.check.result is labels  # not an older check
        if current and labels and view and view.report and not view.final:
            self.page.run_header.show_changed(labels)
