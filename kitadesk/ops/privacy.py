"""Data protection (issue 8): who sees IBAN and income, the retention run (preview, then
anonymisation) and the Art. 15 DSGVO export of everything about one person.

Decisions where the spec is silent:
- IBAN/BIC and income are shown to Leitung and Admin, and to Sachbearbeitung for records of
  its own SRT (ops.base.Actor.can_see_sensitive); everyone else sees a masked value.
- Retention (`aufbewahrung_jahre`, default 10) counts full calendar years after the year in
  which the person's last placement ended: with 10 years, a placement ended in 2015 goes
  in the run of 1 January 2026. A carer without placements counts from `taetig_bis`, a
  child without placements from its application (else its creation) date. Open
  placements keep a person.
- Anonymising keeps the record, its Nr, SRT, sex, birth year and every amount (payout
  lines, fees, reimbursements) for finance statistics, and blanks names, addresses, phone,
  e-mail, IBAN/BIC, guardians, reasons, household adults' names and notes; the family's
  income is cleared once all its children are anonymised. The person's archived letters
  (PDFs with names) are deleted. Personal values in the audit log of these records are
  redacted (models/immutability.py allows exactly that after a 'geschwärzt' entry).
- Permission `datenschutz` (Leitung, Admin) for both the run and the Art. 15 export.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from kitadesk.errors import InputError
from kitadesk.models import (
    AuditEntry,
    Carer,
    CarerDocument,
    CarerNote,
    Child,
    FamilyIncome,
    Letter,
    PayoutPayment,
    Placement,
)
from kitadesk.models.base import table_of
from kitadesk.models.immutability import ANONYMISED, REDACTED
from kitadesk.ops.base import Actor, load_actor, read_int_setting, unit_of_work
from kitadesk.ops.redactions import redact_runs
from kitadesk.store import Store

ANONYM = ANONYMISED  # also the one value the payments of finalized runs accept (immutability.py)
BLACKED = "[geschwärzt]"
# personal fields per table: blanked in the record, redacted in the audit log
T = TypeVar("T")
PERSONAL: dict[str, dict[str, object]] = {
    "carers": {"nachname": ANONYM, "vorname": "", "strasse": "", "plz": "", "ort": "", "telefon": "", "email": "",
               "iban": None, "bic": None, "schulabschluss": None},
    "children": {"nachname": ANONYM, "vorname": "", "sorgeberechtigte": "", "strasse": "", "plz": "", "ort": "",
                 "unter_1_grund": None, "ab_3_grund": None},
    "carer_documents": {"person": ""},
    "carer_notes": {"text": ANONYM},
    "family_incomes": {"jahreseinkommen": None},
}
AUDIT_ONLY: dict[str, set[str]] = {"carers": {"geburtsdatum"}, "children": {"geburtsdatum"}}  # birth year stays in the record


# --- who may see IBAN and income -----------------------------------------------------------------

def can_see_sensitive(actor: Actor, srt: str | None = None) -> bool:
    """Leitung/Admin always; Sachbearbeitung for records of its own SRT (pass the record's SRT)."""
    return actor.can_see_sensitive(srt)


def mask_iban(iban: str | None, actor: Actor, srt: str | None = None) -> str:
    """'DE89370400440532013000' → 'DE89 3704 0044 0532 0130 00' for those who may see it,
    else 'DE•• •••• •••• •••• ••30 00' (country and last four characters only)."""
    compact = (iban or "").replace(" ", "").upper()
    if not compact:
        return ""
    if not can_see_sensitive(actor, srt):
        compact = compact[:2] + "•" * max(0, len(compact) - 6) + compact[-4:]
    return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))


def mask_amount(value, actor: Actor, srt: str | None = None):
    """Income: the value itself, or '••••' for those who may not see it."""
    if value is None:
        return None
    return value if can_see_sensitive(actor, srt) else "••••"


# --- retention run -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    art: str  # Tagespflegeperson | Kind
    id: int
    nr: str
    name: str
    srt: str
    ende: date | None  # end of the last placement (or the date the retention counts from)


@dataclass(frozen=True)
class Preview:
    jahre: int
    stichtag: date  # ended before this day → anonymised
    carers: tuple[Candidate, ...] = ()
    children: tuple[Candidate, ...] = ()
    letters: int = 0
    families: tuple[str, ...] = field(default=())  # Familie_Nr whose income is cleared

    @property
    def key(self) -> tuple:
        return (tuple(c.id for c in self.carers), tuple(c.id for c in self.children))

    @property
    def empty(self) -> bool:
        return not self.carers and not self.children


