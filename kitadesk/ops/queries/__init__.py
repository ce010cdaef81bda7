"""Read-only queries for the window (issue 5): list rows (one query per list into plain
rows), records loaded for their forms, capacity inputs (R-K3) and the start screen
(reminders R-W1, counts per SRT, payout status). Nothing here writes.

Modules: lists, dashboard (imported at once), forms, capacity (imported on first use —
they pull in the record operations, which the start of the window does not need).
"""

import importlib

from kitadesk.ops.queries.dashboard import (
    PayoutStatus,
    ReminderRow,
    SrtCount,
    payout_status,
    reminder_rows,
    srt_counts,
    total_count,
)
from kitadesk.ops.queries.lists import (
    FLAG_ACTIVE,
    FLAG_ENDED,
    FLAG_ENDING,
    FLAG_FUTURE,
    FLAG_IN_CARE,
    FLAG_NO_CARE,
    FLAG_PERMIT_EXPIRED,
    FLAG_PERMIT_EXPIRING,
    FLAG_TURNS_3,
    FUEHRUNGSZEUGNIS,
    CarerRow,
    ChildRow,
    PlacementRow,
    carer_choices,
    carer_rows,
    child_choices,
    child_rows,
    placement_rows,
    reminder_horizon,
)

_LAZY = {
    "capacity_inputs": "capacity",
    "PlacementDetail": "forms", "VersionRow": "forms", "child_zeitplaene": "forms", "display_name": "forms", "load_carer": "forms",
    "load_child": "forms", "load_placement": "forms", "password_required": "forms",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"kitadesk.ops.queries.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'kitadesk.ops.queries' has no attribute {name!r}")


__all__ = [
    "FLAG_ACTIVE", "FLAG_ENDED", "FLAG_ENDING", "FLAG_FUTURE", "FLAG_IN_CARE", "FLAG_NO_CARE",
    "FLAG_PERMIT_EXPIRED", "FLAG_PERMIT_EXPIRING", "FLAG_TURNS_3", "FUEHRUNGSZEUGNIS", "CarerRow", "ChildRow",
    "PayoutStatus", "PlacementDetail", "PlacementRow", "ReminderRow", "SrtCount", "VersionRow", "capacity_inputs",
    "carer_choices", "carer_rows", "child_choices", "child_rows", "child_zeitplaene", "display_name", "load_carer", "load_child",
    "load_placement", "password_required", "payout_status", "placement_rows", "reminder_horizon", "reminder_rows", "srt_counts",
    "total_count",
]
