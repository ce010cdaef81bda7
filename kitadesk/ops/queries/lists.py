"""List rows of the three list screens: ONE query per list into plain rows, so the UI holds
10× the city's data and filters it without touching the database again. Flags on the rows
(`FLAG_*`) drive the status filters.

A row is a plain tuple of str/int/date/Decimal/None in the field order of its NamedTuple
(`CarerRow`, `ChildRow`, `PlacementRow`; `ChildRow._make(row)` gives attribute access, the
list models read by position). The flags are a shared tuple of str. Such a tuple holds no
container, so the cyclic garbage collector stops tracking it at its first collection: 10,000
rows add nothing to a full collection's work, and a list loaded in a worker thread leaves no
survivors that would bring one on (issue 17; a full collection holds the GIL ~1 µs per tracked
object, the window would stutter).
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from kitadesk.domain.calendar import add_years
from kitadesk.models import Carer, Child, Erlaubnis, Placement, PlacementVersion
from kitadesk.ops.settings import load_auslegungen

# row flags (status filters of the list screens)
FUEHRUNGSZEUGNIS = "Führungszeugnis"  # CarerDocument.art of the erweitertes Führungszeugnis (R-C2)

FLAG_ACTIVE = "aktiv"
FLAG_ENDED = "beendet"
FLAG_FUTURE = "kuenftig"
FLAG_PERMIT_EXPIRING = "erlaubnis_laeuft_ab"
FLAG_PERMIT_EXPIRED = "erlaubnis_abgelaufen"
FLAG_IN_CARE = "in_betreuung"
FLAG_NO_CARE = "ohne_betreuung"
FLAG_TURNS_3 = "wird_3"
FLAG_ENDING = "endet_bald"


# ---------------------------------------------------------------- settings

def reminder_horizon(session: Session) -> int:
    """Days ahead for reminders and 'expiring' filters (R-W1, setting `wiedervorlage_tage`)."""
    return int(load_auslegungen(session)["wiedervorlage_tage"])


# ---------------------------------------------------------------- list rows

class CarerRow(NamedTuple):
    id: int
    version: int
    nr: str
    nachname: str
    vorname: str
    srt: str
    qualifikation: str
    strasse: str
    plz: str
    ort: str
    telefon: str
    erlaubnis_bis: date | None
    max_kinder: int | None
    kinder: int  # children in care today
    taetig_bis: date | None
    status: str
    flags: tuple[str, ...] = ()


class ChildRow(NamedTuple):
    id: int
    version: int
    nr: str
    nachname: str
    vorname: str
    geburtsdatum: date
    srt: str
    sorgeberechtigte: str
    strasse: str
    plz: str
    ort: str
    carer_nr: str
    carer_name: str
    wochenstunden: Decimal | None
    status: str
    flags: tuple[str, ...] = ()


class PlacementRow(NamedTuple):
    id: int
    version: int
    child_id: int
    child_nr: str
    child_name: str
    carer_id: int
    carer_nr: str
    carer_name: str
    srt: str  # the child's SRT
    carer_srt: str
    beginn: date
    ende: date | None
    wochenstunden: Decimal | None
    gueltig_ab: date | None  # the version in force today (or the first one of a future placement)
    versionen: int
    status: str
    flags: tuple[str, ...] = ()


FETCH = 1000  # rows per fetch (`yield_per`): few result rows alive at a time


def _rows(session: Session, stmt):
    """The rows of a list query, fetched in chunks."""
    return session.execute(stmt.execution_options(yield_per=FETCH))


_FLAG_SETS: dict[frozenset[str], tuple[str, ...]] = {}


def _flags(flags: set[str]) -> tuple[str, ...]:
    """The row's flags as one shared tuple per combination (no container per row)."""
    key = frozenset(flags)
    shared = _FLAG_SETS.get(key)
    if shared is None:
        shared = _FLAG_SETS.setdefault(key, tuple(sorted(key)))
    return shared


def _active(beginn_col, ende_col, today: date):
    return and_(beginn_col <= today, or_(ende_col.is_(None), ende_col >= today))


