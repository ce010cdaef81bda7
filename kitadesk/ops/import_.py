"""Operation `import_workbook` (interfaces.md §3, `kitadesk import`): read and check the
whole workbook, report every problem at once (`Blatt, Zeile, Spalte: Meldung`) and write
nothing, or write everything in one transaction. Needs the right `import`."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from kitadesk.errors import InputError, KitaDeskError
from kitadesk.importer.checks_duplicates import Confirmed, check_possible_duplicates
from kitadesk.importer.existing import load_existing
from kitadesk.importer.problems import Problems
from kitadesk.importer.reader import read_workbook
from kitadesk.importer.schema import CARERS, CHILDREN, COLUMN_ORDER, SHEET_NAMES
from kitadesk.importer.validate import validate
from kitadesk.importer.write_people import write_carers, write_children
from kitadesk.importer.write_records import write_movements, write_placements, write_tables
from kitadesk.importer.writer_base import CHANGED, NEW, SAME, Writer
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.duplicates import carer_people, child_people
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


class _DryRun(Exception):
    pass


def import_workbook(store: Store, path: str | Path, user: str, *, dry_run: bool = False,
                    today: date | None = None, confirmed_duplicates: Confirmed = False) -> ImportResult:
    """Import the workbook at `path` as `user`. Raises InputError with every problem
    (`.problems`, German, `Blatt, Zeile, Spalte: Meldung`) — then nothing is written.
    New children and carers that are possible duplicates are problems unless confirmed
    (`confirmed_duplicates`: True for all, or the rows as (sheet name, Nr); issue 19)."""
    today = today or date.today()
    result: ImportResult | None = None
    try:
        with unit_of_work(store, user) as session:
            load_actor(session, user).require("import")
        problems = Problems()
        data = read_workbook(Path(path), problems)  # before the lock: reading takes seconds
        # two imports at once run one after the other, the second sees what the first wrote
        with unit_of_work(store, user, exclusive=True) as session:
            actor = load_actor(session, user)
            actor.require("import")
            existing = load_existing(session)
            plan = validate(data, existing, actor, problems, today)
            known = {CHILDREN.name: child_people(session), CARERS.name: carer_people(session)}
            check_possible_duplicates(data, known, problems, confirmed_duplicates)
            if problems:
                items = [str(p) for p in problems.sorted(SHEET_NAMES, COLUMN_ORDER)]
                raise InputError(f"Import abgebrochen: {len(items)} Problem(e) gefunden, nichts wurde übernommen.",
                                 items)
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
    return result
