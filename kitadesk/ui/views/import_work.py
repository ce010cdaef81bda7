"""The import window's background work (ui/tasks.run_task callables; each opens its own
sessions through the ops): check = preview, write = the import, the Fehlerliste."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kitadesk.importer.problem_cells import problem_cell_values
from kitadesk.importer.problems import NONE, Problem
from kitadesk.ops.import_ import (
    ImportPreview,
    ImportProblems,
    ImportResult,
    import_workbook,
    preview_import,
    write_problem_list,
)
from kitadesk.ops.import_process import run_in_process, write_problem_list_in_process
from kitadesk.ops.payout_corrections import Cancelled
from kitadesk.ops.session import Store
from kitadesk.ui.tasks import TaskCancelled, TaskControl
from kitadesk.ui.views.import_tables import ProblemRow, problem_rows

IN_PROCESS = True  # the window's import runs in a process of its own (bench/bench_ui_import.py)


@dataclass
class CheckOutcome:
    problems: list[ProblemRow]
    preview: ImportPreview | None = None


def rows_of(path: Path | None, exc: ImportProblems) -> list[ProblemRow]:
    values = problem_cell_values(path, exc.found) if path is not None else {}
    return problem_rows(exc.found, values)


def _run(kind: str, control: TaskControl, store: Store, user: str, path: Path, today: date):
    """The op in a worker process (ops/import_process.py; IN_PROCESS = False: in this thread)."""
    if IN_PROCESS:
        return run_in_process(kind, store.url, user, path, today, control.progress, lambda: control.cancelled)
    run = preview_import if kind == "preview" else import_workbook
    return run(store, path, user, today=today, progress=control.progress, cancel=lambda: control.cancelled)


def check(control: TaskControl, store: Store, user: str, path: Path, today: date) -> CheckOutcome:
    try:
        preview = _run("preview", control, store, user, path, today)
    except ImportProblems as exc:
        return CheckOutcome(rows_of(path, exc))
    except Cancelled as exc:
        raise TaskCancelled() from exc
    return CheckOutcome([], preview)


def write(control: TaskControl, store: Store, user: str, path: Path, today: date) -> ImportResult:
    try:
        return _run("import", control, store, user, path, today)
    except Cancelled as exc:
        raise TaskCancelled() from exc


def problem_list(control: TaskControl, source: Path, problems: list[ProblemRow], target: Path) -> Path:
    if not IN_PROCESS:
        return write_problem_list(source, problems, target)
    found = [Problem(p.sheet, p.row if p.row is not None else NONE, p.column, p.message) for p in problems]
    return write_problem_list_in_process(source, found, target)
