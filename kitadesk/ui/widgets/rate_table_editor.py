"""Rate tables (Satztabellen, R-G2, berechnung.md §2) on the settings screen: the list, the
editor dialog and the yearly raise — the app proposes +1,5 % from 1 January, a person reviews
and confirms it (ops.rates). Entering needs „Einstellungen ändern“ or „Satztabellen
bestätigen“, confirming the latter (ops.rate_tables module doc)."""

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
)

from kitadesk.domain.inputs import RateTable
from kitadesk.formats import day, money
from kitadesk.ops.rate_tables import may_edit_rates, rate_table_problems, rate_tables, save_rate_table
from kitadesk.ops.rates import confirm_rate_table, propose_raise
from kitadesk.ui.widgets.fields import DateField, DecimalField
from kitadesk.ui.widgets.settings_tab import EditorDialog, SettingsTab, call_op, read_only_hint
from kitadesk.ui.widgets.why_panel import rate_text

# (field, label, unit, required)
FIELDS = (
    ("stundensatz_basis", "Stundensatz Basis", "€/Std.", True),
    ("stundensatz_qualifiziert", "Stundensatz qualifiziert", "€/Std.", True),
    ("randzeitzuschlag", "Randzeitzuschlag", "€/Std. und Kind", True),
    ("vertretungsplatz_pauschale", "Vertretungsplatzpauschale", "€/Monat", False),
    ("zuschlag_besonderer_bedarf_prozent", "Zuschlag besonderer Bedarf", "%", True),
    ("hoechstbetrag_unfallversicherung", "Höchstbetrag Unfallversicherung", "€/Monat, leer = keiner", False),
    ("mindestbeitrag_alterssicherung", "Mindestbeitrag Alterssicherung", "€/Monat, leer = keiner", False),
    ("hoechstbetrag_kranken_pflege", "Höchstbetrag Kranken-/Pflegeversicherung", "€/Monat, leer = keiner", False),
)
COLUMNS = ("Gültig ab", "Basis", "Qualifiziert", "Randzeit", "Vertretungsplatz", "Zuschlag",
           "Höchstbeträge Unfall / Alter / Kranken", "Bestätigt")


def _value_text(name: str, value) -> str:
    if value is None:
        return "–"
    if name.endswith("prozent"):
        return f"{value.normalize():f} %".replace(".", ",")
    return rate_text(value) if name != "vertretungsplatz_pauschale" else money(value)


def _edit_text(value) -> str:
    """6.7000 → '6,70', 1.2345 → '1,2345', 30 → '30,00' (no precision lost in the editor)."""
    return rate_text(value).removesuffix(" €")


class RateTableDialog(EditorDialog):
    """Edit one rate table; `base` shows the table it was derived from (raise proposal).
    `actions` = ((button text, callback(table) → bool closes), …); read-only without actions."""

    def __init__(self, table: RateTable | None, title: str, note: str = "", base: RateTable | None = None,
                 actions: tuple = (), parent=None):
        super().__init__(title, parent)
        self.setMinimumWidth(720)
        layout = self.body
        self.note = read_only_hint(note)
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        form = QFormLayout()
        self.date = DateField(table.gueltig_ab if table else None)
        form.addRow("Gültig ab", self.date)
        self.fields: dict[str, DecimalField] = {}
        for name, label, unit, _required in FIELDS:
            field = self.fields[name] = DecimalField()
            field.setText(_edit_text(getattr(table, name) if table else None))
            field.setFixedWidth(110)
            row = QHBoxLayout()
            row.addWidget(field)
            row.addWidget(QLabel(unit))
            if base is not None:
                old = QLabel(f"bisher {_value_text(name, getattr(base, name))}")
                old.setStyleSheet("color: #555;")
                row.addWidget(old)
            row.addStretch(1)
            form.addRow(label, row)
        layout.addLayout(form)
        self.buttons = self.add_buttons(actions, "Abbrechen" if actions else "Schließen")
        if not actions:
            self.date.setReadOnly(True)
            for field in self.fields.values():
                field.setReadOnly(True)

    def table(self) -> RateTable:
        """The entered table; ValueError with every German message."""
        problems, values = [], {}
        try:
            values["gueltig_ab"] = self.date.value()
        except ValueError as exc:
            problems.append(f"Gültig ab: {exc}")
            values["gueltig_ab"] = None
        for name, label, _unit, required in FIELDS:
            try:
                values[name] = self.fields[name].value()
            except ValueError as exc:
                problems.append(f"{label}: {exc}")
                values[name] = None
            if values[name] is None and required:
                problems.append(f"{label}: bitte angeben.")
        if values["vertretungsplatz_pauschale"] is None:
            values["vertretungsplatz_pauschale"] = Decimal("0")
        if not problems:
            problems = rate_table_problems(RateTable(**values))
        if problems:
            raise ValueError("\n".join(dict.fromkeys(problems)))
        return RateTable(**values)


