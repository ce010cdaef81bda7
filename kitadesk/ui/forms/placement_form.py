"""Placement form (Betreuung, R-K2): a new placement, or a change "gültig ab" a date that
becomes a new version (R-K4) — with the version history, the permit check next to the
fields (R-K3), the time plan as a weekly grid, and a preview before saving: a new placement's
first full month, a change's every affected month with the corrections of finalized months
(ops/records/preview.py, issue 14.5). More than 50 hours a week are asked (R-K2)."""

from datetime import date
from typing import cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from kitadesk.domain.rules.placement import hours_question
from kitadesk.domain.statistics import missing_plan_fields
from kitadesk.errors import KitaDeskError
from kitadesk.formats import day, hours
from kitadesk.ops import records
from kitadesk.ops.reads import carer_choices, child_choices, placement_for_form
from kitadesk.ops.records import PlacementData, PlacementTerms
from kitadesk.ui.context import AppContext
from kitadesk.ui.forms.base import RecordForm
from kitadesk.ui.forms.placement_tables import HistoryBox, PreviewBox
from kitadesk.ui.op import error_text
from kitadesk.ui.tasks import TaskHandle, run_task
from kitadesk.ui.widgets.fields import DateField, DecimalField, parse_date
from kitadesk.ui.widgets.timeplan_grid import TimePlanGrid


def _first_of_next_month(today: date) -> date:
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


