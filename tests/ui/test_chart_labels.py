"""Charts of the report screens (issue 20, seen at 1366×768): value labels of neighbouring bars
never overlap — within its bar when a group has several, within the group for one series."""

from PySide6.QtGui import QFontMetricsF

from kitadesk.ui.widgets.chart import BarChart


def test_labels_of_two_bars_side_by_side_only_where_each_fits_its_bar(qtbot):
    chart = BarChart("Auszahlung je Monat")
    qtbot.addWidget(chart)
    chart.set_data(["Jan", "Feb"], [("Basis", [724_183.44, 724_840.29]), ("Szenario", [734_121.15, 734_786.66])],
                   money=True)
    fm = QFontMetricsF(chart.font())
    wide = fm.horizontalAdvance("734,8 T€")
    assert not chart.labels_fit(fm, bar_w=wide - 5, group_w=4 * wide)  # the Hochrechnung at 1366×768
    assert chart.labels_fit(fm, bar_w=wide + 5, group_w=4 * wide)


def test_one_series_may_use_its_group_width(qtbot):
    chart = BarChart("Kinder nach Altersgruppe")
    qtbot.addWidget(chart)
    chart.set_data(["unter 1 Jahr", "1 bis unter 3 Jahre"], [("Kinder", [22, 543])])
    fm = QFontMetricsF(chart.font())
    assert chart.labels_fit(fm, bar_w=5, group_w=fm.horizontalAdvance("543") + 10)
    assert not chart.labels_fit(fm, bar_w=5, group_w=fm.horizontalAdvance("543") - 1)
