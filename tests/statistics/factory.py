"""Data for the statistics and QiK tests (and the screenshots): generated carers/children
with the R-S1 fields, placements before, around and after a reference date, time plans;
QiK partners, participants and coordination activities through the ops."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select, update

from kitadesk.models import Carer, Child, Erlaubnis, Placement, PlacementVersion
from kitadesk.ops import qik
from tests.support.factory import make_carer, make_child, place

D = Decimal
STICHTAG = date(2026, 3, 1)
PLANS = ("Mo 08:00-13:00; Di 08:00-13:00; Mi 08:00-13:00; Do 08:00-13:00; Fr 08:00-13:00",
         "Mo 07:30-16:30; Di 07:30-16:30; Mi 07:30-16:30",
         "Mo 08:00-15:00; Di 08:00-15:00; Mi 08:00-15:00; Do 08:00-15:00",
         "Di 08:00-12:00; Do 08:00-12:00")
SRTS = ("Mitte/Süd", "Ost", "Nord")
VERWANDT = ("nicht verwandt", "nicht verwandt", "nicht verwandt", "Großeltern", "andere Verwandte")


def plan_hours(plan: str) -> str:
    from kitadesk.domain.timeplan import parse_timeplan

    return str(parse_timeplan(plan).weekly_hours)


def generate(store, seed: int = 7, carers: int = 24, children: int = 110, stichtag: date = STICHTAG) -> dict:
    """Carers in all SRTs, children with complete or incomplete R-S1 fields, placements that
    ended before, run over, start after the reference date, and carer changes."""
    rnd = random.Random(seed)
    with store.session("test") as s:
        people = []
        for i in range(carers):
            c = make_carer(s, f"T{i + 1:03d}", srt=SRTS[i % 3], proofs=False, qualifikation=rnd.choice(
                ("Basis", "QHB", "Fachkraft")), geschlecht=rnd.choice(("w", "w", "w", "m", None)),
                betreuungsort=rnd.choice(("eigener Haushalt", "eigener Haushalt", "andere Räume")))
            people.append(c)
        for k in range(children):
            born = stichtag - timedelta(days=rnd.randint(150, 3 * 365 + 200))
            complete = rnd.random() < 0.8
            child = make_child(s, f"K{k + 1:03d}", srt=rnd.choice(SRTS), geburtsdatum=born,
                               geschlecht=rnd.choice(("w", "m")) if complete or rnd.random() < 0.5 else None,
                               herkunft_ausland=rnd.random() < 0.3 if complete else None,
                               sprache_nicht_deutsch=rnd.random() < 0.2 if complete else None,
                               verwandtschaft=rnd.choice(VERWANDT) if complete else None)
            carer = rnd.choice(people)
            kind = rnd.random()
            plan = rnd.choice(PLANS) if rnd.random() < 0.85 else None
            hours = plan_hours(plan) if plan else str(rnd.choice((15, 20, 30, 35, 40, 45, 50)))
            if kind < 0.12:  # ended before the reference date
                place(s, child, carer, stichtag - timedelta(days=300), ende=stichtag - timedelta(days=10),
                      hours=hours)
            elif kind < 0.22:  # starts after the reference date (R-S1: not counted)
                place(s, child, carer, stichtag + timedelta(days=rnd.randint(1, 60)), hours=hours)
            elif kind < 0.32:  # carer change: continuous spell
                first = stichtag - timedelta(days=400)
                place(s, child, rnd.choice(people), first, ende=stichtag - timedelta(days=100), hours=hours)
                p = place(s, child, carer, stichtag - timedelta(days=99), hours=hours)
                _plan(s, p, plan)
            else:
                p = place(s, child, carer, stichtag - timedelta(days=rnd.randint(0, 500)),
                          ende=rnd.choice((None, None, stichtag, stichtag + timedelta(days=90))), hours=hours)
                _plan(s, p, plan)
        s.commit()
    return dict(carers=carers, children=children)


def _plan(session, placement: Placement, plan: str | None) -> None:
    if plan:
        for v in session.scalars(select(PlacementVersion).where(PlacementVersion.placement_id == placement.id)):
            v.zeitplan = plan
        session.flush()


def enrich_demo(store, seed: int = 3) -> None:
    """Give demo-like data (tests/ui/demo_data.py) realistic R-S1 fields and time plans:
    about 4 % of the children miss a field, 5 % of the placements have no Zeitplan."""
    rnd = random.Random(seed)
    with store.engine.begin() as conn:
        ids = [r[0] for r in conn.execute(select(Child.id))]
        for cid in ids:
            missing = rnd.random() < 0.04
            conn.execute(update(Child).where(Child.id == cid).values(
                herkunft_ausland=None if missing and rnd.random() < 0.5 else rnd.random() < 0.3,
                sprache_nicht_deutsch=rnd.random() < 0.2,
                verwandtschaft=None if missing else rnd.choice(VERWANDT)))
        for vid, hours in conn.execute(select(PlacementVersion.id, PlacementVersion.wochenstunden)):
            if rnd.random() < 0.05:
                continue
            days = 5 if hours >= 25 else rnd.choice((3, 4))
            per_day = (hours / days).quantize(D("0.25"))
            start = 7 * 60 + 30
            end = start + int(per_day * 60)
            slot = f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
            plan = "; ".join(f"{d} {slot}" for d in ("Mo", "Di", "Mi", "Do", "Fr")[:days])
            conn.execute(update(PlacementVersion).where(PlacementVersion.id == vid).values(
                zeitplan=plan, wochenstunden=per_day * days))


def qik_sample(store, user: str = "test") -> dict:
    """A realistic QiK programme: partners with contacts, two cohorts, status changes, work."""
    mk = lambda name, art, who="", tel="", mail="": qik.save_partner(  # noqa: E731
        store, user, dict(name=name, art=art, ansprechpartner=who, telefon=tel, email=mail))
    ids = dict(
        kita1=mk("Kita Sonnenblume", "Kita", "Frau Peters", "02841 201-10", "kita.sonnenblume@example.org"),
        kita2=mk("Familienzentrum Regenbogen", "Kita", "Herr Jansen", "02841 302-20"),
        kita3=mk("Kita Am Schlosspark", "Kita", "Frau Aydın", "02841 403-30"),
        traeger1=mk("Ev. Kirchenkreis Moers", "Träger", "Frau Schulte", "02841 100-0", "kitas@example.org"),
        traeger2=mk("AWO Kreisverband Wesel", "Träger", "Herr Brandt", "0281 200-0"),
        bk=mk("Berufskolleg Moers", "Berufskolleg", "Frau Dr. Lenz", "02841 900-0", "sekretariat@bk.example.org"),
        jc=mk("Jobcenter Kreis Wesel", "Jobcenter", "Herr Kaya", "0281 300-0"),
        aa=mk("Agentur für Arbeit Wesel", "Agentur für Arbeit", "Frau Voss", "0800 4 5555 00"),
        vhs=mk("VHS Moers – Kamp-Lintfort", "Weiterbildung", "Frau Roth", "02841 201-565"))
    people = [  # (Nachname, Vorname, cohort, kita, träger, förderer, [(status, date)])
        ("Albers", "Nina", 2025, "kita1", "traeger1", "jc", [("interessiert", date(2025, 3, 10)),
                                                            ("in Ausbildung", date(2025, 8, 1))]),
        ("Berisha", "Arta", 2025, "kita2", "traeger2", "aa", [("interessiert", date(2025, 4, 2)),
                                                             ("in Ausbildung", date(2025, 8, 1))]),
        ("Demir", "Selin", 2025, "kita3", "traeger1", "jc", [("interessiert", date(2025, 3, 20)),
                                                            ("in Ausbildung", date(2025, 8, 1)),
                                                            ("abgebrochen", date(2026, 1, 31))]),
        ("Engel", "Markus", 2025, "kita1", "traeger1", "aa", [("interessiert", date(2025, 5, 5)),
                                                             ("abgebrochen", date(2025, 7, 15))]),
        ("Fuchs", "Laura", 2025, "kita2", "traeger2", "jc", [("interessiert", date(2025, 2, 1)),
                                                            ("in Ausbildung", date(2025, 8, 1))]),
        ("Gashi", "Dritan", 2026, "kita3", "traeger2", "aa", [("interessiert", date(2026, 2, 12))]),
        ("Hoffmann", "Jana", 2026, "kita1", "traeger1", "jc", [("interessiert", date(2026, 3, 3))]),
        ("Ivanova", "Olga", 2026, "kita2", "traeger2", "aa", [("interessiert", date(2026, 4, 14)),
                                                             ("in Ausbildung", date(2026, 8, 1))]),
        ("Jansen", "Tim", 2026, "kita3", "traeger1", "jc", [("interessiert", date(2026, 5, 6)),
                                                           ("in Ausbildung", date(2026, 8, 1))]),
    ]
    pids = []
    for nachname, vorname, cohort, kita, traeger, foerderer, steps in people:
        pid = qik.save_participant(store, user, dict(
            nachname=nachname, vorname=vorname, jahrgang=cohort, kita_id=ids[kita], traeger_id=ids[traeger],
            berufskolleg_id=ids["bk"], foerderer_id=ids[foerderer], klasse=f"KP{cohort % 100}a",
            beginn=date(cohort, 8, 1)), status=steps[0][0], status_datum=steps[0][1])
        for status, when in steps[1:]:
            qik.change_status(store, user, pid, status, when)
        pids.append(pid)
    qik_activities(store, user)
    return dict(partners=ids, participants=pids)


def qik_activities(store, user: str = "test") -> None:
    """Coordination work of 2025 and 2026 (R-Q3)."""
    work = [
        (date(2025, 2, 18), "Auftaktgespräch QiK mit Trägern", "Ev. Kirchenkreis Moers; AWO Kreisverband Wesel", "3"),
        (date(2025, 3, 12), "Infoveranstaltung für Interessierte", "Jobcenter Kreis Wesel; VHS Moers – Kamp-Lintfort",
         "4,5"),
        (date(2025, 6, 4), "Abstimmung Stundenplan und Praxistage", "Berufskolleg Moers", "2"),
        (date(2025, 9, 23), "Runder Tisch QiK", "Berufskolleg Moers; Ev. Kirchenkreis Moers; Jobcenter Kreis Wesel",
         "3,5"),
        (date(2026, 1, 20), "Fallbesprechung Ausbildungsabbruch", "Kita Am Schlosspark; Berufskolleg Moers", "1,5"),
        (date(2026, 2, 10), "Infoveranstaltung für Interessierte", "Agentur für Arbeit Wesel", "4"),
        (date(2026, 3, 17), "Runder Tisch QiK", "Berufskolleg Moers; AWO Kreisverband Wesel", "3"),
        (date(2026, 5, 12), "Förderanträge Bildungsgutschein", "Agentur für Arbeit Wesel; Jobcenter Kreis Wesel", "2,5"),
        (date(2026, 6, 30), "Abstimmung Stundenplan und Praxistage", "Berufskolleg Moers", "2"),
        (date(2026, 9, 8), "Runder Tisch QiK", "Berufskolleg Moers; Ev. Kirchenkreis Moers", "3"),
        (date(2026, 10, 21), "Praxisanleitung: Austausch der Kitas",
         "Kita Sonnenblume; Familienzentrum Regenbogen; Kita Am Schlosspark", "2,5"),
    ]
    for datum, thema, partner, stunden in work:
        qik.save_activity(store, user, dict(datum=datum, thema=thema, partner=partner, stunden=stunden))


def permit_limits(store) -> dict[str, int]:
    """Carer nr → max_kinder of the permit valid on STICHTAG (for independent checks)."""
    with store.session() as s:
        rows = s.execute(select(Carer.nr, Erlaubnis.max_kinder).join(Erlaubnis, Erlaubnis.carer_id == Carer.id)
                         .where(Erlaubnis.vom <= STICHTAG, Erlaubnis.bis >= STICHTAG)).all()
    return {nr: n for nr, n in rows}
