"""Letters per desk (issue 14.3): the due list of one SRT, producing only the letters a case
worker ticked, and the archive filtered by SRT — new functions beside batch.py, which keeps the
CLI's month batch (`produce_month`) as it is.

    due = due_for_desk(store, user, 2026, 4, srt="Ost")            # DueList of one SRT
    produce_chosen(store, user, 2026, 4, keys=[d.key for d in due.ready[:1]])
    produce_chosen(store, user, 2026, None, keys=…)                 # Jahresbescheinigungen
    archive_rows(store, user, srt="Ost", art="tpp", period="2026-04", search="Muster")
    print_bundle(store, user, [letter_id, …])                      # archived bytes, one print file

A letter's SRT in the archive is the desk that wrote it: the SRT code in its Aktenzeichen
(`<prefix>-<code>-<Nr>/<JJJJ>`), not the record's SRT today (a hand-over does not move old letters).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select

from kitadesk.errors import InputError
from kitadesk.models import SRTS, Letter
from kitadesk.ops.base import load_actor
from kitadesk.ops.letters import batch
from kitadesk.ops.letters.annual import AnnualPlan
from kitadesk.ops.letters.archive import _COLUMNS, ArchivedLetter, _rows, reprint
from kitadesk.ops.letters.due import DueList
from kitadesk.ops.letters.office import SRT_CODES
from kitadesk.store import Store

# kinds of the desk's filter (the screen's "Art"): name → archive kinds (`art`) and side
KINDS = {
    "tpp": "Tagespflegeperson",
    "eltern": "Eltern",
    "aenderung": "Änderung",
    "ablehnung": "Ablehnung",
    "jahr": "Jahresbescheinigung",
}


def _check_srt(srt: str | None) -> None:
    if srt is not None and srt not in SRTS:
        raise InputError(f"Unbekanntes SRT „{srt}“ (erlaubt: {', '.join(SRTS)}).")


def matches_kind(art: str, kind: str | None) -> bool:
    """The desk's kind filter: `tpp` includes the carers' Rückforderungen (they go to the carer)."""
    return kind is None or art == kind or (kind == "tpp" and art == "rueckforderung")


def due_for_desk(store: Store, user: str, year: int, month: int | None, srt: str | None = None,
                 kind: str | None = None) -> DueList:
    """The due letters of a month (R-V5) — or, with month None, the year's Jahresbescheinigungen —
    of one SRT (None: all) and one kind of KINDS (None: all)."""
    _check_srt(srt)
    due = batch.due_annual(store, user, year) if month is None else batch.due_letters(store, user, year, month)
    letters = tuple(d for d in due.letters if (srt is None or d.srt == srt) and matches_kind(d.art, kind))
    return replace(due, letters=letters)


class _Chosen:
    """A plan (CarerPlan, ParentPlan, AnnualPlan) narrowed to the chosen letters' keys."""

    def __init__(self, plan, keys: set[tuple]):
        self.plan, self.keys = plan, keys
        self.notes = plan.notes
        self.complete = getattr(plan, "complete", True)

    def due(self):
        return [d for d in self.plan.due() if d.key in self.keys]

    def build(self, due, office, today):
        return self.plan.build(due, office, today)


def produce_chosen(store: Store, user: str, year: int, month: int | None, keys: Iterable[tuple],
                   out_dir: str | Path | None = None, progress: batch.Progress = None, cancel: batch.Cancel = None,
                   today: date | None = None, workers: int | None = 1) -> batch.BatchResult:
    """Build, render and archive ONLY the letters whose keys (DueLetter.key) were chosen, in one
    transaction (right `bescheide`); month None: Jahresbescheinigungen of the year. Letters
    already archived meanwhile are skipped, as in the month's batch."""
    chosen = set(keys)
    if not chosen:
        raise InputError("Bitte mindestens einen Brief ankreuzen.")
    batch._validate(year, month)
    if month is None:
        def plans_of(session):
            return [_Chosen(AnnualPlan(session, year), chosen)], None
        period, check = f"{year:04d}", batch._require_complete
    else:
        def plans_of(session):
            return [_Chosen(p, chosen) for p in batch._month_plans(session, year, month, None)], None
        period, check = f"{year:04d}-{month:02d}", None
    return batch._produce(store, user, plans_of, period, "_auswahl", out_dir, progress, cancel, today, workers,
                          check)


def produce_for_desk(store: Store, user: str, year: int, month: int, srt: str, kind: str | None = None,
                     out_dir: str | Path | None = None, workers: int | None = 1) -> batch.BatchResult:
    """`kitadesk bescheide MONAT --srt SRT`: the month's ready letters of one SRT (category `kind`
    as in produce_month: carer | parent | changed)."""
    _check_srt(srt)
    due = batch.due_letters(store, user, year, month, kind)
    keys = [d.key for d in due.ready if d.srt == srt]
    if not keys:
        return batch.BatchResult(f"{year:04d}-{month:02d}", (), tuple(d for d in due.letters if d.srt == srt),
                                 due.notes)
    return produce_chosen(store, user, year, month, keys, out_dir=out_dir, workers=workers)


def archive_rows(store: Store, user: str, srt: str | None = None, art: str | None = None,
                 period: str | None = None, search: str = "", limit: int = 5000) -> list[ArchivedLetter]:
    """Archived letters for the desk, newest first: by the writing SRT (Aktenzeichen), kind (KINDS),
    period (`JJJJ-MM` or `JJJJ`: all months of the year) and a search in recipient, Aktenzeichen,
    subject (right `lesen`)."""
    _check_srt(srt)
    with store.session(user) as session:
        load_actor(session, user).require("lesen")
        q = select(*_COLUMNS)
        if srt:
            q = q.where(Letter.aktenzeichen.like(f"%-{SRT_CODES[srt]}-%"))
        if art:
            q = q.where(Letter.art.in_(("tpp", "rueckforderung")) if art == "tpp" else Letter.art == art)
        if period:
            q = q.where(or_(Letter.monat == period, Letter.monat.like(f"{period}-%")) if len(period) == 4
                        else Letter.monat == period)
        if search.strip():
            pattern = f"%{search.strip()}%"
            q = q.where(or_(Letter.empfaenger.ilike(pattern), Letter.aktenzeichen.ilike(pattern),
                            Letter.betreff.ilike(pattern)))
        return _rows(session, q.order_by(Letter.id.desc()).limit(limit))


def print_bundle(store: Store, user: str, letter_ids: list[int]) -> bytes:
    """The archived PDFs (R-V3, unchanged bytes) of the chosen letters as one print file; one
    letter: its archived bytes themselves."""
    if not letter_ids:
        raise InputError("Bitte mindestens einen Brief im Archiv auswählen.")
    pdfs = [reprint(store, user, letter_id) for letter_id in letter_ids]
    return pdfs[0] if len(pdfs) == 1 else batch.print_file(pdfs, f"Nachdruck ({len(pdfs)} Briefe)")
