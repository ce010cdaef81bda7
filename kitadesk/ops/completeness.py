"""Completeness check of a payout month: German warnings (with Nr and name) that are stored
on the run, shown by the UI and printed by the CLI. Warnings never stop a draft; they name
what the desk should fix before finalizing.

Checks: bank details (IBAN missing/invalid — the SEPA file would be refused), missing
reimbursement proofs (R-G4: no proof, no line), permits and Führungszeugnisse that have
expired (R-C6, R-C7, R-C2), placements without weekly hours for some days, children
with missing birth date or placed with two carers at once (R-C6), carers and children whose
address lacks the Ort the Bescheid needs (R-V4, domain/rules), rate tables not yet
confirmed or with example figures (R-G2), negative month totals and carers who left
with a balance owed (R-G10).
"""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kitadesk.domain.calendar import month_range
from kitadesk.domain.labels import PROOF_LABELS
from kitadesk.domain.lines import UEBERTRAG, VORTRAG, Line
from kitadesk.domain.rules.carer import fuehrungszeugnis_end
from kitadesk.domain.rules.child import birth_problems
from kitadesk.domain.rules.common import address_problems
from kitadesk.formats import day, money
from kitadesk.models import Carer, CarerDocument, Child, Erlaubnis, Placement, RateTable
from kitadesk.ops.payout_inputs import CarerInfo, ChildInfo, MonthInputs
from kitadesk.reports.data import natural_key
from kitadesk.reports.sepa import iban_problem

FUEHRUNGSZEUGNIS = "Führungszeugnis"  # CarerDocument.art (R-C2), as ops/records.py
PERMIT_FREE = "Haushalt der Eltern"  # R-C7: care in the parents' household needs no permit
ONE_DAY = timedelta(days=1)


def carer_label(info: CarerInfo | None, nr: str) -> str:
    return f"TPP-Nr. {nr} ({info.nachname}, {info.vorname})" if info else f"TPP-Nr. {nr}"


def child_label(info: ChildInfo | None, nr: str) -> str:
    return f"Kind-Nr. {nr} ({info.nachname}, {info.vorname})" if info else f"Kind-Nr. {nr}"


def _active_days(loaded: MonthInputs, start: date, end: date) -> dict[str, list[tuple[date, date]]]:
    """Per carer nr: the days in the month with an own placement version (hours recorded)."""
    spans = defaultdict(list)
    for version in loaded.inp.placements:
        spans[version.carer_nr].append((max(version.von, start), min(version.bis or end, end)))
    return spans


def _bank(loaded, payees: set[str]) -> list[tuple]:
    out = []
    for nr in payees:
        info = loaded.carers.get(nr)
        problem = iban_problem(info.iban if info else None)
        if problem:
            if "IBAN" not in problem:
                problem = f"IBAN „{info.iban}“ ungültig ({problem})"
            out.append((0, nr, f"{carer_label(info, nr)}: {problem} – keine Überweisung möglich "
                                f"(SEPA-Datei wird abgelehnt)."))
    return out


def _proofs(loaded, active: dict) -> list[tuple]:
    proofs = defaultdict(list)
    for proof in loaded.inp.proofs:
        proofs[proof.carer_nr].append(proof)
    out = []
    for nr, spans in active.items():
        last = max(b for _, b in spans)
        missing = [label for kind, label in PROOF_LABELS.items() if not any(
            p.kind == kind and p.von <= last and (p.bis is None or p.bis >= last) for p in proofs.get(nr, ()))]
        if missing:
            out.append((1, nr, f"{carer_label(loaded.carers.get(nr), nr)}: kein gültiger Nachweis am {day(last)} "
                               f"für {', '.join(missing)} – keine Erstattung (R-G4)."))
    return out


