"""R-S1 (issue 9): the entry screens show which fields the official statistics need (marker +
tooltip on the label) and list what is missing while the user types — the same list as the
statistics export (kitadesk.domain.statistics.missing_*_fields), on a real SQLite store."""

from datetime import date
from decimal import Decimal

from kitadesk.domain.statistics import (
    F_GEBURTSJAHR,
    F_GESCHLECHT,
    F_HERKUNFT,
    F_SPRACHE,
    F_TAGE,
    F_VERWANDT,
    KIND,
    TPP,
)
from kitadesk.models import Child
from kitadesk.ops import records
from kitadesk.ops.statistics import official
from kitadesk.ui.forms.base import STATISTICS_MARK, STATISTICS_TIP, missing_text
from kitadesk.ui.forms.carer_form import CarerForm
from kitadesk.ui.forms.child_form import ChildForm
from kitadesk.ui.forms.placement_form import PlacementForm
from tests.ui.conftest import TODAY

PLAN = "Mo 07:00-13:00; Di 07:00-13:00; Mi 07:00-13:00; Do 07:00-13:00; Fr 07:00-13:00"  # 30 h, 5 days


def _carer(ctx, **kw) -> int:
    data = records.CarerData(nr="T1", nachname="Öztürk", vorname="Ayşe", srt="Ost", erlaubnis_vom=date(2024, 1, 1),
                             fuehrungszeugnis_vom=date(2024, 1, 1), **kw)
    return records.create_carer(ctx.store, ctx.user, data, TODAY).id


def _child(ctx, nr="K1", **kw) -> int:
    data = records.ChildData(nr=nr, nachname="Kind", vorname="Emma", geburtsdatum=date(2025, 1, 10), srt="Ost", **kw)
    return records.create_child(ctx.store, ctx.user, data, TODAY).id


def _place(ctx, child_id, carer_id, zeitplan=""):
    terms = records.PlacementTerms(Decimal(30), zeitplan=zeitplan)
    records.place_child(ctx.store, ctx.user, records.PlacementData(child_id, carer_id, date(2026, 3, 1), terms), TODAY)


def _missing(ctx, art: str, nr: str) -> tuple[str, ...]:
    """What the statistics export lists as missing for one record on TODAY (() = complete)."""
    stats = official(ctx.store, ctx.user, TODAY)
    return next((m.fehlend for m in stats.missing if (m.art, m.nr) == (art, nr)), ())


def _marked(form) -> set[str]:
    marked = {name for name, label in form.labels.items() if label.property("statistics")}
    for name in marked:
        label = form.labels[name]
        assert f"&nbsp;{STATISTICS_MARK}&nbsp;" in label.text() and label.toolTip() == STATISTICS_TIP, name
        assert STATISTICS_TIP in form.boxes[name].field.toolTip(), name
    for name in set(form.labels) - marked:
        assert form.labels[name].text().endswith(":") and "&nbsp;" not in form.labels[name].text(), name
        assert not form.labels[name].toolTip(), name
    assert marked == form.statistics_fields
    return marked


def test_r_s1_forms_mark_exactly_the_fields_the_statistics_need(qtbot, ctx):
    child = ChildForm(ctx)
    qtbot.addWidget(child)
    assert _marked(child) == {"geburtsdatum", "geschlecht", "herkunft_ausland", "sprache_nicht_deutsch",
                              "verwandtschaft", "eingliederungshilfe"}
    carer = CarerForm(ctx)
    qtbot.addWidget(carer)
    assert _marked(carer) == {"geschlecht", "geburtsdatum", "qualifikation", "betreuungsort"}
    placement = PlacementForm(ctx)
    qtbot.addWidget(placement)
    assert _marked(placement) == {"wochenstunden", "zeitplan"}
    for form in (child, carer, placement):
        assert not form.statistics_bar.isHidden()  # the legend of the marker


