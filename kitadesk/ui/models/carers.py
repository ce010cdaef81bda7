"""Carers (Tagespflegepersonen) as a table (rows: plain tuples of CarerRow, ops/queries/lists.py)."""

from operator import itemgetter

from kitadesk.formats import day
from kitadesk.ops.queries import (
    FLAG_ACTIVE,
    FLAG_ENDED,
    FLAG_PERMIT_EXPIRED,
    FLAG_PERMIT_EXPIRING,
    CarerRow,
)
from kitadesk.ui.models.base import Column, RowTableModel, positions

COL_NR, COL_NACHNAME, COL_VORNAME, COL_SRT, COL_QUALIFIKATION, COL_ANSCHRIFT, COL_ERLAUBNIS_BIS, COL_KINDER, \
    COL_STATUS = range(9)
F = positions(CarerRow)


def _address(r: tuple) -> str:
    return ", ".join(x for x in (r[F.strasse], f"{r[F.plz]} {r[F.ort]}".strip()) if x)


def _kinder(r: tuple) -> str:
    return f"{r[F.kinder]} / {r[F.max_kinder]}" if r[F.max_kinder] else str(r[F.kinder])


_nr, _nachname, _vorname, _srt, _quali, _status = (itemgetter(getattr(F, n)) for n in (
    "nr", "nachname", "vorname", "srt", "qualifikation", "status"))


class CarerTableModel(RowTableModel):
    CACHE_DISPLAY = True  # rows are immutable tuples (ops/queries)
    ROW = CarerRow
    ENTITY = "carer"
    COLUMNS = (
        Column("Nr.", _nr, _nr, width=65),
        Column("Nachname", _nachname, _nachname, width=120),
        Column("Vorname", _vorname, _vorname, width=100),
        Column("SRT", _srt, _srt, width=80),
        Column("Qualifikation", _quali, _quali, width=90),
        Column("Anschrift", _address, _address, width=230),
        Column("Erlaubnis bis", lambda r: day(r[F.erlaubnis_bis]), itemgetter(F.erlaubnis_bis), width=95),
        Column("Kinder", _kinder, itemgetter(F.kinder), numeric=True, width=60),
        Column("Status", _status, _status, width=150),
    )
    DEFAULT_SORT = COL_NACHNAME
    FILTERS = (
        ("Alle", None),
        ("aktiv", FLAG_ACTIVE),
        ("Erlaubnis läuft ab", FLAG_PERMIT_EXPIRING),
        ("Erlaubnis abgelaufen", FLAG_PERMIT_EXPIRED),
        ("beendet", FLAG_ENDED),
    )

    def search_text(self, r: tuple) -> str:
        return f"{r[F.nr]} {r[F.nachname]} {r[F.vorname]} {r[F.strasse]} {r[F.plz]} {r[F.ort]} {r[F.telefon]}"

    def srts(self, r: tuple) -> tuple[str, ...]:
        return (r[F.srt],)

    def tone(self, r: tuple) -> str | None:
        if FLAG_PERMIT_EXPIRED in r[F.flags] or r[F.status] == "ohne Erlaubnis":
            return "bad"
        return "warn" if FLAG_PERMIT_EXPIRING in r[F.flags] else None
