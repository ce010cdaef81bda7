"""What runs when on the "Auszahlung" screen (issue 17.3): one task at a time through
kitadesk.ui.op.Op — loading the month's run, a computation/finalizing/discarding followed by
the month's new view, an export — each with its own success and failure, so nothing
dispatches on the type of a result. State: the running task, whether the data changed since
the shown month was loaded (`stale`) and whether a reload waits for the running task.

Loading and the ops of the month run in a worker PROCESS (payout_jobs.py, issue 17.2): the
child computes and builds the month's view; the window's reader thread unpickles it (small:
ops/payout_view.py) and prepares the carers' rows (`Shown`), the GUI thread only installs them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kitadesk.formats import month_label
from kitadesk.ops.changes import PAYOUT, Changes
from kitadesk.ops.payout import Cancelled
from kitadesk.ops.payout_view import RunView
from kitadesk.ui.op import Op, error_text
from kitadesk.ui.tasks import TaskControl, TaskHandle
from kitadesk.ui.views import payout_jobs
from kitadesk.ui.views.payout_tables import TextRows

if TYPE_CHECKING:
    from kitadesk.ui.views.payout_page import PayoutPage

TITLE = "Auszahlung"
NOTHING_STORED = "Berechnung abgebrochen – es wurde nichts gespeichert."  # one transaction: a cancel writes nothing


@dataclass
class Shown:
    """A month's view with its carers' rows prepared for the table (reader thread)."""

    view: RunView
    carers: TextRows

    @property
    def changes(self) -> Changes | None:  # what the op before the loading changed (ui/op.py announces it)
        return self.view.changes


class PayoutController:
    def __init__(self, page: "PayoutPage"):
        self.page = page
        self.task: TaskHandle | None = None  # the running op (one at a time)
        self.check: TaskHandle | None = None  # "changed since" check of the shown draft
        self.stale = False  # data changed since the shown month was loaded
        self.reload_waits = False  # a reload asked for while a task ran
        self.loaded = False

    # -- loading
    def activate(self) -> None:
        if not self.loaded or self.stale:
            self.reload()

    def on_changed(self, changes: Changes) -> None:
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
        ctx = self.page.ctx
        op = self._viewing(payout_jobs.view_job, ctx.store.url, ctx.user, year, month)
        return self._start(op, None, on_failure=self._refused, on_cancel=self._load_cancelled)

    # -- work: an op of the month, then its new view
    def work(self, label: str, job: Callable[..., RunView], args: tuple, done: str,
             changes: Changes | None = None) -> TaskHandle:
        """`job(control, url, user, *args)` (payout_jobs.py: an op, then the month's view) in a worker
        process; `done` on the status line. The change set is the view's (ops/changes.py) or `changes`."""
        def shown(result: Shown) -> None:
            self._show(result)
            self.page.status.setText(done)

        ctx = self.page.ctx
        op = self._viewing(job, ctx.store.url, ctx.user, *args)
        return self._start(op, label, on_failure=self._failed_then_reload, on_success=shown, changes=changes,
                           on_cancel=lambda: self._cancelled(NOTHING_STORED))

    def job(self, label: str, fn: Callable[[TaskControl], Any], on_success: Callable[[Any], None]) -> TaskHandle:
        """Work that leaves the run as it is (an export, in a thread): no new view."""
        return self._start(Op(self.page, fn, TITLE), label, on_failure=self._failed_then_reload,
                           on_success=on_success)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.page.status.setText("Wird abgebrochen …")

    def _viewing(self, job: Callable[..., RunView], *args: Any) -> Op:
        """`job(control, *args)` in a worker process; its view prepared for the page in the reader thread."""
        model = self.page.carers.model

        def prepare(control: TaskControl, view: RunView) -> Shown:
            control.progress(1, 1)  # "Ergebnis wird geladen …"
            return Shown(view, model.prepare(view.carers))  # texts and keys: pure Python

        return Op(self.page, job, TITLE).in_process(*args, then=prepare)

    def _start(self, op: Op, label: str | None, on_failure: Callable[[BaseException], None],
               on_success: Callable[[Any], None] | None = None, changes: Changes | None = None,
               on_cancel: Callable[[], None] | None = None) -> TaskHandle:
        op.with_progress(on_progress=self.page.bar.show_progress) \
            .finally_(self._idle).failure(on_failure) \
            .cancelled(on_cancel or (lambda: self._cancelled("Abgebrochen."))) \
            .success(on_success or self._show)
        if changes is not None:
            op.changes(changes)
        self.task = handle = op.run()
        self.page.show_busy(label)
        return handle

    def _idle(self) -> None:
        self.task = None
        self.page.show_busy(None)

    def _show(self, shown: Shown) -> None:
        view = shown.view
        if self.reload_waits:
            self.reload()
        elif (view.year, view.month) == self.page.selected_month():
            self.page._show(view, shown.carers)
        else:
            self.reload()

    def _refused(self, exc: BaseException) -> None:
        self.page.status.setText(error_text(exc).splitlines()[0])
        self.page.error(error_text(exc))
        if self.reload_waits:
            self.reload()

    def _failed_then_reload(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.page.status.setText(NOTHING_STORED)
        else:
            self.page.status.setText(error_text(exc).splitlines()[0])
            self.page.error(error_text(exc))
        self.reload()  # show what is stored now

    def _load_cancelled(self) -> None:
        """A cancelled LOAD is not loaded again at once (that would undo the cancel, and loop when the
        window cancels what runs as it closes); the next visit or change of month loads."""
        self.loaded = False
        self.page.status.setText("Laden abgebrochen.")
        if self.reload_waits:
            self.reload()

    def _cancelled(self, text: str) -> None:
        self.page.status.setText(text)
        self.reload()

    # -- the draft against the data it was computed from
    def check_changes(self, run_id: int) -> None:
        ctx = self.page.ctx
        self.check = Op(self.page, payout_jobs.changes_job, TITLE).in_process(ctx.store.url, ctx.user, run_id) \
            .success(self._changes).failure(lambda _exc: None).run()

    def _changes(self, labels: list[str]) -> None:
        view = self.page.view
        current = self.check is not None and self.check.result is labels  # not an older check
        if current and labels and view and view.report and not view.final:
            self.page.run_header.show_changed(labels)
