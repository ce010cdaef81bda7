"""Carers (Tagespflegepersonen) as a table."""

from kitadesk.formats import day
from kitadesk.ops.queries import (
    FLAG_ACTIVE,
    FLAG_ENDED,
    FLAG_PERMIT_EXPIRED,
    FLAG_PERMIT_EXPIRING,
    CarerRow,
)
from kitadesk.ui.models.base import Column, RowTableModel

COL_NR, COL_NACHNAME, COL_VORNAME, COL_SRT, COL_QUALIFIKATION, COL_ANSCHRIFT, COL_ERLAUBNIS_BIS, COL_KINDER, \
    COL_STATUS = range(9)


def _address(r: CarerRow) -> str:
    return ", ".join(x for x in (r.strasse, f"{r.plz} {r.ort}".strip()) if x)


def _kinder(r: CarerRow) -> str:
    return f"{r.kinder} / {r.max_kinder}" if r.max_kinder else str(r.kinder)


class CarerTableModel(RowTableModel):
    CACHE_DISPLAY = True  # rows are frozen dataclasses (ops/queries)
    ENTITY = "carer"
    COLUMNS = (
        Column("Nr.", lambda r: r.nr, lambda r: r.nr, width=65),
        Column("Nachname", lambda r: r.nachname, lambda r: r.nachname, width=120),
        Column("Vorname", lambda r: r.vorname, lambda r: r.vorname, width=100),
        Column("SRT", lambda r: r.srt, lambda r: r.srt, width=80),
        Column("Qualifikation", lambda r: r.qualifikation, lambda r: r.qualifikation, width=90),
        Column("Anschrift", _address, _address, width=230),
        Column("Erlaubnis bis", lambda r: day(r.erlaubnis_bis), lambda r: r.erlaubnis_bis, width=95),
        Column("Kinder", _kinder, lambda r: r.kinder, numeric=True, width=60),
        Column("Status", lambda r: r.status, lambda r: r.status, width=150),
    )
    DEFAULT_SORT = COL_NACHNAME
    FILTERS = (
        ("Alle", None),
        ("aktiv", FLAG_ACTIVE),
        ("Erlaubnis läuft ab", FLAG_PERMIT_EXPIRING),
        ("Erlaubnis abgelaufen", FLAG_PERMIT_EXPIRED),
        ("beendet", FLAG_ENDED),
    )

    def search_text(self, r: CarerRow) -> str:
        return f"{r.nr} {r.nachname} {r.vorname} {r.strasse} {r.plz} {r.ort} {r.telefon}"

    def tone(self, r: CarerRow) -> str | None:
        if FLAG_PERMIT_EXPIRED in r.flags or r.status == "ohne Erlaubnis":
            return "bad"
        return "warn" if FLAG_PERMIT_EXPIRING in r.flags else None
