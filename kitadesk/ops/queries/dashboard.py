"""The start screen: reminders (R-W1), counts per SRT (R-S2), this month's payout status."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kitadesk.domain.inputs import Proof
from kitadesk.domain.reminders import (
    AENDERUNG, GEBURTSTAG_3, HouseholdAdult, OpenNotice, ReminderCarer, ReminderChild, reminders,
)
from kitadesk.models import (
    SRTS, Carer, CarerDocument, ChangeNotice, Child, Erlaubnis, Erstattungsnachweis, Fortbildung, PayoutRun, Placement,
)
from kitadesk.ops.queries.lists import FLAG_ACTIVE, FLAG_PERMIT_EXPIRED, FLAG_PERMIT_EXPIRING, CarerRow, PlacementRow, _active
from kitadesk.ops.records.forms import FUEHRUNGSZEUGNIS
from kitadesk.ops.settings import load_auslegungen

@dataclass(frozen=True)
class SrtCount:
    srt: str
    tagespflegepersonen: int
    kinder_in_betreuung: int
    plaetze: int  # sum of the permits' max_kinder of active carers
    erlaubnis_laeuft_ab: int

    @property
    def frei(self) -> int:
        return max(self.plaetze - self.kinder_in_betreuung, 0)


def total_count(counts: list[SrtCount]) -> SrtCount:
    """The 'Gesamt' row of the counts per SRT."""
    return SrtCount("Gesamt", sum(c.tagespflegepersonen for c in counts), sum(c.kinder_in_betreuung for c in counts),
                    sum(c.plaetze for c in counts), sum(c.erlaubnis_laeuft_ab for c in counts))


@dataclass(frozen=True)
class PayoutStatus:
    jahr: int
    monat: int
    lauf: int | None  # None: no run yet
    status: str  # 'kein Lauf' | 'Entwurf' | 'abgeschlossen'
    summe: Decimal | None
    erstellt_am: object = None
    erstellt_von: str = ""


def srt_counts(carers: list[CarerRow], placements: list[PlacementRow]) -> list[SrtCount]:
    """Counts per SRT (R-S2) from already loaded rows (carer's SRT for places and children)."""
    active = [c for c in carers if FLAG_ACTIVE in c.flags]
    per_srt = Counter(c.srt for c in active)
    kids = Counter(p.carer_srt for p in placements if FLAG_ACTIVE in p.flags)
    places = Counter()
    expiring = Counter()
    for c in active:
        places[c.srt] += c.max_kinder or 0
        if c.flags & {FLAG_PERMIT_EXPIRING, FLAG_PERMIT_EXPIRED}:
            expiring[c.srt] += 1
    srts = list(SRTS) + sorted(set(per_srt) - set(SRTS))
    return [SrtCount(s, per_srt[s], kids[s], places[s], expiring[s]) for s in srts]


@dataclass(frozen=True)
class ReminderRow:
    """A Wiedervorlage (domain/reminders.Reminder) with the record it opens."""

    faellig: date
    srt: str
    art: str
    nr: str
    name: str
    hinweis: str
    overdue: bool
    entity: str  # carer | child
    record_id: int | None


def reminder_rows(session: Session, today: date, srt: str | None = None, days: int | None = None) -> list[ReminderRow]:
    """Due and overdue items (R-W1) for one SRT or overall, from domain/reminders.py."""
    settings = load_auslegungen(session)
    permits: dict[int, Erlaubnis] = {}
    for e in session.scalars(select(Erlaubnis).order_by(Erlaubnis.vom)):
        permits[e.carer_id] = e  # the latest wins
    fz: dict[int, dict[str, date | None]] = {}
    for cid, person, vom in session.execute(select(CarerDocument.carer_id, CarerDocument.person,
                                                   CarerDocument.erhalten_am)
                                            .where(CarerDocument.art == FUEHRUNGSZEUGNIS)
                                            .order_by(CarerDocument.erhalten_am)):
        fz.setdefault(cid, {})[person] = vom
    courses: dict[int, list] = {}
    for cid, datum, hours in session.execute(select(Fortbildung.carer_id, Fortbildung.datum, Fortbildung.stunden)
                                             .where(Fortbildung.datum >= date(today.year, 1, 1))):
        courses.setdefault(cid, []).append((datum, hours))
    carer_nrs = dict(session.execute(select(Carer.id, Carer.nr)).all())
    proofs: dict[int, list] = {}
    for n in session.scalars(select(Erstattungsnachweis)):
        proofs.setdefault(n.carer_id, []).append(Proof(carer_nrs.get(n.carer_id, ""), n.art, n.betrag, n.von, n.bis,
                                                       n.je, n.alter_art))
    busy = set(session.scalars(select(Placement.carer_id).where(_active(Placement.beginn, Placement.ende, today))))
    carers, ids = [], {}
    for c in session.scalars(select(Carer).where(or_(Carer.taetig_bis.is_(None), Carer.taetig_bis >= today))):
        ids[("carer", c.nr)] = c.id
        permit = permits.get(c.id)
        people = fz.get(c.id, {})
        carers.append(ReminderCarer(
            c.nr, c.full_name, c.srt, permit.vom if permit else None, permit.bis if permit else None,
            c.betreuungsort != "Haushalt der Eltern", people.get(""),
            tuple(HouseholdAdult(p, d) for p, d in people.items() if p), c.erste_hilfe_am,
            tuple(courses.get(c.id, ())), c.id in busy, tuple(proofs.get(c.id, ()))))
    until: dict[int, date | None] = {}
    for child_id, ende in session.execute(select(Placement.child_id, Placement.ende)):
        if child_id in until and until[child_id] is None:
            continue
        until[child_id] = None if ende is None else max(ende, until.get(child_id) or ende)
    children = []
    for k in session.scalars(select(Child).where(Child.id.in_(list(until)))):
        if until[k.id] is not None and until[k.id] < today:
            continue
        ids[("child", k.nr)] = k.id
        children.append(ReminderChild(k.nr, k.full_name, k.srt, k.geburtsdatum, until[k.id], bool(k.ab_3_grund)))
    notices, notice_ids = [], {}
    stmt = (select(ChangeNotice, Child, Carer).outerjoin(Child, Child.id == ChangeNotice.child_id)
            .outerjoin(Carer, Carer.id == ChangeNotice.carer_id).where(ChangeNotice.erledigt_am.is_(None)))
    for n, k, c in session.execute(stmt):
        who = k or c
        if who is None:
            continue
        entity = "child" if k is not None else "carer"
        notice_ids[(who.nr, n.wirksam_ab)] = (entity, who.id)
        text = f"{n.art}: {n.beschreibung}" if n.beschreibung else n.art
        notices.append(OpenNotice(n.wirksam_ab, who.srt, who.nr, who.full_name, text))
    result = []
    for r in reminders(today, carers, children, notices, days=days, srt=srt, settings=settings):
        if r.art == AENDERUNG:
            entity, rid = notice_ids.get((r.nr, r.faellig), ("child", None))
        elif r.art == GEBURTSTAG_3:
            entity, rid = "child", ids.get(("child", r.nr))
        else:
            entity, rid = "carer", ids.get(("carer", r.nr))
        result.append(ReminderRow(r.faellig, r.srt, r.art, r.nr, r.name, r.hinweis, r.overdue, entity, rid))
    return result


def payout_status(session: Session, year: int, month: int) -> PayoutStatus:
    run = session.scalar(select(PayoutRun).where(PayoutRun.jahr == year, PayoutRun.monat == month)
                         .order_by(PayoutRun.lauf.desc()).limit(1))
    if run is None:
        return PayoutStatus(year, month, None, "kein Lauf", None)
    return PayoutStatus(year, month, run.lauf, run.status, run.summe, run.erstellt_am, run.erstellt_von)
