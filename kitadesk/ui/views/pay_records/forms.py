"""Form dialogs of the payout inputs: Abwesenheit (R-G5), Monatsmeldung (berechnung.md §5),
Sonderbetrag (R-G11). RecordForm gives Enter = Speichern, Strg+S, Esc asks, other desks
read-only; the rules are the import's (ops/records/pay_inputs.py → domain/rules)."""

from collections.abc import Callable
from datetime import date
from typing import Any, cast

from PySide6.QtWidgets import QLabel, QVBoxLayout

from kitadesk.domain.rules.absence import ABWESENHEIT_ARTEN
from kitadesk.domain.rules.pay_inputs import month_text
from kitadesk.ops import reads
from kitadesk.ops.queries.pay_inputs import form_choices, load_absence, load_meldung, load_sonder
from kitadesk.ops.records import pay_inputs as ops
from kitadesk.ui.context import AppContext
from kitadesk.ui.forms.base import RecordForm
from kitadesk.ui.rights import refusal
from kitadesk.ui.views.pay_records.fields import MoneyField, MonthField, RecordPicker
from kitadesk.ui.widgets.fields import DateField, DecimalField

CORRECTION_NOTE = ("Der Monat {months} ist bereits abgeschlossen: der Lauf bleibt unverändert, die Änderung "
                   "wird im nächsten offenen Lauf als Korrektur gebucht.")


def _months(von: date | None, bis: date | None) -> list[tuple[int, int]]:
    if von is None or bis is None or bis < von:
        return [(von.year, von.month)] if von else []
    return [(y, m) for y in range(von.year, bis.year + 1) for m in range(1, 13)
            if (von.year, von.month) <= (y, m) <= (bis.year, bis.month)]


class PayInputForm(RecordForm):
    """One record of a payout input; subclasses add fields, `collect`, `problems`, `fill`, `op`."""

    TITLE = ""
    LOADER: Callable = staticmethod(load_absence)
    op: Callable = staticmethod(ops.save_absence)

    def __init__(self, ctx: AppContext, record_id: int | None = None, parent=None):
        super().__init__(ctx, self.TITLE, parent)
        self.record_id = record_id
        self.srt: str | None = None
        self.finalized, self.carer_items, self.child_items = reads.query(ctx.store, ctx.user, form_choices)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        box, self.form = self.group(self.TITLE)
        layout.addWidget(box)
        self.note = QLabel()
        self.note.setObjectName("correctionNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #9a5b00;")
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.build()
        self.resize(720, 380)

    def start(self, **preset) -> None:
        """Load the record, or preset a new one (e.g. the carer whose list it was opened from)."""
        if self.record_id is not None:
            self.load()
            return
        self._filling = True
        try:
            for name, value in preset.items():
                if value is not None and name in self.boxes:
                    cast(Any, self.boxes[name].field).set_value(value)
        finally:
            self._filling = False
        self.setWindowTitle(f"{self.TITLE} – neu")
        self.update_note()

    def load(self) -> None:
        data, self.version, self.srt = reads.query(self.ctx.store, self.ctx.user, self.LOADER, self.record_id)
        self._filling = True
        try:
            self.fill(data)
        finally:
            self._filling = False
        self.validate()
        self.apply_rights()

    def apply_rights(self) -> None:
        self.apply_edit_right(self.srt or "")

    def validate(self) -> bool:
        ok = super().validate()
        self.update_note()
        return ok

    def build(self) -> None:
        raise NotImplementedError

    def fill(self, data) -> None:
        raise NotImplementedError

    def closed_months(self) -> list[tuple[int, int]]:
        return []

    def update_note(self) -> None:
        closed = [f"{m:02d}/{y}" for y, m in self.closed_months() if (y, m) in self.finalized]
        self.note.setText(CORRECTION_NOTE.format(months=", ".join(closed)) if closed else "")
        self.note.setVisible(bool(closed))

    def save(self):
        return self.op(self.ctx.store, self.ctx.user, self.record_id, self.version, self.collect({}))


