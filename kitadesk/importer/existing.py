"""What the database already holds, loaded once with plain selects (fast at 10× the city):
numbers of carers and children for references and updates, placements with their versions
(R-K4), permits and Führungszeugnisse (R-K3/R-C7), fee and rate tables, finalized months."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.money import cents
from kitadesk.models import (
    ABGESCHLOSSEN,
    Carer,
    CarerDocument,
    Child,
    Erlaubnis,
    Family,
    FeeCell,
    FeeTable,
    PayoutRun,
    Placement,
    PlacementVersion,
    RateTable,
    Sonderbetrag,
    Zusammenschluss,
)

FUEHRUNGSZEUGNIS = "Führungszeugnis"  # CarerDocument.art (R-C2); person "" = the carer


@dataclass
class OldCarer:
    id: int
    nr: str
    srt: str
    qualifikation: str
    betreuungsort: str
    group: str | None
    permits: list[tuple[date, date, int, int]] = field(default_factory=list)  # vom, bis, max_kinder, max_gleichz.
    fz: list[date] = field(default_factory=list)  # the carer's own Führungszeugnisse
    household_fz: dict[str, date] = field(default_factory=dict)  # adult → latest date


@dataclass
class OldChild:
    id: int
    nr: str
    srt: str
    family_nr: str | None
    geburtsdatum: date


@dataclass
class OldVersion:
    id: int
    gueltig_ab: date
    wochenstunden: Decimal
    randzeitstunden: Decimal
    uebernachtungen: Decimal
    nacht_im_haushalt_der_eltern: bool
    zeitplan: str | None


@dataclass
class OldPlacement:
    id: int
    child_nr: str
    carer_nr: str
    beginn: date
    ende: date | None
    versions: dict[date, OldVersion] = field(default_factory=dict)


@dataclass
class Existing:
    carers: dict[str, OldCarer]
    children: dict[str, OldChild]
    placements: dict[tuple[str, str, date], OldPlacement]
    families: dict[str, int]
    groups: dict[str, int]  # Zusammenschluss name → id
    fee_cells: dict[date, dict[tuple, Decimal]]  # gueltig_ab → (alter, einkommen_bis, stunden_bis) → beitrag
    rate_tables: dict[date, dict]  # gueltig_ab → column values (with id, bestaetigt_von)
    last_finalized: tuple[int, int] | None  # latest finalized (jahr, monat)
    finalized: set[tuple[int, int]]
    specials: dict[tuple[str, str, str], tuple[Decimal, str | None]] = field(default_factory=dict)

    def placements_of_child(self, child_nr: str) -> list[OldPlacement]:
        return self._by_child.get(child_nr, [])

    def placements_of_carer(self, carer_nr: str) -> list[OldPlacement]:
        return self._by_carer.get(carer_nr, [])

    def index(self) -> "Existing":
        self._by_child, self._by_carer = defaultdict(list), defaultdict(list)
        for p in self.placements.values():
            self._by_child[p.child_nr].append(p)
            self._by_carer[p.carer_nr].append(p)
        return self


def load_existing(session: Session) -> Existing:
    groups = dict(session.execute(select(Zusammenschluss.name, Zusammenschluss.id)).all())
    group_names = {v: k for k, v in groups.items()}
    carers: dict[str, OldCarer] = {}
    carer_nr: dict[int, str] = {}
    for cid, nr, srt, quali, ort, gid in session.execute(select(
            Carer.id, Carer.nr, Carer.srt, Carer.qualifikation, Carer.betreuungsort, Carer.zusammenschluss_id)):
        carers[nr] = OldCarer(cid, nr, srt, quali, ort, group_names.get(gid))
        carer_nr[cid] = nr
    for cid, vom, bis, mk, mg in session.execute(select(
            Erlaubnis.carer_id, Erlaubnis.vom, Erlaubnis.bis, Erlaubnis.max_kinder, Erlaubnis.max_gleichzeitig)
            .order_by(Erlaubnis.vom)):
        carers[carer_nr[cid]].permits.append((vom, bis, mk, mg))
    for cid, person, received in session.execute(select(
            CarerDocument.carer_id, CarerDocument.person, CarerDocument.erhalten_am)
            .where(CarerDocument.art == FUEHRUNGSZEUGNIS, CarerDocument.erhalten_am.is_not(None))
            .order_by(CarerDocument.erhalten_am)):
        carer = carers[carer_nr[cid]]
        if person:
            carer.household_fz[person] = received
        else:
            carer.fz.append(received)
    families = dict(session.execute(select(Family.nr, Family.id)).all())
    family_nr = {v: k for k, v in families.items()}
    children: dict[str, OldChild] = {}
    child_nr: dict[int, str] = {}
    for cid, nr, srt, fid, born in session.execute(select(
            Child.id, Child.nr, Child.srt, Child.family_id, Child.geburtsdatum)):
        children[nr] = OldChild(cid, nr, srt, family_nr.get(fid), born)
        child_nr[cid] = nr
    placements: dict[tuple[str, str, date], OldPlacement] = {}
    by_id: dict[int, OldPlacement] = {}
    for pid, kid, tid, beginn, ende in session.execute(select(
            Placement.id, Placement.child_id, Placement.carer_id, Placement.beginn, Placement.ende)):
        p = OldPlacement(pid, child_nr[kid], carer_nr[tid], beginn, ende)
        placements[(p.child_nr, p.carer_nr, beginn)] = by_id[pid] = p
    for row in session.execute(select(
            PlacementVersion.id, PlacementVersion.placement_id, PlacementVersion.gueltig_ab,
            PlacementVersion.wochenstunden, PlacementVersion.randzeitstunden, PlacementVersion.uebernachtungen,
            PlacementVersion.nacht_im_haushalt_der_eltern, PlacementVersion.zeitplan)):
        by_id[row[1]].versions[row[2]] = OldVersion(row[0], row[2], *row[3:])
    fee_cells: dict[date, dict[tuple, Decimal]] = defaultdict(dict)
    for gueltig_ab, alter, income, band, fee in session.execute(select(
            FeeTable.gueltig_ab, FeeCell.alter, FeeCell.einkommen_bis, FeeCell.stunden_bis, FeeCell.beitrag)
            .join(FeeCell, FeeCell.table_id == FeeTable.id)):
        fee_cells[gueltig_ab][(alter, _norm(income), _norm(band))] = fee
    for gueltig_ab in session.scalars(select(FeeTable.gueltig_ab)):
        fee_cells.setdefault(gueltig_ab, {})
    rates = {row.gueltig_ab: dict(row._mapping) for row in session.execute(select(*RateTable.__table__.columns))}
    finalized = {(j, m) for j, m in session.execute(
        select(PayoutRun.jahr, PayoutRun.monat).where(PayoutRun.status == ABGESCHLOSSEN))}
    child_of = {c.id: nr for nr, c in children.items()}
    specials = {(carer_nr[tid], monat, grund): (betrag, child_of.get(kid)) for tid, kid, monat, grund, betrag in
                session.execute(select(Sonderbetrag.carer_id, Sonderbetrag.child_id, Sonderbetrag.monat,
                                       Sonderbetrag.grund, Sonderbetrag.betrag))}
    return Existing(carers, children, placements, families, groups, dict(fee_cells), rates,
                    max(finalized) if finalized else None, finalized, specials).index()


def _norm(value: Decimal | None) -> Decimal | None:
    """Numeric columns come back with their scale (45.0000); compare by value, keep 2 places."""
    return None if value is None else cents(value)
