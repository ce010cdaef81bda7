"""Write operations on a carer's dated records (issue 14 item 1): Erlaubnis history (R-C6),
documents with expiry (R-C2), reimbursement proofs (R-G4), Fortbildungen (R-C4),
Vertretungsplatz periods (R-G3), dated notes (R-C8) and qualification costs (R-C9).

One unit of work each; the right is `daten_eigenes_srt` for the carer's SRT (another desk
reads only); the session hooks write the audit entries. Values travel as a dict by form
field name; the rules are those of domain/rules/carer_records (the import asks them too).
Optimistic locking as for the other records: the form passes the version it loaded."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.rules import Problem, by_field
from kitadesk.domain.rules import carer_records as rules
from kitadesk.domain.rules.carer import permit_end
from kitadesk.domain.rules.proof import ALTER
from kitadesk.errors import InputError
from kitadesk.models import (
    Carer,
    CarerDocument,
    CarerNote,
    Erlaubnis,
    Erstattungsnachweis,
    Fortbildung,
    QualificationCost,
    Vertretungsplatz,
)
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.records.common import _lock, _require_edit
from kitadesk.ops.records.forms import Change
from kitadesk.store import Store

Values = Mapping[str, Any]
CHANGED = frozenset({"carer", "reminder"})


@dataclass(frozen=True)
class Kind:
    """One kind of carer record: its model, form field → model column, rule and import key."""

    key: str
    label: str  # German, for messages ("Nachweis nicht gespeichert …")
    model: type
    columns: Mapping[str, str]  # form field → model attribute
    rule: Callable[..., list[Problem]]
    unique: tuple[str, ...] = ()  # form fields that identify a record of a carer (import key)
    labels: Mapping[str, str] = field(default_factory=dict)  # form field → German label (messages)


def _permit(v: Values, facts: rules.CarerFacts, today: date, others) -> list[Problem]:
    return rules.permit_record_problems(v, facts)


KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("erlaubnis", "Erlaubnis", Erlaubnis,
         {"erlaubnis_vom": "vom", "erlaubnis_bis": "bis", "max_kinder": "max_kinder",
          "max_gleichzeitig": "max_gleichzeitig", "betreuungsort": "betreuungsort"}, _permit,
         ("erlaubnis_vom",), {"erlaubnis_vom": "Erlaubnis vom"}),
    Kind("dokument", "Dokument", CarerDocument,
         {"art": "art", "person": "person", "erhalten_am": "erhalten_am", "gueltig_bis": "gueltig_bis"},
         lambda v, facts, today, others: rules.document_problems(v, today)),
    Kind("nachweis", "Erstattungsnachweis", Erstattungsnachweis,
         {"art": "art", "betrag": "betrag", "je": "je", "alter_art": "alter_art", "von": "von", "bis": "bis"},
         lambda v, facts, today, others: rules.reimbursement_problems(v), ("art", "von"),
         {"art": "Art", "von": "Gültig von"}),
    Kind("fortbildung", "Fortbildung", Fortbildung, {"datum": "datum", "titel": "titel", "stunden": "stunden"},
         lambda v, facts, today, others: rules.training_problems(v), ("datum", "titel"),
         {"datum": "Datum", "titel": "Titel"}),
    Kind("vertretungsplatz", "Vertretungsplatz", Vertretungsplatz,
         {"vertretungsplatz_von": "von", "vertretungsplatz_bis": "bis"},
         lambda v, facts, today, others: rules.place_problems(v, others)),
    Kind("notiz", "Notiz", CarerNote, {"datum": "datum", "text": "text"},
         lambda v, facts, today, others: rules.note_problems(v)),
    Kind("qualikosten", "Qualifizierungskosten", QualificationCost,
         {"art": "art", "betrag": "betrag", "gezahlt_am": "gezahlt_am", "erstattet_am": "erstattet_am"},
         lambda v, facts, today, others: rules.cost_problems(v)),
)}


def record_problems(kind: str, values: Values, facts: rules.CarerFacts, today: date,
                    others: list[tuple[date, date | None]] | tuple = ()) -> dict[str, str]:
    """Field → German message (with rule id) of a record about to be saved; the form asks while typing."""
    spec = KINDS[kind]
    return by_field(spec.rule(values, facts, today, others))


def carer_facts(session: Session, carer: Carer) -> rules.CarerFacts:
    return rules.CarerFacts(carer.qualifikation, carer.zusammenschluss_id is not None)


def _stored(kind: str, values: Values) -> dict[str, Any]:
    """Form values → model attributes (derived ends, texts stripped, the proof's placeholder)."""
    spec = KINDS[kind]
    out: dict[str, Any] = {}
    for name, column in spec.columns.items():
        value = values.get(name)
        out[column] = value.strip() if isinstance(value, str) else value
    if kind == "erlaubnis":
        out["bis"] = permit_end(out["vom"], out["bis"])  # R-C6: five years unless given
    elif kind == "dokument":
        out["person"] = out["person"] or ""
        out["gueltig_bis"] = rules.document_end(out["art"], out["erhalten_am"], out["gueltig_bis"])
    elif kind == "nachweis":  # the stored column is never empty (import: "gesetzlich" if not Alterssicherung)
        out["alter_art"] = (out["alter_art"] or "gesetzlich") if out["art"] == ALTER else "gesetzlich"
        out["je"] = out["je"] or "monat"
    return out


def _others(session: Session, kind: str, carer_id: int, record_id: int | None) -> list[tuple[date, date | None]]:
    """The carer's other Vertretungsplatz periods (R-G3: no overlap)."""
    if kind != "vertretungsplatz":
        return []
    return [(von, bis) for rid, von, bis in session.execute(
        select(Vertretungsplatz.id, Vertretungsplatz.von, Vertretungsplatz.bis)
        .where(Vertretungsplatz.carer_id == carer_id)) if rid != record_id]


def _check_unique(session: Session, kind: str, carer_id: int, record_id: int | None, stored: dict) -> None:
    spec = KINDS[kind]
    if not spec.unique:
        return
    model = spec.model
    stmt = select(model.id).where(model.carer_id == carer_id)  # type: ignore[attr-defined]
    for name in spec.unique:
        stmt = stmt.where(getattr(model, spec.columns[name]) == stored[spec.columns[name]])
    other = session.scalar(stmt)
    if other is not None and other != record_id:
        key = ", ".join(spec.labels.get(n, n) for n in spec.unique)
        raise InputError(f"{spec.label} nicht gespeichert:",
                         [f"{spec.labels.get(spec.unique[0], spec.unique[0])}: Einen Eintrag mit gleichem "
                          f"{key} gibt es bei dieser Tagespflegeperson schon."])


def _carer_for_edit(session: Session, user: str, carer_id: int) -> Carer:
    carer = session.get(Carer, carer_id)
    if carer is None:
        raise InputError(f"Tagespflegeperson {carer_id} gibt es nicht mehr.")
    _require_edit(load_actor(session, user), carer.srt, carer.srt)
    return carer


def save_carer_record(store: Store, user: str, kind: str, carer_id: int, values: Values,
                      record_id: int | None = None, version: int | None = None,
                      today: date | None = None) -> Change:
    """A new record (record_id None) or a change of one at `version`; refused with the rule's messages."""
    today = today or date.today()
    spec = KINDS[kind]
    with unit_of_work(store, user) as s:
        carer = _carer_for_edit(s, user, carer_id)
        problems = record_problems(kind, values, carer_facts(s, carer), today, _others(s, kind, carer_id, record_id))
        if problems:
            raise InputError(f"{spec.label} nicht gespeichert – bitte prüfen:",
                             [f"{spec.labels.get(k, k)}: {v}" for k, v in problems.items()])
        stored = _stored(kind, values)
        _check_unique(s, kind, carer_id, record_id, stored)
        if record_id is None:
            record = spec.model(carer_id=carer_id, **stored)
            s.add(record)
            action = "neu"
        else:
            record = _own_record(s, spec, carer_id, record_id)
            _lock(s, record, version)
            for column, value in stored.items():
                if getattr(record, column) != value:
                    setattr(record, column, value)
            action = "geändert"
        s.flush()
        return Change(kind, record.id, record.version, action, entities=CHANGED)


def _own_record(session: Session, spec: Kind, carer_id: int, record_id: int):
    record = session.get(spec.model, record_id)
    if record is None or record.carer_id != carer_id:
        raise InputError(f"{spec.label} gibt es nicht mehr – bitte die Liste neu laden.")
    return record


def delete_carer_record(store: Store, user: str, kind: str, carer_id: int, record_id: int,
                        version: int) -> Change:
    """Remove one record (audited with its values by the session hooks)."""
    spec = KINDS[kind]
    with unit_of_work(store, user) as s:
        _carer_for_edit(s, user, carer_id)
        record = _own_record(s, spec, carer_id, record_id)
        _lock(s, record, version)
        s.delete(record)
        s.flush()
        return Change(kind, record_id, version, "gelöscht", entities=CHANGED)