def _cutoff(years: int, today: date) -> date:
    return date(today.year - years, 1, 1)


def _last_ends(s: Session, column) -> dict[int, date | None]:
    """Per carer/child: None if some placement is open, else the latest end."""
    out: dict[int, date | None] = {}
    open_ids = set(s.scalars(select(column).where(Placement.ende.is_(None))))
    for pid, last in s.execute(select(column, func.max(Placement.ende)).group_by(column)):
        out[pid] = None if pid in open_ids else last
    return out


def _candidates(s: Session, years: int, today: date) -> Preview:
    cutoff = _cutoff(years, today)
    carer_ends, child_ends = _last_ends(s, Placement.carer_id), _last_ends(s, Placement.child_id)
    carers, children = [], []
    for c in s.scalars(select(Carer).where(Carer.nachname != ANONYM).order_by(Carer.nr)):
        end = carer_ends[c.id] if c.id in carer_ends else c.taetig_bis
        if c.id in carer_ends and end is not None and c.taetig_bis:
            end = max(end, c.taetig_bis)
        if end is not None and end < cutoff:
            carers.append(Candidate("Tagespflegeperson", c.id, c.nr, f"{c.nachname}, {c.vorname}", c.srt, end))
    for k in s.scalars(select(Child).where(Child.nachname != ANONYM).order_by(Child.nr)):
        end = child_ends[k.id] if k.id in child_ends else (k.antrag_vom or (k.created_at.date() if k.created_at else None))
        if end is not None and end < cutoff:
            children.append(Candidate("Kind", k.id, k.nr, f"{k.nachname}, {k.vorname}", k.srt, end))
    carer_ids, child_ids = [c.id for c in carers], [c.id for c in children]
    letters = s.scalar(select(func.count()).select_from(Letter).where(
        Letter.carer_id.in_(carer_ids) | Letter.child_id.in_(child_ids))) if carer_ids or child_ids else 0
    families = _families_cleared(s, set(child_ids))
    return Preview(years, cutoff, tuple(carers), tuple(children), letters or 0,
                   tuple(sorted(f.nr for f in families)))


def _families_cleared(s: Session, child_ids: set[int]):
    """Families all of whose children are anonymised (already or in this run)."""
    from kitadesk.models import Family

    out = []
    fam_ids = set(s.scalars(select(Child.family_id).where(Child.id.in_(child_ids), Child.family_id.isnot(None))))
    for fam in s.scalars(select(Family).where(Family.id.in_(fam_ids))):
        if all(k.id in child_ids or k.nachname == ANONYM for k in fam.children):
            out.append(fam)
    return out


def preview_anonymisation(store: Store, user: str, today: date | None = None) -> Preview:
    """What a retention run would anonymise today (nothing is changed)."""
    with unit_of_work(store, user) as s:
        load_actor(s, user).require("datenschutz")
        return _candidates(s, read_int_setting(s, "aufbewahrung_jahre"), today or date.today())


def run_anonymisation(store: Store, user: str, preview: Preview | None = None,
                      today: date | None = None) -> Preview:
    """Anonymise what the preview showed (refused if the data changed since); one transaction."""
    with unit_of_work(store, user) as s:
        load_actor(s, user).require("datenschutz")
        now = _candidates(s, read_int_setting(s, "aufbewahrung_jahre"), today or date.today())
        if preview is not None and preview.key != now.key:
            raise InputError("Die Vorschau ist nicht mehr aktuell (die Daten haben sich geändert). "
                             "Bitte die Vorschau neu erstellen und prüfen.")
        if now.empty:
            return now
        grund = f"Aufbewahrungsfrist {now.jahre} Jahre abgelaufen (Ende vor {now.stichtag:%d.%m.%Y})"
        touched: list[tuple[str, int]] = []
        carers = [_existing(s.get(Carer, c.id)) for c in now.carers]
        children = [_existing(s.get(Child, c.id)) for c in now.children]
        names = [(p.nachname, p.vorname) for p in carers] + [(p.nachname, p.vorname) for p in children]
        for carer in carers:
            _blank(carer, "carers")
            touched.append(("carers", carer.id))
            for doc in s.scalars(select(CarerDocument).where(CarerDocument.carer_id == carer.id)):
                doc.person = ""
                touched.append(("carer_documents", doc.id))
            for note in s.scalars(select(CarerNote).where(CarerNote.carer_id == carer.id)):
                note.text = ANONYM
                touched.append(("carer_notes", note.id))
        for child in children:
            _blank(child, "children")
            touched.append(("children", child.id))
        for fam in _families_cleared(s, {c.id for c in now.children}):
            for inc in s.scalars(select(FamilyIncome).where(FamilyIncome.family_id == fam.id)):
                inc.jahreseinkommen = None
                touched.append(("family_incomes", inc.id))
        _redact_payments(s, [c.nr for c in now.carers])
        _delete_letters(s, [c.id for c in now.carers], [c.id for c in now.children], grund)
        redact_runs(s, names, grund)  # finalized runs stay as they are: an audited Redaction is shown
        s.flush()  # writes the 'geändert' entries (still with the old values: redacted below)
        for table, record_id in touched:
            _redact_audit(s, table, record_id, grund)
    _forget_old_pages(store)
    return now