def test_r_s1_statistics_combos_are_tri_state_with_german_texts(qtbot, ctx):
    form = ChildForm(ctx)
    qtbot.addWidget(form)
    texts = lambda combo: [combo.itemText(i) for i in range(combo.count())]  # noqa: E731
    assert texts(form.herkunft_ausland) == texts(form.sprache_nicht_deutsch) == ["–", "ja", "nein"]
    assert texts(form.eingliederungshilfe) == ["– (aus LVR-Inklusionshilfe)", "ja", "nein"]
    assert texts(form.verwandtschaft) == ["–", "Großeltern", "andere Verwandte", "nicht verwandt"]
    group = form.boxes["herkunft_ausland"].parent()
    assert group.title() == "Statistik (R-S1)" and form.boxes["eingliederungshilfe"].parent() is group


def test_r_s1_child_form_saves_the_statistics_fields_and_the_statistics_use_them(qtbot, ctx):
    carer_id = _carer(ctx, geschlecht="w", geburtsdatum=date(1980, 5, 17))
    child_id = _child(ctx, lvr_inklusionshilfe=True, besonderer_bedarf=True)
    _place(ctx, child_id, carer_id, PLAN)
    form = ChildForm(ctx, child_id)
    qtbot.addWidget(form)
    assert form.statistics_missing == _missing(ctx, KIND, "K1") == (F_GESCHLECHT, F_HERKUNFT, F_SPRACHE, F_VERWANDT)
    form.geschlecht.setCurrentIndex(form.geschlecht.findData("w"))
    form.herkunft_ausland.set_value(True)
    assert form.statistics_missing == (F_SPRACHE, F_VERWANDT)  # updated while editing
    assert form.statistics_line.text() == f"Für die Statistik fehlen: {F_SPRACHE}, {F_VERWANDT}"
    form.sprache_nicht_deutsch.set_value(False)
    assert form.statistics_line.text() == f"Für die Statistik fehlt: {F_VERWANDT}"
    form.verwandtschaft.setCurrentIndex(form.verwandtschaft.findData("Großeltern"))
    assert form.statistics_missing == () and form.statistics_line.isHidden()
    form.eingliederungshilfe.set_value(False)  # explicit "nein" although the LVR grants Inklusionshilfe
    form.on_save()
    assert form.result() == form.DialogCode.Accepted, form.banner.label.text()

    with ctx.store.session(ctx.user) as s:
        child = s.get(Child, child_id)
        assert (child.geschlecht, child.herkunft_ausland, child.sprache_nicht_deutsch, child.verwandtschaft,
                child.eingliederungshilfe) == ("w", True, False, "Großeltern", False)
    stats = official(ctx.store, ctx.user, TODAY)
    (record,) = stats.children
    assert (record.geschlecht, record.herkunft_ausland, record.sprache_nicht_deutsch, record.verwandtschaft,
            record.eingliederungshilfe, record.tage_pro_woche, record.fehlend) == (
        "w", True, False, "Großeltern", False, 5, ())
    assert stats.missing == ()

    again = ChildForm(ctx, child_id)  # loaded back into the form
    qtbot.addWidget(again)
    assert (again.herkunft_ausland.value(), again.sprache_nicht_deutsch.value(), again.verwandtschaft.currentData(),
            again.eingliederungshilfe.value()) == (True, False, "Großeltern", False)
    again.eingliederungshilfe.set_value(None)  # back to "derived": LVR-Inklusionshilfe → ja
    again.on_save()
    assert official(ctx.store, ctx.user, TODAY).children[0].eingliederungshilfe is True
    with ctx.store.session(ctx.user) as s:
        assert s.get(Child, child_id).eingliederungshilfe is None


