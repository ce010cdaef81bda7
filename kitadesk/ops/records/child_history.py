"""The child's dated values as a history (R-K2, R-E2, R-E3, issue 14.1): status (besonderer
Bedarf, LVR-Inklusionshilfe, beitragsfrei), the family's yearly income, waivers
(Ermäßigungen) and the family's siblings in a Kita.

A new entry is a new dated row from its `Gültig ab` — never an overwrite of an existing
row (an entry of the same day is refused; the import's `Gültig_ab` rows add to the same
history). The rules are the domain's (rules/child.py: R-G3 status, R-E1 income, R-E2
waiver). Each write checks `daten_eigenes_srt` for the child's SRT (income also
`sensible_daten`), is audited by the session hooks and records a ChangeNotice (an
Änderungsbescheid may be due, R-V5).
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.rules import Problem
from kitadesk.domain.rules.child import income_problems, status_problems, waiver_problems
from kitadesk.errors import InputError
from kitadesk.formats import day as fmt_day
from kitadesk.formats import money as fmt_money
from kitadesk.models import ChangeNotice, Child, ChildStatus, Ermaessigung, FamilyIncome
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.records.common import _require_edit
from kitadesk.ops.records.forms import Change
from kitadesk.store import Store

ENTITIES = frozenset({"child", "placement", "reminder"})


@dataclass(frozen=True)
class StatusEntry:
    gueltig_ab: date
    besonderer_bedarf: bool
    lvr_inklusionshilfe: bool
    beitragsfrei: bool
    erfasst_von: str
    erfasst_am: datetime | None


@dataclass(frozen=True)
class IncomeEntry:
    gueltig_ab: date
    jahreseinkommen: Decimal | None  # None = no declaration
    erfasst_von: str
    erfasst_am: datetime | None


@dataclass(frozen=True)
class WaiverEntry:
    prozent: Decimal
    ab: date
    antrag_vom: date
    bis: date | None
    erfasst_von: str


@dataclass(frozen=True)
class ChildHistory:
    statuses: tuple[StatusEntry, ...]  # newest first
    incomes: tuple[IncomeEntry, ...] | None  # newest first; None = hidden from this user (sensible Daten)
    waivers: tuple[WaiverEntry, ...]  # newest first
    familie_nr: str  # "" = no family (income needs one)
    geschwister_in_kita: int


def child_history(store: Store, user: str, child_id: int) -> ChildHistory:
    with store.session(user) as s:
        actor = load_actor(s, user)
        actor.require("lesen")
        child = _child(s, child_id)
        statuses = tuple(StatusEntry(st.gueltig_ab, st.besonderer_bedarf, st.lvr_inklusionshilfe, st.beitragsfrei,
                                     st.created_by, st.created_at) for st in reversed(child.statuses))
        family = child.family
        incomes: tuple[IncomeEntry, ...] | None = None
        if actor.can_see_sensitive(child.srt):
            incomes = tuple(IncomeEntry(i.gueltig_ab, i.jahreseinkommen, i.created_by, i.created_at)
                            for i in reversed(family.incomes)) if family is not None else ()
        waivers = tuple(WaiverEntry(w.prozent, w.ab, w.antrag_vom, w.bis, w.created_by) for w in s.scalars(
            select(Ermaessigung).where(Ermaessigung.child_id == child_id).order_by(Ermaessigung.ab.desc())))
        return ChildHistory(statuses, incomes, waivers, family.nr if family else "",
                            family.geschwister_in_kita if family else 0)


def add_child_status(store: Store, user: str, child_id: int, gueltig_ab: date | None, besonderer_bedarf: bool,
                     lvr_inklusionshilfe: bool, beitragsfrei: bool) -> Change:
    """A new status entry from `gueltig_ab` (R-K2; LVR only with special needs, R-G3)."""
    _refuse("Status nicht gespeichert", _date_problems(gueltig_ab)
            + status_problems(besonderer_bedarf, lvr_inklusionshilfe))
    assert gueltig_ab is not None
    wanted = (besonderer_bedarf, lvr_inklusionshilfe, beitragsfrei)
    with unit_of_work(store, user) as s:
        child = _editable(s, user, child_id)
        _new_day(child.statuses, gueltig_ab, "Status")
        current = _holding(child.statuses, gueltig_ab)
        was = (current.besonderer_bedarf, current.lvr_inklusionshilfe, current.beitragsfrei) if current else (
            False, False, False)
        if was == wanted:
            raise InputError("Status nicht gespeichert:", [f"Gültig ab: am {fmt_day(gueltig_ab)} gilt schon "
                                                            "derselbe Status – es ändert sich nichts."])
        child.statuses.append(ChildStatus(gueltig_ab=gueltig_ab, besonderer_bedarf=besonderer_bedarf,
                                          lvr_inklusionshilfe=lvr_inklusionshilfe, beitragsfrei=beitragsfrei))
        labels = ("besonderer Bedarf", "LVR-Inklusionshilfe", "beitragsfrei")
        what = ", ".join(f"{label} {'ja' if new else 'nein'}" for label, old, new in zip(labels, was, wanted)
                         if old != new)
        return _done(s, child, gueltig_ab, f"Status ab {fmt_day(gueltig_ab)}: {what}")


def add_family_income(store: Store, user: str, child_id: int, gueltig_ab: date | None,
                      jahreseinkommen: Decimal | None) -> Change:
    """A new yearly income of the child's family from `gueltig_ab` (R-E1, R-E3); None = no declaration."""
    _refuse("Einkommen nicht gespeichert", _date_problems(gueltig_ab) + income_problems(jahreseinkommen))
    assert gueltig_ab is not None
    with unit_of_work(store, user) as s:
        child = _editable(s, user, child_id)
        load_actor(s, user).require("sensible_daten", child.srt)
        family = child.family
        if family is None:
            raise InputError("Einkommen nicht gespeichert:", ["Familien-Nr.: bitte zuerst beim Kind eine Familien-Nr. "
                                                              "erfassen – das Einkommen gilt für die ganze Familie."])
        _new_day(family.incomes, gueltig_ab, "Einkommen")
        current = _holding(family.incomes, gueltig_ab)
        if current is not None and current.jahreseinkommen == jahreseinkommen:
            raise InputError("Einkommen nicht gespeichert:", [f"Gültig ab: am {fmt_day(gueltig_ab)} gilt schon "
                                                               "dasselbe Einkommen – es ändert sich nichts."])
        family.incomes.append(FamilyIncome(gueltig_ab=gueltig_ab, jahreseinkommen=jahreseinkommen))
        shown = fmt_money(jahreseinkommen) if jahreseinkommen is not None else "keine Erklärung"
        return _done(s, child, gueltig_ab, f"Einkommen der Familie {family.nr} ab {fmt_day(gueltig_ab)}: {shown}")


