"""Operation `import_list` (issue 19.1): an office's own list through a confirmed mapping into
the one import path (`ops.import_.import_data`: the same checks and writes as `kitadesk import`,
all or nothing); problems name the list's sheet, row and column. Needs the right `import`."""

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from kitadesk.domain.list_mapping.mapping import Mapping, missing
from kitadesk.errors import InputError
from kitadesk.importer.list_import import Origin, build_all, locate_all
from kitadesk.importer.list_people import load_people
from kitadesk.importer.list_source import SourceSheet
from kitadesk.importer.problems import Problem, Problems
from kitadesk.importer.reader import SheetData
from kitadesk.ops.base import load_actor
from kitadesk.ops.import_ import ImportResult, import_data
from kitadesk.store import Store


def mapping_problems(mapping: Mapping, source: SourceSheet) -> list[str]:
    """What keeps the mapping from importing this list (German); [] = ready."""
    out = missing(mapping)
    for header, key in mapping.columns.items():
        if key and header not in source.headers:
            out.append(f"Die Liste hat keine Spalte „{header}“ (Zuordnung: {key}).")
    return out


def unmapped(mapping: Mapping, source: SourceSheet) -> list[str]:
    """Headers of the list the mapping does not know (they are not imported)."""
    return [h for h in source.headers if h and h not in mapping.columns]


def import_list(store: Store, user: str, source: SourceSheet, mapping: Mapping, *, dry_run: bool = False,
                confirmed_duplicates: bool = False, today: date | None = None,
                check: Callable[[], None] = lambda: None) -> ImportResult:
    """One list (one sheet) through its mapping; see `import_lists`."""
    return import_lists(store, user, [(source, mapping)], dry_run=dry_run, confirmed_duplicates=confirmed_duplicates,
                        today=today, check=check)


def import_lists(store: Store, user: str, pairs: list[tuple[SourceSheet, Mapping]], *, dry_run: bool = False,
                 confirmed_duplicates: bool = False, today: date | None = None, check: Callable[[], None] = lambda: None) -> ImportResult:
    """Several lists (e.g. the sheets of one workbook) in ONE import, all or nothing. `check` is
    called between the steps; raising there (a cancelled task) rolls all back. Possible
    duplicates are refused unless `confirmed_duplicates` (issue 19, `--duplikate-bestaetigt`)."""
    today = today or date.today()
    problems = [f"{source.name}: {line}" if len(pairs) > 1 else line
                for source, mapping in pairs for line in mapping_problems(mapping, source)]
    if problems:
        names = ", ".join(source.name for source, _ in pairs)
        raise InputError(f"Die Zuordnung passt nicht zur Liste {names}; nichts wurde übernommen.", problems)
    origins: list[Origin] = []

    def build(session: Session, found: Problems) -> dict[str, SheetData]:
        children, carers = load_people(session, load_actor(session, user).srt)
        check()
        data, made = build_all(pairs, children, carers, found, today)
        origins.extend(made)
        check()
        return data

    def located(found: list[Problem]) -> list[Problem]:
        return locate_all(origins, found) if origins else found

    return import_data(store, user, build, translate=located, dry_run=dry_run, today=today,
                       confirmed_duplicates=confirmed_duplicates)
