"""Preview of a placement change before it is saved (issue 5, R-K4): how the change moves
the carer's amount for the month (domain/payout.compute_month on ops/payout_inputs) and
the parents' fee (domain/fees.compute_fees). Read-only; the UI shows the figures as they
come — it never computes money itself.

The month shown is the current month, or the month the change takes effect if later.
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.calendar import month_range
from kitadesk.domain.fee_table import FeeError
from kitadesk.errors import KitaDeskError
from kitadesk.formats import month_label
from kitadesk.models import Carer, Child, Placement, PlacementVersion
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
            notes.append(f"Die Änderung wirkt erst ab {month_label(year, month)}; die Vorschau zeigt diesen Monat.")
        return PlacementPreview(year, month, f"{carer.nr} – {carer.full_name}", before, after, fee_before, fee_after,
                                tuple(notes))


def _carer_totals(s: Session, placement: Placement, carer_nr: str, child_nr: str, new_version: tuple,
                  year: int, month: int, settings) -> tuple[Decimal, Decimal]:
    # imported here (the calculation is only needed when a preview is asked for); an
    # ImportError of ops/payout_inputs (payout engineer) only disables this part (a note)
    from kitadesk.domain.lines import totals_by_carer
    from kitadesk.domain.payout import compute_month
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
    """The child's Zahlbetrag before/after, with its siblings (sibling rule), via ops/fees."""
    from kitadesk.domain.fees import compute_fees
    from kitadesk.ops.fees import care_versions, load_fee_children, load_fee_tables

    tables = load_fee_tables(s)
    if not tables:
        raise FeeError(["Keine Beitragstabelle erfasst."])
    start, end = month_range(year, month)
    family_ids = {k.id for k in child.family.children} if child.family is not None else {child.id}
    before, _ = load_fee_children(s, start, end, family_ids)
    care = []
    for pid, beginn, ende in s.execute(select(Placement.id, Placement.beginn, Placement.ende)
                                       .where(Placement.child_id == child.id)):
        versions = [(ab, h) for ab, h in s.execute(select(PlacementVersion.gueltig_ab, PlacementVersion.wochenstunden)
                                                   .where(PlacementVersion.placement_id == pid))]
        if pid == placement_id:
            versions = [v for v in versions if v[0] != gueltig_ab] + [(gueltig_ab, hours)]
        care.extend(care_versions(beginn, ende, versions))
    after = [replace(k, care=tuple(care)) if k.child_nr == child.nr else k for k in before]
    result = []
    for kids in (before, after):
        fees = {r.child_nr: r for r in compute_fees(kids, tables, year, month, settings)}
        found = fees.get(child.nr)
        result.append(None if found is None or found.held else found.zahlbetrag)
    return result[0], result[1]