def _forget_old_pages(store: Store) -> None:
    """SQLite: deleted and overwritten values are zeroed (secure_delete, models/session.py);
    the old page images still in the WAL file go too (checkpoint, then truncate)."""
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _redact_payments(s: Session, carer_nrs: list[str]) -> None:
    """Name and account in the payments of finalized runs (models/immutability.py allows exactly
    this change; Nr and amount stay)."""
    if carer_nrs:
        s.execute(update(PayoutPayment).where(PayoutPayment.carer_nr.in_(carer_nrs))
                  .values(nachname=ANONYM, vorname="", iban=None, bic=None))


def _existing(record: T | None) -> T:
    """A record of the preview that is still there (the preview's key would differ otherwise)."""
    assert record is not None, "the preview's records are checked by its key"
    return record


def _blank(obj, table: str) -> None:
    for key, value in PERSONAL[table].items():
        setattr(obj, key, value)
    if obj.geburtsdatum:
        obj.geburtsdatum = date(obj.geburtsdatum.year, 1, 1)


def _delete_letters(s: Session, carer_ids: list[int], child_ids: list[int], grund: str) -> None:
    letters = s.execute(select(Letter.id, Letter.art, Letter.datum, Letter.monat).where(
        Letter.carer_id.in_(carer_ids) | Letter.child_id.in_(child_ids))).all()
    if not letters:
        return
    s.execute(insert(table_of(AuditEntry)), [
        dict(zeit=_now(), benutzer=s.info.get("user", "system"), tabelle="letters", datensatz_id=lid,
             aktion="gelöscht", alt={"art": art, "datum": str(datum), "monat": monat}, neu={"grund": grund})
        for lid, art, datum, monat in letters])
    s.execute(delete(Letter).where(Letter.id.in_([row[0] for row in letters])))


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _redact_audit(s: Session, table: str, record_id: int, grund: str) -> None:
    """Append the 'geschwärzt' entry, then replace personal values in the record's older entries."""
    keys = set(PERSONAL[table]) | AUDIT_ONLY.get(table, set())
    s.execute(insert(table_of(AuditEntry)).values(
        zeit=_now(), benutzer=s.info.get("user", "system"), tabelle=table, datensatz_id=record_id,
        aktion=REDACTED, alt=None, neu={"grund": grund, "felder": sorted(keys)}))
    rows = s.execute(select(AuditEntry.id, AuditEntry.alt, AuditEntry.neu).where(
        AuditEntry.tabelle == table, AuditEntry.datensatz_id == record_id, AuditEntry.aktion != REDACTED)).all()
    for entry_id, alt, neu in rows:
        new_alt, new_neu = _redacted(alt, keys), _redacted(neu, keys)
        if (new_alt, new_neu) != (alt, neu):
            s.execute(update(table_of(AuditEntry)).where(AuditEntry.id == entry_id).values(alt=new_alt, neu=new_neu))


def _redacted(values: dict | None, keys: set[str]) -> dict | None:
    if values is None:
        return None
    return {k: (BLACKED if k in keys and v not in (None, "") else v) for k, v in values.items()}


def export_person(store: Store, user: str, art: str, nr: str, xlsx: str | Path | None = None,
                  pdf: str | Path | None = None):
    """Art. 15 DSGVO export of one carer ('carer') or child ('child'): see ops/privacy_export.py."""
    from kitadesk.ops.privacy_export import export_person as run

    return run(store, user, art, nr, xlsx=xlsx, pdf=pdf)
