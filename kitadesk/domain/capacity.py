"""Permit limits for a new or changed placement (R-C6, R-K3) and exclusion (R-C7).

`check_placement` decides: refusals (German, naming exactly the broken limit and the
first day it would break) and warnings (what cannot be checked, or breaks caused only
by a substitute's temporary children). Limits (Richtlinien 3, R-C6):
- per carer: at most `max_gleichzeitig` (and never more than 5) present at once;
  at most `max_kinder` children in total (never more than 8, or 10 for QHB/Fachkraft);
  more than 8 only if several (≥ 2) children come for less than 15 h/week — fixed
  groups cannot be checked and are warned about;
- Großtagespflege (Zusammenschluss): at most 9 children; if every carer of the group is
  QHB or Fachkraft, up to 15 contracts with at most 9 present at once (Auslegung: a
  mixed group keeps the limit of 9);
- each child belongs to exactly one carer at a time.
"Present at once" is computed from the time plans; where a plan is missing it cannot be
checked and the desk is warned, unless the planned children alone already break it.
R-C7: a carer whose permit or Führungszeugnis (carer or household adult, 5 years) has
expired receives no new placements; care in the parents' household needs no permit.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from kitadesk.domain.calendar import add_years
from kitadesk.domain.rules.carer import permit_end
from kitadesk.domain.rules.limits import (  # noqa: F401 (re-exported: the limits of R-C6)
    FZ_YEARS,
    GROUP_CHILDREN,
    GROUP_CONTRACTS_QUALIFIED,
    MAX_TOTAL_BASIS,
    MAX_TOTAL_QUALIFIED,
    PERMIT_YEARS,
    STANDARD_AT_ONCE,
)
from kitadesk.domain.texts import day as fmt_day
from kitadesk.domain.timeplan import TimePlan, describe_moment, max_present_at_once

BASIS, QHB, FACHKRAFT = "Basis", "QHB", "Fachkraft"
QUALIFIED = (QHB, FACHKRAFT)
SHORT_HOURS = Decimal(15)


class CapacityError(ValueError):
    """A refused placement; the message lists every refusal (German)."""


@dataclass(frozen=True)
class GroupMember:
    carer_nr: str
    qualification: str  # Basis | QHB | Fachkraft


@dataclass(frozen=True)
class Zusammenschluss:
    """Großtagespflege of 2–3 carers (R-C6)."""

    name: str
    members: tuple[GroupMember, ...]

    @property
    def all_qualified(self) -> bool:
        return all(m.qualification in QUALIFIED for m in self.members)


@dataclass(frozen=True)
class Permit:
    """The carer's Erlaubnis and what R-C7 needs to know."""

    carer_nr: str
    qualification: str = BASIS
    max_kinder: int | None = None  # children in total; None = standard 5
    max_gleichzeitig: int | None = None  # present at once; None = standard 5
    erlaubnis_vom: date | None = None
    erlaubnis_bis: date | None = None  # None → vom + 5 years − 1 day
    needs_permit: bool = True  # False: care in the parents' household (R-C7)
    fuehrungszeugnis_vom: date | None = None
    household_fuehrungszeugnisse: tuple[tuple[str, date | None], ...] = ()  # (name, date)
    group: Zusammenschluss | None = None

    @property
    def valid_until(self) -> date | None:
        return permit_end(self.erlaubnis_vom, self.erlaubnis_bis)


@dataclass(frozen=True)
class CapacityPlacement:
    """A placement (version) as capacity sees it, inclusive [von, bis]."""

    child_nr: str
    carer_nr: str
    von: date
    bis: date | None
    weekly_hours: Decimal
    plan: TimePlan | None = None
    temporary: bool = False  # a substitute's temporary child: warnings only

    def active_on(self, day: date) -> bool:
        return self.von <= day and (self.bis is None or day <= self.bis)


@dataclass(frozen=True)
class Issue:
    severity: str  # 'refuse' | 'warn'
    limit: str  # machine name of the limit, e.g. 'gleichzeitig'
    day: date | None
    message: str
    detail: str = ""


@dataclass(frozen=True)
class CapacityCheck:
    issues: tuple[Issue, ...] = ()

    @property
    def refusals(self) -> tuple[str, ...]:
        return tuple(i.message for i in self.issues if i.severity == "refuse")

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(i.message for i in self.issues if i.severity == "warn")

    @property
    def refused(self) -> bool:
        return bool(self.refusals)

    def raise_if_refused(self) -> None:
        if self.refused:
            raise CapacityError("\n".join(self.refusals))


# ---------------------------------------------------------------- R-C7

