"""Start screen: reminders (R-W1) for the user's SRT or overall, counts per SRT (R-S2) and
this month's payout status. Double-click on a reminder opens the record."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kitadesk.formats import day, long_day, money, month_label
from kitadesk.ops.queries import (
    carer_rows,
    payout_status,
    placement_rows,
    reminder_rows,
    srt_counts,
    total_count,
)
from kitadesk.ui.context import AppContext
from kitadesk.ui.tasks import gc_held, in_slices, run_task

REMINDER_COLUMNS = ("Fällig", "SRT", "Art", "Nr. – Name", "Hinweis")
COUNT_COLUMNS = ("SRT", "Tagespflege-\npersonen", "Kinder\nbetreut", "Plätze", "frei", "Erlaubnis\nläuft ab")
OVERDUE = QBrush(QColor("#b00020"))
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def _table(columns) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


class StartView(QWidget):
    open_requested = Signal(str, int)  # entity, record id
    navigate = Signal(str)  # page key
    new_requested = Signal(str)  # page key whose "Neu …" to run
    filled = Signal()  # data shown (after a background load)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self._stale = False
        self.reminders: list = []
        self.loading = None  # the running background load (TaskHandle)
        self._filling = None  # the timer filling the reminders in slices (after a background load)

        today = ctx.today()
        title = QLabel(f"Guten Tag, {ctx.display_name or ctx.user}")
        title.setObjectName("pageTitle")
        subtitle = QLabel(f"{WEEKDAYS[today.weekday()]}, {long_day(today)}")
        subtitle.setStyleSheet("color: #555;")
        self.backup_label = QLabel(ctx.backup_note)  # "Letzte Sicherung: …" (embedded database only)
        self.backup_label.setStyleSheet("color: #555;")
        self.backup_label.setVisible(bool(ctx.backup_note))

        # reminders
        rbox = QGroupBox("Wiedervorlagen (fällig oder überfällig)")
        rlayout = QVBoxLayout(rbox)
        bar = QHBoxLayout()
        self.scope = QComboBox()
        if ctx.srt:
            self.scope.addItem(f"Mein SRT ({ctx.srt})", ctx.srt)
        self.scope.addItem("Alle SRT", None)
        self.scope.currentIndexChanged.connect(self.reload_in_background)
        self.reminder_count = QLabel()
        bar.addWidget(QLabel("Anzeigen:"))
        bar.addWidget(self.scope)
        bar.addWidget(self.reminder_count, 1)
        rlayout.addLayout(bar)
        self.reminder_table = _table(REMINDER_COLUMNS)
        self.reminder_table.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate((82, 80, 240, 210)):
            self.reminder_table.setColumnWidth(i, width)
        self.reminder_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.reminder_table.activated.connect(self._open_reminder)
        rlayout.addWidget(self.reminder_table)
        self.detail = QLabel("Doppelklick oder Eingabetaste öffnet den Datensatz.")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #333;")
        self.detail.setMinimumHeight(2 * self.fontMetrics().height() + 4)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.reminder_table.currentCellChanged.connect(self._show_detail)
        rlayout.addWidget(self.detail)

        # counts per SRT
        cbox = QGroupBox("Übersicht je SRT (heute)")
        clayout = QVBoxLayout(cbox)
        self.count_table = _table(COUNT_COLUMNS)
        self.count_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.count_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.count_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.count_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        clayout.addWidget(self.count_table)

        # payout status
        pbox = QGroupBox(f"Auszahlung {month_label(today.year, today.month)}")
        playout = QVBoxLayout(pbox)
        self.payout_label = QLabel()
        self.payout_label.setWordWrap(True)
        playout.addWidget(self.payout_label)
        go = QPushButton("Zur Auszahlung")
        go.clicked.connect(lambda: self.navigate.emit("auszahlung"))
        playout.addWidget(go, 0, Qt.AlignmentFlag.AlignLeft)
        playout.addStretch(1)

        # quick actions
        qbox = QGroupBox("Neu erfassen")
        qlayout = QVBoxLayout(qbox)
        for text, key in (("Neue Tagespflegeperson …", "tagespflegepersonen"), ("Neues Kind …", "kinder"),
                          ("Neue Betreuung …", "betreuungen")):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, k=key: self.new_requested.emit(k))
            qlayout.addWidget(button)
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

    def _query(self, scope: str | None):
        today = self.ctx.today()
        with gc_held(), self.ctx.session() as s:  # no full collection amid the rows (ui/tasks.py)
            reminders = reminder_rows(s, today, srt=scope)
            counts = srt_counts(carer_rows(s, today), placement_rows(s, today))
            status = payout_status(s, today.year, today.month)
        return reminders, counts + [total_count(counts)], status

    def reload(self) -> None:
        """Load and show now (blocking)."""
        self._show(self._query(self.scope.currentData()), sliced=False)

    def reload_in_background(self) -> None:
        """Load off the GUI thread: the window stays usable, the figures follow (ui/tasks.py)."""
        if self.loading is not None and self.loading.is_running:
            self.loading.cancel()
        self.reminder_count.setText("Wird geladen …")
        self._stale = False
        scope = self.scope.currentData()
        handle = self.loading = run_task(lambda control: self._query(scope))
        handle.finished.connect(lambda result, h=handle: self._show(result) if h is self.loading else None)
        handle.failed.connect(lambda exc: self.reminder_count.setText(f"Fehler beim Laden: {exc}"))

    def _show(self, result, sliced: bool = True) -> None:
        """Show loaded data; `sliced`: the reminders in slices (thousands at 10×, see in_slices)."""
        self.reminders, counts, status = result
        self.loaded, self._stale = True, False
        self._fill_counts(counts)
        self._fill_payout(status)
        if self._filling is not None:
            self._filling.stop()  # an older fill still running
            self._filling.deleteLater()
            self._filling = None
        table = self.reminder_table
        table.setRowCount(0)  # drop the old items …
        table.setRowCount(len(self.reminders))  # … and make room for the new ones
        overdue = sum(1 for r in self.reminders if r.overdue)
        self.reminder_count.setText(f"{len(self.reminders)} Einträge, davon {overdue} überfällig")
        if sliced:
            self._filling = in_slices(self, len(self.reminders), self._fill_reminders, done=self._filled)
        else:
            self._fill_reminders(0, len(self.reminders))
            self.filled.emit()

    def _filled(self) -> None:
        self._filling = None
        self.filled.emit()

    def _fill_reminders(self, start: int, end: int) -> None:
        table = self.reminder_table
        for i in range(start, end):
            r = self.reminders[i]
            for j, text in enumerate((day(r.faellig), r.srt, r.art, f"{r.nr} – {r.name}", r.hinweis)):
                item = QTableWidgetItem(text)
                if r.overdue:
                    item.setForeground(OVERDUE)
                if j == 4:
                    item.setToolTip(r.hinweis)
                table.setItem(i, j, item)

    def _fill_counts(self, counts) -> None:
        table = self.count_table
        table.setRowCount(len(counts))
        for i, c in enumerate(counts):
            values = (c.srt, c.tagespflegepersonen, c.kinder_in_betreuung, c.plaetze, c.frei, c.erlaubnis_laeuft_ab)
            for j, value in enumerate(values):
                item = QTableWidgetItem(f"{value:,}".replace(",", ".") if isinstance(value, int) else value)
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c.srt == "Gesamt":
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(i, j, item)
        table.resizeRowsToContents()
        header = table.horizontalHeader().height()
        table.setFixedHeight(header + sum(table.rowHeight(i) for i in range(table.rowCount())) + 4)

    def _fill_payout(self, status) -> None:
        if status.lauf is None:
            text = "Für diesen Monat ist noch kein Auszahlungslauf berechnet."
        else:
            when = status.erstellt_am.strftime("%d.%m.%Y") if status.erstellt_am else ""
            text = (f"Lauf {status.jahr:04d}-{status.monat:02d}/{status.lauf}: {status.status}\n"
                    f"Summe {money(status.summe)} — erstellt {when} von {status.erstellt_von}")
        self.payout_label.setText(text)

    def _show_detail(self, row: int, *_args) -> None:
        if 0 <= row < len(self.reminders):
            r = self.reminders[row]
            self.detail.setText(f"{r.art} – {r.nr} {r.name}: {r.hinweis}  (Doppelklick öffnet den Datensatz)")

    def _open_reminder(self, index) -> None:
        r = self.reminders[index.row()]
        if r.record_id is not None:
            self.open_requested.emit(r.entity, r.record_id)
