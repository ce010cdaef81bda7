"""Read-only queries for the window (issue 5): list rows (one query per list into plain
rows), records loaded for their forms, capacity inputs (R-K3) and the start screen
(reminders R-W1, counts per SRT, payout status). Nothing here writes.

Modules: lists, dashboard, forms, capacity, sign_in — each imported on first use of one of its
names (issue 17: the window signs in and shows before the start screen's queries are needed;
forms and capacity pull in the record operations).
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kitadesk.ops.queries.capacity import capacity_inputs
    from kitadesk.ops.queries.dashboard import (
        PayoutStatus,
        ReminderRow,
        SrtCount,
        payout_status,
        reminder_rows,
        srt_counts,
        total_count,
    )
    from kitadesk.ops.queries.forms import (
        PlacementDetail,
        VersionRow,
        child_zeitplaene,
        load_carer,
        load_child,
        load_placement,
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
    from kitadesk.ops.queries.sign_in import display_name, password_required

_LAZY = {
    "PayoutStatus": "dashboard", "ReminderRow": "dashboard", "SrtCount": "dashboard",
    "payout_status": "dashboard", "reminder_rows": "dashboard", "srt_counts": "dashboard",
    "total_count": "dashboard",
    "FLAG_ACTIVE": "lists", "FLAG_ENDED": "lists", "FLAG_ENDING": "lists", "FLAG_FUTURE": "lists",
    "FLAG_IN_CARE": "lists", "FLAG_NO_CARE": "lists", "FLAG_PERMIT_EXPIRED": "lists",
    "FLAG_PERMIT_EXPIRING": "lists", "FLAG_TURNS_3": "lists", "FUEHRUNGSZEUGNIS": "lists",
    "CarerRow": "lists", "ChildRow": "lists", "PlacementRow": "lists", "carer_choices": "lists",
    "carer_rows": "lists", "child_choices": "lists", "child_rows": "lists", "placement_rows": "lists",
    "reminder_horizon": "lists",
    "PlacementDetail": "forms", "VersionRow": "forms", "child_zeitplaene": "forms", "load_carer": "forms",
    "load_child": "forms", "load_placement": "forms",
    "capacity_inputs": "capacity",
    "display_name": "sign_in", "password_required": "sign_in",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"kitadesk.ops.queries.{_LAZY[name]}"), name)
        globals()[name] = value  # once
        return value
    raise AttributeError(f"module 'kitadesk.ops.queries' has no attribute {name!r}")


__all__ = [
    "FLAG_ACTIVE", "FLAG_ENDED", "FLAG_ENDING", "FLAG_FUTURE", "FLAG_IN_CARE", "FLAG_NO_CARE",
    "FLAG_PERMIT_EXPIRED", "FLAG_PERMIT_EXPIRING", "FLAG_TURNS_3", "FUEHRUNGSZEUGNIS", "CarerRow", "ChildRow",
    "PayoutStatus", "PlacementDetail", "PlacementRow", "ReminderRow", "SrtCount", "VersionRow", "capacity_inputs",
    "carer_choices", "carer_rows", "child_choices", "child_rows", "child_zeitplaene", "display_name", "load_carer", "load_child",
    "load_placement", "password_required", "payout_status", "placement_rows", "reminder_horizon", "reminder_rows", "srt_counts",
    "total_count",
]
