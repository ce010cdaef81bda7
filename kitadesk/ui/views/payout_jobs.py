"""The payout page's heavy steps as worker-process tasks (ui/process_tasks.py): computing a
draft and finalizing a run. Qt-free and module-level, so a spawned process can import them;
each opens its own Store from the URL. The window then loads the month's view (payout_data)."""

from __future__ import annotations

from datetime import date

from kitadesk.ops.payout import RunSummary, changed_since, compute_draft, finalize
from kitadesk.ui.process_child import ProcessControl, worker_store


def compute_job(control: ProcessControl, url: str, user: str, year: int, month: int) -> RunSummary:
    with worker_store(url) as store:
        return compute_draft(store, user, year, month, control.progress, lambda: control.cancelled)


def finalize_job(control: ProcessControl, url: str, user: str, run_id: int, digest: str,
                 today: date) -> RunSummary:
    with worker_store(url) as store:
        return finalize(store, user, run_id, control.progress, digest=digest, today=today)


def changes_job(control: ProcessControl, url: str, run_id: int) -> list[str]:
    """The input tables changed since the draft was computed (digests of all its inputs)."""
    with worker_store(url) as store:
        return changed_since(store, run_id)
