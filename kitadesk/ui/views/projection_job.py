"""The year's projection (Auswertungen → Hochrechnung) as a worker-process task
(ui/process_tasks.py): Qt-free and module-level, own Store from the URL."""

from __future__ import annotations

from datetime import date
from typing import Any

from kitadesk.ops.session import own_store
from kitadesk.ui.process_child import ProcessControl, allow_helper_processes


def projection_job(control: ProcessControl, url: str, user: str, year: int, scenario: Any, fee_file: str,
                   today: date) -> tuple:
    from kitadesk.ops.projection import projection, with_fee_file

    if fee_file:
        scenario = with_fee_file(scenario, fee_file)
    allow_helper_processes()  # a big year's fee side in a helper process meanwhile (issue 20: ≤ 5 s)
    with own_store(url) as store:
        return projection(store, user, year, scenario, today, control.progress, lambda: control.cancelled)
