"""THE table builder of the record tables (issue 17): a read-only, sortable view over a
RowTableModel or a lean text model with COLUMNS (payout_tables.py) (optionally through the search/SRT filter proxy) — whole rows selected, German
headers and preferred widths from the model's COLUMNS, one line per row, Tab moves on to the
buttons. Copy, context menu and Excel export are added by `table_tools.TableTools`."""

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from kitadesk.ui.models.base import RowTableModel
from kitadesk.ui.models.proxy import RecordFilterProxy

Sort = tuple[int, Qt.SortOrder]


def record_table(model: QAbstractItemModel, view: QTableView | None = None, *, proxy: RecordFilterProxy | None = None,
                 stretch: int | None = None, multi: bool = False, sort: Sort | None = None,
                 parent: QWidget | None = None) -> QTableView:
    """Set up `view` (default: a new QTableView) over `model` (shown through `proxy` if given).
    `stretch`: the column that takes the free width (None: the last one); `multi`: several rows
    selectable; `sort`: (column, order) to open sorted by (None: the model's order until a header
    is clicked)."""
    view = view if view is not None else QTableView(parent)
    if proxy is not None:
        proxy.setSourceModel(model)
    view.setModel(proxy if proxy is not None else model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab moves on to the buttons (keyboard only)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setMinimumHeight(90)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, col in enumerate(getattr(model, "COLUMNS", ())):  # RowTableModel or a lean text model
        if col.width:
            view.setColumnWidth(column, col.width)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setSortIndicator(*(sort or (-1, Qt.SortOrder.AscendingOrder)))  # -1: the model's order until clicked
    view.setSortingEnabled(True)  # sorts by the indicator
    return view


def filtered_table(model: RowTableModel, parent: QWidget, *, stretch: int | None = None,
                   sort: Sort | None = None) -> tuple[RecordFilterProxy, QTableView]:
    """A record table behind the search/SRT filter proxy (RecordFilterProxy) and that proxy."""
    proxy = RecordFilterProxy(parent)
    return proxy, record_table(model, proxy=proxy, stretch=stretch, sort=sort)


def fit_columns(table: QTableView, sample: int = 40) -> None:
    """Column widths from the header and the first rows' texts (resizeColumnsToContents measures
    every cell through the model: slow for long histories); a column's own width wins."""
    model = table.model()
    assert isinstance(model, RowTableModel)
    metrics = table.fontMetrics()
    rows = min(model.rowCount(), sample)
    for column, col in enumerate(model.COLUMNS):
        if col.width:
            table.setColumnWidth(column, col.width)
            continue
        texts = [col.header] + [model.cell(r, column, Qt.ItemDataRole.DisplayRole) or "" for r in range(rows)]
        table.setColumnWidth(column, min(max(metrics.horizontalAdvance(s) for s in texts) + 24, 360))
