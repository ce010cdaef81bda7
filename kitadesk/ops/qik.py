"""QiK operations (R-Q1..R-Q3): participants with their dated status history, partner
organisations with contacts, coordination activities, and the yearly report data.

Every write runs in one unit of work (audit log by the session hooks, optimistic locking via
`save_with_version`). Rights: reading needs 'lesen'; QiK is not tied to an SRT, so writing
needs 'daten_eigenes_srt' without an SRT (every desk role may keep the QiK records).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kitadesk.domain.qik import (
    INTERESSIERT,
    PARTNER_ARTEN,
    STATUSES,
    QikError,
    QikEvent,
    QikPerson,
    QikReport,
    QikWork,
    check_status_change,
    current,
    qik_report,
)
from kitadesk.errors import InputError
from kitadesk.models import QikActivity, QikParticipant, QikPartner, QikStatus
from kitadesk.ops.base import load_actor, save_with_version, unit_of_work
from kitadesk.ops.changes import QIK, Changes
from kitadesk.store import Store

WRITE = "daten_eigenes_srt"
CHANGES = Changes.of(QIK)  # what a QiK op changes (broadcast by the window, ops/changes.py)
PARTNER_FIELDS = ("name", "art", "ansprechpartner", "telefon", "email")
PARTICIPANT_FIELDS = ("nachname", "vorname", "kita_id", "traeger_id", "berufskolleg_id", "klasse", "foerderer_id",
                      "beginn", "jahrgang")
ACTIVITY_FIELDS = ("datum", "partner", "thema", "stunden")


# ------------------------------------------------------------------ rows for lists

@dataclass(frozen=True)
class PartnerRow:
    id: int
    version: int
    name: str
    art: str
    ansprechpartner: str
    telefon: str
    email: str


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    version: int
    nachname: str
    vorname: str
    kita: str
    traeger: str
    berufskolleg: str
    klasse: str
    foerderer: str
    beginn: date | None
    jahrgang: int
    status: str
    status_seit: date | None
    history: tuple[QikEvent, ...]
    ids: Mapping[str, int | None]  # kita_id, traeger_id, berufskolleg_id, foerderer_id

    @property
    def name(self) -> str:
        return f"{self.nachname}, {self.vorname}"


@dataclass(frozen=True)
class ActivityRow:
    id: int
    version: int
    datum: date
    partner: str
    thema: str
    stunden: Decimal


def partners(store: Store, user: str) -> list[PartnerRow]:
    with store.session(user) as s:
        load_actor(s, user).require("lesen")
        return [PartnerRow(p.id, p.version, p.name, p.art, p.ansprechpartner, p.telefon, p.email)
                for p in s.scalars(select(QikPartner).order_by(QikPartner.art, QikPartner.name))]


def _histories(s: Session) -> dict[int, list[QikEvent]]:
    out: dict[int, list[QikEvent]] = {}
    for pid, datum, status in s.execute(select(QikStatus.participant_id, QikStatus.datum, QikStatus.status)
                                        .order_by(QikStatus.datum, QikStatus.id)):
        out.setdefault(pid, []).append(QikEvent(datum, status))
    return out


def _participant_rows(s: Session) -> list[ParticipantRow]:
    names: dict[int | None, str] = dict(s.execute(select(QikPartner.id, QikPartner.name)).all())  # None: no partner
    history = _histories(s)
    rows = []
    for p in s.scalars(select(QikParticipant).order_by(QikParticipant.jahrgang, QikParticipant.nachname,
                                                       QikParticipant.vorname)):
        events = tuple(history.get(p.id, ()))
        last = current(events)
        ids = {"kita_id": p.kita_id, "traeger_id": p.traeger_id, "berufskolleg_id": p.berufskolleg_id,
               "foerderer_id": p.foerderer_id}
        rows.append(ParticipantRow(
            p.id, p.version, p.nachname, p.vorname, names.get(p.kita_id, ""), names.get(p.traeger_id, ""),
            names.get(p.berufskolleg_id, ""), p.klasse, names.get(p.foerderer_id, ""), p.beginn, p.jahrgang,
            last.status if last else "", last.datum if last else None, events, ids))
    return rows


def participants(store: Store, user: str) -> list[ParticipantRow]:
    with store.session(user) as s:
        load_actor(s, user).require("lesen")
        return _participant_rows(s)


def activities(store: Store, user: str, year: int | None = None) -> list[ActivityRow]:
    with store.session(user) as s:
        load_actor(s, user).require("lesen")
        stmt = select(QikActivity).order_by(QikActivity.datum.desc(), QikActivity.id.desc())
        if year is not None:
            stmt = stmt.where(QikActivity.datum >= date(year, 1, 1), QikActivity.datum <= date(year, 12, 31))
        return [ActivityRow(a.id, a.version, a.datum, a.partner, a.thema, a.stunden) for a in s.scalars(stmt)]


# ------------------------------------------------------------------ validation

def _text(fields: Mapping, key: str, label: str, required: bool = False, limit: int = 200) -> str:
    value = str(fields.get(key) or "").strip()
    if required and not value:
        raise InputError(f"{label} fehlt.")
    if len(value) > limit:
        raise InputError(f"{label} ist zu lang (höchstens {limit} Zeichen).")
    return value


def _partner_values(fields: Mapping) -> dict:
    art = _text(fields, "art", "Art der Organisation", required=True, limit=40)
    if art not in PARTNER_ARTEN:
        raise InputError(f"Art „{art}“ ist nicht vorgesehen (erlaubt: {', '.join(PARTNER_ARTEN)}).")
    email = _text(fields, "email", "E-Mail", limit=120)
    if email and ("@" not in email or " " in email):
        raise InputError(f"E-Mail „{email}“ ist keine gültige Adresse.")
    return dict(name=_text(fields, "name", "Name der Organisation", required=True, limit=160), art=art,
                ansprechpartner=_text(fields, "ansprechpartner", "Ansprechpartner/in", limit=120),
                telefon=_text(fields, "telefon", "Telefon", limit=40), email=email)


def _participant_values(s: Session, fields: Mapping) -> dict:
    values: dict[str, object] = dict(nachname=_text(fields, "nachname", "Nachname", required=True, limit=80),
                                     vorname=_text(fields, "vorname", "Vorname", required=True, limit=80),
                                     klasse=_text(fields, "klasse", "Klasse", limit=40))
    try:
        jahrgang = int(fields["jahrgang"])
    except (KeyError, TypeError, ValueError):  # missing, None or not a number
        raise InputError("Jahrgang fehlt (Schuljahr des Ausbildungsbeginns, z. B. 2025 für 2025/26).") from None
    if not 2020 <= jahrgang <= 2100:
        raise InputError(f"Jahrgang {jahrgang} ist nicht plausibel (2020 bis 2100).")
    values["jahrgang"] = jahrgang
    beginn = fields.get("beginn")
    if beginn is not None and not isinstance(beginn, date):
        raise InputError("Beginn ist kein Datum.")
    values["beginn"] = beginn
    known = set(s.scalars(select(QikPartner.id)))
    for key, label in (("kita_id", "Kita"), ("traeger_id", "Träger"), ("berufskolleg_id", "Berufskolleg"),
                       ("foerderer_id", "Förderer")):
        ref = fields.get(key)
        if ref is not None and ref not in known:
            raise InputError(f"{label}: Partnerorganisation {ref} gibt es nicht.")
        values[key] = ref
    return values


def _activity_values(fields: Mapping) -> dict:
    datum = fields.get("datum")
    if not isinstance(datum, date):
        raise InputError("Datum der Koordinationstätigkeit fehlt.")
    try:
        hours = Decimal(str(fields.get("stunden")).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise InputError(f"Stunden „{fields.get('stunden')}“ ist keine Zahl.") from None
    if not Decimal("0") < hours <= Decimal("24"):
        raise InputError("Stunden müssen größer als 0 und höchstens 24 sein.")
    return dict(datum=datum, thema=_text(fields, "thema", "Thema", required=True, limit=200),
                partner=_text(fields, "partner", "Partner", limit=2000), stunden=hours.quantize(Decimal("0.01")))


# ------------------------------------------------------------------ writes

@contextmanager
def _writing(store: Store, user: str) -> Iterator[Session]:
    """One transaction of a user with the QiK write right."""
    with unit_of_work(store, user) as s:
        load_actor(s, user).require(WRITE)
        yield s


def _get(s: Session, model, record_id: int, label: str):
    record = s.get(model, record_id)
    if record is None:
        raise InputError(f"{label} {record_id} nicht gefunden.")
    return record


def _save(s: Session, model, record_id: int | None, version: int | None, values: dict) -> int:
    if record_id is None:
        obj = model(**values)
        s.add(obj)
        s.flush()
        return obj.id
    if version is None:
        raise InputError("Version des Datensatzes fehlt (bitte neu laden).")
    return save_with_version(s, model, record_id, version, values).id


def save_partner(store: Store, user: str, fields: Mapping, partner_id: int | None = None,
                 version: int | None = None) -> int:
    """Create or update a partner organisation with its contact (R-Q2); returns its id."""
    with _writing(store, user) as s:
        return _save(s, QikPartner, partner_id, version, _partner_values(fields))


def delete_partner(store: Store, user: str, partner_id: int) -> str:
    """Delete a partner nobody refers to; returns its name."""
    with _writing(store, user) as s:
        partner = _get(s, QikPartner, partner_id, "Partnerorganisation")
        used = s.scalar(select(QikParticipant.id).where(or_(
            QikParticipant.kita_id == partner_id, QikParticipant.traeger_id == partner_id,
            QikParticipant.berufskolleg_id == partner_id, QikParticipant.foerderer_id == partner_id)).limit(1))
        if used is not None:
            raise InputError(f"„{partner.name}“ ist Teilnehmenden zugeordnet und kann nicht gelöscht werden.")
        name = partner.name
        s.delete(partner)
        return name


def save_participant(store: Store, user: str, fields: Mapping, participant_id: int | None = None,
                     version: int | None = None, status: str = INTERESSIERT, status_datum: date | None = None) -> int:
    """Create (with a first status, default 'interessiert' on `status_datum`) or update a
    participant (R-Q1); the status of an existing participant changes only by change_status."""
    with _writing(store, user) as s:
        values = _participant_values(s, fields)
        new = participant_id is None
        pid = _save(s, QikParticipant, participant_id, version, values)
        if new:
            datum = status_datum or values["beginn"] or date.today()
            try:
                check_status_change((), status, datum)
            except QikError as exc:
                raise InputError(str(exc)) from None
            s.add(QikStatus(participant_id=pid, datum=datum, status=status))
        return pid


def change_status(store: Store, user: str, participant_id: int, status: str, datum: date) -> str:
    """R-Q1: record a dated status change; returns a German confirmation."""
    with _writing(store, user) as s:
        person = _get(s, QikParticipant, participant_id, "Teilnehmende/r")
        history = _histories(s).get(participant_id, [])
        try:
            check_status_change(history, status, datum)
        except QikError as exc:
            raise InputError(f"{person.nachname}, {person.vorname}: {exc}") from None
        s.add(QikStatus(participant_id=participant_id, datum=datum, status=status))
        return f"{person.nachname}, {person.vorname}: {status} ab {datum:%d.%m.%Y}."


def undo_last_status(store: Store, user: str, participant_id: int) -> str:
    """Remove the latest status change (a mistaken entry); the first status stays."""
    with _writing(store, user) as s:
        rows = list(s.scalars(select(QikStatus).where(QikStatus.participant_id == participant_id)
                              .order_by(QikStatus.datum, QikStatus.id)))
        if len(rows) < 2:
            raise InputError("Der erste Status kann nicht zurückgenommen werden.")
        last = rows[-1]
        s.delete(last)
        return f"Status „{last.status}“ vom {last.datum:%d.%m.%Y} zurückgenommen."


def delete_participant(store: Store, user: str, participant_id: int) -> None:
    with _writing(store, user) as s:
        person = _get(s, QikParticipant, participant_id, "Teilnehmende/r")
        s.delete(person)


def save_activity(store: Store, user: str, fields: Mapping, activity_id: int | None = None,
                  version: int | None = None) -> int:
    """Create or update a coordination activity (R-Q3): date, partners, topic, hours."""
    with _writing(store, user) as s:
        return _save(s, QikActivity, activity_id, version, _activity_values(fields))


def delete_activity(store: Store, user: str, activity_id: int) -> None:
    with _writing(store, user) as s:
        activity = _get(s, QikActivity, activity_id, "Koordinationstätigkeit")
        s.delete(activity)


# ------------------------------------------------------------------ report (R-Q3)

def report(store: Store, user: str, year: int, jahrgang: int | None = None) -> QikReport:
    """The yearly report per cohort for the ministry (R-Q3)."""
    with store.session(user) as s:
        load_actor(s, user).require("lesen")
        people = [QikPerson(r.id, r.jahrgang, r.history, r.kita, r.traeger, r.berufskolleg, r.klasse, r.foerderer,
                            r.beginn) for r in _participant_rows(s) if r.history]
        work = [QikWork(a.datum, a.partner, a.thema, a.stunden) for a in s.scalars(
            select(QikActivity).where(QikActivity.datum >= date(year, 1, 1), QikActivity.datum <= date(year, 12, 31)))]
    return qik_report(year, people, work, jahrgang)


def export_report(store: Store, user: str, rep: QikReport, path, kind: str, created_by: str = ""):
    """The report as PDF or workbook (right `lesen`; participants by number); audited."""
    from kitadesk.ops.exports import check_export, write_recorded
    from kitadesk.reports.qik_report import write_qik_pdf, write_qik_xlsx

    writer = write_qik_pdf if kind == "pdf" else write_qik_xlsx
    check_export(store, user, "lesen")
    return write_recorded(store, user, f"QiK-Bericht {rep.jahr}", lambda: writer(rep, path, created_by))


def cohorts(store: Store, user: str) -> list[int]:
    with store.session(user) as s:
        load_actor(s, user).require("lesen")
        return sorted(set(s.scalars(select(QikParticipant.jahrgang))))


__all__ = ["PARTNER_ARTEN", "STATUSES", "PartnerRow", "ParticipantRow", "ActivityRow", "partners", "participants",
           "activities", "save_partner", "delete_partner", "save_participant", "change_status", "undo_last_status",
           "delete_participant", "save_activity", "delete_activity", "report", "export_report", "cohorts"]
