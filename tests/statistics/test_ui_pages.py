"""The Auswertungen page (R-S1, R-S2) and the QiK page (R-Q1..R-Q3) open offscreen and show
the data; dialogs save through the ops; exports write files."""

from datetime import date

from PySide6.QtCore import Qt

from kitadesk.ops import qik
from kitadesk.ops.statistics import official
from tests.reports.xlsx_read import load
from tests.statistics.factory import STICHTAG, generate, qik_sample


def test_r_s1_r_s2_statistics_page_shows_figures_and_charts(qtbot, ctx, tmp_path):
    from kitadesk.ui.views.statistics_page import StatisticsPage, default_stichtag

    generate(ctx.store, children=50)
    qik_sample(ctx.store)
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    with qtbot.waitSignal(page.official.filled, timeout=60000):
        page.show()  # the visible tab loads in the background
    assert page.official.stichtag.date().toPython() == default_stichtag(date(2026, 3, 15)) == STICHTAG
    stats = official(ctx.store, "anna", STICHTAG)
    assert page.official.child_model.rowCount() == len(stats.children)
    assert page.official.missing_model.rowCount() == len(stats.missing) > 0
    assert page.official.inner.tabText(0) == f"Fehlende Angaben ({len(stats.missing)})"
    page.official.search.setText(stats.missing[0].nr)
    assert page.official.proxies[0].rowCount() == 1
    assert page.official.write_xlsx(tmp_path / "s.xlsx").exists()
    assert load(tmp_path / "s.xlsx").sheetnames[0] == "Kinder"

    with qtbot.waitSignal(page.office.filled, timeout=60000):
        page.tabs.setCurrentIndex(1)
    srt_rows = page.office.srt_model.rows
    assert [r[0] for r in srt_rows] == ["Mitte/Süd", "Ost", "Nord", "Gesamt"]
    assert srt_rows[-1][3] == sum(r[3] for r in srt_rows[:-1]) > 0
    charts = page.office.charts
    assert all(c.has_data() for c in charts[:3]) and charts[0].categories == ["Mitte/Süd", "Ost", "Nord"]
    assert not charts[0].grab().isNull()
    assert page.office.write_pdf(tmp_path / "z.pdf").read_bytes()[:5] == b"%PDF-"
    assert page.office.write_xlsx(tmp_path / "z.xlsx").exists()

    with qtbot.waitSignal(page.qik.filled, timeout=60000):
        page.tabs.setCurrentIndex(2)
    assert [r[0] for r in page.qik.model.rows] == ["2025/26", "2026/27", "Gesamt"]


def test_r_q1_r_q3_qik_page_dialogs_and_report(qtbot, ctx, tmp_path):
    from kitadesk.ui.views.qik_page import ActivityDialog, ParticipantDialog, PartnerDialog, QikPage, StatusDialog

    page = QikPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.people.rowCount() == 0
    dialog = PartnerDialog(ctx, parent=page)
    dialog.name.setText("Berufskolleg Moers")
    dialog.art.setCurrentText("Berufskolleg")
    dialog.email.setText("kein at")
    assert not dialog.save() and "E-Mail" in dialog.error.text()
    dialog.email.setText("bk@example.org")
    assert dialog.save()
    page.reload()
    dialog = ParticipantDialog(ctx, page.partner_rows, parent=page)
    dialog.nachname.setText("Albers")
    dialog.vorname.setText("Nina")
    dialog.refs["berufskolleg_id"].setCurrentIndex(1)
    dialog.status_date.setDate(date(2026, 2, 1))
    assert dialog.save()
    page.reload()
    assert page.people.rows[0][:3] == ("Albers, Nina", "2025/26", "interessiert")
    assert page.people.rows[0][6] == "Berufskolleg Moers"
    status = StatusDialog(ctx, page.participant_rows[0], page)
    assert [status.status.itemText(i) for i in range(status.status.count())] == ["in Ausbildung", "abgebrochen"]
    status.datum.setDate(date(2026, 1, 1))
    assert not status.save() and "liegt vor der letzten" in status.error.text()
    status.datum.setDate(date(2026, 3, 1))
    assert status.save()
    activity = ActivityDialog(ctx, page.partner_rows, parent=page)
    activity.thema.setText("Runder Tisch QiK")
    activity.partners.item(0).setCheckState(Qt.CheckState.Checked)
    activity.other.setText("Jobcenter Kreis Wesel")
    activity.stunden.setText("2,5")
    assert activity.save()
    page.reload()
    assert page.people.rows[0][2] == "in Ausbildung"
    assert page.activity_model.rows[0][1:] == ("Runder Tisch QiK", "Berufskolleg Moers; Jobcenter Kreis Wesel",
                                               qik.activities(ctx.store, "anna")[0].stunden)
    assert "1 Tätigkeit mit 2,5 Stunden im Jahr 2026" in page.activity_sum.text()
    page.people_view.setCurrentIndex(page.people_view.model().index(0, 0))
    assert "interessiert (01.02.2026) → in Ausbildung (01.03.2026)" in page.history.text()
    assert page.write_report(tmp_path / "q.pdf", "pdf").read_bytes()[:5] == b"%PDF-"
    assert load(page.write_report(tmp_path / "q.xlsx", "xlsx")).sheetnames[0] == "Übersicht"


def test_r_q3_qik_link_navigates_or_opens_a_dialog(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from kitadesk.ui.views.qik_page import QikPage
    from kitadesk.ui.views.statistics_page import StatisticsPage

    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(self.findChild(QikPage)) or 0)
    page.open_qik()  # nobody listens to `navigate`: the QiK screen opens in a dialog
    assert len(opened) == 1 and isinstance(opened[0], QikPage)
    wanted = []
    page.navigate.connect(wanted.append)
    page.open_qik()
    assert wanted == ["qik"] and len(opened) == 1
