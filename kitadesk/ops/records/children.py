"""Create and update children; dated status and family income get new rows (R-K2, R-E3)."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.models import ChangeNotice, Child, ChildStatus, Family, FamilyIncome
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.records.common import _for_update, _require_edit, _require_sensitive, _unique_nr
from kitadesk.ops.records.forms import KEEP, Change, ChildData, _Keep, _raise_problems, child_problems
from kitadesk.store import Store


def _status_on(child: Child, day: date) -> ChildStatus | None:
    found = None
    for st in child.statuses:
        if st.gueltig_ab <= day:
            found = st
    return found


def _apply_child(session: Session, child: Child, data: ChildData, is_new: bool, today: date) -> list[str]:
    """Copy the form onto the child; dated values get a new row from `gueltig_ab`. → changes to notice."""
    born = data.geburtsdatum
    assert born is not None, "child_problems refuses a child without Geburtsdatum"
    notices = []
    for name in ("nr", "nachname", "vorname", "geburtsdatum", "srt", "sorgeberechtigte", "strasse", "plz", "ort",
                 "antrag_vom"):
        value = getattr(data, name)
        if getattr(child, name) != value:
            setattr(child, name, value.strip() if isinstance(value, str) else value)
    for name in ("geschlecht", "unter_1_grund", "ab_3_grund", "verwandtschaft"):
        if (getattr(child, name) or "") != getattr(data, name):
            setattr(child, name, getattr(data, name) or None)
    for name in ("herkunft_ausland", "sprache_nicht_deutsch", "eingliederungshilfe"):  # R-S1, None = not recorded
        if getattr(child, name) != getattr(data, name):
            setattr(child, name, getattr(data, name))
    ab = born if is_new else (data.gueltig_ab or today)
    status = _status_on(child, ab) if not is_new else None
    wanted = (data.besonderer_bedarf, data.lvr_inklusionshilfe, data.beitragsfrei)
    if status is None or (status.besonderer_bedarf, status.lvr_inklusionshilfe, status.beitragsfrei) != wanted:
        if status is not None and status.gueltig_ab == ab:
            status.besonderer_bedarf, status.lvr_inklusionshilfe, status.beitragsfrei = wanted
        else:
            child.statuses.append(ChildStatus(gueltig_ab=ab, besonderer_bedarf=wanted[0],
                                              lvr_inklusionshilfe=wanted[1], beitragsfrei=wanted[2]))
        if not is_new:
            notices.append("Status (besonderer Bedarf/LVR/beitragsfrei)")
    nr = data.familie_nr.strip()
    if nr:
        family = session.scalar(select(Family).where(Family.nr == nr))
        if family is None:
            family = Family(nr=nr)
            session.add(family)
        if child.family is not family:
            child.family = family
        # a family's first income holds from the child's birth (no history yet), later ones from gueltig_ab
        income_ab = (data.gueltig_ab or today) if family.incomes else born
        current = None
        for inc in family.incomes:
            if inc.gueltig_ab <= income_ab:
                current = inc
        income = data.jahreseinkommen  # KEEP: hidden from this user, left alone
        if not isinstance(income, _Keep) and (current.jahreseinkommen if current else None) != income:
            if current is not None and current.gueltig_ab == income_ab:
                current.jahreseinkommen = income
            else:
                family.incomes.append(FamilyIncome(gueltig_ab=income_ab, jahreseinkommen=income))
            if not is_new:
                notices.append("Einkommen")
    elif child.family is not None:
        child.family = None
    return notices


def create_child(store: Store, user: str, data: ChildData, today: date | None = None) -> Change:
    today = today or date.today()
    _raise_problems("Kind", child_problems(data, today))
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        _require_edit(actor, None, data.srt)
        _require_sensitive(actor, data.srt, data.jahreseinkommen if data.jahreseinkommen is not None else KEEP)
        _unique_nr(s, Child, data.nr.strip(), None, "Kind")
        child = Child(nr=data.nr.strip(), nachname=data.nachname, vorname=data.vorname,
                      geburtsdatum=data.geburtsdatum, srt=data.srt)
        s.add(child)
        _apply_child(s, child, data, True, today)
        s.flush()
        return Change("child", child.id, child.version, "neu", entities=frozenset({"child"}))


def update_child(store: Store, user: str, child_id: int, version: int, data: ChildData,
                 today: date | None = None) -> Change:
    today = today or date.today()
    _raise_problems("Kind", child_problems(data, today))
    with unit_of_work(store, user) as s:
        child, _actor = _for_update(s, user, Child, child_id, version, data, "Kind")
        notices = _apply_child(s, child, data, False, today)
        if notices:  # R-E3 / R-K4: may need an Änderungsbescheid (R-V5)
            s.add(ChangeNotice(art="Kind geändert", child_id=child.id, wirksam_ab=data.gueltig_ab or today,
                               beschreibung="Geändert: " + ", ".join(notices)))
        s.flush()
        return Change("child", child.id, child.version, "geändert",
                      entities=frozenset({"child", "placement", "reminder"}))
