"""The due-letter list (R-V5): plain rows for the screen and the CLI, and what the archive
already holds for them.

Kinds (`art`, the archive's column): `tpp` carer's Bescheid, `eltern` parents' Bescheid,
`aenderung` Änderungsbescheid (carer: carer_id set; parents: child_id set), `rueckforderung`
Rückforderungsbescheid (R-G10), `ablehnung` (on demand, never due), `jahr` Jahresbescheinigung.
Categories of `bescheide --kind`: `carer` = carers' Bescheide and Rückforderungen,
`parent` = parents' Bescheide on new placements, `changed` = Änderungsbescheide (both sides).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.models import Letter

KIND_LABELS = {
    "tpp": "Bescheid Tagespflegeperson",
    "eltern": "Bescheid Eltern",
    "aenderung": "Änderungsbescheid",
    "rueckforderung": "Rückforderungsbescheid",
    "ablehnung": "Ablehnung",
    "jahr": "Jahresbescheinigung",
}
SHORT_LABELS = {"tpp": "Bescheid TPP", "eltern": "Bescheid Eltern", "rueckforderung": "Rückforderung"}
CATEGORIES = ("carer", "parent", "changed")
CATEGORY_LABELS = {"carer": "Tagespflegepersonen", "parent": "Eltern", "changed": "Änderungsbescheide"}


@dataclass(frozen=True)
class DueLetter:
    """One letter that is due: kind, recipient, reason (German) and the amounts involved."""

    art: str
    category: str                  # carer | parent | changed | annual
    period: str                    # 'JJJJ-MM' (or 'JJJJ' for a Jahresbescheinigung)
    recipient: str
    reason: str
    srt: str
    nr: str                        # number of the carer or child (file name, Aktenzeichen)
    carer_id: int | None = None
    child_id: int | None = None
    old_amount: Decimal | None = None
    new_amount: Decimal | None = None
    archived_id: int | None = None  # already produced (the batch skips it)
    problem: str = ""               # why it cannot be produced (the batch skips it)
    addressee: str = ""             # names of the Sorgeberechtigten (parents' letters)

    @property
    def label(self) -> str:
        side = " (Eltern)" if self.art == "aenderung" and self.child_id else (
            " (Tagespflegeperson)" if self.art == "aenderung" else "")
        return KIND_LABELS.get(self.art, self.art) + side

    @property
    def short_label(self) -> str:
        if self.art == "aenderung":
            return "Änderung Eltern" if self.child_id else "Änderung TPP"
        return SHORT_LABELS.get(self.art, self.label)

    @property
    def full_recipient(self) -> str:
        return f"{self.recipient} ({self.addressee})" if self.addressee else self.recipient

    @property
    def key(self) -> tuple:
        return (self.art, self.period, self.carer_id, self.child_id)

    @property
    def ready(self) -> bool:
        return self.archived_id is None and not self.problem

    @property
    def status(self) -> str:
        if self.archived_id is not None:
            return "archiviert"
        return f"nicht möglich: {self.problem}" if self.problem else "offen"


@dataclass(frozen=True)
class DueList:
    year: int
    month: int | None                # None: a year (Jahresbescheinigungen)
    letters: tuple[DueLetter, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ready(self) -> list[DueLetter]:
        return [d for d in self.letters if d.ready]


def mark_archived(session: Session, letters: list[DueLetter]) -> list[DueLetter]:
    """Set `archived_id` where the archive already holds a letter with the same key."""
    periods = {d.period for d in letters}
    if not periods:
        return letters
    found: dict[tuple, int] = {}
    for lid, art, monat, carer_id, child_id in session.execute(
            select(Letter.id, Letter.art, Letter.monat, Letter.carer_id, Letter.child_id)
            .where(Letter.monat.in_(periods))):
        found.setdefault((art, monat, carer_id, child_id), lid)
    return [replace(d, archived_id=found.get(d.key)) for d in letters]


def last_letter_dates(session: Session, column, ids: set[int], arts: tuple[str, ...], before: str) -> dict:
    """id → date of the newest letter of `arts` for a period before `before` (the Bescheid that an
    Änderungsbescheid changes)."""
    out: dict = {}
    ordered = sorted(ids)
    for i in range(0, len(ordered), 900):
        for key, datum, _monat in session.execute(
                select(column, Letter.datum, Letter.monat)
                .where(column.in_(ordered[i:i + 900]), Letter.art.in_(arts), Letter.monat < before)):
            if key not in out or datum > out[key]:
                out[key] = datum
    return out


def sort_key(d: DueLetter) -> tuple:
    order = ("tpp", "rueckforderung", "eltern", "aenderung", "jahr", "ablehnung")
    return (d.srt, order.index(d.art) if d.art in order else 99, d.recipient.casefold(), d.nr)
