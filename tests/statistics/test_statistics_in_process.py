"""Auswertungen in a worker process (issue 17.2, ui/process_child.store_op): the figures and the
exports are computed by another process — the window's own functions are booby-trapped here and
never called; a refused export comes back as the German message."""

import os

from PySide6.QtCore import Qt

import kitadesk.ops.statistics as statistics_ops
import kitadesk.reports.statistics as statistics_reports
from tests.statistics.factory import generate
from tests.ui.spare_modes import spare  # noqa: F401 — every test with the warm spare on and off

TIMEOUT = 60_000  # ms: a spawned interpreter imports KitaDesk on a busy 2-core machine


def _not_here(*_args, **_kwargs):
    raise AssertionError("im Fensterprozess berechnet")


def _office_page(qtbot, ctx, monkeypatch):
    from kitadesk.ui.views.statistics_page import StatisticsPage

    generate(ctx.store, children=30)
    monkeypatch.setattr(statistics_ops, "compute_office", _not_here)
    monkeypatch.setattr(statistics_reports, "write_office_xlsx", _not_here)
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    with qtbot.waitSignal(page.office.filled, timeout=TIMEOUT):
        page.tabs.setCurrentIndex(1)
    return page.office


def test_r_s2_issue17_figures_and_excel_export_run_in_another_process(qtbot, ctx, tmp_path, monkeypatch):
    from kitadesk.ui.views import statistics_tab

    tab = _office_page(qtbot, ctx, monkeypatch)
    assert tab.loading.process.pid != os.getpid()
    assert [r[0] for r in tab.srt_model.rows][-1] == "Gesamt" and tab.srt_model.rows[-1][3] > 0
    target = tmp_path / "zahlen.xlsx"
    monkeypatch.setattr(statistics_tab, "ask_save", lambda *_args: str(target))
    qtbot.mouseClick(tab.xlsx_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(tab.exporting.finished, timeout=TIMEOUT):
        pass
    assert target.exists() and tab.exporting.process.pid != os.getpid()
    assert tab.status.text().endswith(f"Gespeichert: {target}")


def test_r_s2_issue17_a_refused_export_in_the_process_shows_the_german_message(qtbot, ctx, tmp_path, monkeypatch):
    from kitadesk.ui.views import statistics_tab

    tab = _office_page(qtbot, ctx, monkeypatch)
    blocked = tmp_path / "datei"
    blocked.write_text("kein Ordner")
    monkeypatch.setattr(statistics_tab, "ask_save", lambda *_args: str(blocked / "zahlen.pdf"))
    warnings = []
    monkeypatch.setattr(statistics_tab.QMessageBox, "warning", lambda _parent, title, text: warnings.append((title, text)))
    qtbot.mouseClick(tab.pdf_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(tab.exporting.failed, timeout=TIMEOUT):
        pass
    assert len(warnings) == 1 and warnings[0][0] == "PDF"
    assert warnings[0][1].startswith("Export nicht möglich:") and f"Ordner {blocked}" in warnings[0][1]
    assert "Traceback" not in warnings[0][1]


def test_r_q3_issue17_qik_report_file_written_by_another_process(qtbot, ctx, tmp_path, monkeypatch):
    import kitadesk.reports.qik_report as qik_reports
    from kitadesk.ui.views import qik_page
    from tests.statistics.factory import qik_sample

    qik_sample(ctx.store)
    page = qik_page.QikPage(ctx)
    qtbot.addWidget(page)
    page.show()
    target = tmp_path / "qik.pdf"
    monkeypatch.setattr(qik_page, "ask_save", lambda *_args: str(target))
    monkeypatch.setattr(qik_reports, "write_qik_pdf", _not_here)
    button = next(b for b in page.findChildren(qik_page.QPushButton) if b.text() == "Bericht als PDF …")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.exporting.finished, timeout=TIMEOUT):
        pass
    assert target.read_bytes()[:5] == b"%PDF-" and page.exporting.process.pid != os.getpid()
    assert page.summary.text() == f"Bericht gespeichert: {target}"
