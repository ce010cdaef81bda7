"""The tabs of the carer form (issue 14 item 1): Stammdaten, Erlaubnis, Nachweise & Dokumente,
Fortbildungen (with the qualification costs of R-C9), Vertretungsplatz, Notizen, Kinder.

Each tab's page is built, and its records read (one session), when the tab is first shown, so
opening the form stays quick at 10× the city. Strg+Tab / Strg+Bild↓ (and back with Umschalt /
Bild↑) switch tabs."""

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.rules.carer_records import training_years
from kitadesk.domain.rules.limits import TRAINING_HOURS_PER_YEAR
from kitadesk.formats import day, hours
from kitadesk.ops import reads
from kitadesk.ops.queries.carer_records import CarerRecords, carer_records
from kitadesk.ops.queries.lists import PlacementRow
from kitadesk.ui.context import AppContext
from kitadesk.ui.forms.carer_records import RecordModel, RecordTab
from kitadesk.ui.forms.carer_tab_keys import TAB_KEYS, TABS
from kitadesk.ui.models.base import Column
from kitadesk.ui.widgets.record_table import fit_columns, record_table
from kitadesk.ui.widgets.table_tools import TableTools

PLACEMENT_COLUMNS = (
    Column("Kind Nr.", lambda p: p.child_nr, lambda p: p.child_nr),
    Column("Kind", lambda p: p.child_name, lambda p: p.child_name, width=220),
    Column("Beginn", lambda p: day(p.beginn), lambda p: p.beginn),
    Column("Ende", lambda p: day(p.ende), lambda p: p.ende),
    Column("Wochenstunden", lambda p: hours(p.wochenstunden), lambda p: p.wochenstunden, numeric=True),
    Column("Status", lambda p: p.status, lambda p: p.status),
)
# which record tables each tab holds (kind, group title)
TAB_RECORDS = {
    "erlaubnis": (("erlaubnis", "Erlaubnisse (R-C6) – die neueste gilt; sie steht auch auf Stammdaten"),),
    "nachweise": (("nachweis", "Erstattungsnachweise (R-G4)"),
                  ("dokument", "Dokumente mit Ablauf (R-C2), auch Führungszeugnisse der Erwachsenen im Haushalt")),
    "fortbildungen": (("fortbildung", "Fortbildungen (R-C4)"), ("qualikosten", "Qualifizierungskosten (R-C9)")),
    "vertretungsplatz": (("vertretungsplatz", "Zeiträume mit Vertretungsplatz (R-G3)"),),
    "notizen": (("notiz", "Gemeldete Ereignisse (R-C8): Erkrankung im Haushalt, Haustiere, HzE, Wohnsituation"),),
}


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class CarerTabs(QTabWidget):
    """The tabs; each page is built (and its table filled) when first shown."""

    record_changed = Signal(str)  # kind, after a save or delete on a tab

    def __init__(self, ctx: AppContext, stammdaten: QWidget, extra: dict[str, QWidget] | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.extra = extra or {}
        self.records: dict[str, RecordTab] = {}
        self.data: CarerRecords | None = None
        self.carer_id: int | None = None
        self.read_only = False
        self._built: set[str] = {"stammdaten"}
        self._filled: set[str] = set()
        self._holders: dict[str, QVBoxLayout] = {}  # tab → layout its page goes into when built
        self.training_sum: QLabel | None = None
        self.placements = RecordModel(PLACEMENT_COLUMNS, self)
        self.placement_table: QTableView | None = None
        self.placement_form: QWidget | None = None
        for key, label in TABS:
            if key == "stammdaten":
                self.addTab(scrolled(stammdaten), label)
                continue
            holder = QWidget()
            self._holders[key] = QVBoxLayout(holder)
            self._holders[key].setContentsMargins(0, 0, 0, 0)
            self.addTab(holder, label)
        self.currentChanged.connect(self._fill_current)
        for keys, step in (((QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")), 1),
                           ((QKeySequence("Ctrl+Shift+Tab"), QKeySequence("Ctrl+PgUp")), -1)):
            for keyseq in keys:
                shortcut = QShortcut(keyseq, parent or self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut if parent is None
                                    else Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(lambda s=step: self.step(s))

    def _build(self, key: str) -> None:
        """The page of tab `key` (first time it is shown)."""
        if key in self._built:
            return
        self._built.add(key)
        page = QWidget()
        layout = QVBoxLayout(page)
        if key == "kinder":
            layout.addWidget(QLabel("Laufende und frühere Betreuungen dieser Tagespflegeperson – "
                                    "Doppelklick oder Eingabetaste öffnet die Betreuung."))
            table = self.placement_table = record_table(self.placements, parent=page)  # newest Beginn first
            TableTools(table, "Kinder", open_row=self.open_placement)
            table.activated.connect(lambda index: self.open_placement(index.row()))
            layout.addWidget(table, 1)
        else:
            for kind, title in TAB_RECORDS[key]:
                box = QGroupBox(title)
                inner = QVBoxLayout(box)
                tab = RecordTab(self.ctx, kind, parent=box)
                tab.changed.connect(self._record_changed)
                inner.addWidget(tab)
                if kind == "fortbildung":
                    self.training_sum = QLabel()
                    # one line (a wrapped label asks for its height at its narrowest: the page would scroll)
                    self.training_sum.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                    inner.addWidget(self.training_sum)
                self.records[kind] = tab
                layout.addWidget(box, 2 if kind == "fortbildung" else 1)
            if key in self.extra:
                layout.addWidget(self.extra[key])
        # one table scrolls itself; pages with two tables (and more) scroll as a whole on a small screen
        self._holders[key].addWidget(scrolled(page) if len(TAB_RECORDS.get(key, ())) > 1 else page)

    # -- navigation
    def step(self, by: int) -> None:
        self.setCurrentIndex((self.currentIndex() + by) % self.count())

    def show_tab(self, key: str) -> None:
        self.setCurrentIndex(TAB_KEYS.index(key) if key in TAB_KEYS else 0)

    def key(self) -> str:
        return TAB_KEYS[self.currentIndex()]

    def focus_table(self) -> None:
        """Keyboard: the first table of the current tab has the focus (arrows, Enter opens, Tab to Neu)."""
        key = self.key()
        kinds = TAB_RECORDS.get(key, ())
        table = self.records[kinds[0][0]].table if kinds else self.placement_table if key == "kinder" else None
        if table is not None:
            table.setFocus()

    # -- data
    def set_carer(self, carer_id: int, read_only: bool) -> None:
        """The carer whose records the tabs show; each tab reads its records when first shown."""
        self.carer_id, self.read_only = carer_id, read_only
        self._filled.clear()
        self._fill_current()

    def _fill_current(self, *_args) -> None:
        key = self.key()
        if key == "stammdaten":
            return
        self._build(key)
        if self.carer_id is None or key in self._filled:
            return
        self._filled.add(key)
        kinds = [kind for kind, _title in TAB_RECORDS.get(key, ())]
        data = self.data = reads.query(self.ctx.store, self.ctx.user, carer_records, self.carer_id, self.ctx.today(),
                                       kinds, placements=key == "kinder")
        if key == "kinder" and self.placement_table is not None:
            self.placements.set_rows(sorted(data.placements, key=lambda p: p.beginn, reverse=True))
            fit_columns(self.placement_table)
            return
        for kind in kinds:
            self.records[kind].set_carer(self.carer_id, data.srt, data.facts, self.read_only)
            self.records[kind].set_rows(data.records[kind])
    def fill_all(self) -> None:
        """Fill every tab now (screenshots, benchmark)."""
        current = self.currentIndex()
        for index in range(self.count()):
            self.setCurrentIndex(index)
        self.setCurrentIndex(current)

    def _show_training_sum(self) -> None:
        """R-C4: hours per calendar year against the requirement of 5 hours."""
        if self.training_sum is None:
            return
        rows = self.records["fortbildung"].model.rows()
        years = training_years((r.get("datum"), r.get("stunden")) for r in rows)
        today = self.ctx.today()
        if not any(year == today.year for year, _h, _ok in years):
            years.insert(0, (today.year, Decimal(0), False))
        parts = [f"{year}: {hours(total)} Std. {'✓' if ok else f'(Pflicht {hours(TRAINING_HOURS_PER_YEAR)})'}"
                 for year, total, ok in years[:5]]
        self.training_sum.setText("Stunden je Kalenderjahr (mindestens "
                                  f"{hours(TRAINING_HOURS_PER_YEAR)} Std., R-C4): " + " · ".join(parts))
        self.training_sum.setToolTip(self.training_sum.text())

    def _record_changed(self, kind: str) -> None:
        if kind == "fortbildung":
            self._show_training_sum()
        self.record_changed.emit(kind)

    def open_placement(self, row: int) -> None:
        from kitadesk.ui.forms.placement_form import PlacementForm  # loaded on first use

        placement: PlacementRow = self.placements.row_at(row)
        form = PlacementForm(self.ctx, placement_id=placement.id, parent=self.window())
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.placement_form = form
        form.open()

