"""Load one record for its form (read-only); sensitive values hidden per user (KEEP)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.models import Carer, CarerDocument, Child, Placement
from kitadesk.ops.queries.lists import FUEHRUNGSZEUGNIS
from kitadesk.ops.records.forms import KEEP, CarerData, ChildData


def load_carer(session: Session, carer_id: int, actor=None):
    """→ (CarerData, version) of one carer for the form; the IBAN is KEEP (hidden) for a user
    who may not see it (`sensible_daten` for the carer's SRT)."""

    carer = session.get(Carer, carer_id)
    if carer is None:
        raise LookupError(f"Tagespflegeperson {carer_id} nicht gefunden.")
    permit = carer.permits[-1] if carer.permits else None
    fz = session.scalar(select(CarerDocument.erhalten_am).where(
        CarerDocument.carer_id == carer_id, CarerDocument.art == FUEHRUNGSZEUGNIS, CarerDocument.person == "")
        .order_by(CarerDocument.erhalten_am.desc()).limit(1))
    data = CarerData(
        nr=carer.nr, nachname=carer.nachname, vorname=carer.vorname, srt=carer.srt,
        geburtsdatum=carer.geburtsdatum, geschlecht=carer.geschlecht or "", strasse=carer.strasse, plz=carer.plz,
        ort=carer.ort, telefon=carer.telefon, email=carer.email,
        iban=(carer.iban or "") if actor is None or actor.can_see_sensitive(carer.srt) else KEEP,
        schulabschluss=carer.schulabschluss or "", qualifikation=carer.qualifikation,
        qualifikation_seit=carer.qualifikation_seit, taetig_seit=carer.taetig_seit, taetig_bis=carer.taetig_bis,
        betreuungsort=carer.betreuungsort, erste_hilfe_am=carer.erste_hilfe_am, para8a_am=carer.para8a_am,
        fuehrungszeugnis_vom=fz,
        erlaubnis_vom=permit.vom if permit else None, erlaubnis_bis=permit.bis if permit else None,
        max_kinder=permit.max_kinder if permit else 5, max_gleichzeitig=permit.max_gleichzeitig if permit else 5,
        in_group=carer.zusammenschluss_id is not None,
    )
    return data, carer.version


def load_child(session: Session, child_id: int, today: date, actor=None):
    """→ (ChildData, version); dated values (status, income) as of `today`; the income is
    KEEP (hidden) for a user who may not see it."""

    child = session.get(Child, child_id)
    if child is None:
        raise LookupError(f"Kind {child_id} nicht gefunden.")
    status = None
    for s in child.statuses:
        if s.gueltig_ab <= today or status is None:
            status = s
    income = None
    if child.family is not None:
        for inc in child.family.incomes:
            if inc.gueltig_ab <= today or income is None:
                income = inc
    data = ChildData(
        nr=child.nr, nachname=child.nachname, vorname=child.vorname, geburtsdatum=child.geburtsdatum,
        srt=child.srt, geschlecht=child.geschlecht or "", sorgeberechtigte=child.sorgeberechtigte,
        strasse=child.strasse, plz=child.plz, ort=child.ort, antrag_vom=child.antrag_vom,
        unter_1_grund=child.unter_1_grund or "", ab_3_grund=child.ab_3_grund or "",
        familie_nr=child.family.nr if child.family else "",
        jahreseinkommen=(income.jahreseinkommen if income else None)
        if actor is None or actor.can_see_sensitive(child.srt) else KEEP,
        besonderer_bedarf=bool(status and status.besonderer_bedarf),
        lvr_inklusionshilfe=bool(status and status.lvr_inklusionshilfe),
        beitragsfrei=bool(status and status.beitragsfrei),
        gueltig_ab=today,
        herkunft_ausland=child.herkunft_ausland, sprache_nicht_deutsch=child.sprache_nicht_deutsch,
        verwandtschaft=child.verwandtschaft or "", eingliederungshilfe=child.eingliederungshilfe,
    )
    return data, child.version


@dataclass(frozen=True)
class VersionRow:
    """One version of a placement for the history table (R-K4)."""

    id: int
    gueltig_ab: date
    wochenstunden: Decimal
    randzeitstunden: Decimal
    uebernachtungen: Decimal
    nacht_im_haushalt_der_eltern: bool
    zeitplan: str
    grund: str
    erfasst_von: str
    erfasst_am: object


@dataclass(frozen=True)
class PlacementDetail:
    id: int
    version: int
    child_id: int
    child_label: str
    carer_id: int
    carer_label: str
    beginn: date
    ende: date | None
    antrag_vom: date | None
    history: tuple[VersionRow, ...]

    def version_on(self, day: date) -> VersionRow:
        found = self.history[0]
        for v in self.history:
            if v.gueltig_ab <= day:
                found = v
        return found


def child_zeitplaene(session: Session, child_id: int, day: date) -> tuple[str | None, ...]:
    """R-S1: the Zeitplan of each placement of the child active on `day` (version chosen as the
    statistics do), for the form's list of missing fields; empty when the child is not in care."""
    from kitadesk.domain.statistics import StatPlacement, StatVersion

    found = []
    for p in session.scalars(select(Placement).where(
            Placement.child_id == child_id, Placement.beginn <= day,
            (Placement.ende.is_(None)) | (Placement.ende >= day)).order_by(Placement.beginn)):
        versions = tuple(StatVersion(v.gueltig_ab, v.wochenstunden, v.zeitplan) for v in p.versions)
        version = StatPlacement("", "", p.beginn, p.ende, versions).version_on(day)
        found.append(version.zeitplan if version else None)
    return tuple(found)


def load_placement(session: Session, placement_id: int) -> PlacementDetail:
    p = session.get(Placement, placement_id)
    if p is None:
        raise LookupError(f"Betreuung {placement_id} nicht gefunden.")
    child, carer = session.get(Child, p.child_id), session.get(Carer, p.carer_id)
    assert child is not None and carer is not None, "a placement's child and carer exist (foreign keys)"
    history = tuple(
        VersionRow(v.id, v.gueltig_ab, v.wochenstunden, v.randzeitstunden, v.uebernachtungen,
                   v.nacht_im_haushalt_der_eltern, v.zeitplan or "", v.grund, v.created_by, v.created_at)
        for v in p.versions)
    return PlacementDetail(p.id, p.version, child.id, f"{child.nr} – {child.full_name}", carer.id,
                           f"{carer.nr} – {carer.full_name}", p.beginn, p.ende, p.antrag_vom, history)


def child_placements(session: Session, child_id: int) -> list[int]:
    return list(session.scalars(select(Placement.id).where(Placement.child_id == child_id)
                                .order_by(Placement.beginn.desc())))
