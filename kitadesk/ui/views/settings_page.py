"""Screen "Einstellungen": the Auslegungen (generated from domain.settings.REGISTRY,
berechnung.md §11), rate tables (R-G2) and fee tables (R-E1), letter text blocks (R-V2), SRT
contact blocks and the payer data of the SEPA file. Users without the right see everything
read-only (fields disabled, with a hint naming the right)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.settings import HOCHRECHNUNG, PAYER, REGISTRY, SYSTEM, Setting
from kitadesk.ops.letters.office import TEXT_SETTINGS, load_office, set_letter_setting
from kitadesk.ops.letters.rueckforderung import DEFAULTS as RUECK_DEFAULTS
from kitadesk.ops.rate_tables import save_srt_contact, srt_contacts
from kitadesk.ops.settings import list_settings, set_setting
from kitadesk.reports.letters import TEXT_BLOCKS
from kitadesk.ui.context import AppContext
from kitadesk.ui.widgets.fee_table_editor import FeesTab
from kitadesk.ui.widgets.rate_table_editor import RatesTab
from kitadesk.ui.widgets.settings_tab import SettingsTab, call_op

SRT_COLUMNS = (("bezeichnung", "Bezeichnung"), ("ansprechpartner", "Ansprechpartner"), ("raum", "Raum"),
               ("telefon", "Telefon"), ("email", "E-Mail"))
RUECK_LABELS = {"betreff": "Betreff", "entscheidung": "Entscheidung", "betrag": "Betrag",
                "begruendung": "Begründung"}


CHOICES = {  # stored value → how the screen shows it
    "4.33": "4,33", "4.35": "4,35", "zaehlt": "zählt", "hoechste_stufe": "höchste Stufe",
    "keine_festsetzung": "keine Festsetzung", "nur_hoechster": "nur der höchste Beitrag",
    "alle_zahlen": "alle Kinder zahlen", "5_jahre_und_fortbildung": "5 Jahre und Fortbildung",
    "betreuung": "Betreuung", "betreuung_und_mba": "Betreuung und MBA", "kalenderjahr": "Kalenderjahr",
    "kitajahr": "Kitajahr", "arbeitstage": "Arbeitstage", "kalendertage": "Kalendertage",
    "geburtstag": "am 3. Geburtstag",
    "vertretung": "Satz der Vertretung", "original": "Satz der vertretenen Person", "weiter": "läuft weiter",
}


def choice_text(setting: Setting, value: str) -> str:
    text = CHOICES.get(value, value.replace("_", " "))
    return f"{text} (Standard)" if value == setting.default else text


class RegistryTab(SettingsTab):
    """One row per registry entry of `SETTINGS`: label, explanation, choices (or a number),
    default marked (domain/settings.py)."""

    SETTINGS: tuple[Setting, ...] = ()

    def __init__(self, ctx: AppContext, on_saved, parent=None):
        super().__init__(ctx, on_saved, parent)
        self.widgets: dict[str, QWidget] = {}
        self.stored: dict[str, str] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(3)
        for i, s in enumerate(self.SETTINGS):
            name = QLabel(f"<b>{s.label}</b> <span style='color:#777'>({s.section})</span>")
            if s.free_value:
                widget = QSpinBox()
                widget.setRange(*s.bounds)
                widget.valueChanged.connect(self._dirty)
            else:
                widget = QComboBox()
                for value in s.choices:
                    widget.addItem(choice_text(s, value), value)
                widget.currentIndexChanged.connect(self._dirty)
            widget.setEnabled(self.editable)
            widget.setMinimumWidth(220)
            widget.setToolTip(f"Einstellung {s.name}, Standard: {s.default}")
            self.widgets[s.name] = widget
            explanation = QLabel(s.explanation)
            explanation.setWordWrap(True)
            explanation.setStyleSheet("color: #555;")
            explanation.setContentsMargins(0, 0, 0, 8)
            grid.addWidget(name, 2 * i, 0, 1, 2)
            grid.addWidget(widget, 2 * i, 2, 2, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(explanation, 2 * i + 1, 0, 1, 2)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.body.addWidget(scroll, 1)
        self.save_button = self.button("Speichern", self.save)
        self.reset_button = self.button("Verwerfen", self.reload, editing=False)
        self.button_bar(self.reset_button, self.save_button)

    def reload(self) -> None:
        names = {s.name for s in self.SETTINGS}
        states = call_op(self, lambda: list_settings(self.ctx.store, self.ctx.user)) or []
        self.stored = {st.setting.name: st.value for st in states if st.setting.name in names}
        for name, value in self.stored.items():
            self.set_value(name, value)
        self._dirty()

    def value(self, name: str) -> str:
        widget = self.widgets[name]
        return str(widget.value()) if isinstance(widget, QSpinBox) else widget.currentData()

    def set_value(self, name: str, value: str) -> None:
        widget = self.widgets[name]
        widget.blockSignals(True)
        if isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        else:
            widget.setCurrentIndex(max(widget.findData(value), 0))
        widget.blockSignals(False)
        self._dirty()

    def changes(self) -> dict[str, str]:
        return {n: self.value(n) for n in self.widgets if self.value(n) != self.stored.get(n)}

    def _dirty(self, *_args) -> None:
        changed = self.changes()
        self.save_button.setEnabled(self.editable and bool(changed))
        self.reset_button.setEnabled(bool(changed))
        if changed:
            self.status.setText("")

    def save(self) -> bool:
        changed = self.changes()
        for name, value in changed.items():
            if call_op(self, lambda n=name, v=value: set_setting(self.ctx.store, self.ctx.user, n, v)) is None:
                self._dirty()
                return False
            self.stored[name] = value  # saved (the next one may still be refused)
        self.reload()
        labels = ", ".join(s.label for s in self.SETTINGS if s.name in changed)
        self.status.setText(f"Gespeichert: {labels}.")
        self.on_saved()
        return True


class SystemTab(RegistryTab):
    SETTINGS = SYSTEM
    INTRO = ("Anmeldung, tägliche Sicherung der eingebetteten Datenbank und Aufbewahrungsfrist (Datenschutz). "
             "Auch über die Befehlszeile: kitadesk einstellungen NAME WERT.")


class AuslegungenTab(RegistryTab):
    SETTINGS = (*REGISTRY, *HOCHRECHNUNG)  # the projection's assumption is shown with the Auslegungen
    INTRO = ("Wo die Richtlinien Spielraum lassen, legt das Amt die Auslegung fest. Änderungen gelten ab der "
             "nächsten Berechnung; abgeschlossene Läufe behalten ihre Einstellungen.")



class TextBlocksTab(SettingsTab):
    """Letter text blocks: edit, see the placeholders, reset to the default."""

    def __init__(self, ctx: AppContext, on_saved, parent=None):
        super().__init__(ctx, on_saved, parent)
        self.overrides: dict[str, str] = {}
        self.list = QListWidget()
        self.list.setFixedWidth(390)
        self.list.currentRowChanged.connect(self._show)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(not self.editable)
        self.placeholders = QListWidget()
        self.placeholders.setMaximumHeight(64)
        self.placeholders.setFlow(QListWidget.Flow.LeftToRight)
        self.placeholders.setWrapping(True)
        self.placeholders.setToolTip("Doppelklick fügt den Platzhalter an der Schreibmarke ein")
        self.placeholders.itemDoubleClicked.connect(self._insert)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.editor, 1)
        right.addWidget(QLabel("Platzhalter (Doppelklick fügt ein; eine Leerzeile beginnt einen neuen Absatz):"))
        right.addWidget(self.placeholders)
        self.default_button = self.button("Standard wiederherstellen", self.reset_default)
        self.save_button = self.button("Speichern", lambda: self.save())
        self.button_bar(self.default_button, self.save_button, layout=right)
        row = QHBoxLayout()
        row.addWidget(self.list)
        row.addLayout(right, 1)
        self.body.addLayout(row, 1)

    @staticmethod
    def label(key: str) -> str:
        if key in TEXT_BLOCKS:
            return TEXT_BLOCKS[key].label
        return f"Rückforderung: {RUECK_LABELS.get(key.split('.', 1)[1], key)}"

    @staticmethod
    def default(key: str) -> str:
        return TEXT_BLOCKS[key].default if key in TEXT_BLOCKS else RUECK_DEFAULTS[key]

    @staticmethod
    def placeholder_names(key: str) -> tuple[str, ...]:
        block = TEXT_BLOCKS.get(key) or TEXT_BLOCKS["aenderung." + key.split(".", 1)[1]]
        return block.placeholders

    def reload(self) -> None:
        with self.ctx.session() as session:
            self.overrides = load_office(session).overrides
        current = self.current_name()
        self.list.blockSignals(True)
        self.list.clear()
        for name, key in TEXT_SETTINGS.items():
            item = QListWidgetItem(self.label(key) + (" (geändert)" if key in self.overrides else ""))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        self.list.blockSignals(False)
        names = list(TEXT_SETTINGS)
        self.list.setCurrentRow(names.index(current) if current in names else 0)

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, name: str) -> None:
        self.list.setCurrentRow(list(TEXT_SETTINGS).index(name))

    def _show(self, _row: int) -> None:
        name = self.current_name()
        if name is None:
            return
        key = TEXT_SETTINGS[name]
        self.title.setText(f"{self.label(key)}  –  {name}")
        self.editor.setPlainText(self.overrides.get(key, self.default(key)))
        self.placeholders.clear()
        self.placeholders.addItems("{" + p + "}" for p in self.placeholder_names(key))
        self.status.setText("Geänderte Fassung" if key in self.overrides else "Standardtext")

    def _insert(self, item) -> None:
        if self.editable:
            self.editor.insertPlainText(item.text())
            self.editor.setFocus()

    def save(self, text: str | None = None) -> bool:
        name = self.current_name()
        value = self.editor.toPlainText() if text is None else text
        if name is None or call_op(self, lambda: set_letter_setting(self.ctx.store, self.ctx.user, name, value),
                                   "Textbaustein") is None:
            return False
        self.reload()
        self.status.setText("Gespeichert.")
        self.on_saved()
        return True

    def reset_default(self) -> bool:
        name = self.current_name()
        return name is not None and self.save(self.default(TEXT_SETTINGS[name]))


class SrtTab(SettingsTab):
    """Contact blocks of the three SRT desks, printed on every letter (R-V2)."""

    INTRO = ("Kontaktblock je Sozialraumteam auf den Bescheiden (Bezeichnung, Ansprechpartner, Raum, Telefon, "
             "E-Mail). Zellen zum Ändern doppelt anklicken.")

    def __init__(self, ctx: AppContext, on_saved, parent=None):
        super().__init__(ctx, on_saved, parent)
        self.rows = []
        self.table = QTableWidget(0, len(SRT_COLUMNS))
        self.table.setHorizontalHeaderLabels([label for _k, label in SRT_COLUMNS])
        self.table.horizontalHeader().setStretchLastSection(True)
        for c, width in enumerate((330, 200, 110, 140)):
            self.table.setColumnWidth(c, width)
        if not self.editable:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.body.addWidget(self.table)
        self.save_button = self.button("Speichern", self.save)
        self.button_bar(self.save_button)
        self.body.addStretch(1)

    def reload(self) -> None:
        self.rows = srt_contacts(self.ctx.store)
        self.table.setRowCount(len(self.rows))
        self.table.setVerticalHeaderLabels([f"SRT {r.srt}" for r in self.rows])
        for r, row in enumerate(self.rows):
            for c, (key, _label) in enumerate(SRT_COLUMNS):
                self.table.setItem(r, c, QTableWidgetItem(getattr(row, key)))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + 3 * self.table.rowHeight(0) + 6)

    def values(self, r: int) -> dict[str, str]:
        return {key: self.table.item(r, c).text() for c, (key, _label) in enumerate(SRT_COLUMNS)}

    def save(self) -> bool:
        saved = []
        for r, row in enumerate(self.rows):
            values = self.values(r)
            if row.id is not None and all(values[k] == getattr(row, k) for k in values):
                continue
            if call_op(self, lambda row=row, values=values: save_srt_contact(self.ctx.store, self.ctx.user, row.srt, values, row.version),
                       "SRT-Kontakt") is None:
                return False
            saved.append(row.srt)
        self.reload()
        self.status.setText(f"Gespeichert: SRT {', '.join(saved)}." if saved else "Keine Änderungen.")
        self.on_saved()
        return True


class PaymentTab(SettingsTab):
    """Payer of the SEPA credit transfers (domain.settings.PAYER)."""

    INTRO = ("Auftraggeberkonto der SEPA-Überweisungen (pain.001). Die Vorgaben sind Beispielwerte – bitte die "
             "Daten der Stadtkasse eintragen.")

    def __init__(self, ctx: AppContext, on_saved, parent=None):
        super().__init__(ctx, on_saved, parent)
        self.stored: dict[str, str] = {}
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for setting in PAYER:
            name = setting.name
            edit = self.fields[name] = QLineEdit()
            edit.setReadOnly(not self.editable)
            edit.setEnabled(self.editable)
            edit.setMaximumWidth(420)
            edit.setPlaceholderText(setting.default or "leer = neueste unterstützte Version")
            form.addRow(setting.label, edit)
        self.body.addLayout(form)
        self.save_button = self.button("Speichern", self.save)
        self.button_bar(self.save_button)
        self.body.addStretch(1)

    def reload(self) -> None:
        names = {s.name for s in PAYER}
        states = call_op(self, lambda: list_settings(self.ctx.store, self.ctx.user), "Zahlungsdaten") or []
        self.stored = {st.setting.name: st.value for st in states if st.setting.name in names}
        for name, value in self.stored.items():
            self.fields[name].setText(value)

    def save(self) -> bool:
        changed = {n: f.text().strip() for n, f in self.fields.items() if f.text().strip() != self.stored[n]}
        for name, value in changed.items():
            if call_op(self, lambda n=name, v=value: set_setting(self.ctx.store, self.ctx.user, n, v),
                       "Zahlungsdaten") is None:
                return False
            self.stored[name] = value
        self.reload()
        self.status.setText(f"Gespeichert: {', '.join(s.label for s in PAYER if s.name in changed)}." if changed
                            else "Keine Änderungen.")
        self.on_saved()
        return True


class SettingsPage(QWidget):
    TABS = ("Auslegungen", "Satztabellen", "Beitragstabellen", "Textbausteine", "SRT-Kontakte", "Zahlungsdaten",
            "System")

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        title = QLabel("Einstellungen")
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        self.auslegungen = self.rates = self.fees = self.texts = self.srt = self.payment = self.system = None

    def activate(self) -> None:
        """Build and load the tabs when the page is first shown (small reads in the GUI thread)."""
        if self.loaded:
            return
        notify = lambda: self.ctx.bus.notify({"settings"})  # noqa: E731
        self.auslegungen = AuslegungenTab(self.ctx, notify)
        self.rates = RatesTab(self.ctx, notify)
        self.fees = FeesTab(self.ctx, notify)
        self.texts = TextBlocksTab(self.ctx, notify)
        self.srt = SrtTab(self.ctx, notify)
        self.payment = PaymentTab(self.ctx, notify)
        self.system = SystemTab(self.ctx, notify)
        for label, tab in zip(self.TABS, (self.auslegungen, self.rates, self.fees, self.texts, self.srt,
                                          self.payment, self.system)):
            self.tabs.addTab(tab, label)
            if hasattr(tab, "reload") and tab not in (self.rates, self.fees):
                tab.reload()
        from kitadesk.ui.views.privacy_tab import PrivacyTab  # issue 17 item 5

        self.tabs.addTab(PrivacyTab(self.ctx), "Datenschutz")
        self.loaded = True

    def show_tab(self, label: str) -> None:
        self.activate()
        self.tabs.setCurrentIndex(self.TABS.index(label))