def _permits(session: Session, loaded, active: dict, end: date) -> list[tuple]:
    ids = {loaded.carers[nr].id: nr for nr in active if nr in loaded.carers}
    if not ids:
        return []
    carers = select(Placement.carer_id).where(Placement.beginn <= end)
    permits = defaultdict(list)
    for carer_id, vom, bis in session.execute(select(Erlaubnis.carer_id, Erlaubnis.vom, Erlaubnis.bis).where(
            Erlaubnis.carer_id.in_(carers))):
        permits[carer_id].append((vom, bis))
    documents: dict[int, dict] = defaultdict(dict)  # carer id → person → latest (received, valid until)
    for carer_id, person, received, valid in session.execute(
            select(CarerDocument.carer_id, CarerDocument.person, CarerDocument.erhalten_am, CarerDocument.gueltig_bis)
            .where(CarerDocument.carer_id.in_(carers), CarerDocument.art == FUEHRUNGSZEUGNIS)
            .order_by(CarerDocument.erhalten_am)):
        documents[carer_id][person or ""] = (received, valid)
    out = []
    for carer_id, nr in ids.items():
        info, last = loaded.carers[nr], max(b for _, b in active[nr])
        label = carer_label(info, nr)
        if info.betreuungsort != PERMIT_FREE:
            own = permits.get(carer_id, [])
            if not own:
                out.append((2, nr, f"{label}: keine Erlaubnis zur Kindertagespflege erfasst (R-C6, R-C7)."))
            elif not any(vom <= last <= bis for vom, bis in own):
                latest = max(bis for _, bis in own)
                text = f"abgelaufen am {day(latest)}" if latest < last else "noch nicht gültig"
                out.append((2, nr, f"{label}: Erlaubnis zur Kindertagespflege {text} (R-C6, R-C7)."))
        docs = documents.get(carer_id, {})
        if "" not in docs:
            out.append((2, nr, f"{label}: kein erweitertes Führungszeugnis erfasst (R-C2, R-C7)."))
        for person, (received, valid) in sorted(docs.items()):
            expiry = valid or (fuehrungszeugnis_end(received) if received else None)
            if expiry is not None and expiry < last:
                whose = f" ({person})" if person else ""
                out.append((2, nr, f"{label}: Führungszeugnis{whose} abgelaufen am {day(expiry)} (R-C2, R-C7)."))
    return out


def _placements(loaded, start: date, end: date) -> list[tuple]:
    out = []
    by_child = defaultdict(list)
    children = {c.id: c for c in loaded.children.values()}
    carers = {c.id: c for c in loaded.carers.values()}
    for placement, versions in loaded.placements:
        child, carer = children.get(placement.child_id), carers.get(placement.carer_id)
        if child is None or carer is None:
            continue
        a, b = max(placement.beginn, start), min(placement.ende or end, end)
        by_child[child.nr].append((a, b, carer.nr))
        covered = sorted((max(v.von, a), min(v.bis or b, b)) for v in versions)
        gaps, cursor = [], a
        for von, bis in covered:
            if von > cursor:
                gaps.append((cursor, von - ONE_DAY))
            cursor = max(cursor, bis + ONE_DAY)
        if cursor <= b:
            gaps.append((cursor, b))
        where = f"{child_label(child, child.nr)} bei TPP {carer.nr}"
        for von, bis in gaps:
            out.append((3, carer.nr, f"{where}: für {day(von)}–{day(bis)} keine Wochenstunden erfasst "
                                     "– nicht berechnet (R-K2)."))
        if any(not v.weekly_hours for v in versions):
            out.append((3, carer.nr, f"{where}: Wochenstunden 0 erfasst (R-K2)."))
    for nr, spans in by_child.items():
        child = loaded.children[nr]
        for problem in birth_problems(child.geburtsdatum, start):
            out.append((4, nr, f"{child_label(child, nr)}: {problem.message}"))
        spans.sort()
        for (_a1, b1, c1), (a2, b2, c2) in zip(spans, spans[1:]):
            if a2 <= b1 and c1 != c2:
                out.append((4, nr, f"{child_label(child, nr)}: vom {day(a2)} bis {day(min(b1, b2))} gleichzeitig bei "
                                   f"TPP {c1} und TPP {c2} – jedes Kind gehört zu genau einer TPP (R-C6)."))
    return out