def carer_rows(session: Session, today: date, horizon: int | None = None) -> list[tuple]:
    horizon = reminder_horizon(session) if horizon is None else horizon
    limit = today + timedelta(days=horizon)
    e = aliased(Erlaubnis)
    latest_permit = (select(e.id).where(e.carer_id == Carer.id).order_by(e.vom.desc(), e.id.desc())
                     .limit(1).correlate(Carer).scalar_subquery())
    kids = (select(func.count(Placement.id)).where(Placement.carer_id == Carer.id,
                                                   _active(Placement.beginn, Placement.ende, today))
            .correlate(Carer).scalar_subquery())
    stmt = (select(Carer.id, Carer.version, Carer.nr, Carer.nachname, Carer.vorname, Carer.srt, Carer.qualifikation,
                   Carer.strasse, Carer.plz, Carer.ort, Carer.telefon, Erlaubnis.bis, Erlaubnis.max_kinder,
                   kids, Carer.taetig_bis, Carer.betreuungsort)
            .outerjoin(Erlaubnis, Erlaubnis.id == latest_permit))
    rows: list[tuple] = []
    for (id_, version, nr, nachname, vorname, srt, quali, strasse, plz, ort, tel, bis, max_kinder, n, taetig_bis,
         ort_art) in _rows(session, stmt):
        if taetig_bis is not None and taetig_bis < today:
            flags, status = {FLAG_ENDED}, "beendet"
        else:
            flags, status = {FLAG_ACTIVE}, "aktiv"
            needs_permit = ort_art != "Haushalt der Eltern"  # R-C7
            if needs_permit and bis is not None and bis < today:
                flags.add(FLAG_PERMIT_EXPIRED)
                status = "Erlaubnis abgelaufen"
            elif needs_permit and bis is not None and bis <= limit:
                flags.add(FLAG_PERMIT_EXPIRING)
                status = "Erlaubnis läuft ab"
            elif needs_permit and bis is None:
                status = "ohne Erlaubnis"
        rows.append((id_, version, nr, nachname, vorname, srt, quali, strasse, plz, ort, tel, bis,
                     max_kinder, n or 0, taetig_bis, status, _flags(flags)))
    return rows


def _current_version_id(today: date):
    """Correlated subquery: the version in force today, else the first one (future placement)."""
    v = aliased(PlacementVersion)
    in_force = (select(v.id).where(v.placement_id == Placement.id, v.gueltig_ab <= today)
                .order_by(v.gueltig_ab.desc()).limit(1).correlate(Placement).scalar_subquery())
    first = (select(v.id).where(v.placement_id == Placement.id).order_by(v.gueltig_ab).limit(1)
             .correlate(Placement).scalar_subquery())
    return func.coalesce(in_force, first)


def child_rows(session: Session, today: date, horizon: int | None = None) -> list[tuple]:
    horizon = reminder_horizon(session) if horizon is None else horizon
    limit = today + timedelta(days=horizon)
    p = aliased(Placement)
    # the placement shown: one in care today, else the latest one
    shown = (select(p.id).where(p.child_id == Child.id)
             .order_by(_active(p.beginn, p.ende, today).desc(), p.beginn.desc()).limit(1)
             .correlate(Child).scalar_subquery())
    stmt = (select(Child.id, Child.version, Child.nr, Child.nachname, Child.vorname, Child.geburtsdatum, Child.srt,
                   Child.sorgeberechtigte, Child.strasse, Child.plz, Child.ort, Carer.nr, Carer.nachname,
                   Carer.vorname, Placement.beginn, Placement.ende, PlacementVersion.wochenstunden)
            .select_from(Child)
            .outerjoin(Placement, Placement.id == shown)
            .outerjoin(Carer, Carer.id == Placement.carer_id)
            .outerjoin(PlacementVersion, PlacementVersion.id == _current_version_id(today)))
    rows: list[tuple] = []
    for (id_, version, nr, nachname, vorname, geb, srt, sorge, strasse, plz, ort, c_nr, c_nach, c_vor, beginn, ende,
         hours) in _rows(session, stmt):
        flags = set()
        if beginn is not None and beginn <= today and (ende is None or ende >= today):
            flags.add(FLAG_IN_CARE)
            status = "in Betreuung"
        elif beginn is not None and beginn > today:
            flags.add(FLAG_FUTURE)
            status = "Betreuung ab " + beginn.strftime("%d.%m.%Y")
        elif beginn is not None:
            flags |= {FLAG_NO_CARE, FLAG_ENDED}
            status = "Betreuung beendet"
        else:
            flags.add(FLAG_NO_CARE)
            status = "ohne Betreuung"
        third = add_years(geb, 3)
        if today <= third <= limit:
            flags.add(FLAG_TURNS_3)
            if FLAG_IN_CARE in flags:
                status = "wird 3 am " + third.strftime("%d.%m.%Y")
        carer_name = f"{c_nach}, {c_vor}" if c_nr else ""
        rows.append((id_, version, nr, nachname, vorname, geb, srt, sorge, strasse, plz, ort, c_nr or "",
                     carer_name, hours if c_nr else None, status, _flags(flags)))
    return rows


