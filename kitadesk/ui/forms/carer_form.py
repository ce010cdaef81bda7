"""Detail form of a carer (Tagespflegeperson): person, contact, IBAN, qualification,
permit limits (R-C6) and Führungszeugnis (R-C2) — checked while typing. Fields the official
statistics need are marked; the line above the buttons names what they would miss (R-S1).
The carer's dated records sit on tabs (ui/forms/carer_tabs.py); `tab` opens the form at one."""

from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from kitadesk.domain.choices import BETREUUNGSORTE, QUALIFIKATIONEN, SRTS
from kitadesk.domain.rules.limits import DEFAULT_ORT
from kitadesk.domain.statistics import missing_carer_fields
from kitadesk.ops import records
from kitadesk.ops.reads import carer_for_form
from kitadesk.ops.records import KEEP, CarerData
from kitadesk.ui.context import AppContext
from kitadesk.ui.forms.base import GESCHLECHT, RecordForm
from kitadesk.ui.forms.carer_tabs import CarerTabs
from kitadesk.ui.widgets.duplicate_warning import confirm_no_duplicate
from kitadesk.ui.widgets.fields import DateField

HIDDEN_IBAN = "nur für das eigene SRT sichtbar"
PAY_RECORDS = (("abwesenheiten", "Abwesenheiten …"), ("monatsmeldungen", "Monatsmeldungen …"),
               ("sonderbetraege", "Sonderbeträge …"))


