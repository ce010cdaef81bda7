"""Payout inputs entered at the desk (issue 14 item 1): absences with substitute (R-G5),
Monatsmeldungen (holiday care hours, berechnung.md §5) and Sonderbeträge (R-G11).

The rules are those of the import (domain/rules/absence.py, pay_inputs.py). Every write is one
unit of work, checks the rights of the record's SRT (Sonderbeträge also `einzelfallbetrag`) and is
audited by the session hooks. A month whose payout run is finalized keeps its run: changed
absences and Monatsmeldungen of such a month are booked as corrections in the next run (the payout
engine compares the inputs); a Sonderbetrag is entered in an open month (as the import refuses it).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.rules import by_field
from kitadesk.domain.rules.absence import ABWESENHEIT_ARTEN, absence_problems
from kitadesk.domain.rules.pay_inputs import holiday_care_problems, special_problems
from kitadesk.errors import InputError
from kitadesk.models import Absence, Carer, Child, Monatsmeldung, PayoutRun, Sonderbetrag
from kitadesk.models.runs import ABGESCHLOSSEN
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.records.common import _lock, _require_edit
from kitadesk.ops.records.forms import Change
from kitadesk.store import Store

T = TypeVar("T")
from kitadesk.ops.changes import ABSENCE, MELDUNG, SONDER  # noqa: E402 (entity names of the change sets)

WHAT = {ABSENCE: "Abwesenheit", MELDUNG: "Monatsmeldung", SONDER: "Sonderbetrag"}
MODELS = {ABSENCE: Absence, MELDUNG: Monatsmeldung, SONDER: Sonderbetrag}
LABELS = {"carer_id": "Tagespflegeperson", "von": "Von", "bis": "Bis", "art": "Art",
          "substitute_id": "Vertretung", "child_id": "Kind", "datum": "Datum", "stunden": "Stunden",
          "monat": "Monat", "betrag": "Betrag", "grund": "Grund"}


@dataclass(frozen=True)
class AbsenceData:
    carer_id: int | None
    von: date | None
    bis: date | None
    art: str = "Urlaub"
    substitute_id: int | None = None


@dataclass(frozen=True)
class MeldungData:
    child_id: int | None
    datum: date | None
    stunden: Decimal | None


@dataclass(frozen=True)
class SonderData:
    carer_id: int | None
    monat: str | None
    betrag: Decimal | None
    grund: str
    child_id: int | None = None


def absence_form_problems(data: AbsenceData) -> dict[str, str]:
    """R-G5 by form field (the rule compares carers; ids stand for the unique Nr here)."""
    ids = (str(data.carer_id) if data.carer_id else None, str(data.substitute_id) if data.substitute_id else None)
    p = by_field(absence_problems(ids[0], data.von, data.bis, ids[1]))
    if "substitute_nr" in p:
        p["substitute_id"] = p.pop("substitute_nr")
    if data.carer_id is None:
        p["carer_id"] = "Bitte eine Tagespflegeperson wählen."
    if data.von is None:
        p.setdefault("von", "Von fehlt.")
    if data.bis is None:
        p.setdefault("bis", "Bis fehlt.")
    if data.art not in ABWESENHEIT_ARTEN:
        p["art"] = f"Art muss eines von {', '.join(ABWESENHEIT_ARTEN)} sein."
    return p


def meldung_form_problems(data: MeldungData) -> dict[str, str]:
    p = by_field(holiday_care_problems(data.datum, data.stunden))
    if data.child_id is None:
        p["child_id"] = "Bitte ein Kind wählen."
    return p


def sonder_form_problems(data: SonderData, finalized: bool = False) -> dict[str, str]:
    p = by_field(special_problems(data.monat, data.betrag, data.grund, finalized))
    if data.carer_id is None:
        p["carer_id"] = "Bitte eine Tagespflegeperson wählen."
    return p


def finalized_months(session: Session) -> set[tuple[int, int]]:
    return {(j, m) for j, m in session.execute(
        select(PayoutRun.jahr, PayoutRun.monat).where(PayoutRun.status == ABGESCHLOSSEN))}


def _raise(kind: str, problems: dict[str, str]) -> None:
    if problems:
        raise InputError(f"{WHAT[kind]} nicht gespeichert – bitte prüfen:",
                         [f"{LABELS.get(k, k)}: {v}" for k, v in problems.items()])


def _get(session: Session, model: type[T], record_id: int | None, what: str) -> T:
    record = session.get(model, record_id) if record_id is not None else None
    if record is None:
        raise InputError(f"{what} gibt es nicht (mehr).")
    return record


def _row(session: Session, model: type[T], record_id: int | None, what: str) -> T:
    """A new record of `model`, or the stored one to change."""
    return model() if record_id is None else _get(session, model, record_id, what)


def _saved(session: Session, row: Any, kind: str, new: bool) -> Change:
    session.add(row)
    session.flush()
    return Change(kind, row.id, row.version, "neu" if new else "geändert", entities=frozenset({kind}))


def _month_closed(session: Session, monat: str) -> bool:
    return (int(monat[:4]), int(monat[5:])) in finalized_months(session)


def _require_sonder(session: Session, actor, carer: Carer) -> None:
    actor.require("einzelfallbetrag")
    _require_edit(actor, carer.srt, carer.srt)


def save_absence(store: Store, user: str, record_id: int | None, version: int | None, data: AbsenceData) -> Change:
    _raise(ABSENCE, absence_form_problems(data))
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        carer = _get(s, Carer, data.carer_id, "Die Tagespflegeperson")
        if data.substitute_id is not None:
            _get(s, Carer, data.substitute_id, "Die Vertretung")
        row = _row(s, Absence, record_id, "Die Abwesenheit")
        if record_id is not None:
            _require_edit(actor, _get(s, Carer, row.carer_id, "Die Tagespflegeperson").srt, carer.srt)
            _lock(s, row, version)
        _require_edit(actor, carer.srt, carer.srt)
        assert data.von is not None and data.bis is not None  # checked by _raise above
        row.carer_id, row.von, row.bis, row.art, row.substitute_id = (
            carer.id, data.von, data.bis, data.art, data.substitute_id)
        return _saved(s, row, ABSENCE, record_id is None)


def save_meldung(store: Store, user: str, record_id: int | None, version: int | None, data: MeldungData) -> Change:
    _raise(MELDUNG, meldung_form_problems(data))
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        child = _get(s, Child, data.child_id, "Das Kind")
        row = _row(s, Monatsmeldung, record_id, "Die Monatsmeldung")
        if record_id is not None:
            _require_edit(actor, _get(s, Child, row.child_id, "Das Kind").srt, child.srt)
            _lock(s, row, version)
        _require_edit(actor, child.srt, child.srt)
        assert data.datum is not None and data.stunden is not None  # checked by _raise above
        row.child_id, row.datum, row.stunden = child.id, data.datum, data.stunden
        return _saved(s, row, MELDUNG, record_id is None)


def save_sonder(store: Store, user: str, record_id: int | None, version: int | None, data: SonderData) -> Change:
    """R-G11: only with the right `einzelfallbetrag`, in an open month, with its Grund."""
    _raise(SONDER, sonder_form_problems(data))
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        carer = _get(s, Carer, data.carer_id, "Die Tagespflegeperson")
        if data.child_id is not None:
            _get(s, Child, data.child_id, "Das Kind")
        row = _row(s, Sonderbetrag, record_id, "Der Sonderbetrag")
        if record_id is not None:
            _require_sonder(s, actor, _get(s, Carer, row.carer_id, "Die Tagespflegeperson"))
            _lock(s, row, version)
            _raise(SONDER, by_field(p for p in special_problems(row.monat, row.betrag, row.grund,
                                                                _month_closed(s, row.monat)) if p.field == "monat"))
        _require_sonder(s, actor, carer)
        assert data.monat is not None and data.betrag is not None  # checked by _raise above
        _raise(SONDER, sonder_form_problems(data, _month_closed(s, data.monat)))
        row.carer_id, row.child_id, row.monat, row.betrag, row.grund = (
            carer.id, data.child_id, data.monat, data.betrag, data.grund.strip())
        return _saved(s, row, SONDER, record_id is None)


def delete_pay_inputs(store: Store, user: str, kind: str, ids: list[int]) -> Change:
    """Delete the chosen records of one kind, all or none (rights as for saving them)."""
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        for record_id in ids:
            row: Any = _get(s, MODELS[kind], record_id, f"{WHAT[kind]} {record_id}")
            if kind == MELDUNG:
                srt = _get(s, Child, row.child_id, "Das Kind").srt
                _require_edit(actor, srt, srt)
            elif kind == SONDER:
                _require_sonder(s, actor, _get(s, Carer, row.carer_id, "Die Tagespflegeperson"))
                _raise(SONDER, by_field(p for p in special_problems(row.monat, row.betrag, row.grund,
                                                                    _month_closed(s, row.monat)) if p.field == "monat"))
            else:
                srt = _get(s, Carer, row.carer_id, "Die Tagespflegeperson").srt
                _require_edit(actor, srt, srt)
            s.delete(row)
        s.flush()
        return Change(kind, ids[0] if ids else 0, 0, "gelöscht", entities=frozenset({kind}))