class PlacementForm(RecordForm):
    def __init__(self, ctx: AppContext, placement_id: int | None = None, child_id: int | None = None,
                 carer_id: int | None = None, parent=None):
        super().__init__(ctx, "Betreuung", parent)
        self.record_id = placement_id
        self.detail = None
        self.preview_handle: TaskHandle | None = None
        self.last_preview = None
        self.last_check = None
        existing = placement_id is not None
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)

        box, f = self.group("Betreuung")
        if existing:
            self.child_label, self.carer_label = QLabel(), QLabel()
            f.addRow("Kind:", self.child_label)
            f.addRow("Tagespflegeperson:", self.carer_label)
            self.beginn_label, self.ende_label = QLabel(), QLabel()
            f.addRow("Beginn:", self.beginn_label)
            f.addRow("Ende:", self.ende_label)
            self.end_button = QPushButton("Betreuung beenden …")
            self.end_button.clicked.connect(self.ask_end)
            f.addRow("", self.end_button)
        else:
            kids, carers = child_choices(ctx.store, ctx.user), carer_choices(ctx.store, ctx.user, ctx.today())
            self.child = self.add_field(f, "child_id", "Kind", self._chooser(kids, child_id))
            self.carer = self.add_field(f, "carer_id", "Tagespflegeperson", self._chooser(carers, carer_id))
            self.beginn = self.add_field(f, "beginn", "Beginn", DateField(_first_of_next_month(ctx.today())))
            self.ende = self.add_field(f, "ende", "Ende", DateField(), "leer = unbefristet")
            self.antrag_vom = self.add_field(f, "antrag_vom", "Antrag vom", DateField())
            f.insertRow(2, "Erlaubnis (R-K3):", self._capacity_label())
        grid.addWidget(box, 0, 0)

        box, f = self.group("Änderung des Umfangs (R-K4)" if existing else "Umfang")
        if existing:
            self.gueltig_ab = self.add_field(f, "gueltig_ab", "Gültig ab", DateField(_first_of_next_month(ctx.today())),
                                             "ab diesem Tag gilt die neue Version; die alte bleibt erhalten")
        self.wochenstunden = self.add_field(f, "wochenstunden", "Wochenstunden", DecimalField(), statistics=True)
        self.randzeitstunden = self.add_field(f, "randzeitstunden", "Randzeitstunden", DecimalField(),
                                              "vor 7 / nach 19 Uhr, Wochenende; leer = aus dem Zeitplan")
        self.uebernachtungen = self.add_field(f, "uebernachtungen", "Übernachtungen/Woche", DecimalField())
        self.nacht_eltern = self.add_field(f, "nacht_im_haushalt_der_eltern", "Nacht bei den Eltern",
                                           QCheckBox("ja (R-G7)"))
        self.zeitplan = self.add_field(f, "zeitplan", "Zeitplan", self.line(400),
                                       "z. B. Mo 07:30-13:00; Di 07:30-13:00", statistics=True)
        self.zeitplan.setPlaceholderText("Mo 07:30-13:00; Di 07:30-13:00 …")
        self.zeitplan.textChanged.connect(self.show_derived_off_hours)
        self.grid = TimePlanGrid()  # writes the Zeitplan text; its sum fills Wochenstunden
        f.addRow("Wochenplan:", self.grid)
        self.grid.changed.connect(self._grid_changed)
        cast(QLineEdit, self.zeitplan).textChanged.connect(self._text_changed)
        self.nacht_eltern.toggled.connect(self.show_derived_off_hours)
        self.grund = self.add_field(f, "grund", "Grund", self.line(200)) if existing else None
        if existing:
            f.addRow("Erlaubnis (R-K3):", self._capacity_label())
        grid.addWidget(box, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.preview_box = PreviewBox("Vorschau: Auswirkung je Monat" if existing else "Vorschau: erster voller Monat")
        self.preview_table, self.preview_notes = self.preview_box.table, self.preview_box.notes
        grid.addWidget(self.preview_box, 2, 0, 1, 2)

        if existing:
            self.history_box = HistoryBox()
            self.history = self.history_box.table
            grid.addWidget(self.history_box, 3, 0, 1, 2)
            self.save_button.setText("Änderung speichern")
            self.cancel_button.setText("Schließen")

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh_checks)
        if existing:
            self.load()
        else:
            self.setWindowTitle("Neue Betreuung")
            self.refresh_statistics()
        self.resize(1060, 760 if existing else 700)

    # -- widgets
    def _capacity_label(self) -> QLabel:
        self.capacity = QLabel("wird geprüft, sobald Kind, Tagespflegeperson und Umfang feststehen")
        self.capacity.setWordWrap(True)
        self.capacity.setStyleSheet("color: #555;")
        self.capacity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.capacity.setMinimumHeight(3 * self.fontMetrics().height())
        self.capacity.setMinimumWidth(300)
        self.capacity.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return self.capacity

    def _chooser(self, items, current) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem("", None)
        for value, text in items:
            combo.addItem(text, value)
        completer = combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.setMinimumWidth(320)
        return combo

    def select(self, combo: QComboBox, record_id: int) -> None:
        combo.setCurrentIndex(combo.findData(record_id))

    # -- loading
    def load(self) -> None:
        assert self.record_id is not None  # only an existing record is loaded
        d = self.detail = placement_for_form(self.ctx.store, self.ctx.user, self.record_id)
        self.version = d.version
        self.child_label.setText(d.child_label)
        self.carer_label.setText(d.carer_label)
        self.beginn_label.setText(day(d.beginn))
        self.ende_label.setText(day(d.ende) or "unbefristet")
        current = d.version_on(max(self.ctx.today(), d.beginn))
        self._filling = True
        try:
            self.wochenstunden.set_value(current.wochenstunden)
            self.randzeitstunden.set_value(current.randzeitstunden if not current.zeitplan else None)
            self.uebernachtungen.set_value(current.uebernachtungen or None)
            self.nacht_eltern.setChecked(current.nacht_im_haushalt_der_eltern)
            self.zeitplan.setText(current.zeitplan)
            self.grid.set_text(current.zeitplan or "")
        finally:
            self._filling = False
        self.history_box.show_versions(d.history)
        self.setWindowTitle(f"Betreuung {d.child_label} bei {d.carer_label}")
        self.refresh_statistics()

    def show_derived_off_hours(self, *_args) -> None:
        """The Randzeitstunden the Zeitplan gives, shown in the empty field (R-G3; a night in the
        parents' household is no off-hours time, R-G7) — the value saved when left empty."""
        terms = PlacementTerms(None, zeitplan=self.zeitplan.text().strip(),
                               nacht_im_haushalt_der_eltern=self.nacht_eltern.isChecked())
        try:
            text = f"aus Zeitplan: {hours(records.derived_off_hours(terms))}" if terms.zeitplan else ""
        except ValueError:  # TimePlanError: the Zeitplan field shows the fault
            text = ""
        self.randzeitstunden.setPlaceholderText(text)

    def _grid_changed(self, text: str) -> None:
        """The grid wrote a plan: its text into the Zeitplan field, its sum into Wochenstunden."""
        from kitadesk.domain.timeplan import TimePlanError, parse_timeplan

        self._from_grid = True
        try:
            cast(QLineEdit, self.zeitplan).setText(text)
            cast(QLineEdit, self.zeitplan).setCursorPosition(0)
        finally:
            self._from_grid = False
        try:
            plan = parse_timeplan(text)
        except TimePlanError:
            return
        if not plan.is_empty:
            cast(DecimalField, self.wochenstunden).set_value(plan.weekly_hours)

    def _text_changed(self, text: str) -> None:
        """Typed or pasted text shows in the grid as soon as it can be read."""
        if not getattr(self, "_from_grid", False):
            self.grid.set_text(text.strip())

    # -- data
    def _terms(self, problems: dict[str, str]) -> PlacementTerms:
        return PlacementTerms(
            wochenstunden=self.read("wochenstunden", problems),
            randzeitstunden=self.read("randzeitstunden", problems),
            uebernachtungen=self.read("uebernachtungen", problems) or 0,
            nacht_im_haushalt_der_eltern=self.nacht_eltern.isChecked(),
            zeitplan=self.zeitplan.text().strip(),
            grund=self.grund.text().strip() if self.grund else "",
        )

    def collect(self, problems: dict[str, str]):
        terms = self._terms(problems)
        if "gueltig_ab" in self.boxes:  # an existing placement: a change from a date
            return ("change", self.read("gueltig_ab", problems), terms)
        return PlacementData(child_id=self.child.currentData(), carer_id=self.carer.currentData(),
                             beginn=self.read("beginn", problems), terms=terms, ende=self.read("ende", problems),
                             antrag_vom=self.read("antrag_vom", problems))

    def problems(self, data) -> dict[str, str]:
        if isinstance(data, PlacementData):
            found = records.placement_problems(data)
        else:
            _, gueltig_ab, terms = data
            found = records.terms_problems(terms)
            if gueltig_ab is None:
                found["gueltig_ab"] = "Ab wann gilt die Änderung?"
        if not found:
            self._timer.start()
        return found

    def missing_for_statistics(self, data) -> tuple[str, ...]:
        """R-S1: days per week come only from the Zeitplan (kitadesk.domain.statistics)."""
        terms = data.terms if isinstance(data, PlacementData) else data[2]
        return missing_plan_fields([terms.zeitplan])

    # -- permit check (R-K3) and preview, after a short pause in typing
    def refresh_checks(self) -> None:
        data = self.collect({})
        try:
            if isinstance(data, PlacementData):
                check = records.check_new_placement(self.ctx.store, self.ctx.user, data, self.ctx.today())
            else:
                _, gueltig_ab, terms = data
                check = records.check_placement_change(self.ctx.store, self.ctx.user, self.record_id, gueltig_ab,
                                                       terms, self.ctx.today())
        except (KitaDeskError, ValueError) as exc:
            self.show_check([str(exc)], [])
            return
        self.last_check = check
        self.show_check(list(check.refusals), list(check.warnings))
        if not check.refused:
            self.start_preview()

    def show_check(self, refusals: list[str], warnings: list[str]) -> None:
        """The permit check next to the fields: refusals red (the exact limit), hints amber."""
        if refusals:
            self.capacity.setStyleSheet("color: #b00020; font-weight: bold;")
            self.capacity.setText("Abgelehnt: " + " ".join(refusals))
        elif warnings:
            self.capacity.setStyleSheet("color: #9a5b00;")
            self.capacity.setText("Hinweis: " + " ".join(warnings))
        else:
            self.capacity.setStyleSheet("color: #1b6e20;")
            self.capacity.setText("Grenzen der Erlaubnis eingehalten.")

    def start_preview(self) -> None:
        data = self.collect({})
        if self.preview_handle is not None and self.preview_handle.is_running:
            self.preview_handle.cancel()
        self.preview_notes.setText("Vorschau wird berechnet …")
        store, user, pid, today = self.ctx.store, self.ctx.user, self.record_id, self.ctx.today()
        if isinstance(data, PlacementData):
            self.preview_handle = run_task(lambda control: records.preview_new_placement(store, user, data, today))
        else:
            _, gueltig_ab, terms = data
            self.preview_handle = run_task(
                lambda control: records.preview_placement_change(store, user, pid, gueltig_ab, terms, today))
        self.preview_handle.finished.connect(self.show_preview)
        self.preview_handle.failed.connect(lambda exc: self.preview_notes.setText(f"Keine Vorschau: {error_text(exc)}"))

    def show_preview(self, preview) -> None:
        self.last_preview = preview
        self.preview_box.show_preview(preview, with_sum=self.record_id is not None)

    # -- saving
    def on_save(self) -> None:
        """R-K2: more than 50 hours a week are saved only after an explicit Ja."""
        if self.validate():
            data = self.collect({})
            question = hours_question((data.terms if isinstance(data, PlacementData) else data[2]).wochenstunden)
            if question is not None and not self.confirm_hours(question):
                self.banner.show_message("Nicht gespeichert – bitte die Wochenstunden prüfen.", "info")
                self.wochenstunden.setFocus()
                return
        super().on_save()

    def save(self):
        data = self.collect({})
        if isinstance(data, PlacementData):
            return records.place_child(self.ctx.store, self.ctx.user, data, self.ctx.today())
        _, gueltig_ab, terms = data
        return records.change_placement(self.ctx.store, self.ctx.user, self.record_id, self.version, gueltig_ab,
                                        terms, self.ctx.today())

    def confirm_hours(self, question: str) -> bool:
        """R-K2: more than 50 hours a week only after an explicit Ja (default Nein)."""
        box = QMessageBox(QMessageBox.Icon.Question, "Wochenstunden bestätigen", question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText("Ja")
        box.button(QMessageBox.StandardButton.No).setText("Nein")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def show_refusal(self, exc: KitaDeskError) -> None:
        super().show_refusal(exc)
        if "R-K3" in exc.message:
            self.show_check(exc.problems, [])

    def after_save(self, change) -> None:
        if change.action == "beendet":
            self.load()
            return
        if self.record_id is None:
            self.record_id = change.id
            if change.warnings:
                self.banner.show_message("Gespeichert. Hinweis: " + " ".join(change.warnings), "warn")
            self.accept()
            return
        self.load()
        text = f"Änderung ab {self.boxes['gueltig_ab'].field.edit.text()} als neue Version gespeichert."
        if change.warnings:
            text += " Hinweis: " + " ".join(change.warnings)
        self.banner.show_message(text, "warn" if change.warnings else "info")

    def ask_end(self) -> None:
        text, ok = QInputDialog.getText(self, "Betreuung beenden", "Letzter Betreuungstag (TT.MM.JJJJ):")
        if ok:
            self.end_on(text)

    def end_on(self, text: str) -> bool:
        try:
            ende = parse_date(text)
        except ValueError as exc:
            self.banner.show_message(str(exc))
            return False
        ok = self.run(lambda: records.end_placement(self.ctx.store, self.ctx.user, self.record_id, self.version, ende))
        if ok:
            self.banner.show_message(f"Betreuung endet am {day(ende)}.", "info")
        return ok

    def done(self, result: int) -> None:
        self._timer.stop()
        if self.preview_handle is not None and self.preview_handle.is_running:
            self.preview_handle.cancel()
        super().done(result)

