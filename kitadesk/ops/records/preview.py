"""Preview of a placement change before it is saved (issue 5, R-K4): how the change moves
the carer's amount for the month (domain/payout.compute_month on ops/payout_inputs) and
the parents' fee (domain/fees.compute_fees). Read-only; the UI shows the figures as they
come — it never computes money itself.

The month shown is the current month, or the month the change takes effect if later.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.fees import CareVersion, FeeCell, FeeChild, FeeError, FeeFree, Income, KitaSiblings, Waiver
from kitadesk.domain.fees import build_fee_tables, compute_fees
from kitadesk.domain.calendar import month_range
from kitadesk.domain.lines import totals_by_carer
from kitadesk.domain.payout import compute_month
from kitadesk.errors import KitaDeskError
from kitadesk.formats import month_label
from kitadesk.models import (
    Carer, Child, ChildStatus, Ermaessigung, FeeTable, Placement, PlacementVersion,
)
from kitadesk.ops.records.forms import PlacementTerms, resolved_terms
from kitadesk.ops.settings import load_auslegungen
from kitadesk.store import Store

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PlacementPreview:
    year: int
    month: int
    carer_label: str
    carer_before: Decimal | None  # the carer's total for the month (None: not computable)
    carer_after: Decimal | None
    fee_before: Decimal | None  # the parents' Zahlbetrag for the child in the month
    fee_after: Decimal | None
    notes: tuple[str, ...] = ()

    @property
    def month_text(self) -> str:
        return month_label(self.year, self.month)

    @property
    def carer_delta(self) -> Decimal | None:
        if self.carer_before is None or self.carer_after is None:
            return None
        return self.carer_after - self.carer_before

    @property
    def fee_delta(self) -> Decimal | None:
        if self.fee_before is None or self.fee_after is None:
            return None
        return self.fee_after - self.fee_before


def preview_placement_change(store: Store, user: str, placement_id: int, gueltig_ab: date, terms: PlacementTerms,
                             today: date | None = None) -> PlacementPreview:
    today = today or date.today()
    year, month = max((today.year, today.month), (gueltig_ab.year, gueltig_ab.month))
    terms = resolved_terms(terms)
    new_version = (0, 0, gueltig_ab, terms.wochenstunden, terms.randzeitstunden, terms.uebernachtungen,
                   terms.nacht_im_haushalt_der_eltern)
    with store.session(user) as s:
        placement = s.get(Placement, placement_id)
        carer, child = s.get(Carer, placement.carer_id), s.get(Child, placement.child_id)
        settings = load_auslegungen(s)
        notes = []
        before = after = fee_before = fee_after = None
        try:
            before, after = _carer_totals(s, placement, carer.nr, child.nr, new_version, year, month, settings)
        except (KitaDeskError, ValueError, LookupError, ImportError) as exc:
            notes.append(f"Betrag der Tagespflegeperson nicht berechenbar: {exc}")
        try:
            fee_before, fee_after = _fees(s, child, placement.id, gueltig_ab, terms.wochenstunden, year, month, settings)
        except (FeeError, KitaDeskError, ValueError) as exc:
            notes.append(f"Elternbeitrag nicht berechenbar: {exc}")
        if (year, month) != (today.year, today.month):
            notes.append(f"Die Änderung wirkt erst ab {month_label(year, month)}; gezeigt ist dieser Monat.")
        return PlacementPreview(year, month, f"{carer.nr} – {carer.full_name}", before, after, fee_before, fee_after,
                                tuple(notes))


def _carer_totals(s: Session, placement: Placement, carer_nr: str, child_nr: str, new_version: tuple,
                  year: int, month: int, settings) -> tuple[Decimal, Decimal]:
    # imported here: ops/payout_inputs belongs to the payout engineer; an ImportError only
    # disables this part of the preview (reported as a note)
    from kitadesk.ops.payout_inputs import cut_versions, load_month

    loaded = load_month(s, year, month, settings)
    inp = loaded.inp
    start, end = month_range(year, month)
    # only what can move this carer's total: its own placements and those it substitutes for
    keep = {carer_nr} | {a.carer_nr for a in inp.absences if a.substitute_nr == carer_nr}
    own = [v for v in inp.placements if v.carer_nr in keep]
    base = replace(inp, placements=own)
    found = [p for p, _ in loaded.placements if p.id == placement.id]
    if not found:
        raise LookupError("die Betreuung liegt nicht in diesem Monat")
    p = found[0]
    versions = sorted([v for v in p.versions if v[2] != new_version[2]] + [new_version], key=lambda v: v[2])
    cut = [c[2] for c in cut_versions(replace(p, versions=versions), child_nr, carer_nr, start, end)]
    changed_inp = replace(base, placements=[v for v in own if v.placement_id != placement.id] + cut)
    before = totals_by_carer(compute_month(base, settings)).get(carer_nr, ZERO)
    after = totals_by_carer(compute_month(changed_inp, settings)).get(carer_nr, ZERO)
    return before, after


def _fees(s: Session, child: Child, placement_id: int, gueltig_ab: date, hours: Decimal, year: int, month: int,
          settings) -> tuple[Decimal | None, Decimal | None]:
    """The child's Zahlbetrag before/after, with its siblings (sibling rule, berechnung.md §9).
    HOOK: switch to the fee list's loader (ops for `kitadesk beitraege`) once it exists."""
    tables = build_fee_tables(
        [(t.gueltig_ab, FeeCell(c.alter, c.einkommen_bis, c.stunden_bis, c.beitrag))
         for t in s.scalars(select(FeeTable)) for c in t.cells])
    if not tables:
        raise FeeError(["Keine Beitragstabelle erfasst."])
    family = child.family
    children = list(family.children) if family is not None else [child]
    fee_children = {True: [], False: []}
    for kid in children:
        rows = s.execute(select(Placement.id, Placement.beginn, Placement.ende, PlacementVersion.gueltig_ab,
                                PlacementVersion.wochenstunden)
                         .join(PlacementVersion, PlacementVersion.placement_id == Placement.id)
                         .where(Placement.child_id == kid.id).order_by(Placement.id, PlacementVersion.gueltig_ab)).all()
        for changed in (False, True):
            if changed and kid.id == child.id:
                rows_now = [r for r in rows if not (r[0] == placement_id and r[3] == gueltig_ab)]
                beginn, ende = next((r[1], r[2]) for r in rows if r[0] == placement_id)
                rows_now.append((placement_id, beginn, ende, gueltig_ab, hours))
                rows_now.sort(key=lambda r: (r[0], r[3]))
            else:
                rows_now = rows
            fee_children[changed].append(_fee_child(s, kid, rows_now))
    result = {}
    for changed, kids in fee_children.items():
        fees = {r.child_nr: r for r in compute_fees(kids, tables, year, month, settings)}
        found = fees.get(child.nr)
        result[changed] = None if found is None or found.held else found.zahlbetrag
    return result[False], result[True]