class CarerForm(RecordForm):
    before_save = confirm_no_duplicate  # issue 19: "Mögliches Duplikat … — trotzdem anlegen?"

    def __init__(self, ctx: AppContext, carer_id: int | None = None, parent=None, tab: str = "stammdaten"):
        super().__init__(ctx, "Tagespflegeperson", parent)
        self.record_id = carer_id
        self._iban_hidden = False
        self._in_group = False
        self.stammdaten = QWidget()
        grid = QGridLayout(self.stammdaten)
        grid.setContentsMargins(0, 0, 0, 0)

        box, f = self.group("Person")
        self.nr = self.add_field(f, "nr", "Nr.", self.line(20))
        self.nachname = self.add_field(f, "nachname", "Nachname", self.line(80))
        self.vorname = self.add_field(f, "vorname", "Vorname", self.line(80))
        self.geburtsdatum = self.add_field(f, "geburtsdatum", "Geburtsdatum", DateField(), "mindestens 18 Jahre (R-C1)",
                                           statistics=True)
        self.geschlecht = self.add_field(f, "geschlecht", "Geschlecht", self.combo(GESCHLECHT), statistics=True)
        self.srt = self.add_field(f, "srt", "SRT", self.combo(SRTS, ctx.srt or SRTS[0]))
        grid.addWidget(box, 0, 0)

        box, f = self.group("Anschrift und Kontakt")
        self.strasse = self.add_field(f, "strasse", "Straße", self.line(120))
        self.plz = self.add_field(f, "plz", "PLZ", self.line(5))
        self.ort = self.add_field(f, "ort", "Ort", self.line(80))
        self.telefon = self.add_field(f, "telefon", "Telefon", self.line(40))
        self.email = self.add_field(f, "email", "E-Mail", self.line(120))
        self.iban = self.add_field(f, "iban", "IBAN", self.line(42), "wird beim Speichern geprüft (schwifty)")
        self.iban.setPlaceholderText("DE.. .... .... .... .... ..")
        grid.addWidget(box, 1, 0)

        box, f = self.group("Qualifikation (R-C1, R-C3, R-C5)")
        self.schulabschluss = self.add_field(f, "schulabschluss", "Schulabschluss", self.line(60))
        self.qualifikation = self.add_field(f, "qualifikation", "Qualifikation", self.combo(QUALIFIKATIONEN),
                                            statistics=True)
        self.qualifikation_seit = self.add_field(f, "qualifikation_seit", "Qualifikation seit", DateField())
        self.taetig_seit = self.add_field(f, "taetig_seit", "Tätig seit", DateField())
        self.taetig_bis = self.add_field(f, "taetig_bis", "Tätig bis", DateField())
        self.para8a_am = self.add_field(f, "para8a_am", "§ 8a-Belehrung am", DateField())
        grid.addWidget(box, 0, 1)

        box, f = self.group("Erlaubnis (R-C6) und Führungszeugnis (R-C2)")
        self.betreuungsort = self.add_field(f, "betreuungsort", "Betreuungsort", self.combo(BETREUUNGSORTE),
                                            statistics=True)
        self.erlaubnis_vom = self.add_field(f, "erlaubnis_vom", "Erlaubnis vom", DateField())
        self.erlaubnis_bis = self.add_field(f, "erlaubnis_bis", "Erlaubnis bis", DateField(),
                                            "leer = 5 Jahre ab Erteilung")
        self.max_kinder = self.add_field(f, "max_kinder", "Kinder insgesamt", self._spin(5))
        self.max_gleichzeitig = self.add_field(f, "max_gleichzeitig", "Kinder gleichzeitig", self._spin(5))
        self.fuehrungszeugnis_vom = self.add_field(f, "fuehrungszeugnis_vom", "Führungszeugnis vom", DateField(),
                                                   "erweitertes Führungszeugnis, alle 5 Jahre zu erneuern")
        self.permit_hint = QLabel()
        self.permit_hint.setStyleSheet("color: #555;")
        f.addRow("", self.permit_hint)
        grid.addWidget(box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        first_aid, f = self.group("Erste Hilfe am Kind (R-C3)")
        self.erste_hilfe_am = self.add_field(f, "erste_hilfe_am", "Kurs am", DateField(),
                                             "Auffrischung nach der Auslegung „Erste Hilfe alle … Jahre“; "
                                             "wird mit „Speichern“ gespeichert")
        self.tabs = CarerTabs(ctx, self.stammdaten, {"nachweise": first_aid}, self)
        self.tabs.record_changed.connect(self._refresh_permit)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.pay_buttons = {}
        for kind, text in PAY_RECORDS:
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, k=kind: self.open_pay_records(k))
            row.addWidget(button)
            self.pay_buttons[kind] = button
        row.addStretch(1)
        body.addLayout(row)

        self.resize(980, 640)
        if carer_id is not None:
            self.load()
        else:
            self.setWindowTitle("Neue Tagespflegeperson")
            self.preset(self.ort, DEFAULT_ORT)  # R-V4: letters need an Ort; most carers live in Moers
            self.refresh_statistics()
            for index in range(1, self.tabs.count()):  # records need the saved carer
                self.tabs.setTabEnabled(index, False)
            for button in self.pay_buttons.values():
                button.setEnabled(False)
        self.tabs.show_tab(tab)
        if self.tabs.key() == "stammdaten":
            self.nr.setFocus()
        else:
            self.tabs.focus_table()

    @staticmethod
    def _spin(value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, 20)
        spin.setValue(value)
        spin.setMaximumWidth(80)
        return spin

    def load(self) -> None:
        assert self.record_id is not None  # only an existing record is loaded
        data, self.version = carer_for_form(self.ctx.store, self.ctx.user, self.record_id)
        self._filling = True
        try:
            self.fill(data)
        finally:
            self._filling = False
        self.setWindowTitle(f"Tagespflegeperson {data.nr} – {data.nachname}, {data.vorname}")
        self.validate()
        self.apply_edit_right(data.srt)
        self.load_records()

    def load_records(self) -> None:
        """The tabs show this carer's records (each tab reads them when first shown)."""
        if self.record_id is not None:
            self.tabs.set_carer(self.record_id, self.read_only)

    def _refresh_permit(self, kind: str = "") -> None:
        """After a change on the Erlaubnis or Nachweise tab: the permit and Führungszeugnis shown
        on Stammdaten (and saved with it) are the stored ones again."""
        if kind not in ("erlaubnis", "dokument") or self.record_id is None:
            return
        data, _version = carer_for_form(self.ctx.store, self.ctx.user, self.record_id)
        self._filling = True
        try:
            for name in ("erlaubnis_vom", "erlaubnis_bis", "fuehrungszeugnis_vom"):
                getattr(self, name).set_value(getattr(data, name))
            for name in ("max_kinder", "max_gleichzeitig"):
                getattr(self, name).setValue(getattr(data, name))
            combo = self.boxes["betreuungsort"].field
            if isinstance(combo, QComboBox):
                combo.setCurrentIndex(max(combo.findData(data.betreuungsort), 0))
        finally:
            self._filling = False
        self.validate()

    def open_pay_records(self, kind: str) -> None:
        """Absences, Monatsmeldungen, Sonderbeträge of this carer (ui/views/pay_records.py)."""
        from kitadesk.ui.views import pay_records

        if self.record_id is not None:
            pay_records.open_for_carer(self, self.ctx, self.record_id, kind)

    def fill(self, d: CarerData) -> None:
        for name in ("nr", "nachname", "vorname", "strasse", "plz", "ort", "telefon", "email", "schulabschluss"):
            getattr(self, name).setText(getattr(d, name))
        for name in ("geburtsdatum", "qualifikation_seit", "taetig_seit", "taetig_bis", "erste_hilfe_am",
                     "para8a_am", "erlaubnis_vom", "erlaubnis_bis", "fuehrungszeugnis_vom"):
            getattr(self, name).set_value(getattr(d, name))
        for name in ("geschlecht", "srt", "qualifikation", "betreuungsort"):
            combo = getattr(self, name)
            combo.setCurrentIndex(max(combo.findData(getattr(d, name)), 0))
        self.max_kinder.setValue(d.max_kinder)
        self.max_gleichzeitig.setValue(d.max_gleichzeitig)
        self._in_group = d.in_group
        self._iban_hidden = d.iban is KEEP
        self.iban.setText(HIDDEN_IBAN if self._iban_hidden else d.iban)
        self.iban.setReadOnly(self._iban_hidden)

    def collect(self, problems: dict[str, str]) -> CarerData:
        v = {name: self.read(name, problems) for name in self.boxes}
        if self._iban_hidden:
            v["iban"] = KEEP
        return CarerData(
            nr=v["nr"], nachname=v["nachname"], vorname=v["vorname"], srt=v["srt"],
            geburtsdatum=v["geburtsdatum"], geschlecht=v["geschlecht"], strasse=v["strasse"], plz=v["plz"],
            ort=v["ort"], telefon=v["telefon"], email=v["email"], iban=v["iban"],
            schulabschluss=v["schulabschluss"], qualifikation=v["qualifikation"],
            qualifikation_seit=v["qualifikation_seit"], taetig_seit=v["taetig_seit"], taetig_bis=v["taetig_bis"],
            betreuungsort=v["betreuungsort"], erste_hilfe_am=v["erste_hilfe_am"], para8a_am=v["para8a_am"],
            fuehrungszeugnis_vom=v["fuehrungszeugnis_vom"], erlaubnis_vom=v["erlaubnis_vom"],
            erlaubnis_bis=v["erlaubnis_bis"], max_kinder=v["max_kinder"], max_gleichzeitig=v["max_gleichzeitig"],
            in_group=self._in_group,
        )

    def problems(self, data: CarerData) -> dict[str, str]:
        end = records.permit_end(data) if data.erlaubnis_vom else None
        self.permit_hint.setText(f"Erlaubnis gilt bis {end:%d.%m.%Y}" if end else "")
        return records.carer_problems(data, self.ctx.today())

    def missing_for_statistics(self, data: CarerData) -> tuple[str, ...]:
        """R-S1: what the official statistics would list for this carer (same rule)."""
        return missing_carer_fields(data.geschlecht, data.geburtsdatum)

    def save(self):
        data = self.collect({})
        if self.record_id is None:
            return records.create_carer(self.ctx.store, self.ctx.user, data, self.ctx.today())
        return records.update_carer(self.ctx.store, self.ctx.user, self.record_id, self.version, data,
                                    self.ctx.today())

    def after_save(self, change) -> None:
        self.record_id, self.version = change.id, change.version
        self.accept()
