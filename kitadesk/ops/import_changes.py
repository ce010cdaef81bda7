"""The changed records of an import (issue 14.1, preview): read back from the audit entries the
one import path wrote in its transaction (models/session.py logs every changed field old → new),
plus each new dated entry (R-K2/R-K4 histories) of a record that existed before, compared with the
entry it follows. Field names become the workbook's column names (importer/schema.py)."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kitadesk.importer.schema import BY_NAME
from kitadesk.models import (
    AuditEntry,
    Base,
    Carer,
    Child,
    ChildStatus,
    Family,
    FamilyIncome,
    Placement,
    PlacementVersion,
)

# audit table → the sheet its rows come from
SHEET_OF = {
    "carers": "Tagespflegepersonen", "erlaubnisse": "Tagespflegepersonen", "vertretungsplaetze": "Tagespflegepersonen",
    "zusammenschluesse": "Tagespflegepersonen", "erstattungsnachweise": "Nachweise",
    "children": "Kinder", "child_statuses": "Kinder", "families": "Kinder", "family_incomes": "Kinder",
    "ermaessigungen": "Kinder", "placements": "Betreuungen", "placement_versions": "Betreuungen",
    "absences": "Abwesenheiten", "fortbildungen": "Fortbildungen", "monatsmeldungen": "Monatsmeldungen",
    "sonderbetraege": "Sonderbeträge", "fee_tables": "Beitragstabelle", "rate_tables": "Sätze",
}
# dated histories: (model, parent attribute, parent table, date attribute)
HISTORIES = (
    (ChildStatus, "child_id", "children", "gueltig_ab"),
    (FamilyIncome, "family_id", "families", "gueltig_ab"),
    (PlacementVersion, "placement_id", "placements", "gueltig_ab"),
)
_SKIP = {"id", "version", "created_at", "created_by", "updated_at", "updated_by"}
_ISO_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")


@dataclass(frozen=True)
class FieldChange:
    column: str  # the workbook's column (or the field where no column holds it)
    old: str
    new: str


@dataclass(frozen=True)
class RecordChange:
    sheet: str
    record: str  # e.g. "TPP T0001 Müller, Anna"
    changes: tuple[FieldChange, ...]


def shown(value: object) -> str:
    """A logged value as the office writes it: TT.MM.JJJJ, decimal comma, ja/nein, empty."""
    if value is None or value == "":
        return "(leer)"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    text = str(value)
    if m := _ISO_DAY.match(text):
        return f"{m[3]}.{m[2]}.{m[1]}"
    if _DECIMAL.match(text):
        return text.replace(".", ",")
    return text


def id_marks(session: Session) -> dict[str, int]:
    """The highest id of each dated history and its parent table before the import writes (rows
    it adds get higher ids: SQLite reserves after the highest, PostgreSQL sequences only grow)."""
    models: set[Any] = {m for m, *_ in HISTORIES} | {_MODELS[t] for _m, _p, t, _d in HISTORIES}
    return {m.__tablename__: session.scalar(select(func.max(m.id))) or 0 for m in models}


def record_changes(session: Session, before: int, marks: dict[str, int]) -> list[RecordChange]:
    """The changes the current transaction logged after audit entry `before`, and the dated entries
    it added (ids above `marks`) to records that existed before."""
    changed = session.execute(select(AuditEntry.tabelle, AuditEntry.datensatz_id, AuditEntry.alt, AuditEntry.neu)
                              .where(AuditEntry.id > before, AuditEntry.aktion == "geändert")
                              .order_by(AuditEntry.id)).all()
    added = [(model, parent_attr, day_attr, entry) for model, parent_attr, parent_table, day_attr in HISTORIES
             for entry in session.scalars(select(model).where(model.id > marks.get(model.__tablename__, 0),
                                                              getattr(model, parent_attr) <= marks.get(parent_table, 0))
                                          .order_by(model.id))]
    if not changed and not added:
        return []
    names = _Names(session)
    out: list[RecordChange] = []
    for table, record_id, old, new in changed:
        obj = _get(session, table, record_id)
        fields = _fields(SHEET_OF.get(table, table), old or {}, new or {})
        if obj is not None and fields:
            out.append(RecordChange(SHEET_OF.get(table, table), names.label(obj), fields))
    out += [change for item in added if (change := _new_entry(session, *item, names)) is not None]
    return out


def _get(session: Session, table: str, record_id: int | None):
    model = _MODELS.get(table)
    return None if model is None or record_id is None else session.get(model, record_id)


def _fields(sheet: str, old: dict, new: dict) -> tuple[FieldChange, ...]:
    columns = BY_NAME[sheet].by_field if sheet in BY_NAME else {}
    return tuple(FieldChange(columns.get(key, key), shown(old.get(key)), shown(new.get(key)))
                 for key in new if key not in _SKIP)


def _new_entry(session: Session, model, parent_attr: str, day_attr: str, entry, names: "_Names") -> RecordChange | None:
    """A new dated entry of a record that existed before: old = the entry it follows."""
    parent_col, day_col = getattr(model, parent_attr), getattr(model, day_attr)
    previous = session.scalars(select(model).where(parent_col == getattr(entry, parent_attr),
                                                   day_col < getattr(entry, day_attr))
                               .order_by(day_col.desc()).limit(1)).first()
    sheet = SHEET_OF[model.__tablename__]
    old = {k: getattr(previous, k) for k in _columns(model)} if previous is not None else {}
    new = {k: getattr(entry, k) for k in _columns(model) if k != day_attr}
    fields = _fields(sheet, old, {k: v for k, v in new.items() if old.get(k) != v})
    if not fields:
        return None
    return RecordChange(sheet, f"{names.label(entry)}, neuer Stand ab {shown(getattr(entry, day_attr))}", fields)


def _columns(model) -> list[str]:
    return [c.key for c in model.__mapper__.column_attrs if c.key not in _SKIP and not c.key.endswith("_id")]


_MODELS: dict[str, type] = {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}


class _Names:
    """Labels of records by the numbers the office knows (TPP/Kind/Familie Nr)."""

    def __init__(self, session: Session):
        self.carers = {i: f"TPP {nr} {n}, {v}" for i, nr, n, v in
                       session.execute(select(Carer.id, Carer.nr, Carer.nachname, Carer.vorname))}
        self.children = {i: f"Kind {nr} {n}, {v}" for i, nr, n, v in
                         session.execute(select(Child.id, Child.nr, Child.nachname, Child.vorname))}
        self.families = {i: nr for i, nr in session.execute(select(Family.id, Family.nr))}
        self.placements = {i: (c, t, b) for i, c, t, b in
                           session.execute(select(Placement.id, Placement.child_id, Placement.carer_id,
                                                  Placement.beginn))}

    def label(self, obj) -> str:
        if isinstance(obj, Carer):
            return self.carers.get(obj.id, obj.nr)
        if isinstance(obj, Child):
            return self.children.get(obj.id, obj.nr)
        if isinstance(obj, Family):
            return f"Familie {obj.nr}"
        if (family_id := getattr(obj, "family_id", None)) is not None:
            return f"Familie {self.families.get(family_id, family_id)}"
        placement_id = obj.id if isinstance(obj, Placement) else getattr(obj, "placement_id", None)
        if placement_id in self.placements:
            child, carer, beginn = self.placements[placement_id]
            return (f"{self.children.get(child, child)} bei {self.carers.get(carer, carer)}, "
                    f"Beginn {beginn:%d.%m.%Y}")
        parts = [self.carers.get(getattr(obj, "carer_id", None) or 0, ""),
                 self.children.get(getattr(obj, "child_id", None) or 0, "")]
        day = next((getattr(obj, a) for a in ("gueltig_ab", "von", "datum", "monat") if hasattr(obj, a)), None)
        text = " / ".join(p for p in parts if p) or obj.__tablename__
        return f"{text} ({shown(day)})" if day is not None else text
