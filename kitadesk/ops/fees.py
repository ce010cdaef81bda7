"""Elternbeitrag from the store (R-E1..R-E3, berechnung.md §9): load plain inputs for the
pure `domain.fees`, compute a month, and build the treasury's fee list (interfaces.md §4)."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk import __version__
from kitadesk import models as orm  # ORM classes whose names the domain uses too (issue 17.4)
from kitadesk.domain.calendar import month_range
from kitadesk.domain.fee_changes import mark_changes
from kitadesk.domain.fee_table import FeeCell, FeeError, build_fee_tables, table_on
from kitadesk.domain.fees import CareVersion, FeeChild, FeeFree, FeeResult, Income, KitaSiblings, Waiver, compute_fees
from kitadesk.domain.settings import Auslegungen
from kitadesk.errors import InputError
from kitadesk.models import (
    Child,
    ChildStatus,
    Ermaessigung,
    Family,
    FamilyIncome,
    Placement,
    PlacementVersion,
)
from kitadesk.ops.base import load_actor
from kitadesk.ops.settings import load_auslegungen
from kitadesk.reports.data import FeeList, FeeListInfo, FeeListRow, hide_password
from kitadesk.store import Store


def load_fee_tables(session: Session):
    rows = session.execute(select(orm.FeeTable.gueltig_ab, orm.FeeTable.ist_beispiel, orm.FeeCell)
                           .join(orm.FeeCell, orm.FeeCell.table_id == orm.FeeTable.id)).all()
    example = any(r[1] for r in rows)
    return build_fee_tables(((r[0], FeeCell(r[2].alter, r[2].einkommen_bis, r[2].stunden_bis, r[2].beitrag))
                             for r in rows), is_example=example)


def care_versions(beginn: date, ende: date | None, unsorted: Sequence[tuple[date, Decimal]]) -> list[CareVersion]:
    """Placement versions as inclusive periods: a version from X ends the previous on X − 1 (R-K4)."""
    versions = sorted(unsorted, key=lambda v: v[0])
    result = []
    for i, (gueltig_ab, hours) in enumerate(versions):
        von = max(gueltig_ab, beginn)
        bis = versions[i + 1][0] - timedelta(days=1) if i + 1 < len(versions) else None
        if ende is not None:
            bis = ende if bis is None else min(bis, ende)
        if bis is None or bis >= von:
            result.append(CareVersion(von, bis, hours))
    return result


@dataclass(frozen=True)
class ChildName:
    """What the fee list shows of a child (loaded as plain columns, not ORM objects)."""

    nr: str
    nachname: str
    vorname: str
    sorgeberechtigte: str
    srt: str


class _Proposed(NamedTuple):
    id: int
    child_id: int
    beginn: date
    ende: date | None


def load_fee_children(session: Session, start: date, end: date, child_ids: set[int] | None = None,
                      proposed: dict | None = None) -> tuple[list[FeeChild], dict[str, ChildName]]:
    """FeeChild inputs of every child with care overlapping [start, end] (few queries, no N+1).
    `proposed`: placement id → (child id, Beginn, Ende, [(gültig ab, hours), …]) replacing or
    adding a placement as if saved (the placement previews, ops/records/preview.py)."""
    placements: list = list(session.execute(
        select(Placement.id, Placement.child_id, Placement.beginn, Placement.ende)
        .where(Placement.beginn <= end, (Placement.ende.is_(None)) | (Placement.ende >= start))).all())
    proposed = proposed or {}
    placements = [p for p in placements if p.id not in proposed] + [
        _Proposed(pid, cid, beginn, ende) for pid, (cid, beginn, ende, _) in proposed.items()
        if beginn <= end and (ende is None or ende >= start)]
    if child_ids is not None:
        placements = [p for p in placements if p.child_id in child_ids]
    wanted_placements = {p.id for p in placements}
    by_placement = defaultdict(list)
    for pid, ab, hours in session.execute(select(PlacementVersion.placement_id, PlacementVersion.gueltig_ab,
                                                 PlacementVersion.wochenstunden)):
        if pid in wanted_placements and pid not in proposed:
            by_placement[pid].append((ab, hours))
    for pid, (_, _, _, versions) in proposed.items():
        by_placement[pid] = list(versions)
    care = defaultdict(list)
    for p in placements:
        care[p.child_id].extend(care_versions(p.beginn, p.ende, by_placement[p.id]))
    children = {row.id: row for row in session.execute(
        select(Child.id, Child.nr, Child.nachname, Child.vorname, Child.sorgeberechtigte, Child.geburtsdatum,
               Child.family_id, Child.srt)) if row.id in care}
    family_ids = {c.family_id for c in children.values() if c.family_id}
    families = {row.id: row for row in session.execute(select(Family.id, Family.nr, Family.geschwister_in_kita))
                if row.id in family_ids}
    incomes = defaultdict(list)
    for fid, ab, value in session.execute(select(FamilyIncome.family_id, FamilyIncome.gueltig_ab,
                                                 FamilyIncome.jahreseinkommen)):
        if fid in family_ids:
            incomes[fid].append(Income(ab, value))
    free = defaultdict(list)
    for cid, ab, flag in session.execute(select(ChildStatus.child_id, ChildStatus.gueltig_ab, ChildStatus.beitragsfrei)):
        if cid in children:
            free[cid].append(FeeFree(ab, flag))
    waivers = {}
    for w in session.execute(select(Ermaessigung.child_id, Ermaessigung.prozent, Ermaessigung.ab,
                                    Ermaessigung.antrag_vom, Ermaessigung.bis).order_by(Ermaessigung.ab)):
        if w.child_id in children and w.ab <= end and (w.bis is None or w.bis >= start):
            waivers[w.child_id] = Waiver(w.prozent, w.ab, w.antrag_vom, w.bis)
    result, by_nr = [], {}
    for cid, child in children.items():
        family = families.get(child.family_id)
        kita = (KitaSiblings(date(1900, 1, 1), family.geschwister_in_kita),) if family and family.geschwister_in_kita else ()
        result.append(FeeChild(
            child.nr, family.nr if family else None, child.geburtsdatum, tuple(care[cid]),
            tuple(sorted(incomes.get(child.family_id, ()), key=lambda i: i.gueltig_ab)),
            tuple(sorted(free[cid], key=lambda f: f.gueltig_ab)), kita, waivers.get(cid)))
        by_nr[child.nr] = ChildName(child.nr, child.nachname, child.vorname, child.sorgeberechtigte, child.srt)
    return result, by_nr


def _compute(children: list[FeeChild], tables, year: int, month: int, settings: Auslegungen) -> list[FeeResult]:
    try:
        return compute_fees(children, tables, year, month, settings)
    except FeeError as exc:
        raise InputError("Elternbeiträge können nicht berechnet werden.", list(exc.errors)) from exc


def month_fees(session: Session, year: int, month: int, settings: Auslegungen | None = None,
               child_ids: set[int] | None = None) -> tuple[list[FeeResult], dict[str, Child]]:
    """The explained fees of a month (R-E1..R-E3) with the children's records (for letters);
    a bad table or input → InputError (German)."""
    settings = settings or load_auslegungen(session)
    start, end = month_range(year, month)
    children, names = load_fee_children(session, start, end, child_ids)
    results = _compute(children, load_fee_tables(session), year, month, settings)
    nrs = list(names)
    records: dict[str, Child] = {}
    for i in range(0, len(nrs), 900):
        records.update((c.nr, c) for c in session.scalars(select(Child).where(Child.nr.in_(nrs[i:i + 900]))))
    return results, records


def _previous(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def fee_list(store: Store, user: str, year: int, month: int) -> FeeList:
    """The month's fee list for the city treasury (Sollstellung), changes marked vs. last month."""
    with store.session(user) as session:
        load_actor(session, user).require("lesen")
        settings = load_auslegungen(session)
        prev_year, prev_month = _previous(year, month)
        children, by_nr = load_fee_children(session, month_range(prev_year, prev_month)[0],
                                            month_range(year, month)[1])  # both months, loaded once
        tables = load_fee_tables(session)
        current = _compute(children, tables, year, month, settings)
        previous = _compute(children, tables, prev_year, prev_month, settings)
        prev_nr = by_nr
        changes = mark_changes(previous, current)
        rows = [_row(r, by_nr[r.child_nr], changes.get(r.child_nr, "")) for r in current]
        for r in previous:  # children whose care ended: 'entfällt' with nothing due
            if changes.get(r.child_nr) == "entfällt":
                child = prev_nr[r.child_nr]
                rows.append(FeeListRow(r.family_nr or "", r.child_nr, child.nachname, child.vorname,
                                       child.sorgeberechtigte, None, None, r.beitrag * 0, r.ermaessigung * 0, "entfällt"))
        table = table_on(tables, month_range(year, month)[1])
        warnings = [f"Kind {r.child_nr}: {r.fehlt}" for r in current if r.held]
        info = FeeListInfo(year, month, datetime.now().replace(microsecond=0), user, hide_password(store.describe()),
                           __version__, settings.as_dict(), table.gueltig_ab if table else None)
    return FeeList(info, rows, warnings)


