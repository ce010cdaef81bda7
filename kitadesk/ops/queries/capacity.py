"""Inputs of domain/capacity.check_placement from the store (R-K3, R-C6, R-C7)."""

from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kitadesk.domain.capacity import CapacityPlacement, GroupMember, Permit
from kitadesk.domain.capacity import Zusammenschluss as Group
from kitadesk.domain.timeplan import TimePlanError, parse_timeplan
from kitadesk.errors import InputError
from kitadesk.models import Carer, CarerDocument, Child, Placement, PlacementVersion
from kitadesk.ops.queries.lists import FUEHRUNGSZEUGNIS


def capacity_inputs(session: Session, carer_id: int, child_id: int, day: date):
    """→ (Permit, [CapacityPlacement], carer_nr, child_nr) for domain/capacity.check_placement:
    the permit in force on `day`, and the placement versions of the carer, the members of its
    Großtagespflege and the child."""
    carer, child = session.get(Carer, carer_id), session.get(Child, child_id)
    if carer is None:  # deleted by another desk since the form was loaded
        raise InputError(f"Tagespflegeperson {carer_id} gibt es nicht mehr.")
    if child is None:
        raise InputError(f"Kind {child_id} gibt es nicht mehr.")
    permits = carer.permits
    in_force = [p for p in permits if p.vom <= day]
    permit = in_force[-1] if in_force else (permits[-1] if permits else None)
    docs = session.execute(select(CarerDocument.person, CarerDocument.erhalten_am).where(
        CarerDocument.carer_id == carer_id, CarerDocument.art == FUEHRUNGSZEUGNIS)
        .order_by(CarerDocument.erhalten_am)).all()
    latest = {person: vom for person, vom in docs}  # ascending → the last one wins
    members = [carer]
    group = None
    if carer.zusammenschluss is not None:
        members = list(carer.zusammenschluss.members)
        group = Group(carer.zusammenschluss.name,
                      tuple(GroupMember(m.nr, m.qualifikation) for m in members))
    betreuungsort = permit.betreuungsort if permit else carer.betreuungsort
    result = Permit(
        carer_nr=carer.nr, qualification=carer.qualifikation,
        max_kinder=permit.max_kinder if permit else None,
        max_gleichzeitig=permit.max_gleichzeitig if permit else None,
        erlaubnis_vom=permit.vom if permit else None, erlaubnis_bis=permit.bis if permit else None,
        needs_permit=betreuungsort != "Haushalt der Eltern" and carer.betreuungsort != "Haushalt der Eltern",
        fuehrungszeugnis_vom=latest.get(""),
        household_fuehrungszeugnisse=tuple((p, d) for p, d in latest.items() if p),
        group=group,
    )
    member_ids = [m.id for m in members]
    stmt = (select(Placement.id, Placement.beginn, Placement.ende, Carer.nr, Child.nr, PlacementVersion.gueltig_ab,
                   PlacementVersion.wochenstunden, PlacementVersion.zeitplan)
            .join(Carer, Carer.id == Placement.carer_id).join(Child, Child.id == Placement.child_id)
            .join(PlacementVersion, PlacementVersion.placement_id == Placement.id)
            .where(or_(Placement.carer_id.in_(member_ids), Placement.child_id == child_id))
            .order_by(Placement.id, PlacementVersion.gueltig_ab))
    by_placement: dict[int, list] = {}
    for row in session.execute(stmt):
        by_placement.setdefault(row[0], []).append(row)
    existing = []
    for rows in by_placement.values():
        for i, (_, beginn, ende, c_nr, k_nr, ab, hours, zeitplan) in enumerate(rows):
            bis = rows[i + 1][5] - timedelta(days=1) if i + 1 < len(rows) else ende
            try:
                plan = parse_timeplan(zeitplan) if zeitplan else None
            except TimePlanError:
                plan = None
            existing.append(CapacityPlacement(k_nr, c_nr, max(ab, beginn), bis, hours, plan))
    return result, existing, carer.nr, child.nr
