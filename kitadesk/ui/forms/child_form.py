"""Detail form of a child: person, parents and address, application and R-K1 reasons,
the statistics fields (R-S1), family, income and the dated status (R-K2, R-E3); its
placements below. Fields the official statistics need are marked; the line above the
buttons names what the statistics would miss (kitadesk.domain.statistics)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitadesk.domain.choices import SRTS
from kitadesk.domain.rules.limits import DEFAULT_ORT
from kitadesk.domain.statistics import VERWANDTSCHAFTEN, missing_child_fields
from kitadesk.formats import day, hours, money
from kitadesk.ops import records
from kitadesk.ops.reads import child_for_form
from kitadesk.ops.records import KEEP, UNTER_1_GRUENDE, ChildData
from kitadesk.ui.context import AppContext
from kitadesk.ui.forms.base import GESCHLECHT, RecordForm, TriState
from kitadesk.ui.widgets.duplicate_warning import confirm_no_duplicate
from kitadesk.ui.widgets.fields import DateField, DecimalField

HIDDEN_INCOME = "nur für das eigene SRT sichtbar"


class ChildForm(RecordForm):
    before_save = confirm_no_duplicate  # issue 19: "Mögliches Duplikat … — trotzdem anlegen?"

    def __init__(self, ctx: AppContext, child_id: int | None = None, parent=None):
        super().__init__(ctx, "Kind", parent)
        self.record_id = child_id
        self._income_hidden = False
        self.tabs = QTabWidget()  # "Kind" and, for a stored child, its dated values as a "Verlauf"
        QVBoxLayout(self.body).addWidget(self.tabs)
        main = QWidget()
        self.tabs.addTab(main, "Kind")
        grid = QGridLayout(main)
        grid.setContentsMargins(0, 0, 0, 0)

        box, f = self.group("Kind")
        self.nr = self.add_field(f, "nr", "Nr.", self.line(20))
        self.nachname = self.add_field(f, "nachname", "Nachname", self.line(80))
        self.vorname = self.add_field(f, "vorname", "Vorname", self.line(80))
        self.geburtsdatum = self.add_field(f, "geburtsdatum", "Geburtsdatum", DateField(), statistics=True)
        self.geschlecht = self.add_field(f, "geschlecht", "Geschlecht", self.combo(GESCHLECHT), statistics=True)
        self.srt = self.add_field(f, "srt", "SRT", self.combo(SRTS, ctx.srt or SRTS[0]))
        grid.addWidget(box, 0, 0)

        box, f = self.group("Sorgeberechtigte und Anschrift")
        self.sorgeberechtigte = self.add_field(f, "sorgeberechtigte", "Sorgeberechtigte", self.line(200))
        self.strasse = self.add_field(f, "strasse", "Straße", self.line(120))
        self.plz = self.add_field(f, "plz", "PLZ", self.line(5))
        self.ort = self.add_field(f, "ort", "Ort", self.line(80))
        grid.addWidget(box, 1, 0)

        box, f = self.group("Antrag (R-K1)")
        self.antrag_vom = self.add_field(f, "antrag_vom", "Antrag vom", DateField())
        self.unter_1_grund = self.add_field(f, "unter_1_grund", "Grund unter 1 Jahr",
                                            self.combo([("", "–"), *UNTER_1_GRUENDE]))
        self.ab_3_grund = self.add_field(f, "ab_3_grund", "Grund ab 3 Jahren", self.line(200))
        right = QVBoxLayout()
        right.addWidget(box)

        box, f = self.group("Statistik (R-S1)")
        self.herkunft_ausland = self.add_field(
            f, "herkunft_ausland", "Ausländische Herkunft", TriState(),
            "ja = mindestens ein Elternteil ist ausländischer Herkunft", statistics=True)
        self.sprache_nicht_deutsch = self.add_field(
            f, "sprache_nicht_deutsch", "Familiensprache nicht Deutsch", TriState(),
            "ja = in der Familie wird vorrangig nicht Deutsch gesprochen", statistics=True)
        self.verwandtschaft = self.add_field(
            f, "verwandtschaft", "Verwandtschaft zur TPP", self.combo([("", "–"), *VERWANDTSCHAFTEN]),
            "Verwandtschaft zur Tagespflegeperson", statistics=True)
        self.eingliederungshilfe = self.add_field(
            f, "eingliederungshilfe", "Eingliederungshilfe", TriState("– (aus LVR-Inklusionshilfe)"),
            "leer = ja, wenn am Stichtag LVR-Inklusionshilfe gewährt wird", statistics=True)
        right.addWidget(box)
        grid.addLayout(right, 0, 1)

        box, f = self.group("Familie und Status (ab Datum)")
        self.familie_nr = self.add_field(f, "familie_nr", "Familien-Nr.", self.line(20),
                                         "Geschwister teilen die Familien-Nr. und das Einkommen")
        self.jahreseinkommen = self.add_field(f, "jahreseinkommen", "Jahreseinkommen (€)", DecimalField(places=2),
                                              "leer = keine Einkommenserklärung")
        self.besonderer_bedarf = self.add_field(f, "besonderer_bedarf", "Besonderer Bedarf", QCheckBox("ja"))
        self.lvr_inklusionshilfe = self.add_field(f, "lvr_inklusionshilfe", "LVR-Inklusionshilfe", QCheckBox("ja"))
        self.beitragsfrei = self.add_field(f, "beitragsfrei", "Beitragsfrei", QCheckBox("ja"))
        self.gueltig_ab = self.add_field(f, "gueltig_ab", "Gültig ab", DateField(ctx.today()),
                                         "ab wann Einkommen und Status gelten (R-E3)")
        grid.addWidget(box, 1, 1)

        self.placements = QTableWidget(0, 5)
        self.placements.setHorizontalHeaderLabels(["Tagespflegeperson", "Beginn", "Ende", "Std./Woche", "Status"])
        self.placements.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.placements.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.placements.verticalHeader().hide()
        self.placements.horizontalHeader().setStretchLastSection(True)
        self.placements.setMaximumHeight(120)
        self.placements.doubleClicked.connect(self._open_placement)
        pbox = QGroupBox("Betreuungen")
        playout = QVBoxLayout(pbox)
        playout.addWidget(self.placements)
        self.fee = QLabel()  # this month's Elternbeitrag with its explanation (R-E1..R-E3)
        self.fee.setWordWrap(True)
        self.fee.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        self.new_placement = QPushButton("Neue Betreuung …")
        self.new_placement.clicked.connect(self._new_placement)
        row.addWidget(self.fee, 1)
        row.addWidget(self.new_placement, 0, Qt.AlignmentFlag.AlignTop)
        playout.addLayout(row)
        grid.addWidget(pbox, 2, 0, 1, 2)
        pbox.setVisible(child_id is not None)
        self._placement_rows: list = []

        self.history_tab = None
        if child_id is not None:
            from kitadesk.ui.forms.child_history import ChildHistoryTab

            self.history_tab = ChildHistoryTab(ctx, child_id, self.banner.show_message, self._history_changed)
            self.tabs.addTab(self.history_tab, "Verlauf")
        self._zeitplaene: tuple = ()  # Zeitplan of each placement active today (days per week, R-S1)
        self.resize(940, max(self.sizeHint().height(), 640 if child_id is not None else 480))
        if child_id is not None:
            self.load()
        else:
            self.setWindowTitle("Neues Kind")
            self.preset(self.ort, DEFAULT_ORT)  # R-V4: the parents' letters need an Ort
            self.refresh_statistics()
        self.nr.setFocus()

    def load(self) -> None:
        assert self.record_id is not None  # only an existing record is loaded
        data, self.version, self._placement_rows, self._zeitplaene = child_for_form(
            self.ctx.store, self.ctx.user, self.record_id, self.ctx.today())
        self._filling = True
        try:
            self.fill(data)
        finally:
            self._filling = False
        self.placements.setRowCount(len(self._placement_rows))
        for i, r in enumerate(self._placement_rows):
            for j, text in enumerate((f"{r.carer_nr} – {r.carer_name}", day(r.beginn), day(r.ende),
                                      hours(r.wochenstunden), r.status)):
                item = QTableWidgetItem(text)
                if j == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.placements.setItem(i, j, item)
        self.placements.resizeColumnsToContents()
        self.setWindowTitle(f"Kind {data.nr} – {data.nachname}, {data.vorname}")
        self.fee.setText(self._fee_text())
        self.validate()
        if not self.apply_edit_right(data.srt) and self.history_tab is not None:
            self.history_tab.set_read_only()

    def _history_changed(self) -> None:
        """A new dated entry in the Verlauf: the Kind tab shows what holds now (typing is kept)."""
        if self.dirty:
            self.fee.setText(self._fee_text())
        else:
            self.load()

    def _fee_text(self) -> str:
        from kitadesk.domain.calendar import month_range
        from kitadesk.errors import KitaDeskError
        from kitadesk.formats import month_label
        from kitadesk.ops.fees import child_fee

        today = self.ctx.today()
        label = f"Elternbeitrag {month_label(today.year, today.month)}"
        try:
            fee = child_fee(self.ctx.store, self.ctx.user, self.record_id, month_range(today.year, today.month)[1])
        except KitaDeskError as exc:
            return f"{label}: nicht berechenbar – {exc}"
        if fee is None:
            return f"{label}: keine Betreuung in diesem Monat."
        if fee.held:
            return f"{label}: nicht festgesetzt – {fee.fehlt}"
        return f"{label}: {money(fee.zahlbetrag)} ({fee.stufe_text}, {fee.band_text}). {fee.why}"

    def fill(self, d: ChildData) -> None:
        for name in ("nr", "nachname", "vorname", "sorgeberechtigte", "strasse", "plz", "ort", "ab_3_grund",
                     "familie_nr"):
            getattr(self, name).setText(getattr(d, name))
        for name in ("geburtsdatum", "antrag_vom", "gueltig_ab"):
            getattr(self, name).set_value(getattr(d, name))
        for name in ("geschlecht", "srt", "unter_1_grund"):
            combo = getattr(self, name)
            combo.setCurrentIndex(max(combo.findData(getattr(d, name)), 0))
        for name in ("besonderer_bedarf", "lvr_inklusionshilfe", "beitragsfrei"):
            getattr(self, name).setChecked(getattr(d, name))
        for name in ("herkunft_ausland", "sprache_nicht_deutsch", "eingliederungshilfe"):
            getattr(self, name).set_value(getattr(d, name))
        self.verwandtschaft.setCurrentIndex(max(self.verwandtschaft.findData(d.verwandtschaft), 0))
        self._income_hidden = d.jahreseinkommen is KEEP
        if self._income_hidden:
            self.jahreseinkommen.setText(HIDDEN_INCOME)
            self.jahreseinkommen.setMaximumWidth(260)
        else:
            self.jahreseinkommen.set_value(d.jahreseinkommen)
        self.jahreseinkommen.setReadOnly(self._income_hidden)

    def collect(self, problems: dict[str, str]) -> ChildData:
        v = {name: self.read(name, problems) for name in self.boxes if name != "jahreseinkommen"}
        v["jahreseinkommen"] = KEEP if self._income_hidden else self.read("jahreseinkommen", problems)
        return ChildData(**{k: ("" if val is None and k in _TEXT else val) for k, val in v.items()})

    def problems(self, data: ChildData) -> dict[str, str]:
        return records.child_problems(data, self.ctx.today())

    def missing_for_statistics(self, data: ChildData) -> tuple[str, ...]:
        """R-S1: what the official statistics would list for this child today (same rule)."""
        return missing_child_fields(data.geschlecht, data.herkunft_ausland, data.sprache_nicht_deutsch,
                                    data.verwandtschaft, self._zeitplaene)

    def save(self):
        data = self.collect({})
        if self.record_id is None:
            return records.create_child(self.ctx.store, self.ctx.user, data, self.ctx.today())
        return records.update_child(self.ctx.store, self.ctx.user, self.record_id, self.version, data,
                                    self.ctx.today())

    def after_save(self, change) -> None:
        self.record_id, self.version = change.id, change.version
        self.accept()

    def _open_placement(self, index) -> None:
        from kitadesk.ui.forms.placement_form import PlacementForm

        PlacementForm(self.ctx, placement_id=self._placement_rows[index.row()].id, parent=self).exec()
        self.load()

    def _new_placement(self) -> None:
        from kitadesk.ui.forms.placement_form import PlacementForm

        PlacementForm(self.ctx, child_id=self.record_id, parent=self).exec()
        self.load()


_TEXT = {"nr", "nachname", "vorname", "srt", "geschlecht", "sorgeberechtigte", "strasse", "plz", "ort",
         "unter_1_grund", "ab_3_grund", "familie_nr", "verwandtschaft"}
