"""The window's import through THE process runner (issue 17.2, ui/process_child.py): check, write
and the Fehlerliste run as worker-process tasks (ui/views/import_work.py); the problems arrive with
Blatt/Zeile/Spalte and the cell's value, a cancel or a dead worker writes nothing."""

import os
from datetime import date

import pytest
from sqlalchemy import func, select

from kitadesk.errors import KitaDeskError
from kitadesk.models import AuditEntry, Carer, Child
from kitadesk.ops.import_ import ImportProblems
from kitadesk.ui.process_child import TaskCancelled, call_in_process
from kitadesk.ui.views import import_work
from tests.importer.book import CHILD, small_book
from tests.ui import process_jobs
from tests.ui.spare_modes import spare  # noqa: F401 — every test with the warm spare on and off

TODAY = date(2026, 11, 24)


def _counts(store) -> tuple[int, int, int]:
    with store.session() as s:
        return (s.scalar(select(func.count(Carer.id))), s.scalar(select(func.count(Child.id))),
                s.scalar(select(func.count(AuditEntry.id))))


def _bad_book(tmp_path):
    book = small_book(tmp_path, "fehler.xlsx")
    row = book.add("Kinder", **{**CHILD, "Nr": "K3", "Geburtsdatum": "31.02.2025"})
    return book.save(), row


def test_r_import_check_in_worker_process_gives_preview_and_progress(sqlite_store, tmp_path):
    steps: list[tuple[int, int]] = []
    outcome = call_in_process(import_work.check, sqlite_store.url, "anna", small_book(tmp_path).save(), TODAY,
                              progress=lambda done, total: steps.append((done, total)))
    assert outcome.problems == [] and outcome.preview.result.new("Kinder") == 2
    assert steps and steps[-1][0] == steps[-1][1]
    assert _counts(sqlite_store) == (0, 0, 0)


def test_r_import_check_problems_arrive_with_sheet_row_column_and_cell_value(sqlite_store, tmp_path):
    path, row = _bad_book(tmp_path)
    outcome = call_in_process(import_work.check, sqlite_store.url, "anna", path, TODAY)
    assert outcome.preview is None
    assert [(p.sheet, p.row, p.column, p.value) for p in outcome.problems] == [
        ("Kinder", row, "Geburtsdatum", "31.02.2025")]
    assert f"Zeile {row}" in outcome.problems[0].detail


def test_r_import_write_problems_come_back_as_import_problems_with_their_cells(sqlite_store, tmp_path):
    path, row = _bad_book(tmp_path)
    with pytest.raises(ImportProblems) as caught:
        call_in_process(import_work.write, sqlite_store.url, "anna", path, TODAY)
    error = caught.value
    assert [(p.sheet, p.row, p.column) for p in error.found] == [("Kinder", row, "Geburtsdatum")]
    assert error.problems and "nichts wurde übernommen" in error.message
    rows = import_work.rows_of(None, error)  # made in the worker, with the cell's value
    assert [(r.sheet, r.row, r.column, r.value) for r in rows] == [("Kinder", row, "Geburtsdatum", "31.02.2025")]
    assert _counts(sqlite_store) == (0, 0, 0)


def test_r_import_cancel_in_worker_process_writes_nothing(sqlite_store, tmp_path):
    with pytest.raises(TaskCancelled):
        call_in_process(import_work.write, sqlite_store.url, "anna", small_book(tmp_path).save(), TODAY,
                        cancel=lambda: True)
    assert _counts(sqlite_store) == (0, 0, 0)


def test_r_import_fehlerliste_written_by_the_worker(sqlite_store, tmp_path):
    path, row = _bad_book(tmp_path)
    problems = call_in_process(import_work.check, sqlite_store.url, "anna", path, TODAY).problems
    target = call_in_process(import_work.problem_list, path, problems, tmp_path / "liste.xlsx")
    assert target.exists()


def test_issue17_a_dead_worker_reports_the_callers_german_message():
    with pytest.raises(KitaDeskError) as caught:
        call_in_process(process_jobs.die, gone=import_work.GONE)
    assert str(caught.value) == f"{import_work.GONE} (Exitcode 3)" and "nichts übernommen" in str(caught.value)


def test_issue17_the_tasks_run_in_another_process():
    assert call_in_process(process_jobs.add_up, 2)["pid"] != os.getpid()
