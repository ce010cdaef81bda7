"""Screen "Betreuungen"."""

from kitadesk.ops.changes import CARER, CHILD, PLACEMENT
from kitadesk.ops.reads import placement_list
from kitadesk.ui.context import AppContext
from kitadesk.ui.models import PlacementTableModel
from kitadesk.ui.views.list_page import ListPage


class PlacementsView(ListPage):
    TITLE = "Betreuungen"
    NEW_LABEL = "Neue Betreuung …"
    SEARCH_HINT = "Suchen: Kind, Tagespflegeperson, Nr. …  (Strg+F)"
    WATCH = frozenset({PLACEMENT, CHILD, CARER})

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, PlacementTableModel(), parent)

    def query(self) -> list:
        return placement_list(self.ctx.store, self.ctx.user, self.ctx.today())

    def open_record(self, record_id: int) -> None:
        from kitadesk.ui.forms.placement_form import PlacementForm  # forms load on first use (quick start)

        self.show_form(PlacementForm(self.ctx, placement_id=record_id, parent=self))

    def new_record(self) -> None:
        from kitadesk.ui.forms.placement_form import PlacementForm

        self.show_form(PlacementForm(self.ctx, parent=self))
