"""Screen "Tagespflegepersonen"."""

from kitadesk.ops.changes import CARER, PLACEMENT
from kitadesk.ops.reads import carer_list
from kitadesk.ui.context import AppContext
from kitadesk.ui.models import CarerTableModel
from kitadesk.ui.views.list_page import ListPage


class CarersView(ListPage):
    TITLE = "Tagespflegepersonen"
    NEW_LABEL = "Neue Tagespflegeperson …"
    WATCH = frozenset({CARER, PLACEMENT})

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, CarerTableModel(), parent)

    def query(self) -> list:
        return carer_list(self.ctx.store, self.ctx.user, self.ctx.today())

    def open_record(self, record_id: int, tab: str = "stammdaten") -> None:
        from kitadesk.ui.forms.carer_form import CarerForm  # forms load on first use (quick start)

        self.show_form(CarerForm(self.ctx, record_id, self, tab=tab))

    def new_record(self) -> None:
        from kitadesk.ui.forms.carer_form import CarerForm

        self.show_form(CarerForm(self.ctx, None, self))