def _fee_child(s: Session, kid: Child, rows) -> FeeChild:
    care = []
    for i, (pid, beginn, ende, ab, hours) in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) and rows[i + 1][0] == pid else None
        bis = nxt[3] - timedelta(days=1) if nxt else ende
        care.append(CareVersion(max(ab, beginn), bis, hours))
    family = kid.family
    incomes = tuple(Income(i.gueltig_ab, i.jahreseinkommen) for i in family.incomes) if family else ()
    statuses = s.scalars(select(ChildStatus).where(ChildStatus.child_id == kid.id).order_by(ChildStatus.gueltig_ab))
    waiver_row = s.scalar(select(Ermaessigung).where(Ermaessigung.child_id == kid.id)
                          .order_by(Ermaessigung.ab.desc()).limit(1))
    waiver = Waiver(waiver_row.prozent, waiver_row.ab, waiver_row.antrag_vom, waiver_row.bis) if waiver_row else None
    kita = (KitaSiblings(date(1900, 1, 1), family.geschwister_in_kita),) if family and family.geschwister_in_kita else ()
    return FeeChild(kid.nr, family.nr if family else None, kid.geburtsdatum, tuple(care), incomes,
                    tuple(FeeFree(st.gueltig_ab, st.beitragsfrei) for st in statuses), kita, waiver)
