"""Placement form: the derived Randzeitstunden shown in the empty field follow the Zeitplan and
the night in the parents' household (R-G7, berechnung.md §5)."""

from PySide6.QtCore import Qt

from kitadesk.ui.forms.placement_form import PlacementForm
from tests.night.test_night_care import PARENTS_NIGHTS


def test_r_g7_form_shows_off_hours_without_the_parents_night(qtbot, window, ctx):
    form = PlacementForm(ctx, parent=window)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.wochenstunden, "26")
    qtbot.keyClicks(form.zeitplan, PARENTS_NIGHTS)
    assert form.randzeitstunden.placeholderText() == "aus Zeitplan: 24"  # a day plan: all off-hours
    qtbot.mouseClick(form.nacht_eltern, Qt.MouseButton.LeftButton)
    assert form.nacht_eltern.isChecked()
    assert form.randzeitstunden.placeholderText() == "aus Zeitplan: 6"  # 21:00–06:00 are ordinary hours
    qtbot.keyClicks(form.randzeitstunden, "24")
    assert "ohne die Nachtstunden 21:00–6:00 im Haushalt der Eltern" in form.boxes["zeitplan"].error
    form.randzeitstunden.clear()
    qtbot.keyClicks(form.randzeitstunden, "6")
    assert form.boxes["zeitplan"].error == ""
    form.zeitplan.setText("Mo 08:00-x")
    assert form.randzeitstunden.placeholderText() == ""  # the Zeitplan field shows its fault
