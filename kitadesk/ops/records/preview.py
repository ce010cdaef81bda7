"""Previews of a placement before it is saved (issue 5, issue 14.5, R-K4): what a new placement
or a dated change does to the carer's amount (domain/payout.compute_month on the inputs of
ops/payout_inputs) and the parents' fee (domain/fees via ops/fees) — month by month.

- A new placement: its first full month (the month of Beginn when it starts on the 1st).
- A change from `gueltig_ab`: EVERY month from the month of `gueltig_ab` through the month the
  next payout run books (today's month, or later while runs are finalized). A month whose run is
  finalized is never changed: its difference is booked as a correction in the next run
  (berechnung.md §8), recomputed with the settings stored in that run — the preview does the same,
  so its total is the real effect of the change.

Read-only: both sides work on the loaded inputs in memory (a preview never writes, so it never
holds a write lock another desk would wait for). The UI shows the figures as they come — it
never computes money itself.
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.calendar import month_range
from kitadesk.domain.fee_table import FeeError
from kitadesk.domain.settings import Auslegungen
from kitadesk.errors import InputError, KitaDeskError
from kitadesk.formats import month_label
from kitadesk.models import ABGESCHLOSSEN, Carer, Child, ChildStatus, PayoutRun, Placement
from kitadesk.ops.records.forms import PlacementData, PlacementTerms, resolved_terms
from kitadesk.ops.records.placements import _version_end
from kitadesk.ops.settings import load_auslegungen
from kitadesk.store import Store

ZERO = Decimal("0.00")
CORRECTION_NOTE = "Korrektur (Lauf abgeschlossen)"
MAX_MONTHS = 13  # the payout corrections look back 12 months (ops/payout_corrections.LOOKBACK_MONTHS)


@dataclass(frozen=True)
class MonthEffect:
    """One month of a preview: the carer's amount and the child's fee, before and after."""

    year: int
    month: int
    carer_before: Decimal | None  # the carer's total for the month (None: not computable)
    carer_after: Decimal | None
    fee_before: Decimal | None  # the parents' Zahlbetrag for the child in the month
    fee_after: Decimal | None
    finalized: bool = False  # the month's run is finalized: the difference becomes a correction

    @property
    def month_text(self) -> str:
        return month_label(self.year, self.month)

    @property
    def note(self) -> str:
        return CORRECTION_NOTE if self.finalized else ""

    @property
    def carer_delta(self) -> Decimal | None:
        return _delta(self.carer_before, self.carer_after)

    @property
    def fee_delta(self) -> Decimal | None:
        return _delta(self.fee_before, self.fee_after)


@dataclass(frozen=True)
class PlacementPreview:
    carer_label: str
    months: tuple[MonthEffect, ...]
    notes: tuple[str, ...] = ()

    @property
    def main(self) -> MonthEffect:
        """The month the next payout run books (the first month not finalized)."""
        return next((m for m in self.months if not m.finalized), self.months[-1])

    # the headline month (kept for callers that show one month)
    @property
    def year(self) -> int:
        return self.main.year

    @property
    def month(self) -> int:
        return self.main.month

    @property
    def month_text(self) -> str:
        return self.main.month_text

    @property
    def carer_before(self) -> Decimal | None:
        return self.main.carer_before

    @property
    def carer_after(self) -> Decimal | None:
        return self.main.carer_after

    @property
    def fee_before(self) -> Decimal | None:
        return self.main.fee_before

    @property
    def fee_after(self) -> Decimal | None:
        return self.main.fee_after

    @property
    def carer_delta(self) -> Decimal | None:
        return self.main.carer_delta

    @property
    def fee_delta(self) -> Decimal | None:
        return self.main.fee_delta

    @property
    def carer_total_delta(self) -> Decimal | None:
        """The whole effect on the carer: every month's difference, corrections included."""
        deltas = [m.carer_delta for m in self.months]
        return sum((d for d in deltas if d is not None), ZERO) if None not in deltas else None

    @property
    def has_corrections(self) -> bool:
        return any(m.finalized for m in self.months)


