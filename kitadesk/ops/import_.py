"""Operation `import_workbook` (interfaces.md §3, `kitadesk import`): read and check the
whole workbook, report every problem at once (`Blatt, Zeile, Spalte: Meldung`) and write
nothing, or write everything in one transaction. Needs the right `import`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kitadesk.errors import InputError, KitaDeskError
from kitadesk.importer.existing import load_existing
from kitadesk.importer.problems import Problem, Problems
from kitadesk.importer.reader import SheetData, read_workbook
from kitadesk.importer.schema import COLUMN_ORDER, SHEET_NAMES
from kitadesk.importer.validate import validate
from kitadesk.importer.write_people import write_carers, write_children
from kitadesk.importer.write_records import write_movements, write_placements, write_tables
from kitadesk.importer.writer_base import CHANGED, NEW, SAME, Writer
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.store import Store


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

    def lines(self) -> list[str]:
        head = "Probelauf – nichts gespeichert." if self.dry_run else "Import gespeichert."
        out = [head]
        for sheet in SHEET_NAMES:
            c = self.counts.get(sheet)
            if c:
                out.append(f"{sheet}: {c.get(NEW, 0)} neu, {c.get(CHANGED, 0)} geändert, "
                           f"{c.get(SAME, 0)} unverändert")
        return out


class ImportProblems(InputError):
    """The import's problems, also as located items (`.located`: sheet, row, column, message)."""

    def __init__(self, located: list[Problem]):
        items = list(dict.fromkeys(str(p) for p in located))
        super().__init__(f"Import abgebrochen: {len(items)} Problem(e) gefunden, nichts wurde übernommen.", items)
        self.located = list({str(p): p for p in located}.values())


class _DryRun(Exception):
    pass


def import_workbook(store: Store, path: str | Path, user: str, *, dry_run: bool = False,
                    today: date | None = None) -> ImportResult:
    """Import the workbook at `path` as `user`. Raises InputError with every problem
    (`.problems`, German, `Blatt, Zeile, Spalte: Meldung`) — then nothing is written."""
    with unit_of_work(store, user) as session:
        load_actor(session, user).require("import")
    problems = Problems()
    data = read_workbook(Path(path), problems)  # before the lock: reading takes seconds
    return import_data(store, user, lambda _session, _problems: data, problems=problems, dry_run=dry_run,
                       today=today)


def import_data(store: Store, user: str, build: Callable[[Session, Problems], dict[str, SheetData]], *,
                problems: Problems | None = None, translate: Callable[[list[Problem]], list[Problem]] | None = None,
                dry_run: bool = False, today: date | None = None) -> ImportResult:
    """The one import path: `build` gives the §3 sheets (inside the import's transaction, so it
    may look up records); every check and write as for a workbook, all or nothing. `translate`
    turns the problems into the source's terms (an office list's sheet, row and column)."""
    today = today or date.today()
    problems = Problems() if problems is None else problems
    result: ImportResult | None = None
    try:
        # two imports at once run one after the other, the second sees what the first wrote
        with unit_of_work(store, user, exclusive=True) as session:
            actor = load_actor(session, user)
            actor.require("import")
            data = build(session, problems)
            existing = load_existing(session)
            plan = validate(data, existing, actor, problems, today)
            if problems:
                found = problems.sorted(SHEET_NAMES, COLUMN_ORDER)
                raise ImportProblems(translate(found) if translate else found)
            writer = Writer(session, plan, user)
            write_carers(writer)
            write_children(writer)
            write_placements(writer)
            write_movements(writer)
            write_tables(writer)
            session.flush()
            result = ImportResult({s: dict(c) for s, c in writer.counts.items()}, plan.warnings, dry_run,
                                  plan.period_start)
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass  # rolled back by unit_of_work: a dry run writes nothing
    except KitaDeskError:
        raise
    except SQLAlchemyError as exc:  # should not happen after the checks; never a traceback for the desk
        raise InputError(f"Import abgebrochen, nichts wurde übernommen: die Datenbank hat einen Wert abgelehnt "
                         f"({type(exc).__name__}: {str(exc).splitlines()[0][:200]}).") from exc
    assert result is not None  # set before the dry run's rollback, or an error was raised
    return result