def _exclusion(permit: Permit, day: date) -> list[tuple[str, str]]:
    """(limit, message) for an expired permit or Führungszeugnis on `day` (R-C7)."""
    found = []
    if permit.needs_permit:
        until = permit.valid_until
        if permit.erlaubnis_vom is None and until is None:
            found.append(("erlaubnis", "Keine Erlaubnis zur Kindertagespflege erfasst – keine neuen Betreuungen (R-C7)."))
        elif permit.erlaubnis_vom is not None and day < permit.erlaubnis_vom:
            found.append(("erlaubnis", f"Die Erlaubnis gilt erst ab {fmt_day(permit.erlaubnis_vom)}; "
                                       f"am {fmt_day(day)} keine neuen Betreuungen (R-C7)."))
        elif until is not None and day > until:
            found.append(("erlaubnis", f"Die Erlaubnis ist seit {fmt_day(until + timedelta(days=1))} abgelaufen "
                                       f"(gültig bis {fmt_day(until)}) – keine neuen Betreuungen (R-C7)."))
    people = [("der Tagespflegeperson", permit.fuehrungszeugnis_vom)]
    people += [(f"von {name} (Haushalt)", vom) for name, vom in permit.household_fuehrungszeugnisse]
    for who, vom in people:
        if vom is None:
            found.append(("fuehrungszeugnis", f"Erweitertes Führungszeugnis {who} fehlt – keine neuen Betreuungen (R-C7)."))
        elif day >= add_years(vom, FZ_YEARS):
            found.append(("fuehrungszeugnis", f"Erweitertes Führungszeugnis {who} vom {fmt_day(vom)} ist seit "
                                              f"{fmt_day(add_years(vom, FZ_YEARS))} abgelaufen (alle 5 Jahre zu "
                                              f"erneuern) – keine neuen Betreuungen (R-C7)."))
    return found


# ---------------------------------------------------------------- R-C6 limits on one day

def _at_once(kids: list[CapacityPlacement], allowed: int, day: date, text: str, limit: str):
    """Present-at-once check: (severity, limit, message, detail) or None."""
    if len(kids) <= allowed:
        return None
    planned = [k.plan for k in kids if k.plan is not None]
    count, weekday, minute = max_present_at_once(planned)
    moment = describe_moment(weekday, minute) if weekday is not None and minute is not None else ""
    if count > allowed:
        return ("refuse", limit, f"{text} höchstens {allowed} gleichzeitig betreute Kinder; "
                                 f"am {fmt_day(day)} wären es {count}.", f"laut Zeitplänen {moment}")
    missing = sorted(k.child_nr for k in kids if k.plan is None)
    if missing:
        return ("warn", limit + "_ungeprueft",
                f"Gleichzeitige Anwesenheit nicht prüfbar: am {fmt_day(day)} {len(kids)} Kinder ({text} "
                f"höchstens {allowed} gleichzeitig); Zeitplan fehlt für Kind {', '.join(missing)}.", "")
    return None


def _carer_limits(permit: Permit, kids: list[CapacityPlacement], day: date) -> list[tuple]:
    found = []
    qualified = permit.qualification in QUALIFIED
    stated = permit.max_gleichzeitig if permit.max_gleichzeitig is not None else STANDARD_AT_ONCE
    if stated > STANDARD_AT_ONCE:
        hit = _at_once(kids, STANDARD_AT_ONCE, day, "Die Richtlinien erlauben", "gleichzeitig")
    else:
        hit = _at_once(kids, stated, day, "Erlaubnis erlaubt", "gleichzeitig")
    if hit:
        found.append(hit)
    ceiling = MAX_TOTAL_QUALIFIED if qualified else MAX_TOTAL_BASIS
    stated_total = permit.max_kinder if permit.max_kinder is not None else STANDARD_AT_ONCE
    n = len(kids)
    if stated_total > ceiling and n > ceiling:
        who = "mit QHB oder als Fachkraft" if qualified else "ohne QHB oder Fachkraft"
        found.append(("refuse", "insgesamt", f"Die Richtlinien erlauben {who} höchstens {ceiling} Kinder "
                                             f"insgesamt; am {fmt_day(day)} wären es {n}.", ""))
    elif n > stated_total:
        found.append(("refuse", "insgesamt", f"Erlaubnis erlaubt höchstens {stated_total} Kinder insgesamt; "
                                             f"am {fmt_day(day)} wären es {n}.", ""))
    if n > MAX_TOTAL_BASIS and qualified:
        short = sum(1 for k in kids if Decimal(k.weekly_hours) < SHORT_HOURS)
        if short < 2:
            found.append(("refuse", "unter_15", f"Mehr als 8 Kinder nur, wenn mehrere Kinder unter 15 Wochenstunden "
                                                f"betreut werden; am {fmt_day(day)} wären es {short} von {n}.", ""))
        found.append(("warn", "feste_gruppen", "Mehr als 8 Kinder: die feste Gruppenzusammensetzung ist nicht "
                                               "prüfbar – bitte sicherstellen (Richtlinien 3).", ""))
    return found


