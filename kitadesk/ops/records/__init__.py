"""Write operations on the desks' records (issue 5): carers, children, placements.

Every operation runs in ONE unit of work, checks `daten_eigenes_srt` for the record's SRT
(`uebergabe` when it moves to another SRT, `sensible_daten` for IBAN/income), is audited by
the session hooks and returns a small `Change`. Optimistic locking: the caller passes the
`version` its form loaded; a newer stored version — or one saved between loading and
flushing (SQLAlchemy's version_id_col) — raises ConcurrentChange (StaleRecord) and nothing
is saved. Placements are versioned (R-K4): a change is a new PlacementVersion from
`gueltig_ab`, never an overwrite; capacity (R-K3) is checked by domain/capacity.py.

Modules: forms (data + validation), carers, children, placements, preview, common.
"""

from kitadesk.ops.records.carers import create_carer, update_carer
from kitadesk.ops.records.children import create_child, update_child
from kitadesk.ops.records.forms import (
    FIELD_LABELS,
    FUEHRUNGSZEUGNIS,
    KEEP,
    UNTER_1_GRUENDE,
    CarerData,
    Change,
    ChildData,
    PlacementData,
    PlacementTerms,
    carer_problems,
    child_problems,
    derived_off_hours,
    iban_problem,
    parse_decimal,
    permit_end,
    resolved_terms,
    terms_problems,
)
from kitadesk.ops.records.placements import (
    change_placement,
    check_new_placement,
    check_placement_change,
    end_placement,
    place_child,
    placement_problems,
)
from kitadesk.ops.records.preview import PlacementPreview, preview_new_placement, preview_placement_change

__all__ = [
    "FIELD_LABELS", "FUEHRUNGSZEUGNIS", "KEEP", "UNTER_1_GRUENDE", "CarerData", "Change", "ChildData",
    "PlacementData", "PlacementPreview", "PlacementTerms", "carer_problems", "change_placement",
    "check_new_placement", "check_placement_change", "child_problems", "create_carer", "create_child", "derived_off_hours",
    "end_placement", "iban_problem", "parse_decimal", "permit_end", "place_child", "placement_problems",
    "preview_new_placement", "preview_placement_change", "resolved_terms", "terms_problems", "update_carer", "update_child",
]
