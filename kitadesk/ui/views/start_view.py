"""Start screen: reminders (R-W1) for the user's SRT or overall, counts per SRT (R-S2) and
this month's payout status. Double-click on a reminder opens the record."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.reminder_kinds import KINDS
from kitadesk.formats import long_day
from kitadesk.ui.context import AppContext
from kitadesk.ui.forms.carer_tab_keys import tab_for_reminder
from kitadesk.ui.models.proxy import RecordFilterProxy
from kitadesk.ui.models.reminders import ReminderTableModel
from kitadesk.ui.op import error_text
from kitadesk.ui.tasks import TaskHandle, run_task
from kitadesk.ui.views.release_box import ReleaseList
from kitadesk.ui.views.start_summary import CountsBox, PayoutBox
from kitadesk.ui.widgets.table_tools import TableTools

WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


class StartView(QWidget):
    open_requested = Signal(str, int, str)  # entity, record id, tab of the carer form (carer_tab_keys)
    navigate = Signal(str)  # page key
    new_requested = Signal(str)  # page key whose "Neu …" to run
    import_requested = Signal()  # Datei → Importieren … (issue 14.1)
    filled = Signal()  # data shown (after a background load)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self._stale = False
        self.reminders: list = []
        self.loading: TaskHandle | None = None  # the running background load

        today = ctx.today()
        title = QLabel(f"Guten Tag, {ctx.display_name or ctx.user}")
        title.setObjectName("pageTitle")
        subtitle = QLabel(f"{WEEKDAYS[today.weekday()]}, {long_day(today)}")
        subtitle.setStyleSheet("color: #555;")
        self.backup_label = QLabel(ctx.backup_note)  # "Letzte Sicherung: …" (embedded database only)
        self.backup_label.setStyleSheet("color: #555;")
        self.backup_label.setVisible(bool(ctx.backup_note))

        # reminders: a work list (R-W1, issue 14 item 2)
        rbox = QGroupBox("Wiedervorlagen (fällig oder überfällig)")
        rlayout = QVBoxLayout(rbox)
        bar = QHBoxLayout()
        self.scope = QComboBox()
        if ctx.srt:
            self.scope.addItem(f"Mein SRT ({ctx.srt})", ctx.srt)
        self.scope.addItem("Alle SRT", None)
        self.scope.setToolTip("SRT")
        self.scope.currentIndexChanged.connect(self.reload_in_background)
        self.kind = QComboBox()
        self.kind.addItem("Alle Arten", None)
        for art in KINDS:
            self.kind.addItem(art, art)
        self.kind.setToolTip("Nach Art filtern")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.settled = QCheckBox("auch erledigte und zurückgestellte")
        self.settled.toggled.connect(self.reload_in_background)
        self.reminder_search = QLineEdit()
        self.reminder_search.setPlaceholderText("Suchen: Name, Nr., Hinweis …")
        self.reminder_search.setClearButtonEnabled(True)
        self.reminder_count = QLabel("Wird geladen …")  # the figures follow the first frame (issue 17)
        bar.addWidget(QLabel("Anzeigen:"))
        bar.addWidget(self.scope)
        bar.addWidget(self.kind)
        bar.addWidget(self.reminder_search, 1)
        bar.addWidget(self.settled)
        bar.addWidget(self.reminder_count)
        rlayout.addLayout(bar)
        self.reminder_model = ReminderTableModel()
        self.reminder_proxy = RecordFilterProxy(self)
        self.reminder_proxy.setSourceModel(self.reminder_model)
        self.reminder_search.textChanged.connect(self.reminder_proxy.set_search)
        self.reminder_search.textChanged.connect(self._count)
        self.reminder_table = QTableView()
        self.reminder_table.setModel(self.reminder_proxy)
        self.reminder_table.setSortingEnabled(True)
        self.reminder_table.sortByColumn(ReminderTableModel.DEFAULT_SORT, Qt.SortOrder.AscendingOrder)
        self.reminder_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.reminder_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reminder_table.setAlternatingRowColors(True)
        self.reminder_table.setWordWrap(False)
        self.reminder_table.verticalHeader().hide()
        self.reminder_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.reminder_table.horizontalHeader().setStretchLastSection(True)
        for i, col in enumerate(ReminderTableModel.COLUMNS):
            self.reminder_table.setColumnWidth(i, col.width)
        self.reminder_table.activated.connect(self._open_reminder)
        self.reminder_tools = TableTools(self.reminder_table, "Wiedervorlagen", export=self._export,
                                         open_row=lambda row: self._open_reminder(self.reminder_proxy.index(row, 0)),
                                         status=self._tell)
        rlayout.addWidget(self.reminder_table)
        actions = QHBoxLayout()
        self.done_button = QPushButton("Erledigt")
        self.done_button.setToolTip("Markierte Wiedervorlagen als erledigt kennzeichnen (mit Name und Datum)")
        self.done_button.clicked.connect(self.mark_done)
        self.later_button = QPushButton("Wiedervorlage am …")
        self.later_button.clicked.connect(self.ask_put_off)
        self.reopen_button = QPushButton("Wieder öffnen")
        self.reopen_button.clicked.connect(self.reopen)
        self.export_button = QPushButton("Exportieren (Excel) …")
        self.export_button.clicked.connect(self.reminder_tools.ask_export)
        self.detail = QLabel("Doppelklick oder Eingabetaste öffnet den Datensatz.")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #333;")
        self.detail.setMinimumHeight(2 * self.fontMetrics().height() + 4)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.reminder_table.selectionModel().currentRowChanged.connect(self._show_detail)
        actions.addWidget(self.detail, 1)
        for button in (self.done_button, self.later_button, self.reopen_button, self.export_button):
            actions.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        rlayout.addLayout(actions)

        # counts per SRT, payout status (start_summary.py)
        cbox, pbox = CountsBox(), PayoutBox(today)
        self.count_table, self.payout_label = cbox.table, pbox.label
        self.releases = ReleaseList(ctx)  # Leitung: drafts "zur Freigabe" (ui/views/release_box.py)
        pbox.box_layout.insertWidget(1, self.releases)
        pbox.go.clicked.connect(lambda: self.navigate.emit("auszahlung"))
        self._fill_counts, self._fill_payout = cbox.fill, pbox.fill

        # quick actions
        qbox = QGroupBox("Neu erfassen")
        qlayout = QVBoxLayout(qbox)
        for text, key in (("Neue Tagespflegeperson …", "tagespflegepersonen"), ("Neues Kind …", "kinder"),
                          ("Neue Betreuung …", "betreuungen")):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, k=key: self.new_requested.emit(k))
            qlayout.addWidget(button)
        self.import_button = QPushButton("Arbeitsmappe importieren …")
        self.import_button.setToolTip("Excel-Arbeitsmappe prüfen und einlesen (Datei → Importieren, Strg+I)")
        self.import_button.clicked.connect(self.import_requested.emit)
        self.import_button.setEnabled(ctx.actor.has("import"))
        qlayout.addWidget(self.import_button)
        qlayout.addStretch(1)

        grid = QGridLayout(self)
        grid.addWidget(title, 0, 0, 1, 2)
        grid.addWidget(subtitle, 1, 0, 1, 2)
        grid.addWidget(self.backup_label, 1, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(cbox, 2, 0)
        grid.addWidget(pbox, 2, 1)
        grid.addWidget(qbox, 2, 2)
        grid.addWidget(rbox, 3, 0, 1, 3)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        grid.setRowStretch(3, 1)
        ctx.bus.changed.connect(self._on_changed)

    def activate(self) -> None:
        if not self.loaded or self._stale:
            self.reload_in_background()

    def _on_changed(self, _entities) -> None:
        if not self.loaded:
            return
        if self.isVisible():
            self.reload_in_background()
        else:
            self._stale = True

    def _query(self, scope: str | None, settled: bool = False):
        from kitadesk.ops.reads import start_figures  # in the worker: not before the window shows (issue 17)

        return start_figures(self.ctx.store, self.ctx.user, self.ctx.today(), scope, settled)

    def reload(self) -> None:
        """Load and show now (blocking)."""
        self._show(self._query(self.scope.currentData(), self.settled.isChecked()), sliced=False)

    def reload_in_background(self) -> None:
        """Load off the GUI thread: the window stays usable, the figures follow (ui/tasks.py)."""
        if self.loading is not None and self.loading.is_running:
            self.loading.cancel()
        self.reminder_count.setText("Wird geladen …")
        self._stale = False
        scope, settled = self.scope.currentData(), self.settled.isChecked()
        handle = self.loading = run_task(lambda control: self._query(scope, settled))
        handle.finished.connect(lambda result, h=handle: self._show(result) if h is self.loading else None)
        handle.done.connect(lambda h=handle: setattr(h, "result", None))  # a cycle, freed late: not with the data
        handle.failed.connect(lambda exc: self.reminder_count.setText(f"Fehler beim Laden: {error_text(exc)}"))

    def _show(self, result, sliced: bool = True) -> None:
        """Show loaded data (the reminders as one model install: cheap even for thousands)."""
        self.reminders, counts, status = result
        self.loaded, self._stale = True, False
        self._fill_counts(counts)
        self._fill_payout(status)
        self.releases.refresh()
        self.reminder_model.set_rows(self.reminders)
        self._count()
        self.filled.emit()

    def _count(self) -> None:
        shown = [self.reminder_proxy.row_object(i) for i in range(self.reminder_proxy.rowCount())]
        overdue = sum(1 for r in shown if r.overdue and not (r.erledigt or r.wiedervorlage_am))
        total = len(self.reminders)
        prefix = f"{len(shown)} von {total}" if len(shown) != total else f"{total}"
        self.reminder_count.setText(f"{prefix} Einträge, davon {overdue} überfällig")

    def _kind_changed(self) -> None:
        self.reminder_proxy.set_flag(self.kind.currentData())
        self._count()

    def selected_reminders(self) -> list:
        rows = sorted({i.row() for i in self.reminder_table.selectionModel().selectedRows()})
        return [self.reminder_proxy.row_object(r) for r in rows]

    def _run(self, action, done: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        from kitadesk.errors import KitaDeskError

        try:
            changed = action(self.selected_reminders())
        except KitaDeskError as exc:
            QMessageBox.warning(self, "Wiedervorlagen", str(exc))
            return
        self._tell(done)
        self.ctx.bus.notify(changed)
        self.reload_in_background()

    def mark_done(self) -> None:
        from kitadesk.ops.reminders import mark_done

        count = len(self.selected_reminders())
        self._run(lambda rows: mark_done(self.ctx.store, self.ctx.user, rows),
                  f"{count} Wiedervorlage{'n' if count != 1 else ''} als erledigt gekennzeichnet.")

    def put_off(self, until) -> None:
        from kitadesk.ops.reminders import put_off

        self._run(lambda rows: put_off(self.ctx.store, self.ctx.user, rows, until, self.ctx.today()),
                  f"Wiedervorlage am {until:%d.%m.%Y}.")

    def ask_put_off(self) -> None:
        from datetime import timedelta

        from PySide6.QtWidgets import QInputDialog

        default = (self.ctx.today() + timedelta(days=14)).strftime("%d.%m.%Y")
        text, ok = QInputDialog.getText(self, "Wiedervorlage", "Wieder vorlegen am (TT.MM.JJJJ):", text=default)
        if ok and text.strip():
            from datetime import datetime

            try:
                until = datetime.strptime(text.strip(), "%d.%m.%Y").date()
            except ValueError:
                self._tell(f"„{text}“ ist kein Datum (TT.MM.JJJJ).")
                return
            self.put_off(until)

    def reopen(self) -> None:
        from kitadesk.ops.reminders import reopen

        self._run(lambda rows: reopen(self.ctx.store, self.ctx.user, rows), "Wiedervorlage wieder geöffnet.")

    def _export(self, path, header, rows):
        from kitadesk.ops.list_export import export_list

        return export_list(self.ctx.store, self.ctx.user, path, "Wiedervorlagen", header, rows)

    def _tell(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    def _show_detail(self, current, *_args) -> None:
        r = self.reminder_proxy.row_object(current.row()) if current.isValid() else None
        if r is not None:
            self.detail.setText(f"{r.art} – {r.nr} {r.name}: {r.hinweis}  (Doppelklick öffnet den Datensatz)")

    def _open_reminder(self, index) -> None:
        r = self.reminder_proxy.row_object(index.row())
        if r is not None and r.record_id is not None:
            tab = tab_for_reminder(r.art) if r.entity == "carer" else ""
            self.open_requested.emit(r.entity, r.record_id, tab)
