"""The start screen: reminders (R-W1), counts per SRT (R-S2), this month's payout status."""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, defer

from kitadesk.domain.inputs import Proof
from kitadesk.domain.reminders import (
    AENDERUNG,
    GEBURTSTAG_3,
    HouseholdAdult,
    OpenNotice,
    ReminderCarer,
    ReminderChild,
    reminders,
)
from kitadesk.models import (
    SRTS,
    Carer,
    CarerDocument,
    ChangeNotice,
    Child,
    Erlaubnis,
    Erstattungsnachweis,
    Fortbildung,
    PayoutRun,
    Placement,
    ReminderState,
)
from kitadesk.ops.queries.lists import (
    FLAG_ACTIVE,
    FLAG_PERMIT_EXPIRED,
    FLAG_PERMIT_EXPIRING,
    FUEHRUNGSZEUGNIS,
    CarerRow,
    _active,
)
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


def srt_counts(carers: list[tuple]) -> list[SrtCount]:
    """Counts per SRT (R-S2) from the carer list's rows (plain tuples of CarerRow's fields; the
    carer's SRT for places and children). Children in care: `CarerRow.kinder`, the carer's
    placements running today (the rule of the placement list's „laufend“, lists._active) — no
    need to load every placement (issue 17)."""
    rows = [CarerRow._make(c) for c in carers]
    active = [c for c in rows if FLAG_ACTIVE in c.flags]
    per_srt = Counter(c.srt for c in active)
    kids: Counter[str] = Counter()
    for c in rows:
        kids[c.srt] += c.kinder
    places: Counter[str] = Counter()
    expiring: Counter[str] = Counter()
    for c in active:
        places[c.srt] += c.max_kinder or 0
        if FLAG_PERMIT_EXPIRING in c.flags or FLAG_PERMIT_EXPIRED in c.flags:
            expiring[c.srt] += 1
    srts = list(SRTS) + sorted(set(per_srt) - set(SRTS))
    return [SrtCount(s, per_srt[s], kids[s], places[s], expiring[s]) for s in srts]


@dataclass(frozen=True, slots=True)
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
    erledigt: str = ""  # "erledigt von X am TT.MM.JJJJ" (only listed with include_settled)
    wiedervorlage_am: date | None = None  # put off until then

    @property
    def key(self) -> str:
        """The reminder's identity: kind, record, due date (a new due date is a new reminder)."""
        return f"{self.art}|{self.entity}|{self.nr}|{self.faellig.isoformat()}"

    @property
    def flags(self) -> frozenset[str]:
        """The kind, for the type filter (reimbursement proofs grouped as "Nachweis")."""
        return frozenset({"Nachweis" if self.art.startswith("Nachweis") else self.art})

    @property
    def id(self) -> int:
        return hash(self.key)

    @property
    def status(self) -> str:
        if self.erledigt:
            return self.erledigt
        if self.wiedervorlage_am is not None:
            return f"Wiedervorlage am {self.wiedervorlage_am:%d.%m.%Y}"
        return "überfällig" if self.overdue else "offen"


