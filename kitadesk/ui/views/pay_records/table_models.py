"""The three lists of payout inputs as table models (rows from ops/queries/pay_inputs.py)."""

from kitadesk.domain.rules.pay_inputs import month_text
from kitadesk.formats import day, hours, money
from kitadesk.ops.queries.pay_inputs import AbsenceRow, MeldungRow, SonderRow
from kitadesk.ui.models.base import Column, RowTableModel


class AbsenceModel(RowTableModel):
    CACHE_DISPLAY = True
    ENTITY = "absence"
    COLUMNS = (
        Column("TPP Nr.", lambda r: r.carer_nr, lambda r: r.carer_nr, width=70),
        Column("Tagespflegeperson", lambda r: r.carer_name, lambda r: r.carer_name, width=170),
        Column("SRT", lambda r: r.srt, lambda r: r.srt, width=80),
        Column("Von", lambda r: day(r.von), lambda r: r.von, width=90),
        Column("Bis", lambda r: day(r.bis), lambda r: r.bis, width=90),
        Column("Art", lambda r: r.art, lambda r: r.art, width=90),
        Column("Vertretung", lambda r: f"{r.substitute_nr} – {r.substitute_name}" if r.substitute_nr else "–",
               lambda r: r.substitute_nr, width=200),
    )

    def search_text(self, r: AbsenceRow) -> str:
        return f"{r.carer_nr} {r.carer_name} {r.substitute_nr} {r.substitute_name} {r.art} {day(r.von)}"


class MeldungModel(RowTableModel):
    CACHE_DISPLAY = True
    ENTITY = "monatsmeldung"
    COLUMNS = (
        Column("Kind Nr.", lambda r: r.child_nr, lambda r: r.child_nr, width=70),
        Column("Kind", lambda r: r.child_name, lambda r: r.child_name, width=170),
        Column("SRT", lambda r: r.srt, lambda r: r.srt, width=80),
        Column("Datum", lambda r: day(r.datum), lambda r: r.datum, width=90),
        Column("Stunden", lambda r: hours(r.stunden), lambda r: r.stunden, numeric=True, width=70),
        Column("TPP Nr.", lambda r: r.carer_nr or "–", lambda r: r.carer_nr, width=90),
    )

    def search_text(self, r: MeldungRow) -> str:
        return f"{r.child_nr} {r.child_name} {r.carer_nr} {day(r.datum)}"


class SonderModel(RowTableModel):
    CACHE_DISPLAY = True
    ENTITY = "sonderbetrag"
    COLUMNS = (
        Column("TPP Nr.", lambda r: r.carer_nr, lambda r: r.carer_nr, width=70),
        Column("Tagespflegeperson", lambda r: r.carer_name, lambda r: r.carer_name, width=170),
        Column("SRT", lambda r: r.srt, lambda r: r.srt, width=80),
        Column("Monat", lambda r: month_text(r.monat), lambda r: r.monat, width=80),
        Column("Betrag", lambda r: money(r.betrag), lambda r: r.betrag, numeric=True, width=100),
        Column("Kind Nr.", lambda r: r.child_nr or "–", lambda r: r.child_nr, width=70),
        Column("Grund", lambda r: r.grund, lambda r: r.grund, width=240),
        Column("Erfasst von", lambda r: r.erfasst_von, lambda r: r.erfasst_von, width=90),
    )

    def search_text(self, r: SonderRow) -> str:
        return f"{r.carer_nr} {r.carer_name} {r.child_nr} {r.grund}"
