"""Read a carer's dated records for the tabs of the carer form (issue 14 item 1): one query per
kind by the indexed carer_id, rows as plain objects with values by form field name."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from kitadesk.domain.rules.carer_records import CarerFacts
from kitadesk.models import Carer
from kitadesk.ops.queries.lists import PlacementRow, placement_rows
from kitadesk.ops.records.carer_records import KINDS


@dataclass(frozen=True)
class RecordRow:
    """One record of a carer: id, version and its values by form field name."""

    id: int
    version: int
    values: dict[str, Any] = field(default_factory=dict)
    srt: str = ""

    def get(self, name: str) -> Any:
        return self.values.get(name)


@dataclass(frozen=True)
class CarerRecords:
    """Everything the tabs show: the records per kind, the carer's placements, its facts."""

    srt: str
    facts: CarerFacts
    records: dict[str, list[RecordRow]]
    placements: list[PlacementRow]


_STATEMENTS: dict[str, Select] = {}


def _statement(kind: str) -> Select:
    """The query of one kind, built once (the carer is a bound parameter)."""
    stmt = _STATEMENTS.get(kind)
    if stmt is None:
        spec = KINDS[kind]
        model: Any = spec.model
        columns = [getattr(model, spec.columns[n]) for n in spec.columns]
        stmt = _STATEMENTS[kind] = (select(model.id, model.version, *columns)
                                    .where(model.carer_id == bindparam("carer_id")).order_by(columns[0], model.id))
    return stmt


def record_rows(session: Session, kind: str, carer_id: int, srt: str = "") -> list[RecordRow]:
    names = list(KINDS[kind].columns)
    return [RecordRow(rid, version, dict(zip(names, values, strict=True)), srt)
            for rid, version, *values in session.execute(_statement(kind), {"carer_id": carer_id})]


def carer_records(session: Session, carer_id: int, today: date, kinds=None, placements: bool = True) -> CarerRecords:
    """The carer's records of `kinds` (default: all) and (unless `placements` is False) its
    placements, current and past."""
    carer = session.get(Carer, carer_id)
    if carer is None:
        raise LookupError(f"Tagespflegeperson {carer_id} nicht gefunden.")
    facts = CarerFacts(carer.qualifikation, carer.zusammenschluss_id is not None)
    records = {kind: record_rows(session, kind, carer_id, carer.srt) for kind in (KINDS if kinds is None else kinds)}
    return CarerRecords(carer.srt, facts, records,
                        list(map(PlacementRow._make, placement_rows(session, today, 0, carer_id=carer_id)))
                        if placements else [])
