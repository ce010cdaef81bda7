"""Operation `import_workbook` (interfaces.md §3, `kitadesk import`): read and check the
whole workbook, report every problem at once (`Blatt, Zeile, Spalte: Meldung`) and write
nothing, or write everything in one transaction. Needs the right `import`.

`preview_import` (issue 14.1, the import in the window) runs the very same path and rolls
back: the counts per sheet and the changed fields (old → new) come from what the writer did
and the audit log recorded in that transaction — never from a second validator.
Both take `progress(done, total)` (phases) and `cancel()` (polled between phases and right
before the commit: a cancel writes nothing)."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kitadesk.errors import InputError, KitaDeskError
from kitadesk.importer.checks_duplicates import Confirmed, check_possible_duplicates
from kitadesk.importer.existing import load_existing
from kitadesk.importer.problems import Problem, Problems
from kitadesk.importer.reader import SheetData, read_workbook
from kitadesk.importer.schema import CARERS, CHILDREN, COLUMN_ORDER, SHEET_NAMES
from kitadesk.importer.validate import validate
from kitadesk.importer.write_people import write_carers, write_children
from kitadesk.importer.write_records import write_movements, write_placements, write_tables
from kitadesk.importer.writer_base import CHANGED, NEW, SAME, Writer
from kitadesk.models import AuditEntry
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.duplicates import carer_people, child_people
from kitadesk.ops.import_changes import RecordChange, id_marks, record_changes
from kitadesk.ops.payout_corrections import Cancelled
from kitadesk.reports.error_workbook import ProblemLike, write_error_workbook
from kitadesk.reports.errors import ReportError
from kitadesk.store import Store

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None
CANCELLED = "Import abgebrochen – es wurde nichts übernommen."
_WRITERS = (write_carers, write_children, write_placements, write_movements, write_tables)
PHASES = 4 + len(_WRITERS)  # rights, read, check, the writers, flush


@dataclass
class ImportResult:
    """The change set: per sheet how many rows were new / changed / unchanged."""

    counts: dict[str, dict[str, int]]
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    period_start: date | None = None

    def new(self, sheet: str) -> int:
        return self.counts.get(sheet, {}).get(NEW, 0)

    def changed(self, sheet: str) -> int:
        return self.counts.get(sheet, {}).get(CHANGED, 0)

    def unchanged(self, sheet: str) -> int:
        return self.counts.get(sheet, {}).get(SAME, 0)

    @property
    def written(self) -> int:
        """Records new or changed (what "n Datensätze importiert" counts)."""
        return sum(c.get(NEW, 0) + c.get(CHANGED, 0) for c in self.counts.values())

    def sheets(self) -> list[str]:
        return [s for s in SHEET_NAMES if self.counts.get(s)]

    def lines(self) -> list[str]:
        head = "Probelauf – nichts gespeichert." if self.dry_run else "Import gespeichert."
        out = [head]
        for sheet in self.sheets():
            out.append(f"{sheet}: {self.new(sheet)} neu, {self.changed(sheet)} geändert, "
                       f"{self.unchanged(sheet)} unverändert")
        return out


@dataclass
class ImportPreview:
    """What an import would change (nothing was written): counts and the changed records."""

    result: ImportResult
    changes: list[RecordChange]


class ImportProblems(InputError):
    """The workbook has problems; `.found` holds them as `Problem` (sheet, row, column, message —
    in the source's terms, e.g. an office list's), `.problems` as the lines `Blatt, Zeile,
    Spalte: Meldung`. Nothing was written."""

    def __init__(self, found: list[Problem]):
        unique = list({str(p): p for p in found}.values())
        super().__init__(f"Import abgebrochen: {len(unique)} Problem(e) gefunden, nichts wurde übernommen.",
                         [str(p) for p in unique])
        self.found = unique

    @property
    def located(self) -> list[Problem]:  # the import assistant's name for them
        return self.found


class _Rollback(Exception):
    pass


def import_workbook(store: Store, path: str | Path, user: str, *, dry_run: bool = False,
                    today: date | None = None, progress: Progress = None, cancel: Cancel = None,
                    confirmed_duplicates: Confirmed = False) -> ImportResult:
    """Import the workbook at `path` as `user`. Raises ImportProblems (an InputError) with every
    problem — then nothing is written; Cancelled when `cancel()` said so before the commit.
    New children and carers that are possible duplicates are problems unless confirmed
    (`confirmed_duplicates`: True for all, or the rows as (sheet name, Nr); issue 19)."""
    result, _changes = _run(store, user, Path(path), None, dry_run, False, today, progress, cancel,
                            confirmed_duplicates)
    return result


def import_data(store: Store, user: str, build: Callable[[Session, Problems], dict[str, SheetData]], *,
                translate: Callable[[list[Problem]], list[Problem]] | None = None, dry_run: bool = False,
                today: date | None = None, progress: Progress = None, cancel: Cancel = None,
                confirmed_duplicates: Confirmed = False) -> ImportResult:
    """The one import path for any source: `build` gives the §3 sheets (inside the import's
    transaction, so it may look up records); every check and write as for a workbook, all or
    nothing. `translate` turns the problems into the source's terms (an office list's sheet,
    row and column)."""
    result, _changes = _run(store, user, build, translate, dry_run, False, today, progress, cancel,
                            confirmed_duplicates)
    return result


def preview_import(store: Store, path: str | Path, user: str, *, today: date | None = None,
                   progress: Progress = None, cancel: Cancel = None,
                   confirmed_duplicates: Confirmed = False) -> ImportPreview:
    """Check and count as `import_workbook` does, then roll back (nothing written); with the
    changed records' fields old → new. Raises ImportProblems like the import."""
    result, changes = _run(store, user, Path(path), None, True, True, today, progress, cancel, confirmed_duplicates)
    return ImportPreview(result, changes)


