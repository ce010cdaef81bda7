"""The add/edit dialogs of the QiK screen (R-Q1..R-Q3): partner organisation, participant, dated
status change, coordination activity. Each saves through kitadesk.ops.qik and stays open on a
refusal, showing its German message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
)

from kitadesk.domain.qik import ALLOWED, PARTNER_ARTEN, STATUSES
from kitadesk.errors import KitaDeskError
from kitadesk.formats import day, hours
from kitadesk.ops import qik as ops
from kitadesk.ui.context import AppContext
from kitadesk.ui.widgets.chart import date_edit, pydate

NONE = "– keine –"


class _Form(QDialog):
    """A dialog with a form; `save()` runs the op and keeps the dialog open on a refusal."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Speichern")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Abbrechen")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def line(self, label: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text or "")
        self.form.addRow(label, edit)
        return edit

    def write(self) -> None:
        raise NotImplementedError

    def save(self) -> bool:
        try:
            self.write()
        except KitaDeskError as exc:
            self.error.setText(str(exc))
            return False
        return True

    def _accept(self) -> None:
        if self.save():
            self.accept()


class PartnerDialog(_Form):
    """R-Q2: partner organisation and its contact."""

    def __init__(self, ctx: AppContext, row: ops.PartnerRow | None = None, parent=None):
        super().__init__("Partnerorganisation bearbeiten" if row else "Neue Partnerorganisation", parent)
        self.ctx, self.row = ctx, row
        self.name = self.line("Name:", row.name if row else "")
        self.art = QComboBox()
        self.art.addItems(PARTNER_ARTEN)
        if row:
            self.art.setCurrentText(row.art)
        self.form.addRow("Art:", self.art)
        self.contact = self.line("Ansprechpartner/in:", row.ansprechpartner if row else "")
        self.phone = self.line("Telefon:", row.telefon if row else "")
        self.email = self.line("E-Mail:", row.email if row else "")

    def write(self) -> None:
        fields = dict(name=self.name.text(), art=self.art.currentText(), ansprechpartner=self.contact.text(),
                      telefon=self.phone.text(), email=self.email.text())
        ops.save_partner(self.ctx.store, self.ctx.user, fields, self.row.id if self.row else None,
                         self.row.version if self.row else None)


class ParticipantDialog(_Form):
    """R-Q1: person, Kita and Träger, Berufskolleg and class, funding body, start, cohort."""

    def __init__(self, ctx: AppContext, partners: list[ops.PartnerRow], row: ops.ParticipantRow | None = None,
                 parent=None):
        super().__init__("Teilnehmende/n bearbeiten" if row else "Neue/r Teilnehmende/r", parent)
        self.ctx, self.row = ctx, row
        self.nachname = self.line("Nachname:", row.nachname if row else "")
        self.vorname = self.line("Vorname:", row.vorname if row else "")
        self.refs = {}
        for key, label, art in (("kita_id", "Kita:", "Kita"), ("traeger_id", "Träger:", "Träger"),
                                ("berufskolleg_id", "Berufskolleg:", "Berufskolleg"),
                                ("foerderer_id", "Förderer:", None)):
            combo = QComboBox()
            combo.addItem(NONE, None)
            for p in partners:
                if art is None or p.art == art:
                    combo.addItem(p.name if art else f"{p.name} ({p.art})", p.id)
            if row and row.ids.get(key) is not None:
                combo.setCurrentIndex(max(0, combo.findData(row.ids[key])))
            self.refs[key] = combo
            self.form.addRow(label, combo)
        self.klasse = self.line("Klasse:", row.klasse if row else "")
        today = ctx.today()
        self.jahrgang = QSpinBox()
        self.jahrgang.setRange(2020, 2100)
        self.jahrgang.setValue(row.jahrgang if row else today.year if today.month >= 8 else today.year - 1)
        self.jahrgang.setToolTip("Schuljahr des Ausbildungsbeginns: 2025 = 2025/26")
        self.form.addRow("Jahrgang (Schuljahr ab):", self.jahrgang)
        self.beginn = date_edit(row.beginn if row and row.beginn else today)
        self.form.addRow("Beginn:", self.beginn)
        if row is None:
            self.status = QComboBox()
            self.status.addItems(ALLOWED[None])
            self.form.addRow("Status:", self.status)
            self.status_date = date_edit(today)
            self.form.addRow("Status seit:", self.status_date)

    def write(self) -> None:
        fields = dict(nachname=self.nachname.text(), vorname=self.vorname.text(), klasse=self.klasse.text(),
                      jahrgang=self.jahrgang.value(), beginn=pydate(self.beginn.date()),
                      **{k: c.currentData() for k, c in self.refs.items()})
        if self.row is None:
            ops.save_participant(self.ctx.store, self.ctx.user, fields, status=self.status.currentText(),
                                 status_datum=pydate(self.status_date.date()))
        else:
            ops.save_participant(self.ctx.store, self.ctx.user, fields, self.row.id, self.row.version)