class RatesTab(SettingsTab):
    """List of rate tables with "Neu …", "Bearbeiten …", "Bestätigen …" and the raise proposal."""

    INTRO = ("Stundensätze und Zuschläge mit „gültig ab“. Es gilt die Tabelle mit dem letzten „gültig ab“ bis "
             "zum jeweiligen Tag. Neue oder geänderte Tabellen bestätigt die Leitung; bestätigte Tabellen werden "
             "nicht mehr geändert.")
    READ_ONLY_HINT = ("Nur lesen: Satztabellen erfassen dürfen Benutzer mit dem Recht „Satztabellen erfassen "
                      "(Entwurf)“ (Leitung, Admin).")

    def __init__(self, ctx, on_saved: Callable[[], None] = lambda: None, parent=None):
        super().__init__(ctx, on_saved, parent)
        self.rows = []
        self.dialog: RateTableDialog | None = None
        self.may_confirm = ctx.actor.has("saetze_bestaetigen")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.edit)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.body.addWidget(self.table, 1)
        self.new_button = self.button("Neu …", self.new, editing=False)        # states: _update_buttons
        self.edit_button = self.button("Bearbeiten …", self.edit, editing=False)
        self.confirm_button = self.button(
            "Bestätigen …", self.confirm_selected, "Die ausgewählte Tabelle bestätigen (Recht „Satztabellen "
            "bestätigen“)", editing=False)
        self.raise_button = self.button(
            "Erhöhung zum 1. Januar vorschlagen", self.propose, "Schlägt die Tabelle ab 1. Januar des nächsten "
            "Jahres vor: beide Stundensätze × 1,015, auf den Cent gerundet – zur Prüfung", editing=False)
        self.button_bar(self.raise_button, left=(self.new_button, self.edit_button, self.confirm_button),
                        status=False)
        self.reload()

    @staticmethod
    def allowed(ctx) -> bool:
        return may_edit_rates(ctx.actor)

    def reload(self) -> None:
        self.rows = rate_tables(self.ctx.store)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            t = row.table
            state = (f"{row.confirmed_by}, {row.confirmed_at:%d.%m.%Y}" if row.confirmed else "nicht bestätigt")
            values = (day(t.gueltig_ab), rate_text(t.stundensatz_basis), rate_text(t.stundensatz_qualifiziert),
                      rate_text(t.randzeitzuschlag), money(t.vertretungsplatz_pauschale),
                      _value_text("prozent", t.zuschlag_besonderer_bedarf_prozent),
                      " / ".join(money(v) if v is not None else "–" for v in (
                          t.hoechstbetrag_unfallversicherung, t.mindestbeitrag_alterssicherung,
                          t.hoechstbetrag_kranken_pflege)),
                      state + (" · Beispielwerte" if row.example else ""))
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if 0 < c < 7:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        if self.rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.new_button.setEnabled(self.editable)
        self.edit_button.setEnabled(row is not None)
        self.edit_button.setText("Bearbeiten …" if self.editable and row and not row.confirmed else "Ansehen …")
        self.confirm_button.setEnabled(self.may_confirm and row is not None and not row.confirmed)

    def _open(self, dialog: RateTableDialog) -> RateTableDialog:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # window-modal, not blocking
        return dialog

    def _saved(self) -> bool:
        self.reload()
        self.on_saved()
        return True

    def new(self):
        latest = self.rows[0].table if self.rows else None
        start = replace(latest, gueltig_ab=None) if latest else None
        return self._open(RateTableDialog(start, "Neue Satztabelle", "Die neue Tabelle ist zunächst nicht "
                                          "bestätigt.", actions=(("Speichern", self._save_new),), parent=self))

    def _save_new(self, table: RateTable) -> bool:
        save_rate_table(self.ctx.store, self.ctx.user, table)
        return self._saved()

    def edit(self, *_args):
        row = self.selected()
        if row is None:
            return None
        title = f"Satztabelle gültig ab {day(row.table.gueltig_ab)}"
        if row.confirmed or not self.editable:
            note = (f"Bestätigt von {row.confirmed_by} am {row.confirmed_at:%d.%m.%Y} – wird nicht mehr geändert."
                    if row.confirmed else "Nur lesen.")
            return self._open(RateTableDialog(row.table, title, note, parent=self))

        def save(table: RateTable) -> bool:
            save_rate_table(self.ctx.store, self.ctx.user, table, row.id, row.version)
            return self._saved()

        actions = (("Speichern", save),)
        if self.may_confirm:
            actions += (("Speichern und bestätigen", lambda t: self._confirm(t, save)),)
        return self._open(RateTableDialog(row.table, title, "Noch nicht bestätigt.", actions=actions, parent=self))

    def _confirm(self, table: RateTable, save=None) -> bool:
        if save is not None:
            save(table)
        confirm_rate_table(self.ctx.store, self.ctx.user, table)
        return self._saved()

    def confirm_selected(self) -> None:
        row = self.selected()
        if row is None or row.confirmed:
            return
        answer = QMessageBox.question(self, "Satztabelle bestätigen",
                                      f"Die Satztabelle gültig ab {day(row.table.gueltig_ab)} bestätigen?\n"
                                      "Danach wird sie nicht mehr geändert.")
        if answer == QMessageBox.StandardButton.Yes:
            call_op(self, lambda: self._confirm(row.table), "Satztabelle")

    def propose(self):
        """Show next year's proposal (+1,5 %) for review; "Bestätigen" stores it (Leitung)."""
        year = self.ctx.today().year + 1
        proposal = call_op(self, lambda: propose_raise(self.ctx.store, year), "Erhöhung")
        if proposal is None:
            return None
        notes = ["Vorschlag: beide Stundensätze × 1,015, kaufmännisch auf den Cent gerundet. Bitte prüfen."]
        if proposal.example:
            notes.append("Die Ausgangstabelle enthält Beispielwerte, nicht die Sätze der Stadt.")
        actions: tuple = ()
        if proposal.existing_confirmed:
            notes.append(f"Eine Tabelle ab 01.01.{year} ist bereits bestätigt und wird nicht überschrieben.")
        elif self.may_confirm:
            actions = (("Bestätigen", lambda t: self._confirm_proposal(proposal, t)),)
        elif self.editable:
            notes.append("Bestätigen darf nur die Leitung („Satztabellen bestätigen“); Sie können den Vorschlag "
                         "als unbestätigte Tabelle speichern.")
            actions = (("Unbestätigt speichern", self._save_new),)
        else:
            notes.append("Nur lesen: Bestätigen darf nur die Leitung („Satztabellen bestätigen“).")
        return self._open(RateTableDialog(proposal.table, f"Erhöhung zum 1. Januar {year}", " ".join(notes),
                                          base=proposal.base, actions=actions, parent=self))

    def _confirm_proposal(self, proposal, table: RateTable) -> bool:
        confirm_rate_table(self.ctx.store, self.ctx.user, replace(proposal, table=table))
        return self._saved()
