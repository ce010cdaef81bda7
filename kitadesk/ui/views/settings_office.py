"""Tabs "SRT-Kontakte" and "Zahlungsdaten" of the settings screen: the desks' contacts on the
letters and the payer's account (SEPA), saved through the ops."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
)

from kitadesk.domain.settings import PAYER
from kitadesk.ops.rate_tables import save_srt_contact, srt_contacts
from kitadesk.ops.settings import list_settings, set_setting
from kitadesk.ui.context import AppContext
from kitadesk.ui.widgets.settings_tab import SettingsTab, call_op

SRT_COLUMNS = (("bezeichnung", "Bezeichnung"), ("ansprechpartner", "Ansprechpartner"), ("raum", "Raum"),
               ("telefon", "Telefon"), ("email", "E-Mail"))


class SrtTab(SettingsTab):
    """Contact blocks of the three SRT desks, printed on every letter (R-V2)."""

    INTRO = ("Kontaktblock je Sozialraumteam auf den Bescheiden (Bezeichnung, Ansprechpartner, Raum, Telefon, "
             "E-Mail). Zellen zum Ändern doppelt anklicken.")

    def __init__(self, ctx: AppContext, on_saved, parent=None):
        super().__init__(ctx, on_saved, parent)
        self.rows: list = []
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
        return {key: cell.text() if (cell := self.table.item(r, c)) else "" for c, (key, _label) in enumerate(SRT_COLUMNS)}

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
