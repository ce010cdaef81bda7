"""Producing letters: the month's Bescheide and the year's Jahresbescheinigungen as a batch,
a single preview, and the Ablehnung on demand.

A batch is ONE transaction (decision): letters are built and rendered first (progress and
cancel between letters), then every archive row is written in one commit — a cancel or a crash
before the commit leaves nothing archived. A re-run skips what the archive already holds for
the same kind, period and recipient (also re-checked inside the write transaction), so it
never duplicates: it continues with whatever is still missing. Files (`out_dir`) are written
after the commit; lost files are reprinted from the archive.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from kitadesk.errors import InputError, KitaDeskError
from kitadesk.models import Carer, Child
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.letters.annual import AnnualPlan
from kitadesk.ops.letters.archive import ArchivedLetter, store_letters
from kitadesk.ops.letters.carers import CarerPlan
from kitadesk.ops.letters.due import CATEGORIES, DueLetter, DueList, mark_archived, sort_key
from kitadesk.ops.letters.office import carer_address, load_office, parents_address, parents_label
from kitadesk.ops.letters.outfiles import recover, stage
from kitadesk.ops.letters.pages import combine_fast
from kitadesk.ops.letters.parents import ParentPlan
from kitadesk.ops.payout import Cancelled
from kitadesk.reports.errors import ReportError
from kitadesk.reports.letters import Ablehnung, combine, fontcache, render_letter
from kitadesk.store import Store

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None
CANCELLED = "Erstellung abgebrochen – es wurde nichts archiviert."
PER_WORKER = 40  # letters per render process at least (a pool costs start-up time)


@dataclass(frozen=True)
class BatchResult:
    """What a batch produced (in print order) and what it left out."""

    period: str
    letters: tuple[ArchivedLetter, ...]
    skipped: tuple[DueLetter, ...]          # already archived, or with a problem (see DueLetter.status)
    notes: tuple[str, ...] = ()
    files: tuple[Path, ...] = ()
    combined_path: Path | None = None
    combined: bytes | None = None           # the print file (all letters of the batch, in order)


def _validate(year: int, month: int | None = None) -> None:
    if not 2000 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
        shown = f"{month:02d}/{year}" if month is not None else str(year)
        raise InputError(f"Ungültiger Zeitraum {shown}.")


def _month_plans(session, year: int, month: int, kind: str | None):
    if kind is not None and kind not in CATEGORIES:
        raise InputError(f"Unbekannte Art „{kind}“ (erlaubt: {', '.join(CATEGORIES)}).")
    plans: list[CarerPlan | ParentPlan] = [CarerPlan(session, year, month)]
    if kind != "carer":
        plans.append(ParentPlan(session, year, month))
    return plans


def _collect(session, plans, kind: str | None) -> tuple[list[tuple[DueLetter, object]], list[str]]:
    pairs, notes = [], []
    for plan in plans:
        notes += plan.notes
        pairs += [(d, plan) for d in plan.due() if kind is None or d.category == kind]
    marked = mark_archived(session, [d for d, _ in pairs])
    pairs = sorted(zip(marked, (p for _, p in pairs)), key=lambda pair: sort_key(pair[0]))
    return pairs, notes


def due_letters(store: Store, user: str, year: int, month: int, kind: str | None = None) -> DueList:
    """The letters due for the month (R-V5), with what the archive already holds (preview list)."""
    _validate(year, month)
    with store.session(user) as session:
        load_actor(session, user).require("bescheide")
        pairs, notes = _collect(session, _month_plans(session, year, month, kind), kind)
    return DueList(year, month, tuple(d for d, _ in pairs), tuple(notes))


def due_annual(store: Store, user: str, year: int) -> DueList:
    """The Jahresbescheinigungen of a year (one per carer paid in the year's finalized runs)."""
    _validate(year)
    with store.session(user) as session:
        load_actor(session, user).require("bescheide")
        pairs, notes = _collect(session, [AnnualPlan(session, year)], None)
    return DueList(year, None, tuple(d for d, _ in pairs), tuple(notes))


# --- rendering -----------------------------------------------------------------------------------

def _render_chunk(letters: list) -> list[bytes]:
    return [render_letter(letter) for letter in letters]


def render_all(letters: list, progress: Progress = None, cancel: Cancel = None, workers: int | None = 1,
               offset: int = 0, total: int | None = None) -> list[bytes]:
    """PDF bytes in order; workers=None: one process per CPU core for large batches.
    cancel() is polled between letters (chunks) and raises Cancelled."""
    total = total if total is not None else len(letters)
    workers = (os.cpu_count() or 1) if workers is None else workers
    workers = max(1, min(workers, len(letters) // PER_WORKER or 1))
    out: list[bytes] = []
    if workers == 1:
        for letter in letters:
            _check(cancel)
            out.append(render_letter(letter))
            _tick(progress, offset + len(out), total)
        return out
    size = max(1, min(20, len(letters) // (workers * 2)))
    with ProcessPoolExecutor(max_workers=workers, initializer=fontcache.install) as pool:
        futures = [pool.submit(_render_chunk, letters[i:i + size]) for i in range(0, len(letters), size)]
        try:
            for future in futures:
                _check(cancel)
                out += future.result()
                _tick(progress, offset + len(out), total)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return out


def _check(cancel: Cancel) -> None:
    if cancel is not None and cancel():
        raise Cancelled(CANCELLED)


def _tick(progress: Progress, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _build(pairs, office, today: date) -> tuple[list, list[DueLetter]]:
    built, skipped = [], []
    for due, plan in pairs:
        if not due.ready:
            skipped.append(due)
            continue
        try:
            built.append((due, plan.build(due, office, today)))
        except (ValueError, ReportError) as exc:
            skipped.append(replace(due, problem=str(exc)))
    return built, skipped


def print_file(pdfs: list[bytes], title: str) -> bytes:
    """All letters in one PDF for printing (fast path; reports.letters.combine as the fallback)."""
    try:
        return combine_fast(pdfs, title)
    except (ValueError, KeyError, AttributeError, IndexError):
        return combine(pdfs)


def _produce(store: Store, user: str, plans_of, period: str, suffix: str, out_dir, progress, cancel, today,
             workers, check_plans=None) -> BatchResult:
    today = today or date.today()
    with store.session(user) as session:
        load_actor(session, user).require("bescheide")
        plans, kind = plans_of(session)
        if check_plans is not None:
            check_plans(plans)
        pairs, notes = _collect(session, plans, kind)
        office = load_office(session)
        built, skipped = _build(pairs, office, today)
    steps = len(built) + 2
    _tick(progress, 0, steps)
    try:
        pdfs = render_all([letter for _, letter in built], progress, cancel, workers, total=steps)
    except ReportError as exc:
        raise KitaDeskError(exc.message, list(exc.problems)) from exc
    _check(cancel)
    out = Path(out_dir) if out_dir else None
    staging = None
    try:
        with unit_of_work(store, user, exclusive=True) as session:  # one transaction for the whole batch
            load_actor(session, user).require("bescheide")
            if out is not None:
                recover(session, out)  # files a stopped batch left behind: into place, or away
            again = mark_archived(session, [due for due, _ in built])  # another desk may have been quicker
            items = [(due, letter, pdf) for due, (_, letter), pdf in zip(again, built, pdfs) if due.archived_id is None]
            skipped += [due for due in again if due.archived_id is not None]
            _check(cancel)
            stored = store_letters(session, user, items)  # a letter another desk archived meanwhile: skipped
            skipped += [due for (due, _, _), row in zip(items, stored) if row is None]
            archived = [row for row in stored if row is not None]
            kept = [pdf for (_, _, pdf), row in zip(items, stored) if row is not None]
            combined = print_file(kept, f"Druckdatei {period} ({len(kept)} Briefe)") if kept else None
            if out is not None and combined is not None:  # files first, then the commit: a stop between leaves them staged
                staging = stage(out, period, suffix, archived, kept, combined)
    except BaseException:
        if staging is not None:  # not archived: no files either
            shutil.rmtree(staging.folder, ignore_errors=True)
        raise
    _tick(progress, steps - 1, steps)
    files, combined_path = staging.publish() if staging is not None else ((), None)
    _tick(progress, steps, steps)
    return BatchResult(period, tuple(archived), tuple(skipped), tuple(notes), files, combined_path, combined)


def produce_month(store: Store, user: str, year: int, month: int, kind: str | None = None,
                  out_dir: str | Path | None = None, progress: Progress = None, cancel: Cancel = None,
                  today: date | None = None, workers: int | None = 1) -> BatchResult:
    """Build, render and archive every ready letter due for the month (right `bescheide`);
    with out_dir also one PDF per letter and the print file `Druckdatei_JJJJ-MM[_kind].pdf`."""
    _validate(year, month)
    return _produce(store, user, lambda s: (_month_plans(s, year, month, kind), kind), f"{year:04d}-{month:02d}",
                    f"_{kind}" if kind else "", out_dir, progress, cancel, today, workers)


def _require_complete(plans) -> None:
    plan = plans[0]
    if not plan.complete:
        raise KitaDeskError(plan.notes[0])


def produce_annual(store: Store, user: str, year: int, out_dir: str | Path | None = None,
                   progress: Progress = None, cancel: Cancel = None, today: date | None = None,
                   workers: int | None = 1) -> BatchResult:
    """The year's Jahresbescheinigungen (refused until December of the year is finalized)."""
    _validate(year)
    return _produce(store, user, lambda s: ([AnnualPlan(s, year)], None), f"{year:04d}", "", out_dir, progress,
                    cancel, today, workers, _require_complete)


# --- single letters ----------------------------------------------------------------------------------

def preview_letter(store: Store, user: str, due: DueLetter, today: date | None = None) -> bytes:
    """The PDF a due letter would get now (nothing is archived); for the screen's preview."""
    today = today or date.today()
    with store.session(user) as session:
        load_actor(session, user).require("bescheide")
        year, month = int(due.period[:4]), int(due.period[5:7]) if len(due.period) > 4 else None
        plan: AnnualPlan | ParentPlan | CarerPlan
        if due.art == "jahr":
            plan = AnnualPlan(session, year, {due.nr})
        elif month is None:
            raise InputError(f"Ungültiger Zeitraum {due.period} (erwartet JJJJ-MM).")
        elif due.child_id is not None and (due.category == "parent" or due.art == "aenderung"):
            plan = ParentPlan(session, year, month, family_of(session, due.child_id))
        else:
            plan = CarerPlan(session, year, month)
        if not any(d.key == due.key for d in plan.due()):
            raise InputError(f"{due.label} für {due.recipient} ist nicht mehr fällig – "
                             "bitte die Liste aktualisieren.")
        try:
            letter = plan.build(due, load_office(session), today)
        except ValueError as exc:
            raise InputError(str(exc)) from exc
    try:
        return render_letter(letter)
    except ReportError as exc:
        raise InputError(exc.message, list(exc.problems)) from exc


def family_of(session, child_id: int) -> set[int]:
    """The child and its siblings (the siblings rule needs the whole family)."""
    child = session.get(Child, child_id)
    if child is None or child.family_id is None:
        return {child_id}
    return set(session.scalars(select(Child.id).where(Child.family_id == child.family_id)))


def refuse_application(store: Store, user: str, reason: str, *, child_id: int | None = None,
                       carer_id: int | None = None, application_date: date | None = None, subject: str = "",
                       legal_basis: str = "", today: date | None = None) -> ArchivedLetter:
    """Ablehnung of an application (R-V5) — the parents' (child_id) or a person's (carer_id) —,
    rendered and archived at once (right `bescheide`)."""
    today = today or date.today()
    if not reason.strip():
        raise InputError("Bitte den Grund der Ablehnung angeben.")
    if (child_id is None) == (carer_id is None):
        raise InputError("Bitte entweder ein Kind oder eine Tagespflegeperson angeben.")
    with unit_of_work(store, user) as session:
        load_actor(session, user).require("bescheide")
        office = load_office(session)
        person: Child | Carer | None
        if child_id is not None:
            person = session.get(Child, child_id)
            if person is None:
                raise InputError(f"Kind {child_id} nicht gefunden.")
            address, salutation, problem = parents_address(person)
            recipient = parents_label(person)
            applied = application_date or person.antrag_vom or today
            subject = subject or f"Förderung Ihres Kindes {person.vorname} {person.nachname} in Kindertagespflege"
        else:
            person = session.get(Carer, carer_id)
            if person is None:
                raise InputError(f"Tagespflegeperson {carer_id} nicht gefunden.")
            address, salutation, problem = carer_address(person)
            recipient = f"{person.nachname}, {person.vorname}"
            applied = application_date or today
            subject = subject or "Erteilung einer Erlaubnis zur Kindertagespflege (§ 43 SGB VIII)"
        if address is None:
            raise InputError(problem)
        letter = Ablehnung(
            letterhead=office.letterhead, contact=office.contact(person.srt), address=address,
            aktenzeichen=office.aktenzeichen(person.srt, person.nr, today.year), date=today, salutation=salutation,
            text_overrides=office.overrides, application_date=applied, application_subject=subject,
            reason=reason.strip(), legal_basis=legal_basis.strip())
        try:
            pdf = render_letter(letter)
        except ReportError as exc:
            raise InputError(exc.message, list(exc.problems)) from exc
        due = DueLetter("ablehnung", "parent" if child_id else "carer", f"{today:%Y-%m}", recipient,
                        "Ablehnung auf Antrag", person.srt, person.nr, carer_id=carer_id, child_id=child_id,
                        addressee=(person.sorgeberechtigte or "") if isinstance(person, Child) else "")
        stored = store_letters(session, user, [(due, letter, pdf)], versioned=True)[0]
        assert stored is not None, "a versioned letter is always archived"
        return stored