class StatusDialog(_Form):
    """R-Q1: a dated status change; only the changes the rules allow are offered."""

    def __init__(self, ctx: AppContext, row: ops.ParticipantRow, parent=None):
        super().__init__(f"Status ändern – {row.name}", parent)
        self.ctx, self.row = ctx, row
        self.form.addRow("Bisher:", QLabel(f"{row.status or 'ohne Status'}"
                                           + (f" seit {day(row.status_seit)}" if row.status_seit else "")))
        self.status = QComboBox()
        self.status.addItems(ALLOWED.get(row.status or None, STATUSES))
        self.form.addRow("Neuer Status:", self.status)
        self.datum = date_edit(ctx.today())
        self.form.addRow("ab:", self.datum)

    def write(self) -> None:
        ops.change_status(self.ctx.store, self.ctx.user, self.row.id, self.status.currentText(),
                          pydate(self.datum.date()))


class ActivityDialog(_Form):
    """R-Q3: a coordination activity — date, partners (ticked or typed), topic, hours."""

    def __init__(self, ctx: AppContext, partners: list[ops.PartnerRow], row: ops.ActivityRow | None = None,
                 parent=None):
        super().__init__("Koordinationstätigkeit bearbeiten" if row else "Neue Koordinationstätigkeit", parent)
        self.ctx, self.row = ctx, row
        self.datum = date_edit(row.datum if row else ctx.today())
        self.form.addRow("Datum:", self.datum)
        self.thema = self.line("Thema:", row.thema if row else "")
        rest = row.partner if row else ""  # partner names are ticked, the rest stays text
        self.partners = QListWidget()
        self.partners.setMaximumHeight(130)
        for p in sorted(partners, key=lambda p: -len(p.name)):
            ticked = bool(p.name) and p.name in rest
            rest = rest.replace(p.name, "") if ticked else rest
            item = QListWidgetItem(p.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.partners.addItem(item)
        self.partners.sortItems()
        self.form.addRow("Partner:", self.partners)
        others = [p.strip(" ,;") for p in rest.split(";")]
        self.other = self.line("weitere Beteiligte:", "; ".join(p for p in others if p))
        self.stunden = self.line("Stunden:", hours(row.stunden) if row else "")

    def write(self) -> None:
        names = [self.partners.item(i).text() for i in range(self.partners.count())
                 if self.partners.item(i).checkState() == Qt.CheckState.Checked]
        names += [p.strip() for p in self.other.text().split(";") if p.strip()]
        fields = dict(datum=pydate(self.datum.date()), thema=self.thema.text(), partner="; ".join(names),
                      stunden=self.stunden.text())
        ops.save_activity(self.ctx.store, self.ctx.user, fields, self.row.id if self.row else None,
                          self.row.version if self.row else None)
