"""Table models (one per entity) and the search/filter proxy of the list screens."""

from kitadesk.ui.models.base import ID_ROLE, ROW_ROLE, SORT_ROLE, Column, RowTableModel
from kitadesk.ui.models.carers import CarerTableModel
from kitadesk.ui.models.children import ChildTableModel
from kitadesk.ui.models.placements import PlacementTableModel
from kitadesk.ui.models.proxy import RecordFilterProxy

__all__ = ["ID_ROLE", "ROW_ROLE", "SORT_ROLE", "Column", "RowTableModel", "CarerTableModel", "ChildTableModel",
           "PlacementTableModel", "RecordFilterProxy"]