def add_waiver(store: Store, user: str, child_id: int, prozent: Decimal | None, ab: date | None,
               antrag_vom: date | None) -> Change:
    """A waiver (Ermäßigung) of p percent from `ab`, never before its application (R-E2)."""
    problems = waiver_problems(prozent, ab, antrag_vom)
    if antrag_vom is None:
        problems.append(Problem("ermaessigung_antrag_vom", "R-E2", "Antrag vom: Datum fehlt."))
    if prozent is None and ab is None:
        problems.append(Problem("ermaessigung_prozent", "R-E2", "Prozentsatz fehlt."))
    _refuse("Ermäßigung nicht gespeichert", problems)
    assert prozent is not None and ab is not None and antrag_vom is not None
    with unit_of_work(store, user) as s:
        child = _editable(s, user, child_id)
        if s.scalar(select(Ermaessigung.id).where(Ermaessigung.child_id == child.id, Ermaessigung.ab == ab)):
            raise InputError("Ermäßigung nicht gespeichert:", [
                f"ab: zum {fmt_day(ab)} gibt es schon eine Ermäßigung; Einträge werden nie überschrieben – "
                "bitte ein anderes Datum wählen."])
        s.add(Ermaessigung(child_id=child.id, prozent=prozent, ab=ab, antrag_vom=antrag_vom))
        return _done(s, child, ab, f"Ermäßigung {prozent.normalize():f} % ab {fmt_day(ab)} "
                                   f"(Antrag vom {fmt_day(antrag_vom)})")


def set_kita_siblings(store: Store, user: str, child_id: int, anzahl: int, today: date | None = None) -> Change:
    """Siblings of the child's family attending a Kita (sibling rule of the fee, berechnung.md §9);
    a value of the family, not dated (as the import's Geschwister_in_Kita)."""
    if anzahl < 0:
        raise InputError("Geschwister nicht gespeichert:", ["Geschwister in Kita: 0 oder mehr."])
    with unit_of_work(store, user) as s:
        child = _editable(s, user, child_id)
        if child.family is None:
            raise InputError("Geschwister nicht gespeichert:", ["Familien-Nr.: bitte zuerst beim Kind eine "
                                                                "Familien-Nr. erfassen."])
        child.family.geschwister_in_kita = anzahl
        return _done(s, child, today or date.today(), f"Geschwister in Kita: {anzahl}")


# --- helpers -------------------------------------------------------------------------------------

def _child(s: Session, child_id: int) -> Child:
    child = s.get(Child, child_id)
    if child is None:
        raise InputError(f"Kind {child_id} gibt es nicht mehr.")
    return child


def _editable(s: Session, user: str, child_id: int) -> Child:
    child = _child(s, child_id)
    _require_edit(load_actor(s, user), child.srt, child.srt)
    return child


def _date_problems(gueltig_ab: date | None) -> list[Problem]:
    return [] if gueltig_ab is not None else [Problem("gueltig_ab", "R-K2", "Gültig ab: Datum fehlt.")]


def _refuse(what: str, problems: list[Problem]) -> None:
    if problems:
        raise InputError(f"{what}:", [p.message for p in problems])


def _new_day(rows: list, gueltig_ab: date, what: str) -> None:
    if any(r.gueltig_ab == gueltig_ab for r in rows):
        raise InputError(f"{what} nicht gespeichert:", [
            f"Gültig ab: zum {fmt_day(gueltig_ab)} gibt es schon einen Eintrag; der Verlauf wird nie "
            "überschrieben – bitte ein anderes Datum wählen."])


def _holding(rows: list, day: date):
    found = None
    for row in sorted(rows, key=lambda r: r.gueltig_ab):
        if row.gueltig_ab <= day:
            found = row
    return found


def _done(s: Session, child: Child, wirksam_ab: date, text: str) -> Change:
    """R-E3 / R-K4: the change may need an Änderungsbescheid (R-V5)."""
    s.add(ChangeNotice(art="Kind geändert", child_id=child.id, wirksam_ab=wirksam_ab, beschreibung=text))
    s.flush()
    return Change("child", child.id, child.version, "geändert", entities=ENTITIES)
