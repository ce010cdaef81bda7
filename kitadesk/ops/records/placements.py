"""Placements (R-K2): place a child, change from a date as a new version (R-K4), end;
refused when the carer's permit would be broken (R-K3, domain/capacity.py)."""

from datetime import date, timedelta

from sqlalchemy.orm import Session

from kitadesk.domain.capacity import CapacityPlacement, check_placement
from kitadesk.domain.rules.child import entitlement_problems
from kitadesk.domain.rules.placement import PlacementRecord, period_problems
from kitadesk.domain.timeplan import parse_timeplan
from kitadesk.errors import InputError
from kitadesk.formats import day as fmt_day
from kitadesk.formats import hours as fmt_hours
from kitadesk.models import Carer, ChangeNotice, Child, Placement, PlacementVersion
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.records.common import _lock, _require_any_srt
from kitadesk.ops.records.forms import (
    Change,
    PlacementData,
    PlacementTerms,
    _raise_problems,
    resolved_terms,
    terms_problems,
)
from kitadesk.store import Store


def _age_problem(child: Child, beginn: date) -> str | None:
    """R-K1 (domain/rules/child.py): under 1 and from 3 years only with a recorded reason."""
    found = entitlement_problems(child.geburtsdatum, beginn, child.unter_1_grund, child.ab_3_grund)
    return found[0].message if found else None


def _capacity(session: Session, carer_id: int, child_id: int, von: date, bis: date | None, terms: PlacementTerms,
              new: bool, today: date):
    from kitadesk.ops.queries.capacity import capacity_inputs  # queries import records.forms

    if terms.wochenstunden is None:  # the forms check terms_problems first; a bare call may not
        raise InputError("Betreuung nicht geprüft:", ["Wochenstunden: fehlen."])
    permit, existing, carer_nr, child_nr = capacity_inputs(session, carer_id, child_id, von)
    plan = parse_timeplan(terms.zeitplan) if terms.zeitplan.strip() else None
    proposed = CapacityPlacement(child_nr, carer_nr, von, bis, terms.wochenstunden, plan)
    return check_placement(permit, proposed, existing, new=new, today=today)


def _refuse_capacity(check) -> None:
    if check.refused:
        raise InputError("Betreuung abgelehnt – Grenze der Erlaubnis (R-K3):", list(check.refusals))


def placement_problems(data: PlacementData) -> dict[str, str]:
    p = terms_problems(data.terms)
    if data.child_id is None:
        p["child_id"] = "Bitte ein Kind wählen."
    if data.carer_id is None:
        p["carer_id"] = "Bitte eine Tagespflegeperson wählen."
    if data.beginn is None:
        p["beginn"] = "Beginn fehlt."
    for problem in period_problems(PlacementRecord(beginn=data.beginn, ende=data.ende)):
        p.setdefault(problem.field, problem.message)
    return p


def check_new_placement(store: Store, user: str, data: PlacementData, today: date | None = None):
    """Read-only capacity check for the form (shown next to the fields before saving)."""
    today = today or date.today()
    if data.child_id is None or data.carer_id is None or data.beginn is None:
        raise InputError("Betreuung nicht geprüft:", [
            message for key, message in placement_problems(data).items() if key in ("child_id", "carer_id", "beginn")])
    with store.session(user) as s:
        return _capacity(s, data.carer_id, data.child_id, data.beginn, data.ende, resolved_terms(data.terms),
                         True, today)


def check_placement_change(store: Store, user: str, placement_id: int, gueltig_ab: date, terms: PlacementTerms,
                           today: date | None = None):
    """Read-only capacity check of changed terms from `gueltig_ab` (R-K3), for the form."""
    today = today or date.today()
    with store.session(user) as s:
        placement = s.get(Placement, placement_id)
        return _capacity(s, placement.carer_id, placement.child_id, gueltig_ab, _version_end(placement, gueltig_ab),
                         resolved_terms(terms), False, today)


def place_child(store: Store, user: str, data: PlacementData, today: date | None = None) -> Change:
    """A new placement (R-K2), refused when it breaks the carer's permit (R-K3)."""
    today = today or date.today()
    _raise_problems("Betreuung", placement_problems(data))
    beginn = data.beginn
    assert beginn is not None, "placement_problems refuses a placement without Beginn"
    terms = resolved_terms(data.terms)
    with unit_of_work(store, user) as s:
        child, carer = s.get(Child, data.child_id), s.get(Carer, data.carer_id)
        if child is None or carer is None:
            raise InputError("Kind oder Tagespflegeperson gibt es nicht mehr.")
        _require_any_srt(load_actor(s, user), child.srt, carer.srt)
        if problem := _age_problem(child, beginn):
            raise InputError("Betreuung nicht gespeichert:", [problem])
        check = _capacity(s, carer.id, child.id, beginn, data.ende, terms, True, today)
        _refuse_capacity(check)
        placement = Placement(child_id=child.id, carer_id=carer.id, beginn=beginn, ende=data.ende,
                              antrag_vom=data.antrag_vom)
        placement.versions.append(_version(beginn, terms))
        s.add(placement)
        s.flush()
        return Change("placement", placement.id, placement.version, "neu", check.warnings,
                      frozenset({"placement", "child", "carer", "reminder"}))