def _group_limits(group: Zusammenschluss, kids: list[CapacityPlacement], day: date) -> list[tuple]:
    found, n = [], len(kids)
    where = f"Großtagespflege „{group.name}“"
    if group.all_qualified:
        if n > GROUP_CONTRACTS_QUALIFIED:
            found.append(("refuse", "gruppe_vertraege", f"{where} erlaubt höchstens {GROUP_CONTRACTS_QUALIFIED} "
                                                        f"Betreuungsverträge; am {fmt_day(day)} wären es {n}.", ""))
        hit = _at_once(kids, GROUP_CHILDREN, day, f"{where} erlaubt", "gruppe_gleichzeitig")
        if hit:
            found.append(hit)
    elif n > GROUP_CHILDREN:  # Auslegung: a mixed group keeps the limit of 9
        found.append(("refuse", "gruppe_kinder", f"{where} erlaubt höchstens {GROUP_CHILDREN} Kinder (nicht alle "
                                                 f"Tagespflegepersonen haben QHB oder sind Fachkraft); "
                                                 f"am {fmt_day(day)} wären es {n}.", ""))
    return found


def _limits_on(permit: Permit, on_day: list[CapacityPlacement], day: date) -> list[tuple]:
    own = [p for p in on_day if p.carer_nr == permit.carer_nr]
    found = _carer_limits(permit, own, day)
    if permit.group is not None:
        members = {m.carer_nr for m in permit.group.members} | {permit.carer_nr}
        found += _group_limits(permit.group, [p for p in on_day if p.carer_nr in members], day)
    return found


# ---------------------------------------------------------------- the check

def check_placement(permit: Permit, proposed: CapacityPlacement, placements: Iterable[CapacityPlacement], *,
                    new: bool = True, today: date | None = None) -> CapacityCheck:
    """Check a new or changed placement against the permit (R-K3, R-C6, R-C7).

    `placements`: the existing placements of the carer, of the members of its
    Großtagespflege, and of the child. Existing entries of the same child with the same
    carer are replaced by `proposed` during its period (a changed placement). Checked on
    every day of the proposal on which the set of children changes; each limit is
    reported once, for the first day it breaks.
    """
    issues: list[Issue] = []
    if new:
        seen: set[str] = set()
        for day in sorted({proposed.von, *([today] if today else [])}):
            for limit, message in _exclusion(permit, day):
                if message not in seen:
                    seen.add(message)
                    issues.append(Issue("refuse", limit, day, message))
    end = proposed.bis or date.max
    others = [p for p in placements
              if not (p.child_nr == proposed.child_nr and p.carer_nr == proposed.carer_nr)
              and p.von <= end and (p.bis is None or p.bis >= proposed.von)]
    if not proposed.temporary:  # R-C6: each child is assigned to exactly one carer
        for p in others:
            if p.child_nr == proposed.child_nr and not p.temporary:
                first = max(p.von, proposed.von)
                issues.append(Issue("refuse", "ein_kind_eine_person", first,
                                    f"Kind {p.child_nr} ist am {fmt_day(first)} bereits Tagespflegeperson "
                                    f"{p.carer_nr} zugeordnet; jedes Kind gehört zu genau einer Tagespflegeperson."))
                break
    if permit.needs_permit:
        others = [p for p in others if p.child_nr != proposed.child_nr]
        days = {proposed.von}
        for p in others:
            if p.von > proposed.von:
                days.add(p.von)
            if p.bis is not None and p.bis < end:
                days.add(p.bis + timedelta(days=1))
        reported: set[tuple[str, str]] = set()
        for day in sorted(d for d in days if d <= end):
            on_day = [p for p in others if p.active_on(day)] + [proposed]
            permanent = [p for p in on_day if not p.temporary]
            hard = _limits_on(permit, permanent, day)
            hard_limits = {h[1] for h in hard}
            soft = [h for h in _limits_on(permit, on_day, day) if h[1] not in hard_limits]
            for severity, limit, message, detail in hard + [("temp_" + h[0],) + h[1:] for h in soft]:
                if severity == "temp_refuse":  # broken only by a substitute's temporary children
                    message = f"{message} Nur Hinweis: vorübergehend durch Vertretungskinder."
                severity = "refuse" if severity == "refuse" else "warn"
                if (limit, severity) not in reported:
                    reported.add((limit, severity))
                    issues.append(Issue(severity, limit, day, message, detail))
    return CapacityCheck(tuple(issues))