def placement_rows(session: Session, today: date, horizon: int | None = None, *, child_id: int | None = None,
                   carer_id: int | None = None) -> list[tuple]:
    """All placements (or those of one child / carer), one query."""
    horizon = reminder_horizon(session) if horizon is None else horizon
    limit = today + timedelta(days=horizon)
    v = aliased(PlacementVersion)
    n_versions = (select(func.count(v.id)).where(v.placement_id == Placement.id).correlate(Placement)
                  .scalar_subquery())
    stmt = (select(Placement.id, Placement.version, Child.id, Child.nr, Child.nachname, Child.vorname, Carer.id,
                   Carer.nr, Carer.nachname, Carer.vorname, Child.srt, Carer.srt, Placement.beginn, Placement.ende,
                   PlacementVersion.wochenstunden, PlacementVersion.gueltig_ab, n_versions)
            .select_from(Placement)
            .join(Child, Child.id == Placement.child_id)
            .join(Carer, Carer.id == Placement.carer_id)
            .outerjoin(PlacementVersion, PlacementVersion.id == _current_version_id(today)))
    if child_id is not None:
        stmt = stmt.where(Placement.child_id == child_id)
    if carer_id is not None:
        stmt = stmt.where(Placement.carer_id == carer_id)
    rows: list[tuple] = []
    for (id_, version, k_id, k_nr, k_nach, k_vor, c_id, c_nr, c_nach, c_vor, srt, c_srt, beginn, ende, hours, ab,
         n) in _rows(session, stmt):
        if beginn > today:
            flags, status = {FLAG_FUTURE}, "künftig"
        elif ende is not None and ende < today:
            flags, status = {FLAG_ENDED}, "beendet"
        else:
            flags, status = {FLAG_ACTIVE}, "laufend"
            if ende is not None and ende <= limit:
                flags.add(FLAG_ENDING)
                status = "endet am " + ende.strftime("%d.%m.%Y")
        rows.append((id_, version, k_id, k_nr, f"{k_nach}, {k_vor}", c_id, c_nr, f"{c_nach}, {c_vor}",
                     srt, c_srt, beginn, ende, hours, ab, n or 0, status, _flags(flags)))
    return rows


def carer_choices(session: Session, today: date) -> list[tuple[int, str]]:
    """(id, 'Nr – Name, Vorname (SRT)') of carers still working, for pick lists."""
    stmt = (select(Carer.id, Carer.nr, Carer.nachname, Carer.vorname, Carer.srt)
            .where(Carer.taetig_bis.is_(None) | (Carer.taetig_bis >= today)).order_by(Carer.nachname))
    return [(i, f"{nr} – {n}, {v} ({s})") for i, nr, n, v, s in session.execute(stmt)]


def child_choices(session: Session) -> list[tuple[int, str]]:
    stmt = select(Child.id, Child.nr, Child.nachname, Child.vorname, Child.geburtsdatum).order_by(Child.nachname)
    return [(i, f"{nr} – {n}, {v} (geb. {g:%d.%m.%Y})") for i, nr, n, v, g in session.execute(stmt)]
