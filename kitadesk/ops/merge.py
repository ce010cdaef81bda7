"""Merge two records of one child (issue 19): everything of the dropped child — placements with
their versions, status history, Ermäßigungen, Monatsmeldungen, Sonderbeträge, letters, change
notices, reminder states — moves to the kept child; the dropped record is deleted; ONE audit
entry ("zusammengeführt", on the kept child) names both and keeps the dropped record's values.
Only Leitung (right `zusammenfuehren`).

Decisions where the spec is silent:
- Refused (German message, nothing changed) when the result would be wrong: two placements
  with the same carer overlapping in time, or a status / Monatsmeldung on the same date with
  different values (equal ones are the same fact: the dropped one goes).
- The kept record's own fields stay as they are (the desk corrects them in the form).
- Finalized payout runs are never changed: their lines keep the dropped child's Nr (the history
  of what was paid); a later correction of such a month compares by Nr, so the dropped Nr's
  lines come back as "entfällt" and the kept Nr's as new — a double payment shows as a recovery.
  Drafts are simply computed again.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from kitadesk.domain.duplicates import Person, describe
from kitadesk.errors import InputError
from kitadesk.models import (
    ABGESCHLOSSEN,
    AuditEntry,
    Carer,
    ChangeNotice,
    Child,
    ChildStatus,
    Ermaessigung,
    Letter,
    Monatsmeldung,
    PayoutLine,
    PayoutRun,
    Placement,
    ReminderState,
    Sonderbetrag,
)
from kitadesk.models.session import _snapshot, now
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.store import Store

MERGED = "zusammengeführt"  # AuditEntry.aktion
FAR = date.max

# what moves: label → (table, child column)
MOVED: tuple[tuple[str, Any, str], ...] = (
    ("Betreuungen", Placement.__table__, "child_id"),
    ("Status-Einträge", ChildStatus.__table__, "child_id"),
    ("Ermäßigungen", Ermaessigung.__table__, "child_id"),
    ("Monatsmeldungen", Monatsmeldung.__table__, "child_id"),
    ("Sonderbeträge", Sonderbetrag.__table__, "child_id"),
    ("Änderungsmitteilungen", ChangeNotice.__table__, "child_id"),
    ("Bescheide/Briefe", Letter.__table__, "child_id"),
)


@dataclass(frozen=True)
class MergePlan:
    keep: str  # "K00412 Müller, Anna (geb. …, SRT Ost)"
    drop: str
    moved: tuple[tuple[str, int], ...]  # label → count
    finalized_lines: int  # lines of finalized runs that keep the dropped Nr

    def lines(self) -> list[str]:
        out = [f"Behalten: {self.keep}", f"Aufgelöst (gelöscht): {self.drop}", "Übernommen werden:"]
        out += [f"  {count} {label}" for label, count in self.moved if count] or ["  (nichts)"]
        if self.finalized_lines:
            out.append(f"{self.finalized_lines} Zeilen abgeschlossener Auszahlungsläufe bleiben unverändert "
                       f"(mit der alten Nr).")
        return out


def _person(c: Child) -> str:
    return describe(Person(c.nr, c.nachname, c.vorname, c.geburtsdatum, c.srt))


def _load(s: Session, keep_id: int, drop_id: int) -> tuple[Child, Child]:
    if keep_id == drop_id:
        raise InputError("Zusammenführen nicht möglich: zweimal derselbe Datensatz gewählt.")
    keep, drop = s.get(Child, keep_id), s.get(Child, drop_id)
    if keep is None or drop is None:
        raise InputError("Zusammenführen nicht möglich: ein Kind gibt es nicht mehr (inzwischen gelöscht?).")
    return keep, drop


def _overlap_problem(s: Session, keep: Child, drop: Child) -> str | None:
    rows = s.execute(select(Placement.child_id, Placement.carer_id, Placement.beginn, Placement.ende)
                     .where(Placement.child_id.in_((keep.id, drop.id)))).all()
    mine = [r for r in rows if r.child_id == keep.id]
    for p in (r for r in rows if r.child_id == drop.id):
        for q in mine:
            if p.carer_id == q.carer_id and p.beginn <= (q.ende or FAR) and q.beginn <= (p.ende or FAR):
                carer = s.get_one(Carer, p.carer_id)
                return (f"Zusammenführen nicht möglich: {keep.nr} und {drop.nr} haben beide eine Betreuung bei "
                        f"{carer.nr} {carer.nachname}, {carer.vorname} im selben Zeitraum ({_span(q)} und "
                        f"{_span(p)}). Bitte zuerst eine der beiden Betreuungen beenden.")
    return None


def _span(p) -> str:
    return f"{p.beginn:%d.%m.%Y}–{p.ende:%d.%m.%Y}" if p.ende else f"ab {p.beginn:%d.%m.%Y}"


def _same_day_problems(s: Session, keep: Child, drop: Child) -> tuple[str | None, list[int], list[int]]:
    """Statuses and Monatsmeldungen of both on one date: equal → the dropped one goes, else refused."""
    gone_status: list[int] = []
    gone_meldung: list[int] = []
    model: Any
    for model, day, values in ((ChildStatus, ChildStatus.gueltig_ab, ("besonderer_bedarf", "lvr_inklusionshilfe",
                                                                         "beitragsfrei")),
                               (Monatsmeldung, Monatsmeldung.datum, ("stunden",))):
        kept = {getattr(r, day.key): r for r in s.scalars(select(model).where(model.child_id == keep.id))}
        for r in s.scalars(select(model).where(model.child_id == drop.id)):
            other = kept.get(getattr(r, day.key))
            if other is None:
                continue
            if any(getattr(r, v) != getattr(other, v) for v in values):
                what = "Status (Bedarf/Beitragsfreiheit)" if model is ChildStatus else "Monatsmeldung"
                return (f"Zusammenführen nicht möglich: {keep.nr} und {drop.nr} haben am "
                        f"{getattr(r, day.key):%d.%m.%Y} verschiedene Angaben ({what}). Bitte zuerst angleichen."),\
                    [], []
            (gone_status if model is ChildStatus else gone_meldung).append(r.id)
    return None, gone_status, gone_meldung


def _plan(s: Session, keep: Child, drop: Child) -> tuple[MergePlan, list[int], list[int]]:
    problem = _overlap_problem(s, keep, drop)
    gone_status: list[int] = []
    gone_meldung: list[int] = []
    if problem is None:
        problem, gone_status, gone_meldung = _same_day_problems(s, keep, drop)
    if problem:
        raise InputError(problem)
    moved = []
    for label, table, column in MOVED:
        count = s.scalar(select(func.count()).select_from(table).where(table.c[column] == drop.id)) or 0
        count -= len(gone_status) if table is ChildStatus.__table__ else 0
        count -= len(gone_meldung) if table is Monatsmeldung.__table__ else 0
        moved.append((label, count))
    moved.append(("Wiedervorlage-Vermerke", len(_reminder_states(s, drop))))
    lines = s.scalar(select(func.count()).select_from(PayoutLine).join(PayoutRun)
                     .where(PayoutLine.child_nr == drop.nr, PayoutRun.status == ABGESCHLOSSEN)) or 0
    return MergePlan(_person(keep), _person(drop), tuple(moved), lines), gone_status, gone_meldung


def _reminder_key(nr: str) -> str:
    return f"|child|{nr}|"


def _reminder_states(s: Session, child: Child) -> list[ReminderState]:
    return list(s.scalars(select(ReminderState).where(ReminderState.schluessel.contains(_reminder_key(child.nr)))))


def merge_preview(store: Store, user: str, keep_id: int, drop_id: int) -> MergePlan:
    """What `merge_children` would move (for the confirm dialog); refusals as there."""
    with unit_of_work(store, user) as s:
        load_actor(s, user).require("zusammenfuehren")
        keep, drop = _load(s, keep_id, drop_id)
        return _plan(s, keep, drop)[0]


def merge_children(store: Store, user: str, keep_id: int, drop_id: int) -> MergePlan:
    """Move everything of child `drop_id` to `keep_id` and delete the dropped record (one transaction)."""
    with unit_of_work(store, user) as s:
        load_actor(s, user).require("zusammenfuehren")
        keep, drop = _load(s, keep_id, drop_id)
        plan, gone_status, gone_meldung = _plan(s, keep, drop)
        old = _snapshot(drop)
        drop_id, drop_nr = drop.id, drop.nr
        s.execute(delete(ChildStatus).where(ChildStatus.id.in_(gone_status)))
        s.execute(delete(Monatsmeldung).where(Monatsmeldung.id.in_(gone_meldung)))
        for _label, table, column in MOVED:
            values: dict = {column: keep.id}
            if "version" in table.c:
                values["version"] = table.c.version + 1  # open forms of these records reload
            s.execute(update(table).where(table.c[column] == drop_id).values(**values))
        _move_reminders(s, drop, keep)
        s.expunge(drop)
        s.execute(delete(Child).where(Child.id == drop_id))
        s.execute(insert(AuditEntry).values(
            zeit=now(), benutzer=user, tabelle=Child.__tablename__, datensatz_id=keep.id, aktion=MERGED,
            alt={"aufgeloest": drop_nr, "datensatz": old},
            neu={"behalten": keep.nr, "uebernommen": {label: n for label, n in plan.moved if n}}))
        return plan


def _move_reminders(s: Session, drop: Child, keep: Child) -> None:
    taken = {r.schluessel for r in _reminder_states(s, keep)}
    for state in _reminder_states(s, drop):
        key = state.schluessel.replace(_reminder_key(drop.nr), _reminder_key(keep.nr))
        if key in taken:
            s.delete(state)
        else:
            state.schluessel = key
    s.flush()