def _run(store: Store, user: str, source: Path | Callable[[Session, Problems], dict[str, SheetData]],
         translate: Callable[[list[Problem]], list[Problem]] | None, dry_run: bool, with_changes: bool,
         today: date | None, progress: Progress, cancel: Cancel,
         confirmed_duplicates: Confirmed = False) -> tuple[ImportResult, list[RecordChange]]:
    today = today or date.today()
    done = [0]

    def step() -> None:
        if cancel is not None and cancel():
            raise Cancelled(CANCELLED)
        done[0] += 1
        if progress is not None:
            progress(done[0], PHASES)

    outcome: tuple[ImportResult, list[RecordChange]] | None = None
    try:
        with unit_of_work(store, user) as session:
            load_actor(session, user).require("import")
        step()
        problems = Problems()
        data = read_workbook(source, problems) if isinstance(source, Path) else None  # before the lock: seconds
        step()
        # two imports at once run one after the other, the second sees what the first wrote
        with unit_of_work(store, user, exclusive=True) as session:
            actor = load_actor(session, user)
            actor.require("import")
            if data is None:  # a built source (office list): inside the lock, it may look up records
                assert not isinstance(source, Path)
                data = source(session, problems)
            before = session.scalar(select(func.max(AuditEntry.id))) or 0
            marks = id_marks(session) if with_changes else {}
            existing = load_existing(session)
            plan = validate(data, existing, actor, problems, today)
            known = {CHILDREN.name: child_people(session), CARERS.name: carer_people(session)}
            check_possible_duplicates(data, known, problems, confirmed_duplicates)
            if problems:
                found = problems.sorted(SHEET_NAMES, COLUMN_ORDER)
                raise ImportProblems(translate(found) if translate else found)
            step()
            writer = Writer(session, plan, user)
            for write in _WRITERS:
                write(writer)
                step()
            session.flush()
            result = ImportResult({s: dict(c) for s, c in writer.counts.items()}, plan.warnings, dry_run,
                                  plan.period_start)
            outcome = result, record_changes(session, before, marks) if with_changes else []
            step()  # the last chance to cancel: after it the transaction commits
            if dry_run:
                raise _Rollback()
    except _Rollback:
        pass  # rolled back by unit_of_work: a dry run writes nothing
    except KitaDeskError:
        raise
    except SQLAlchemyError as exc:  # should not happen after the checks; never a traceback for the desk
        raise InputError(f"Import abgebrochen, nichts wurde übernommen: die Datenbank hat einen Wert abgelehnt "
                         f"({type(exc).__name__}: {str(exc).splitlines()[0][:200]}).") from exc
    assert outcome is not None
    return outcome


def write_problem_list(source: str | Path | Mapping[str, Sequence[Sequence[Any]]], found: Iterable[ProblemLike], target: str | Path) -> Path:
    """The Fehlerliste: the workbook annotated with its problems (reports/error_workbook.py);
    a file that cannot be written becomes a German KitaDeskError."""
    try:
        return write_error_workbook(source if isinstance(source, Mapping) else Path(source), found, Path(target))
    except ReportError as exc:
        raise KitaDeskError(exc.message) from exc
