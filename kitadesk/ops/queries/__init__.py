"""Read-only queries for the window (issue 5): list rows (one query per list into plain
rows), records loaded for their forms, capacity inputs (R-K3) and the start screen
(reminders R-W1, counts per SRT, payout status). Nothing here writes.

Modules: lists, forms, capacity, dashboard.
"""

from kitadesk.ops.queries.capacity import capacity_inputs
from kitadesk.ops.queries.dashboard import (
    PayoutStatus, ReminderRow, SrtCount, payout_status, reminder_rows, srt_counts, total_count,
)
from kitadesk.ops.queries.forms import (
    PlacementDetail, VersionRow, display_name, load_carer, load_child, load_placement,
)
from kitadesk.ops.queries.lists import (
    FLAG_ACTIVE, FLAG_ENDED, FLAG_ENDING, FLAG_FUTURE, FLAG_IN_CARE, FLAG_NO_CARE, FLAG_PERMIT_EXPIRED,
    FLAG_PERMIT_EXPIRING, FLAG_TURNS_3, CarerRow, ChildRow, PlacementRow, carer_choices, carer_rows, child_choices,
    child_rows, placement_rows, reminder_horizon,
)

__all__ = [
    "FLAG_ACTIVE", "FLAG_ENDED", "FLAG_ENDING", "FLAG_FUTURE", "FLAG_IN_CARE", "FLAG_NO_CARE",
    "FLAG_PERMIT_EXPIRED", "FLAG_PERMIT_EXPIRING", "FLAG_TURNS_3", "CarerRow", "ChildRow", "PayoutStatus",
    "PlacementDetail", "PlacementRow", "ReminderRow", "SrtCount", "VersionRow", "capacity_inputs", "carer_choices",
    "carer_rows", "child_choices", "display_name", "child_rows", "load_carer", "load_child", "load_placement", "payout_status",
    "placement_rows", "reminder_horizon", "reminder_rows", "srt_counts", "total_count",
]
