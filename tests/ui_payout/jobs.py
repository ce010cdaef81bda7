"""Module-level payout jobs for the screen tests (a spawned worker process imports them; Qt-free)."""

import os
import time
from pathlib import Path

from kitadesk.ui.views.payout_jobs import draft_job

PID_FILE = "KITADESK_TEST_PAYOUT_PID_FILE"  # environment: where recording_draft_job writes its pid


def recording_draft_job(control, url, user, year, month):
    """The real draft job, writing the pid of the process it runs in first."""
    Path(os.environ[PID_FILE]).write_text(str(os.getpid()))
    return draft_job(control, url, user, year, month)


def draft_job_after_cancel(control, url, user, year, month):
    """Reports progress until "Abbrechen" reaches the process, then runs the real draft job:
    compute_draft's own cancel check refuses (ops.payout.Cancelled) before anything is written."""
    for _ in range(6000):  # up to 60 s: the click may come late on a busy 2-core runner
        control.progress(1, 4)
        if control.cancelled:
            return draft_job(control, url, user, year, month)
        time.sleep(0.01)
    raise AssertionError("not cancelled")


def view_job_until_cancelled(control, url, user, year, month):
    """A month's loading that reports progress until "Abbrechen" reaches the process."""
    for _ in range(6000):
        control.progress(1, 4)
        if control.cancelled:
            return None
        time.sleep(0.01)
    raise AssertionError("not cancelled")
