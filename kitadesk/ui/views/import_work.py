"""The import windows' background work (issue 14.1, 17.2): check = preview, write = the import,
the Fehlerliste, the assistant's list import — module-level tasks of a Qt-free module, run in a worker process by
ui/tasks.run_in_process (import_dialog.py; bench/bench_ui_import.py: as a thread of the window
the import stalled it for seconds). Each opens its own Store from the URL (ops.session.own_store).
The problems are turned into table rows (with the cell's value) in the worker, too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kitadesk.importer.problem_cells import problem_cell_values
from kitadesk.ops.import_ import (
    ImportPreview,
    ImportProblems,
    ImportResult,
    import_workbook,
    preview_import,
    write_problem_list,
)
from kitadesk.ops.session import own_store
from kitadesk.ui.process_child import Control

GONE = "Der Hintergrundprozess des Imports wurde unerwartet beendet; es wurde nichts übernommen"


@dataclass(frozen=True)
class ProblemRow:
    id: int
    sheet: str
    row: int | None  # Excel row (None: the whole sheet or column)
    column: str
    message: str
    value: str | None  # the cell's text (None: no single cell or not read)

    @property
    def detail(self) -> str:
        where = f"Blatt {self.sheet}" + (f", Zeile {self.row}" if self.row else "") + (
            f", Spalte {self.column}" if self.column and self.column != "–" else "")
        value = "" if self.value is None else (f" – Wert in der Zelle: „{self.value}“" if self.value
                                               else " – die Zelle ist leer")
        return f"{where}{value}: {self.message}"


def problem_rows(found: list[Any], values: dict) -> list[ProblemRow]:
    out = []
    for number, p in enumerate(found):
        row = p.row if isinstance(p.row, int) else None
        out.append(ProblemRow(number, p.sheet, row, p.column, p.message, values.get((p.sheet, row, p.column))))
    return out


@dataclass
class CheckOutcome:
    problems: list[ProblemRow]
    preview: ImportPreview | None = None


def rows_of(path: Path | None, exc: ImportProblems) -> list[ProblemRow]:
    """The problems as table rows; `exc.rows` when the worker made them already."""
    made = getattr(exc, "rows", None)
    if made is not None:
        return made
    values = problem_cell_values(path, exc.found) if path is not None else {}
    return problem_rows(exc.found, values)


def check(control: Control, url: str, user: str, path: Path, today: date) -> CheckOutcome:
    """The preview (rolled back); problems come back as rows, not as an error."""
    try:
        with own_store(url) as store:
            preview = preview_import(store, path, user, today=today, progress=control.progress,
                                     cancel=lambda: control.cancelled)
    except ImportProblems as exc:
        return CheckOutcome(rows_of(path, exc))
    return CheckOutcome([], preview)


def write(control: Control, url: str, user: str, path: Path, today: date) -> ImportResult:
    """The import (one transaction). ImportProblems (changed meanwhile) carries its rows along."""
    try:
        with own_store(url) as store:
            return import_workbook(store, path, user, today=today, progress=control.progress,
                                   cancel=lambda: control.cancelled)
    except ImportProblems as exc:
        exc.rows = rows_of(path, exc)  # type: ignore[attr-defined]  # pickled along (errors.py)
        raise


def problem_list(control: Control, source: Path, problems: list[ProblemRow], target: Path) -> Path:
    """The Fehlerliste (openpyxl holds every cell of a big workbook)."""
    return write_problem_list(source, problems, target)


def list_import(control: Control, url: str, user: str, source: Any, mapping: Any, dry_run: bool,
                today: date) -> ImportResult:
    """The import assistant's list through its mapping (ops.list_import; `dry_run`: the check)."""
    from kitadesk.ops.list_import import import_list

    with own_store(url) as store:
        return import_list(store, user, source, mapping, dry_run=dry_run, today=today, check=control.check)
