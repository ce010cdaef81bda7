"""Table models (one per entity) and the search/filter proxy of the list screens.

Names are imported on first use (issue 17: the start screen needs only its reminder model and
the proxy, not the list models)."""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kitadesk.ui.models.base import ID_ROLE, ROW_ROLE, SORT_ROLE, Column, RowTableModel
    from kitadesk.ui.models.carers import CarerTableModel
    from kitadesk.ui.models.children import ChildTableModel
    from kitadesk.ui.models.placements import PlacementTableModel
    from kitadesk.ui.models.proxy import RecordFilterProxy

_HOME = {
    "ID_ROLE": "base", "ROW_ROLE": "base", "SORT_ROLE": "base", "Column": "base", "RowTableModel": "base",
    "CarerTableModel": "carers", "ChildTableModel": "children", "PlacementTableModel": "placements",
    "RecordFilterProxy": "proxy",
}

__all__ = list(_HOME)


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"kitadesk.ui.models.{_HOME[name]}"), name)
    raise AttributeError(f"module 'kitadesk.ui.models' has no attribute {name!r}")
