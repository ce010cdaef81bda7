"""The letter archive (R-V3): every letter produced is stored with its PDF, the input it was made
from (JSON, codec.py), date, user, recipient, kind and Aktenzeichen; reprints return the stored
bytes unchanged (checked against the stored SHA-256)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kitadesk.errors import InputError, KitaDeskError
from kitadesk.models import Letter
from kitadesk.models.session import now
from kitadesk.ops.base import load_actor
from kitadesk.ops.letters import codec
from kitadesk.ops.letters.due import KIND_LABELS, DueLetter
from kitadesk.ops.letters.notices import close_notices
from kitadesk.reports import letters as L
from kitadesk.store import Store

_SUBJECTS = (  # letter type → (text block of the subject, module with its values())
    (L.ParentsBescheid, "eltern.betreff", "parents"),
    (L.CarerBescheid, "tpp.betreff", "carer"),
    (L.Aenderungsbescheid, "aenderung.betreff", "change"),
    (L.Ablehnung, "ablehnung.betreff", "refusal"),
    (L.Jahresbescheinigung, "jahr.betreff", "annual"),
)


def subject_of(letter) -> str:
    """The letter's subject line as rendered (for the archive column `betreff`)."""
    for cls, key, module in _SUBJECTS:
        if type(letter) is cls:
            values = getattr(L, module).values(letter)
            return L.render_text(key, values, letter.text_overrides)[:300]
    return ""


@dataclass(frozen=True)
class ArchivedLetter:
    """One row of the archive (without the PDF)."""

    id: int
    art: str
    aktenzeichen: str
    datum: date
    monat: str | None
    empfaenger: str
    betreff: str
    carer_id: int | None
    child_id: int | None
    erstellt_am: datetime
    erstellt_von: str
    sha256: str

    @property
    def label(self) -> str:
        side = " (Eltern)" if self.art == "aenderung" and self.child_id else ""
        return KIND_LABELS.get(self.art, self.art) + side


_COLUMNS = (Letter.id, Letter.art, Letter.aktenzeichen, Letter.datum, Letter.monat, Letter.empfaenger,
            Letter.betreff, Letter.carer_id, Letter.child_id, Letter.erstellt_am, Letter.erstellt_von,
            Letter.sha256)


def _rows(session: Session, query) -> list[ArchivedLetter]:
    return [ArchivedLetter(*row) for row in session.execute(query)]


def letter_key(due: DueLetter, version: int = 1) -> str:
    """The archive's unique key: kind, period, record and version (issue 18)."""
    return f"{due.art}|{due.period}|{due.carer_id or ''}|{due.child_id or ''}|{version}"


def _next_version(session: Session, due: DueLetter) -> int:
    prefix = letter_key(due, 0)[:-1]  # kinds, periods and ids hold no LIKE wildcards
    return 1 + (session.scalar(select(func.count()).select_from(Letter).where(Letter.schluessel.like(prefix + "%")))
                or 0)


def _insert_once(session: Session):
    """INSERT … ON CONFLICT DO NOTHING: a letter another desk archived a moment ago is skipped."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(Letter).on_conflict_do_nothing(index_elements=[Letter.schluessel])
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(Letter).on_conflict_do_nothing(index_elements=[Letter.schluessel])


def store_letters(session: Session, user: str, items: list[tuple[DueLetter, Any, bytes]],
                  extra: dict | None = None, versioned: bool = False) -> list[ArchivedLetter | None]:
    """Insert archive rows (inside the caller's transaction); returns them in the given order —
    None for a letter that is already archived under the same key (another desk was quicker).
    `versioned`: a further version of the key (e.g. a second Ablehnung in a month)."""
    stamp = now()
    out: list[ArchivedLetter | None] = []
    stmt = _insert_once(session)
    for due, letter, pdf in items:
        row = dict(
            art=due.art, aktenzeichen=letter.aktenzeichen, datum=letter.date, monat=due.period,
            empfaenger=due.full_recipient[:300], betreff=subject_of(letter), carer_id=due.carer_id,
            child_id=due.child_id, erstellt_am=stamp, erstellt_von=user,
            eingabe={"brief": codec.encode(letter), "anlass": due.reason,
                     "betrag": None if due.new_amount is None else str(due.new_amount), **(extra or {})},
            pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(),
            schluessel=letter_key(due, _next_version(session, due) if versioned else 1))
        new_id = session.execute(stmt.values(**row).returning(Letter.id)).scalar()
        if new_id is not None:  # its change notices are done (issue 14.5)
            close_notices(session, due.art, due.period, due.carer_id, due.child_id, row["datum"])
        out.append(None if new_id is None else ArchivedLetter(
            new_id, row["art"], row["aktenzeichen"], row["datum"], row["monat"], row["empfaenger"],
            row["betreff"], row["carer_id"], row["child_id"], row["erstellt_am"], row["erstellt_von"],
            row["sha256"]))
    return out


def letters_for(store: Store, carer_id: int | None = None, child_id: int | None = None,
                user: str | None = None) -> list[ArchivedLetter]:
    """The archived letters of a carer or a child (newest first)."""
    if (carer_id is None) == (child_id is None):
        raise InputError("Bitte entweder eine Tagespflegeperson oder ein Kind angeben.")
    with store.session(user or "system") as session:
        if user is not None:
            load_actor(session, user).require("lesen")
        cond = Letter.carer_id == carer_id if carer_id is not None else Letter.child_id == child_id
        return _rows(session, select(*_COLUMNS).where(cond).order_by(Letter.datum.desc(), Letter.id.desc()))


def archive_list(store: Store, user: str, art: str | None = None, period: str | None = None, search: str = "",
                 limit: int = 2000) -> list[ArchivedLetter]:
    """Archived letters for the screen, newest first; `search` in recipient, Aktenzeichen, subject."""
    with store.session(user) as session:
        load_actor(session, user).require("lesen")
        q = select(*_COLUMNS)
        if art:
            q = q.where(Letter.art == art)
        if period:
            q = q.where(Letter.monat == period)
        if search.strip():
            pattern = f"%{search.strip()}%"
            q = q.where(or_(Letter.empfaenger.ilike(pattern), Letter.aktenzeichen.ilike(pattern),
                            Letter.betreff.ilike(pattern)))
        return _rows(session, q.order_by(Letter.id.desc()).limit(limit))


def reprint(store: Store, user: str, letter_id: int) -> bytes:
    """The stored PDF, byte for byte (R-V3); refuses when the bytes no longer match their checksum."""
    with store.session(user) as session:
        load_actor(session, user).require("lesen")
        row = session.execute(select(Letter.pdf, Letter.sha256).where(Letter.id == letter_id)).first()
    if row is None:
        raise InputError(f"Brief {letter_id} ist nicht im Archiv.")
    pdf = bytes(row.pdf)
    if hashlib.sha256(pdf).hexdigest() != row.sha256:
        raise KitaDeskError(f"Brief {letter_id}: die archivierte Datei ist beschädigt (Prüfsumme stimmt nicht).")
    return pdf


def archived_input(store: Store, user: str, letter_id: int):
    """The letter input the archived PDF was made from (reports.letters dataclass)."""
    with store.session(user) as session:
        load_actor(session, user).require("lesen")
        data = session.scalar(select(Letter.eingabe).where(Letter.id == letter_id))
    if data is None:
        raise InputError(f"Brief {letter_id} ist nicht im Archiv.")
    return codec.decode(data["brief"])
