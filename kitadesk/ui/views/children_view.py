"""Screen "Kinder"."""

from kitadesk.ops.changes import CARER, CHILD, PLACEMENT
from kitadesk.ops.reads import child_list
from kitadesk.ui.context import AppContext
from kitadesk.ui.models import ChildTableModel
from kitadesk.ui.views.list_page import ListPage


class ChildrenView(ListPage):
    TITLE = "Kinder"
    NEW_LABEL = "Neues Kind …"
    SEARCH_HINT = "Suchen: Name, Nr., Sorgeberechtigte, Anschrift, Tagespflegeperson …  (Strg+F)"
    WATCH = frozenset({CHILD, PLACEMENT, CARER})

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, ChildTableModel(), parent)

    def query(self) -> list:
        return child_list(self.ctx.store, self.ctx.user, self.ctx.today())

    def open_record(self, record_id: int) -> None:
        from kitadesk.ui.forms.child_form import ChildForm  # forms load on first use (quick start)

        self.show_form(ChildForm(self.ctx, record_id, self))

    def new_record(self) -> None:
        from kitadesk.ui.forms.child_form import ChildForm

        self.show_form(ChildForm(self.ctx, None, self))