def export_fee_list(store: Store, user: str, year: int, month: int, path: str | Path) -> FeeList:
    """The fee list as workbook. The Stufe is the family's income bracket: `lesen` plus
    `sensible_daten` for every listed child's SRT, else refused (never masked); audited."""
    from kitadesk.ops.exports import require_export, write_recorded
    from kitadesk.reports.fee_list import write_fee_list

    result = fee_list(store, user, year, month)
    listed = {r.child_nr for r in result.rows}
    with store.session(user) as session:
        actor = load_actor(session, user)
        require_export(actor, "lesen", {srt for nr, srt in session.execute(select(Child.nr, Child.srt)) if nr in listed})
    write_recorded(store, user, f"Beitragsliste {month:02d}/{year}", lambda: write_fee_list(result, path))
    return result


def _row(r: FeeResult, child: ChildName, change: str) -> FeeListRow:
    return FeeListRow(r.family_nr or "", r.child_nr, child.nachname, child.vorname, child.sorgeberechtigte,
                      r.stufe_text or None, r.band_text or None, None if r.held else r.beitrag,
                      r.ermaessigung, change)


def child_fee(store: Store, user: str, child_id: int, day: date) -> FeeResult | None:
    """The child's explained fee for the month of `day`, with its siblings (R-E1 sibling rule);
    None without care in that month. Shown on the child's form (issue 7)."""
    with store.session(user) as session:
        load_actor(session, user).require("lesen")
        family_id = session.scalar(select(Child.family_id).where(Child.id == child_id))
        ids = {child_id} if family_id is None else set(session.scalars(
            select(Child.id).where(Child.family_id == family_id)))
        nr = session.scalar(select(Child.nr).where(Child.id == child_id))
        results, _ = month_fees(session, day.year, day.month, child_ids=ids)
    return next((r for r in results if r.child_nr == nr), None)



HIDDEN = "nicht sichtbar"


def fee_screen(store: Store, user: str, year: int, month: int) -> tuple[
        FeeList, dict[str, FeeResult | None], dict[str, str]]:
    """The fee list for the screen (issue 14.1) with each child's explained fee (the "Warum?") and
    SRT (Kind_Nr → …, for the desk's filter).
    The Stufe is the family's income bracket: shown only where the user may see income
    (`sensible_daten` for the child's SRT), else masked — on the screen only; the export
    (export_fee_list) contains it or is refused."""
    fees = fee_list(store, user, year, month)
    with store.session(user) as session:
        actor = load_actor(session, user)
        results, _records = month_fees(session, year, month)
        listed = {r.child_nr for r in fees.rows}
        srt_of = {nr: srt for nr, srt in session.execute(select(Child.nr, Child.srt)) if nr in listed}
    hidden = {nr for nr, srt in srt_of.items() if not actor.can_see_sensitive(srt)}
    rows = [replace(r, stufe=HIDDEN) if r.child_nr in hidden and r.stufe is not None else r for r in fees.rows]
    return replace(fees, rows=rows), {r.child_nr: None if r.child_nr in hidden else r for r in results}, srt_of