def _version(gueltig_ab: date, terms: PlacementTerms) -> PlacementVersion:
    return PlacementVersion(gueltig_ab=gueltig_ab, wochenstunden=terms.wochenstunden,
                            randzeitstunden=terms.randzeitstunden, uebernachtungen=terms.uebernachtungen,
                            nacht_im_haushalt_der_eltern=terms.nacht_im_haushalt_der_eltern,
                            zeitplan=terms.zeitplan.strip() or None, grund=terms.grund.strip())


def _version_end(placement: Placement, gueltig_ab: date) -> date | None:
    later = [v.gueltig_ab for v in placement.versions if v.gueltig_ab > gueltig_ab]
    return min(later) - timedelta(days=1) if later else placement.ende


def _check_change_date(placement: Placement, gueltig_ab: date | None) -> None:
    if gueltig_ab is None:
        raise InputError("Betreuung nicht geändert:", ["Gültig ab: Datum fehlt."])
    if gueltig_ab <= placement.beginn:
        raise InputError("Betreuung nicht geändert:", [
            f"Gültig ab: muss nach dem Beginn ({fmt_day(placement.beginn)}) liegen – der Beginn selbst ist "
            "die erste Version."])
    if placement.ende is not None and gueltig_ab > placement.ende:
        raise InputError("Betreuung nicht geändert:", [
            f"Gültig ab: liegt nach dem Ende der Betreuung ({fmt_day(placement.ende)})."])
    if any(v.gueltig_ab == gueltig_ab for v in placement.versions):  # R-K4: never overwrite
        raise InputError("Betreuung nicht geändert:", [
            f"Gültig ab: zum {fmt_day(gueltig_ab)} gibt es schon eine Version; Versionen werden nie "
            "überschrieben (R-K4) – bitte ein anderes Datum wählen."])


def change_placement(store: Store, user: str, placement_id: int, version: int, gueltig_ab: date,
                     terms: PlacementTerms, today: date | None = None) -> Change:
    """New terms from `gueltig_ab` as a new PlacementVersion (R-K4), capacity-checked (R-K3)."""
    today = today or date.today()
    _raise_problems("Änderung", terms_problems(terms))
    terms = resolved_terms(terms)
    with unit_of_work(store, user) as s:
        placement, child, carer = _locked(s, user, placement_id, version)
        _check_change_date(placement, gueltig_ab)
        check = _capacity(s, carer.id, child.id, gueltig_ab, _version_end(placement, gueltig_ab), terms, False, today)
        _refuse_capacity(check)
        before = _in_force(placement, gueltig_ab)
        placement.versions.append(_version(gueltig_ab, terms))
        s.add(ChangeNotice(art="Betreuung geändert", child_id=child.id, carer_id=carer.id, wirksam_ab=gueltig_ab,
                           beschreibung=f"Wochenstunden {fmt_hours(before.wochenstunden)} → "
                                        f"{fmt_hours(terms.wochenstunden)} ab {fmt_day(gueltig_ab)}"
                                        + (f" ({terms.grund.strip()})" if terms.grund.strip() else "")))
        s.flush()
        return Change("placement", placement.id, placement.version, "geändert", check.warnings,
                      frozenset({"placement", "child", "carer", "reminder"}))


def _locked(s, user: str, placement_id: int, version: int) -> tuple[Placement, Child, Carer]:
    """The placement at the version the user saw (else StaleRecord), with the right for its SRT."""
    placement = s.get(Placement, placement_id)
    if placement is None:
        raise InputError(f"Betreuung {placement_id} gibt es nicht mehr.")
    child, carer = s.get(Child, placement.child_id), s.get(Carer, placement.carer_id)
    _require_any_srt(load_actor(s, user), child.srt, carer.srt)
    _lock(s, placement, version)
    return placement, child, carer


def _in_force(placement: Placement, day: date) -> PlacementVersion:
    found = placement.versions[0]
    for v in placement.versions:
        if v.gueltig_ab <= day:
            found = v
    return found


def end_placement(store: Store, user: str, placement_id: int, version: int, ende: date,
                  grund: str = "") -> Change:
    """Set the last day of care (inclusive); versions starting after it are refused."""
    with unit_of_work(store, user) as s:
        placement, child, carer = _locked(s, user, placement_id, version)
        if ende is None or ende < placement.beginn:
            raise InputError("Betreuung nicht beendet:", [f"Ende: muss am oder nach dem Beginn "
                                                           f"({fmt_day(placement.beginn)}) liegen."])
        later = [v.gueltig_ab for v in placement.versions if v.gueltig_ab > ende]
        if later:
            raise InputError("Betreuung nicht beendet:", [
                f"Ende: ab {fmt_day(min(later))} ist schon eine spätere Version erfasst."])
        placement.ende = ende
        s.add(ChangeNotice(art="Betreuung beendet", child_id=child.id, carer_id=carer.id,
                           wirksam_ab=ende + timedelta(days=1),
                           beschreibung=f"Betreuung endet am {fmt_day(ende)}" + (f" ({grund})" if grund else "")))
        s.flush()
        return Change("placement", placement.id, placement.version, "beendet", (),
                      frozenset({"placement", "child", "carer", "reminder"}))
