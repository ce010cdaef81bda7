"""Rate tables: the yearly raise (R-G2, berechnung.md §2) — the app proposes, a person confirms.

`propose_raise` writes nothing. `confirm_rate_table` (right `saetze_bestaetigen`) stores the
(possibly edited) proposal as the table valid from its date and records who confirmed it
and when; an unconfirmed table of the same date (e.g. imported) is updated and confirmed,
an already confirmed one is never overwritten.
"""

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select

from kitadesk import models as orm  # ORM classes whose names the domain uses too (issue 17.4)
from kitadesk.domain.inputs import RateTable
from kitadesk.domain.raise_ import propose_raise as domain_propose
from kitadesk.errors import InputError
from kitadesk.formats import day
from kitadesk.models.session import now
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.settings import load_auslegungen
from kitadesk.store import Store

_FIELDS = tuple(f.name for f in fields(RateTable))


@dataclass(frozen=True)
class RaiseProposal:
    """The proposed table (valid 1 January of `year`) and the table it was derived from."""

    year: int
    table: RateTable
    base: RateTable
    existing_id: int | None = None  # a table of that date is already stored
    existing_confirmed: bool = False
    example: bool = False  # derived from a table with example figures (demo data)


def _domain(row: orm.RateTable) -> RateTable:
    return RateTable(**{name: getattr(row, name) for name in _FIELDS})


def propose_raise(store: Store, year: int) -> RaiseProposal:
    """Next year's table: both hourly rates × 1.015, rounded half-up to the cent; with the
    Auslegung `erhoehung_auch_zuschlaege` also the off-hours surcharge and the flat rate."""
    with store.session() as session:
        rows = session.scalars(select(orm.RateTable).order_by(orm.RateTable.gueltig_ab)).all()
        tables = [_domain(r) for r in rows]
        proposal = domain_propose(tables, date(year - 1, 1, 1), load_auslegungen(session))
        base_row = max((r for r in rows if r.gueltig_ab <= date(year - 1, 12, 31)), key=lambda r: r.gueltig_ab)
        existing = next((r for r in rows if r.gueltig_ab == proposal.gueltig_ab), None)
        return RaiseProposal(year, proposal, _domain(base_row), existing.id if existing else None,
                             bool(existing and existing.bestaetigt_von), bool(base_row.ist_beispiel))


def confirm_rate_table(store: Store, user: str, proposal: RaiseProposal | RateTable) -> int:
    """Store and confirm a rate table (right `saetze_bestaetigen`); returns its id."""
    table = proposal.table if isinstance(proposal, RaiseProposal) else proposal
    if table.stundensatz_basis <= 0 or table.stundensatz_qualifiziert <= 0:
        raise InputError("Satztabelle: die Stundensätze müssen größer als 0 sein.")
    with unit_of_work(store, user) as session:
        load_actor(session, user).require("saetze_bestaetigen")
        row = session.scalar(select(orm.RateTable).where(orm.RateTable.gueltig_ab == table.gueltig_ab))
        if row is not None and row.bestaetigt_von:
            raise InputError(f"Die Satztabelle gültig ab {day(table.gueltig_ab)} ist bereits bestätigt "
                             f"({row.bestaetigt_von}, {row.bestaetigt_am:%d.%m.%Y}) und wird nicht überschrieben.")
        if row is None:
            row = orm.RateTable(gueltig_ab=table.gueltig_ab)
            session.add(row)
        for name in _FIELDS:
            setattr(row, name, getattr(table, name))
        row.ist_beispiel = proposal.example if isinstance(proposal, RaiseProposal) else False
        row.bestaetigt_von, row.bestaetigt_am = user, now()
        session.flush()
        return row.id