def _delta(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    return None if before is None or after is None else after - before


def _ym(year: int, month: int) -> int:
    return year * 12 + month - 1


def _from_ym(value: int) -> tuple[int, int]:
    return value // 12, value % 12 + 1


# --- the two previews ----------------------------------------------------------------------------

def preview_placement_change(store: Store, user: str, placement_id: int, gueltig_ab: date, terms: PlacementTerms,
                             today: date | None = None) -> PlacementPreview:
    """Every month the change from `gueltig_ab` moves (module doc), before saving."""
    today = today or date.today()
    terms = _complete(terms)
    new_version = (0, 0, gueltig_ab, terms.wochenstunden, terms.randzeitstunden, terms.uebernachtungen,
                   terms.nacht_im_haushalt_der_eltern)
    with store.session(user) as s:
        placement = s.get(Placement, placement_id)
        carer, child = s.get(Carer, placement.carer_id), s.get(Child, placement.child_id)
        runs = _finalized_runs(s)
        first = _ym(gueltig_ab.year, gueltig_ab.month)
        last = max(first, _ym(today.year, today.month))
        while last in runs:  # the correction is booked in the first month without a finalized run
            last += 1
        end = _version_end(placement, gueltig_ab)
        if end is not None:
            last = min(last, max(first, _ym(end.year, end.month)))
        notes = []
        if last - first >= MAX_MONTHS:
            first = last - MAX_MONTHS + 1
            notes.append(f"Frühere Monate als {month_label(*_from_ym(first))} werden nicht mehr nachberechnet "
                         "(12 Monate, berechnung.md §8).")
        months = [_from_ym(m) for m in range(first, last + 1)]

        def change_pool(pool):
            changed = []
            for p in pool.placements:
                if p.id == placement.id:
                    versions = sorted([v for v in p.versions if v[2] != gueltig_ab] + [new_version],
                                      key=lambda v: v[2])
                    p = replace(p, versions=versions)
                changed.append(p)
            return replace(pool, placements=changed)

        versions = [(v.gueltig_ab, v.wochenstunden) for v in placement.versions if v.gueltig_ab != gueltig_ab]
        proposed = {placement.id: (child.id, placement.beginn, placement.ende,
                                   [*versions, (gueltig_ab, terms.wochenstunden)])}

        effects = _effects(s, carer, child, months, runs, change_pool, proposed, notes)
        if any(m.finalized for m in effects):
            notes.append("Abgeschlossene Monate werden nie geändert: ihre Differenz wird im nächsten Lauf als "
                         "Korrektur gebucht (R-K4).")
        return PlacementPreview(f"{carer.nr} – {carer.full_name}", tuple(effects), tuple(notes))


def preview_new_placement(store: Store, user: str, data: PlacementData, today: date | None = None) -> PlacementPreview:
    """The carer's amount and the parents' fee in the new placement's first full month."""
    terms = _complete(data.terms)
    if data.beginn is None:
        raise KitaDeskError("Vorschau: Beginn fehlt.")
    beginn = data.beginn
    first = (beginn.year, beginn.month)
    if beginn.day != 1 and (data.ende is None or data.ende > month_range(*first)[1]):
        first = _from_ym(_ym(*first) + 1)
    with store.session(user) as s:
        carer, child = s.get(Carer, data.carer_id), s.get(Child, data.child_id)
        runs = _finalized_runs(s)
        version = (0, 0, beginn, terms.wochenstunden, terms.randzeitstunden, terms.uebernachtungen,
                   terms.nacht_im_haushalt_der_eltern)

        def change_pool(pool):
            from kitadesk.ops.payout_inputs import ChildInfo, _Placement

            children = dict(pool.children)
            children.setdefault(child.id, ChildInfo(child.id, child.nr, child.nachname, child.vorname,
                                                    child.geburtsdatum))
            statuses = dict(pool.statuses)
            if child.id not in statuses:
                statuses[child.id] = [tuple(r) for r in s.execute(
                    select(ChildStatus.id, ChildStatus.version, ChildStatus.gueltig_ab, ChildStatus.besonderer_bedarf,
                           ChildStatus.lvr_inklusionshilfe).where(ChildStatus.child_id == child.id)
                    .order_by(ChildStatus.gueltig_ab, ChildStatus.id))]
            new = _Placement(0, 0, child.id, carer.id, beginn, data.ende, [version])
            return replace(pool, children=children, statuses=statuses, placements=[*pool.placements, new])

        proposed = {0: (child.id, beginn, data.ende, [(beginn, terms.wochenstunden)])}
        notes: list[str] = []
        effects = _effects(s, carer, child, [first], runs, change_pool, proposed, notes)
        if first != (beginn.year, beginn.month):
            notes.append(f"Erster voller Monat: {month_label(*first)}.")
        return PlacementPreview(f"{carer.nr} – {carer.full_name}", tuple(effects), tuple(notes))


# --- shared --------------------------------------------------------------------------------------

def _complete(terms: PlacementTerms) -> PlacementTerms:
    if terms.wochenstunden is None:
        raise InputError("Wochenstunden fehlen.")
    return resolved_terms(terms)


def _finalized_runs(s: Session) -> dict[int, dict | None]:
    """Month (as _ym) → the settings stored in its latest finalized run."""
    out: dict[int, dict | None] = {}
    for jahr, monat, einstellungen in s.execute(
            select(PayoutRun.jahr, PayoutRun.monat, PayoutRun.einstellungen)
            .where(PayoutRun.status == ABGESCHLOSSEN).order_by(PayoutRun.jahr, PayoutRun.monat, PayoutRun.lauf)):
        out[_ym(jahr, monat)] = einstellungen
    return out


def _effects(s: Session, carer: Carer, child: Child, months: list[tuple[int, int]], runs: dict, change_pool,
             proposed: dict, notes: list[str]) -> list[MonthEffect]:
    settings = load_auslegungen(s)
    carer_totals: dict[tuple[int, int], tuple[Decimal | None, Decimal | None]] = {}
    try:
        carer_totals = _carer_totals(s, carer, months, runs, settings, change_pool)
    except (KitaDeskError, ValueError, LookupError) as exc:
        notes.append(f"Betrag der Tagespflegeperson nicht berechenbar: {exc}")
    fees: dict[tuple[int, int], tuple[Decimal | None, Decimal | None]] = {}
    try:
        fees = _fees(s, child, months, settings, proposed)
    except (FeeError, KitaDeskError, ValueError) as exc:
        notes.append(f"Elternbeitrag nicht berechenbar: {exc}")
    return [MonthEffect(y, m, *carer_totals.get((y, m), (None, None)), *fees.get((y, m), (None, None)),
                        finalized=_ym(y, m) in runs) for y, m in months]


def _carer_totals(s: Session, carer: Carer, months: list[tuple[int, int]], runs: dict, settings: Auslegungen,
                  change_pool) -> dict[tuple[int, int], tuple[Decimal | None, Decimal | None]]:
    """The carer's own total per month before/after; a finalized month with the settings of its run."""
    from kitadesk.domain.lines import totals_by_carer
    from kitadesk.domain.payout import compute_month
    from kitadesk.ops.payout_corrections import stored_settings
    from kitadesk.ops.payout_inputs import gc_paused, load_pool, month_input

    with gc_paused():
        pool = load_pool(s, months[0], months[-1])
    # only what can move this carer's total: its placements and those of carers it substitutes for
    keep = {carer.id} | {a[2] for a in pool.absences if a[6] == carer.id}
    pool = replace(pool, placements=[p for p in pool.placements if p.carer_id in keep])
    changed = change_pool(pool)
    out: dict[tuple[int, int], tuple[Decimal | None, Decimal | None]] = {}
    for year, month in months:
        used = stored_settings(runs[_ym(year, month)]) if _ym(year, month) in runs else settings
        totals = [totals_by_carer(compute_month(month_input(p, year, month, used).inp, used)).get(carer.nr, ZERO)
                  for p in (pool, changed)]
        out[(year, month)] = (totals[0], totals[1])
    return out


def _fees(s: Session, child: Child, months: list[tuple[int, int]], settings: Auslegungen,
          proposed: dict) -> dict[tuple[int, int], tuple[Decimal | None, Decimal | None]]:
    """The child's Zahlbetrag per month before/after, with its siblings (sibling rule), via ops/fees;
    "after" with the proposed placement in the fee inputs (nothing is written)."""
    from kitadesk.domain.fees import compute_fees
    from kitadesk.ops.fees import load_fee_children, load_fee_tables

    tables = load_fee_tables(s)
    if not tables:
        raise FeeError(["Keine Beitragstabelle erfasst."])
    family_ids = {k.id for k in child.family.children} if child.family is not None else {child.id}

    def zahlbetrag(year: int, month: int, change: dict | None) -> Decimal | None:
        start, end = month_range(year, month)
        kids, _ = load_fee_children(s, start, end, family_ids, change)
        found = {r.child_nr: r for r in compute_fees(kids, tables, year, month, settings)}.get(child.nr)
        return None if found is None or found.held else found.zahlbetrag

    return {ym: (zahlbetrag(*ym, None), zahlbetrag(*ym, proposed)) for ym in months}
