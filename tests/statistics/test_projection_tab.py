"""Auswertungen → Hochrechnung (issue 20): computed in the background, base vs scenario, chart with
projected months hatched, table, Excel and PDF."""

from decimal import Decimal as D

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ops.test_projection import seed


def test_r_g2_projection_tab_scenario_side_by_side(qtbot, ctx, tmp_path):
    from kitadesk.ops.payout import compute_draft, finalize
    from kitadesk.ui.views.statistics_page import StatisticsPage

    seed(ctx.store)
    finalize(ctx.store, "anna", compute_draft(ctx.store, "anna", 2026, 4).run_id)
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    tab = page.projection
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "Hochrechnung"
    with qtbot.waitSignal(tab.filled, timeout=60000):
        page.show()
        page.tabs.setCurrentWidget(tab)  # loads the base case of the default year
    tab.year.setValue(2026)
    tab.rate_on.setChecked(True)
    tab.rate.setText("1,5")
    tab.rate_from.setDate(tab.rate_from.date().fromString("01.07.2026", "dd.MM.yyyy"))
    go = next(b for b in tab.findChildren(type(tab.xlsx_button)) if b.text() == "Berechnen")
    with qtbot.waitSignal(tab.filled, timeout=60000):
        qtbot.mouseClick(go, Qt.MouseButton.LeftButton)
    rows = tab.model.rows
    assert len(rows) == 13 and rows[-1][0] == "Jahr"
    assert rows[3][1] == "abgeschlossen" and rows[4][1].startswith("Hochrechnung")
    assert rows[5][5] == D("0.00") and rows[6][5] > 0  # June unchanged, July raised
    assert tab.chart.hatched == {i for i in range(12) if i != 3}
    assert [name for name, _ in tab.chart.series] == ["Basis", "Szenario"]
    assert not tab.chart.grab().isNull()
    tab.srt.setCurrentText("Ost")
    assert tab.model.rows[-1][2] < rows[-1][2]
    assert tab.write_xlsx(tmp_path / "h.xlsx").exists()
    assert tab.write_pdf(tmp_path / "h.pdf").read_bytes()[:5] == b"%PDF-"
    tab.rate.setText("viel")
    tab.reload_in_background()
    assert "keine Zahl" in tab.status.text()


def test_enter_in_a_scenario_field_computes_as_typed(qtbot, ctx):
    """Office habit (Enter = OK): a percentage typed and Enter computes the scenario — no mouse."""
    from kitadesk.ui.views.statistics_page import StatisticsPage

    seed(ctx.store)
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    tab = page.projection
    with qtbot.waitSignal(tab.filled, timeout=60000):
        page.show()
        page.tabs.setCurrentWidget(tab)
    page.activateWindow()  # shortcuts act in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=10000)
    tab.year.setValue(2026)
    tab.rate_on.setChecked(True)
    tab.rate.setFocus()
    tab.rate.selectAll()
    qtbot.keyClicks(tab.rate, "2")
    with qtbot.waitSignal(tab.filled, timeout=60000):
        qtbot.keyClick(tab.rate, Qt.Key.Key_Return)
    assert "Sätze +2 %" in tab.status.text() and tab.model.rows[-1][5] > 0


def test_ctrl_c_copies_the_months_with_their_header_into_excel(qtbot, ctx):
    """Strg+C on the table as on every table of KitaDesk: tab-separated, header in one line."""
    from kitadesk.ui.views.statistics_page import StatisticsPage

    seed(ctx.store)
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    tab = page.projection
    with qtbot.waitSignal(tab.filled, timeout=60000):
        page.show()
        page.tabs.setCurrentWidget(tab)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=10000)
    tab.table.setFocus()
    tab.table.selectAll()
    qtbot.keyClick(tab.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QApplication.clipboard().text().split("\r\n")
    assert lines[0].startswith("Monat\tStatus\tAuszahlung\tElternbeiträge")
    assert lines[13].startswith("Jahr\t") and len(lines) == 15  # 12 months, the year, the closing line break
