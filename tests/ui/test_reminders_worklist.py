"""Reminders as a work list (R-W1, issue 14 item 2): sort, filter by kind and SRT, "Erledigt"
(who and when, audited), "Wiedervorlage am …", export — driven with keys and clicks."""

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import select

from kitadesk.models import AuditEntry, ReminderState
from kitadesk.ops import records
from tests.ui.conftest import TODAY


def _carer(ctx, nr, srt="Ost", erlaubnis_vom=date(2022, 1, 1)):
    data = records.CarerData(nr=nr, nachname=f"Name{nr}", vorname="Ayşe", srt=srt, erlaubnis_vom=erlaubnis_vom,
                             fuehrungszeugnis_vom=date(2024, 1, 1), max_kinder=5, max_gleichzeitig=5, ort="Moers")
    return records.create_carer(ctx.store, ctx.user, data, TODAY).id


def _start(qtbot, window):
    window.show_page("start")
    start = window.current_page()
    start.reload()
    return start


def _rows(start):
    return [start.reminder_proxy.row_object(r) for r in range(start.reminder_proxy.rowCount())]


def _select(qtbot, start, nr: str, art: str = "Erlaubnis") -> None:
    for r, row in enumerate(_rows(start)):
        if row.nr == nr and row.art == art:
            start.reminder_table.setFocus()
            start.reminder_table.selectRow(r)
            return
    raise AssertionError(f"{art} {nr} nicht in der Liste")


def test_r_w1_mark_done_hides_it_and_records_who_and_when(qtbot, window, ctx):
    _carer(ctx, "T1")
    _carer(ctx, "T2")
    start = _start(qtbot, window)
    assert {("Erlaubnis", "T1"), ("Erlaubnis", "T2")} <= {(r.art, r.nr) for r in _rows(start)}
    _select(qtbot, start, "T1")
    qtbot.mouseClick(start.done_button, Qt.MouseButton.LeftButton)
    start.reload()
    assert ("Erlaubnis", "T1") not in {(r.art, r.nr) for r in _rows(start)}
    with ctx.store.session() as s:
        state = s.scalars(select(ReminderState)).one()
        assert state.erledigt_von == ctx.user and state.erledigt_am is not None
        assert s.scalars(select(AuditEntry).where(AuditEntry.tabelle == "reminder_states")).first() is not None
    start.settled.setChecked(True)
    start.reload()
    done = next(r for r in _rows(start) if r.nr == "T1" and r.art == "Erlaubnis")
    assert done.status.startswith(f"erledigt von {ctx.user} am ")
    _select(qtbot, start, "T1")
    qtbot.mouseClick(start.reopen_button, Qt.MouseButton.LeftButton)
    start.settled.setChecked(False)
    start.reload()
    assert ("Erlaubnis", "T1") in {(r.art, r.nr) for r in _rows(start)}


def test_r_w1_put_off_until_a_date(qtbot, window, ctx):
    _carer(ctx, "T3")
    start = _start(qtbot, window)
    _select(qtbot, start, "T3")
    start.put_off(date(2026, 12, 10))
    start.reload()
    assert ("Erlaubnis", "T3") not in {(r.art, r.nr) for r in _rows(start)}
    ctx.clock = lambda: date(2026, 12, 10)  # that day it is back
    start.reload()
    assert ("Erlaubnis", "T3") in {(r.art, r.nr) for r in _rows(start)}


def test_r_w1_filter_by_kind_sort_and_export(qtbot, window, ctx, tmp_path):
    _carer(ctx, "T4")
    _carer(ctx, "T5", erlaubnis_vom=date(2021, 12, 1))  # already expired: overdue
    start = _start(qtbot, window)
    start.kind.setCurrentIndex(start.kind.findData("Erlaubnis"))
    assert {r.art for r in _rows(start)} == {"Erlaubnis"}
    start.reminder_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    dues = [r.faellig for r in _rows(start)]
    assert dues == sorted(dues, reverse=True)
    written = start.reminder_tools.export_to(tmp_path / "wv.xlsx")
    sheet = load_workbook(written).active
    assert [c.value for c in sheet[1]][:3] == ["Fällig", "SRT", "Art"]
    assert {sheet.cell(r, 3).value for r in range(2, 2 + len(dues))} == {"Erlaubnis"}