def reminder_rows(session: Session, today: date, srt: str | None = None, days: int | None = None,
                  include_settled: bool = False) -> list[ReminderRow]:
    """Due and overdue items (R-W1) for one SRT or overall, from domain/reminders.py. Items marked
    done, or put off to a later date, are left out unless `include_settled`."""
    settings = load_auslegungen(session)
    permits: dict[int, tuple[date, date]] = {}
    for cid, permit_vom, permit_bis in session.execute(select(Erlaubnis.carer_id, Erlaubnis.vom, Erlaubnis.bis)
                                                       .order_by(Erlaubnis.vom, Erlaubnis.id)):
        permits[cid] = (permit_vom, permit_bis)  # the latest wins
    fz: dict[int, dict[str, date | None]] = {}
    for cid, person, erhalten in session.execute(select(CarerDocument.carer_id, CarerDocument.person,
                                                        CarerDocument.erhalten_am)
                                                 .where(CarerDocument.art == FUEHRUNGSZEUGNIS)
                                                 .order_by(CarerDocument.erhalten_am)):
        fz.setdefault(cid, {})[person] = erhalten
    courses: dict[int, list] = {}
    for cid, datum, hours in session.execute(select(Fortbildung.carer_id, Fortbildung.datum, Fortbildung.stunden)
                                             .where(Fortbildung.datum >= date(today.year, 1, 1))):
        courses.setdefault(cid, []).append((datum, hours))
    carer_rows = session.execute(select(Carer.id, Carer.nr, Carer.nachname, Carer.vorname, Carer.srt,
                                        Carer.betreuungsort, Carer.erste_hilfe_am)
                                 .where(or_(Carer.taetig_bis.is_(None), Carer.taetig_bis >= today))).all()
    carer_nrs = {row[0]: row[1] for row in carer_rows}
    proofs: dict[int, list] = {}
    for cid, art, betrag, proof_von, proof_bis, je, alter_art in session.execute(select(
            Erstattungsnachweis.carer_id, Erstattungsnachweis.art, Erstattungsnachweis.betrag, Erstattungsnachweis.von,
            Erstattungsnachweis.bis, Erstattungsnachweis.je, Erstattungsnachweis.alter_art)):
        if cid in carer_nrs:
            proofs.setdefault(cid, []).append(Proof(carer_nrs[cid], art, betrag, proof_von, proof_bis, je, alter_art))
    busy = set(session.scalars(select(Placement.carer_id).where(_active(Placement.beginn, Placement.ende, today))))
    carers, ids = [], {}
    for cid, nr, nachname, vorname, srt_, ort_art, erste_hilfe in carer_rows:
        ids[("carer", nr)] = cid
        vom, bis = permits.get(cid, (None, None))
        people = fz.get(cid, {})
        carers.append(ReminderCarer(
            nr, f"{nachname}, {vorname}", srt_, vom, bis, ort_art != "Haushalt der Eltern", people.get(""),
            tuple(HouseholdAdult(p, d) for p, d in people.items() if p), erste_hilfe,
            tuple(courses.get(cid, ())), cid in busy, tuple(proofs.get(cid, ()))))
    until: dict[int, date | None] = {}
    for child_id, ende in session.execute(select(Placement.child_id, Placement.ende)):
        if child_id in until and until[child_id] is None:
            continue
        until[child_id] = None if ende is None else max(ende, until.get(child_id) or ende)
    children = []
    for kid, nr, nachname, vorname, srt_, born, grund in session.execute(select(
            Child.id, Child.nr, Child.nachname, Child.vorname, Child.srt, Child.geburtsdatum, Child.ab_3_grund)):
        if kid not in until:
            continue  # only children in care now or later
        last_day = until[kid]
        if last_day is not None and last_day < today:
            continue
        ids[("child", nr)] = kid
        children.append(ReminderChild(nr, f"{nachname}, {vorname}", srt_, born, last_day, bool(grund)))
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
    return _with_states(session, result, today, include_settled)


def _with_states(session: Session, rows: list[ReminderRow], today: date, include_settled: bool) -> list[ReminderRow]:
    states = {s.schluessel: s for s in session.scalars(select(ReminderState))}
    if not states:
        return rows
    shown = []
    for row in rows:
        state = states.get(row.key)
        if state is None:
            shown.append(row)
            continue
        done = (f"erledigt von {state.erledigt_von} am {state.erledigt_am:%d.%m.%Y}"
                if state.erledigt_am is not None else "")
        later = state.wiedervorlage_am if state.wiedervorlage_am and state.wiedervorlage_am > today else None
        if include_settled or not (done or later):
            shown.append(replace(row, erledigt=done, wiedervorlage_am=later))
    return shown


def payout_status(session: Session, year: int, month: int) -> PayoutStatus:
    run = session.scalar(select(PayoutRun).options(defer(PayoutRun.eingaben))  # not its ~0.5 MB of inputs
                         .where(PayoutRun.jahr == year, PayoutRun.monat == month)
                         .order_by(PayoutRun.lauf.desc()).limit(1))
    if run is None:
        return PayoutStatus(year, month, None, "kein Lauf", None)
    return PayoutStatus(year, month, run.lauf, run.status, run.summe, run.erstellt_am, run.erstellt_von)