def _addresses(session: Session, loaded, payees: set[str], child_nrs: set[str]) -> list[tuple]:
    """R-V4: the Bescheide of the month need an address with Ort (same rule as form and import)."""
    out = []
    ids = [loaded.carers[nr].id for nr in payees if nr in loaded.carers]
    for nr, plz, ort in session.execute(select(Carer.nr, Carer.plz, Carer.ort).where(Carer.id.in_(ids))):
        out += [(4, nr, f"{carer_label(loaded.carers.get(nr), nr)}: {p.message}") for p in address_problems(plz, ort)]
    ids = [loaded.children[nr].id for nr in child_nrs if nr in loaded.children]
    for nr, plz, ort in session.execute(select(Child.nr, Child.plz, Child.ort).where(Child.id.in_(ids))):
        out += [(4, nr, f"{child_label(loaded.children.get(nr), nr)}: {p.message}") for p in address_problems(plz, ort)]
    return out


def _rate_tables(session: Session, loaded) -> list[tuple]:
    ids = [tid for tid, _ in loaded.versions["rate_tables"]]
    out = _unused_drafts(session, loaded, ids)
    if not ids:
        return out
    for gueltig_ab, example in session.execute(select(
            RateTable.gueltig_ab, RateTable.ist_beispiel).where(RateTable.id.in_(ids))):
        if example:
            out.append((5, "", f"Satztabelle gültig ab {day(gueltig_ab)} enthält Beispielwerte, nicht die Sätze "
                               "der Stadt (R-G2)."))
    return out


def _unused_drafts(session: Session, loaded, used: list[int]) -> list[tuple]:
    """Drafts that would apply to the month but are not used before a Leitung confirms them (R-G2)."""
    start, end = month_range(loaded.inp.year, loaded.inp.month)
    newest_used = session.scalar(select(func.max(RateTable.gueltig_ab)).where(
        RateTable.id.in_(used), RateTable.gueltig_ab <= start)) if used else None
    drafts = session.scalars(select(RateTable.gueltig_ab).where(
        RateTable.gueltig_ab <= end, RateTable.bestaetigt_von.is_(None), RateTable.ist_beispiel.is_(False),
        *([RateTable.gueltig_ab > newest_used] if newest_used else [])))
    return [(5, "", f"Satztabelle gültig ab {day(d)} ist noch nicht bestätigt und wird nicht verwendet (R-G2).")
            for d in drafts]


def _balances(loaded, lines: list[Line], start: date) -> list[tuple]:
    out = []
    totals: dict[str, Decimal] = defaultdict(Decimal)
    carried = set()
    for line in lines:
        if line.position == VORTRAG:
            totals[line.carer_nr] -= line.amount
            carried.add(line.carer_nr)
        elif line.position == UEBERTRAG:
            carried.add(line.carer_nr)
    for nr in carried:
        info = loaded.carers.get(nr)
        label = carer_label(info, nr)
        if totals[nr]:
            out.append((6, nr, f"{label}: Monatssumme negativ ({money(totals[nr])}) – wird nicht ausgezahlt, "
                               "sondern in den Folgemonat vorgetragen (R-G10)."))
        if info is not None and info.taetig_bis is not None and info.taetig_bis < start and totals[nr]:
            out.append((6, nr, f"{label}: seit {day(info.taetig_bis)} nicht mehr tätig, offener Betrag "
                               f"{money(-totals[nr])} – Rückforderungsbescheid prüfen (R-G10)."))
    return out


def check_month(session: Session, loaded: MonthInputs, lines: list[Line]) -> list[str]:
    """All warnings for the month, sorted by kind and Nr (see module doc)."""
    start, end = month_range(loaded.inp.year, loaded.inp.month)
    active = _active_days(loaded, start, end)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        totals[line.carer_nr] += line.amount
    payees = {nr for nr, amount in totals.items() if amount > 0} | set(active)
    children = {line.child_nr for line in lines if line.child_nr}
    found = [*_bank(loaded, payees), *_proofs(loaded, active), *_permits(session, loaded, active, end),
             *_placements(loaded, start, end), *_addresses(session, loaded, payees, children),
             *_rate_tables(session, loaded), *_balances(loaded, lines, start)]
    found.sort(key=lambda w: (w[0], natural_key(w[1]), w[2]))
    return [text for _, _, text in found]
