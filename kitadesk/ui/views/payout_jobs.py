"""The "Auszahlung" screen's work as worker-process jobs (ui/process_tasks.py, issue 17.2):
Qt-free and module-level, each opens its own Store from the URL. An op of the month (draft,
finalize, discard) is followed in the same process by the month's new view (ops/payout_view.py),
which goes back to the window as one small pickle. The ops poll `control.cancelled`: "Abbrechen"
raises ops.payout.Cancelled there and nothing is written."""

from __future__ import annotations

from datetime import date

from kitadesk.ops.payout import compute_draft, delete_draft, finalize
from kitadesk.ops.payout_view import RunView, changes_since, load_view
from kitadesk.ops.session import own_store
from kitadesk.ui.process_child import ProcessControl


def view_job(control: ProcessControl, url: str, user: str, year: int, month: int) -> RunView:
    """The month's run as stored."""
    with own_store(url) as store:
        return load_view(store, user, year, month)


def draft_job(control: ProcessControl, url: str, user: str, year: int, month: int) -> RunView:
    """Compute (or recompute) the month's draft, then its view."""
    with own_store(url) as store:
        summary = compute_draft(store, user, year, month, control.progress, lambda: control.cancelled)
        return load_view(store, user, year, month, summary)


def finalize_job(control: ProcessControl, url: str, user: str, run_id: int, digest: str, today: date,
                 year: int, month: int) -> RunView:
    """Finalize the draft the window showed (`digest`: refused if it was recomputed meanwhile)."""
    with own_store(url) as store:
        summary = finalize(store, user, run_id, control.progress, digest=digest, today=today)
        return load_view(store, user, year, month, summary)


def discard_job(control: ProcessControl, url: str, user: str, run_id: int, year: int, month: int) -> RunView:
    """Discard the draft; the view of the month without it."""
    with own_store(url) as store:
        delete_draft(store, user, run_id)
        return load_view(store, user, year, month)


def changes_job(control: ProcessControl, url: str, user: str, run_id: int) -> list[str]:
    """What changed since the draft `run_id` was computed."""
    with own_store(url) as store:
        return changes_since(store, user, run_id)