class AbsenceForm(PayInputForm):
    TITLE = "Abwesenheit"
    LOADER = staticmethod(load_absence)

    def build(self) -> None:
        f = self.form
        self.carer = _picker(self.carer_items)
        self.add_field(f, "carer_id", "Tagespflegeperson", self.carer)
        self.von = DateField()
        self.add_field(f, "von", "Von", self.von, "erster Tag der Abwesenheit")
        self.bis = DateField()
        self.add_field(f, "bis", "Bis", self.bis, "letzter Tag der Abwesenheit")
        self.art = self.combo(ABWESENHEIT_ARTEN)
        self.add_field(f, "art", "Art", self.art)
        self.substitute = _picker(self.carer_items, optional=True)
        self.add_field(f, "substitute_id", "Vertretung", self.substitute,
                       "vom Fachdienst vermittelte Vertretung (R-G5): sie erhält die "
                       "Kinderpositionen für diese Tage")

    def fill(self, d: ops.AbsenceData) -> None:
        self.carer.set_value(d.carer_id)
        self.von.set_value(d.von)
        self.bis.set_value(d.bis)
        self.art.setCurrentIndex(max(self.art.findData(d.art), 0))
        self.substitute.set_value(d.substitute_id)
        self.setWindowTitle(f"Abwesenheit – {self.carer.text()}")

    def collect(self, problems: dict[str, str]) -> ops.AbsenceData:
        v = {name: self.read(name, problems) for name in self.boxes}
        return ops.AbsenceData(v["carer_id"], v["von"], v["bis"], v["art"], v["substitute_id"])

    def problems(self, data: ops.AbsenceData) -> dict[str, str]:
        return ops.absence_form_problems(data)

    def closed_months(self) -> list[tuple[int, int]]:
        try:
            return _months(self.von.value(), self.bis.value())
        except ValueError:
            return []

    op = staticmethod(ops.save_absence)


class MeldungForm(PayInputForm):
    TITLE = "Monatsmeldung (Feiertagsbetreuung)"
    LOADER = staticmethod(load_meldung)

    def build(self) -> None:
        f = self.form
        self.child = _picker(self.child_items)
        self.add_field(f, "child_id", "Kind", self.child)
        self.datum = DateField()
        self.add_field(f, "datum", "Datum", self.datum, "gesetzlicher Feiertag in NRW")
        self.stunden = DecimalField()
        self.add_field(f, "stunden", "Stunden", self.stunden, "betreute Stunden an diesem Tag")

    def fill(self, d: ops.MeldungData) -> None:
        self.child.set_value(d.child_id)
        self.datum.set_value(d.datum)
        self.stunden.set_value(d.stunden)

    def collect(self, problems: dict[str, str]) -> ops.MeldungData:
        v = {name: self.read(name, problems) for name in self.boxes}
        return ops.MeldungData(v["child_id"], v["datum"], v["stunden"])

    def problems(self, data: ops.MeldungData) -> dict[str, str]:
        return ops.meldung_form_problems(data)

    def closed_months(self) -> list[tuple[int, int]]:
        try:
            datum = self.datum.value()
        except ValueError:
            return []
        return [(datum.year, datum.month)] if datum else []

    op = staticmethod(ops.save_meldung)


class SonderForm(PayInputForm):
    TITLE = "Sonderbetrag (Einzelfallentscheidung)"
    LOADER = staticmethod(load_sonder)

    def build(self) -> None:
        f = self.form
        self.carer = _picker(self.carer_items)
        self.add_field(f, "carer_id", "Tagespflegeperson", self.carer)
        self.child = _picker(self.child_items, optional=True)
        self.add_field(f, "child_id", "Kind", self.child, "optional")
        self.monat = MonthField()
        self.add_field(f, "monat", "Monat", self.monat, "Monat der Auszahlung, MM/JJJJ")
        self.betrag = MoneyField()
        self.add_field(f, "betrag", "Betrag", self.betrag, "in €, negativ = Abzug")
        self.grund = self.line(300)
        self.add_field(f, "grund", "Grund", self.grund,
                       "Begründung – steht als „Warum?“ der Position in der Auszahlung")

    def fill(self, d: ops.SonderData) -> None:
        self.carer.set_value(d.carer_id)
        self.child.set_value(d.child_id)
        self.monat.set_value(d.monat)
        self.betrag.set_value(d.betrag)
        self.grund.setText(d.grund)

    def collect(self, problems: dict[str, str]) -> ops.SonderData:
        v = {name: self.read(name, problems) for name in self.boxes}
        return ops.SonderData(v["carer_id"], v["monat"], v["betrag"], v["grund"] or "", v["child_id"])

    def problems(self, data: ops.SonderData) -> dict[str, str]:
        monat = data.monat or ""
        closed = bool(monat) and (int(monat[:4]), int(monat[5:])) in self.finalized
        return ops.sonder_form_problems(data, closed)

    def apply_rights(self) -> None:
        why = refusal(self.ctx.actor, "einzelfallbetrag")  # the one rights place: ops/base.py
        if why is not None:
            self.read_only_with(why)
        else:
            super().apply_rights()

    def read_only_with(self, text: str) -> None:
        self.read_only = True
        for box in self.boxes.values():
            box.field.setEnabled(False)
        self.save_button.setVisible(False)
        self.cancel_button.setText("Schließen")
        self.banner.show_message(text, "info")

    op = staticmethod(ops.save_sonder)


def _picker(items, optional: bool = False) -> RecordPicker:
    return RecordPicker(items, optional)


def month_title(year: int, month: int) -> str:
    return month_text(f"{year:04d}-{month:02d}")