def test_r_s1_missing_line_lists_exactly_what_the_statistics_list(qtbot, ctx):
    """Child with a placement without Zeitplan and a carer without sex and birth date: each
    form's line names the fields of that record's entry in the statistics' list of missing."""
    carer_id = _carer(ctx)
    child_id = _child(ctx, geschlecht="m", sprache_nicht_deutsch=True)
    _place(ctx, child_id, carer_id)
    expected_child = _missing(ctx, KIND, "K1")
    assert expected_child == (F_HERKUNFT, F_VERWANDT, F_TAGE)
    child = ChildForm(ctx, child_id)
    qtbot.addWidget(child)
    assert child.statistics_missing == expected_child
    assert child.statistics_line.text() == missing_text(expected_child) and not child.statistics_line.isHidden()

    expected_carer = _missing(ctx, TPP, "T1")
    assert expected_carer == (F_GESCHLECHT, F_GEBURTSJAHR)
    carer = CarerForm(ctx, carer_id)
    qtbot.addWidget(carer)
    assert carer.statistics_missing == expected_carer
    assert carer.statistics_line.text() == "Für die Statistik fehlen: Geschlecht, Geburtsjahr"


def test_r_s1_child_without_placement_lists_only_its_own_fields(qtbot, ctx):
    form = ChildForm(ctx)  # new child: no placement, so no Zeitplan to check
    qtbot.addWidget(form)
    assert form.statistics_missing == (F_GESCHLECHT, F_HERKUNFT, F_SPRACHE, F_VERWANDT)
    assert not form.statistics_line.isHidden()
    assert all(not box.error for box in form.boxes.values())  # no validation messages before typing


def test_r_s1_carer_form_line_updates_as_the_user_types(qtbot, ctx):
    form = CarerForm(ctx)
    qtbot.addWidget(form)
    assert form.statistics_line.text() == "Für die Statistik fehlen: Geschlecht, Geburtsjahr"
    form.geschlecht.setCurrentIndex(form.geschlecht.findData("d"))
    assert form.statistics_line.text() == "Für die Statistik fehlt: Geburtsjahr"
    qtbot.keyClicks(form.geburtsdatum.edit, "17.05.1980")
    assert form.statistics_missing == () and form.statistics_line.isHidden()
    form.geburtsdatum.edit.clear()
    assert form.statistics_missing == (F_GEBURTSJAHR,)


def test_r_s1_saved_carer_fields_complete_the_statistics(qtbot, ctx):
    carer_id = _carer(ctx)
    _place(ctx, _child(ctx), carer_id, PLAN)
    assert _missing(ctx, TPP, "T1") == (F_GESCHLECHT, F_GEBURTSJAHR)
    form = CarerForm(ctx, carer_id)
    qtbot.addWidget(form)
    form.geschlecht.setCurrentIndex(form.geschlecht.findData("w"))
    form.geburtsdatum.set_value(date(1980, 5, 17))
    form.qualifikation.setCurrentIndex(form.qualifikation.findData("Fachkraft"))
    form.qualifikation_seit.set_value(date(2020, 1, 1))
    form.betreuungsort.setCurrentIndex(form.betreuungsort.findData("andere Räume"))
    assert form.statistics_missing == ()
    form.on_save()
    assert form.result() == form.DialogCode.Accepted, form.banner.label.text()
    (record,) = official(ctx.store, ctx.user, TODAY).carers
    assert (record.geschlecht, record.geburtsjahr, record.qualifikation, record.fehlend) == ("w", 1980, "Fachkraft", ())
    assert _missing(ctx, TPP, "T1") == ()


def test_r_s1_placement_form_names_the_missing_zeitplan(qtbot, ctx):
    form = PlacementForm(ctx)
    qtbot.addWidget(form)
    assert form.statistics_missing == (F_TAGE,)
    form.zeitplan.setText(PLAN)
    assert form.statistics_missing == () and form.statistics_line.isHidden()
    form.zeitplan.setText("Mo 25:00-26:00")
    assert form.statistics_missing == ("Betreuungstage je Woche (Zeitplan fehlerhaft)",)
