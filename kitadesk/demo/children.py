"""Demo children and placements: families with siblings, incomes (some missing), special
needs (some with LVR), statistics fields, fee waivers (R-E2), and placements fitted into
the carers' capacity slots (R-C6/R-K3) — with carer changes, hours changes as new versions
(R-K4), time plans with off-hours, overnight stays (R-G7)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from kitadesk.demo import names as N
from kitadesk.demo.carers import DAY, DemoCarer, address, pick_origin, rand_date, surname
from kitadesk.demo.plans import NO_PLAN_HOURS, PLANS
from kitadesk.domain.calendar import add_years
from kitadesk.models import (
    Child,
    ChildStatus,
    Ermaessigung,
    Family,
    FamilyIncome,
    Placement,
    PlacementVersion,
)

INCOMES = (12000, 17500, 21000, 26000, 29500, 33000, 38000, 42000, 47000, 52000, 58000, 64000, 71000, 80000,
           92000, 115000)


@dataclass
class Request:
    child: int  # index into the children list
    start: date
    end: date | None
    avoid: int | None = None  # carer id of the child's previous placement
    carer: DemoCarer | None = None
    kind: str = "any"


def _kita_start(born: date) -> date:
    """Kita from 1 August after the 3rd birthday (R-K1): care ends 31 July."""
    third = add_years(born, 3)
    year = third.year if third < date(third.year, 8, 1) else third.year + 1
    return date(year, 7, 31)


def build_children(b, count: int, carers: list[DemoCarer]) -> list[tuple]:
    """Returns the placements made: (child_nr, carer, beginn, ende, versions)."""
    rng, today = b.rng, b.today
    kids, requests = [], []
    i = 0
    while i < count:
        origin = pick_origin(rng)
        home_srt = rng.choices([s for s, _ in N.SRT_WEIGHTS], [w for _, w in N.SRT_WEIGHTS])[0]
        street, plz = address(rng, home_srt)
        family_name = surname(rng, origin, False)
        size = 2 if rng.random() < 0.075 and i + 1 < count else 1
        income = None if rng.random() < 0.1 else Decimal(rng.choice(INCOMES))
        fid = b.add(Family, nr=f"F{i + 1:05d}", geschwister_in_kita=1 if rng.random() < 0.08 else 0)
        start_income = add_years(today, -4)
        if income is not None or rng.random() < 0.5:
            b.add(FamilyIncome, family_id=fid, gueltig_ab=start_income, jahreseinkommen=income)
        if income is not None and rng.random() < 0.1:  # income changed (R-E3)
            b.add(FamilyIncome, family_id=fid, gueltig_ab=date(today.year, rng.randint(1, today.month), 1),
                  jahreseinkommen=income + Decimal(rng.choice((-6000, 4000, 9000))))
        mother = f"{rng.choice(N.FEMALE[origin])} {surname(rng, origin, True)}"
        father = f"{rng.choice(N.MALE[origin])} {family_name}"
        parents = mother if rng.random() < 0.15 else f"{mother} und {father}"
        youngest = rand_date(rng, today - timedelta(days=1200), today - timedelta(days=270))
        for k in range(size):
            born = youngest - timedelta(days=k * rng.randint(550, 900))
            kids.append(dict(i=i, fid=fid, origin=origin, home=home_srt, street=street, plz=plz,
                             name=family_name, parents=parents, born=born))
            i += 1
    for index, kid in enumerate(kids):
        born = kid["born"]
        start = born + timedelta(days=rng.randint(240, 560))
        if start > today + timedelta(days=45):
            start = max(born + timedelta(days=150), today + timedelta(days=rng.randint(0, 45)))
        start = start.replace(day=1) if rng.random() < 0.6 and start.replace(day=1) > born else start
        kita = _kita_start(born)
        end = kita if kita < today or rng.random() < 0.4 else None
        if rng.random() < 0.05 and (end is None or end > start + timedelta(days=200)):
            end = start + timedelta(days=rng.randint(90, 360))  # moved away
        kid.update(start=start, end=end)
        switch = None
        if rng.random() < 0.17:
            candidate = (start + timedelta(days=rng.randint(90, 360))).replace(day=1)
            if candidate > start and (end is None or candidate < end - timedelta(days=30)):
                switch = candidate
        if switch:
            requests.append(Request(index, start, switch - DAY))
            requests.append(Request(index, switch, end))
        else:
            requests.append(Request(index, start, end))
    _assign(b, kids, carers, requests)
    return _write(b, kids, requests)


def _assign(b, kids, carers: list[DemoCarer], requests: list[Request]) -> None:
    rng = b.rng
    by_srt: dict[str, list[DemoCarer]] = {}
    for c in carers:
        by_srt.setdefault(c.srt, []).append(c)
    previous: dict[int, int] = {}
    for req in sorted(requests, key=lambda r: (r.start, r.child)):
        kid = kids[req.child]
        req.avoid = previous.get(req.child)
        home = kid["home"] if rng.random() < 0.9 else rng.choice(list(by_srt) or [kid["home"]])
        order = [home] + [s for s in by_srt if s != home]
        for srt in order:
            pool = by_srt.get(srt, [])
            if not pool:
                continue
            offset = rng.randrange(len(pool))
            found = None
            for step in range(len(pool)):
                c = pool[(offset + step) % len(pool)]
                if c.id == req.avoid or not c.first_start <= req.start <= c.last_start:
                    continue
                slot = next((s for s in c.slots if s.free_from <= req.start), None)
                if slot is not None:
                    found = (c, slot)
                    break
            if found:
                c, slot = found
                slot.free_from = (req.end + DAY) if req.end else date.max
                req.carer, req.kind = c, slot.kind
                previous[req.child] = c.id
                break


def _terms(b, kind: str, carer: DemoCarer, overnight: bool) -> dict:
    rng = b.rng
    if carer.betreuungsort == "Haushalt der Eltern" and rng.random() < 0.3:
        return dict(wochenstunden=Decimal(rng.choice((30, 35, 40))), randzeitstunden=Decimal(0),
                    uebernachtungen=Decimal(0), nacht_im_haushalt_der_eltern=True, zeitplan=None)
    if kind != "any" or rng.random() < 0.7:
        text, hours, off = rng.choice(PLANS[kind])
        return dict(wochenstunden=hours, randzeitstunden=off, uebernachtungen=Decimal(rng.choice((1, 2)) if overnight else 0),
                    nacht_im_haushalt_der_eltern=False, zeitplan=text)
    off = Decimal(rng.choice((0, 0, 0, 0, 0, 2.5, 5))).quantize(Decimal("0.01"))
    return dict(wochenstunden=rng.choice(NO_PLAN_HOURS), randzeitstunden=off,
                uebernachtungen=Decimal(rng.choice((1, 2)) if overnight else 0),
                nacht_im_haushalt_der_eltern=False, zeitplan=None)


def _write(b, kids, requests: list[Request]) -> list[tuple]:
    rng, today = b.rng, b.today
    latest: dict[int, Request] = {}
    for req in requests:
        if req.carer is not None and (req.child not in latest or req.start > latest[req.child].start):
            latest[req.child] = req
    child_ids = {}
    for index, kid in enumerate(kids):
        female = rng.random() < 0.49
        first = rng.choice((N.GIRLS if female else N.BOYS)[kid["origin"]])
        req = latest.get(index)
        srt = req.carer.srt if req else kid["home"]
        born, start = kid["born"], kid["start"]
        foreign = kid["origin"] != "de" or rng.random() < 0.1
        child_ids[index] = b.add(
            Child, nr=f"K{index + 1:05d}", nachname=kid["name"], vorname=first, geburtsdatum=born,
            geschlecht="w" if female else ("m" if rng.random() < 0.99 else "d"), sorgeberechtigte=kid["parents"],
            strasse=kid["street"], plz=kid["plz"], ort="Moers", srt=srt, family_id=kid["fid"],
            antrag_vom=start - timedelta(days=rng.randint(30, 150)),
            unter_1_grund=rng.choice(N.UNDER_1_REASONS) if start < add_years(born, 1) else None,
            ab_3_grund=rng.choice(N.OVER_3_REASONS) if kid["end"] is None or kid["end"] > _kita_start(born) else None,
            herkunft_ausland=foreign, sprache_nicht_deutsch=foreign and rng.random() < 0.6,
            verwandtschaft=rng.choices(("nicht verwandt", "Großeltern", "andere Verwandte"), (95, 3, 2))[0],
            eingliederungshilfe=False)
        special = rng.random() < 0.04
        lvr = special and rng.random() < 0.5
        b.add(ChildStatus, child_id=child_ids[index], gueltig_ab=born, besonderer_bedarf=special,
              lvr_inklusionshilfe=lvr, beitragsfrei=rng.random() < 0.02)
        if rng.random() < 0.03:  # R-E2: waiver from a date not before the application
            applied = rand_date(rng, start, max(start, today))
            b.add(Ermaessigung, child_id=child_ids[index], prozent=Decimal(rng.choice((50, 100))),
                  ab=max(applied, applied.replace(day=1) + timedelta(days=31)).replace(day=1), antrag_vom=applied,
                  bis=None)
    made = []
    for req in requests:
        if req.carer is None:
            continue
        overnight = req.kind == "any" and req.carer.betreuungsort == "eigener Haushalt" and rng.random() < 0.012
        pid = b.add(Placement, child_id=child_ids[req.child], carer_id=req.carer.id, beginn=req.start, ende=req.end,
                    antrag_vom=req.start - timedelta(days=rng.randint(30, 150)))
        versions = [(req.start, _terms(b, req.kind, req.carer, overnight))]
        horizon = min(req.end or today + timedelta(days=31), today + timedelta(days=31))
        first_change = (req.start + timedelta(days=62)).replace(day=1)
        if rng.random() < 0.15 and first_change < horizon:  # hours change → new version (R-K4)
            versions.append((rand_date(rng, first_change, horizon).replace(day=1),
                             _terms(b, req.kind, req.carer, overnight)))
        for gueltig_ab, terms in versions:
            if gueltig_ab > req.start or gueltig_ab == versions[0][0]:
                b.add(PlacementVersion, placement_id=pid, gueltig_ab=gueltig_ab,
                      grund="Erstvertrag" if gueltig_ab == req.start else "Änderung der Betreuungszeiten", **terms)
        made.append((f"K{req.child + 1:05d}", child_ids[req.child], req.carer, req.start, req.end,
                     [v[0] for v in versions]))
    return made
