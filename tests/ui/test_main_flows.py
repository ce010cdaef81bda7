"""The real widgets, driven like a desk would (issue 5): create a carer and a child, place the
child, get refused when the permit is full, change hours from a date, filter, reminders."""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from sqlalchemy import func, select

from kitadesk.models import Carer, Child, Placement, PlacementVersion
from kitadesk.ops import records
from kitadesk.ui.forms.carer_form import CarerForm
from kitadesk.ui.forms.child_form import ChildForm
from kitadesk.ui.forms.placement_form import PlacementForm
from tests.support.factory import rate_table_2026
from tests.ui.conftest import TODAY, wait_loaded, wait_until_idle

D = Decimal


def _carer(ctx, nr="T1", max_kinder=5, srt="Ost", erlaubnis_vom=date(2024, 1, 1)):
    data = records.CarerData(nr=nr, nachname="Öztürk", vorname="Ayşe", srt=srt, erlaubnis_vom=erlaubnis_vom,
                             fuehrungszeugnis_vom=date(2024, 1, 1), max_kinder=max_kinder,
                             max_gleichzeitig=min(max_kinder, 5))
    return records.create_carer(ctx.store, ctx.user, data, TODAY).id


def _child(ctx, nr, born=date(2025, 1, 10), srt="Ost"):
    data = records.ChildData(nr=nr, nachname="Kind", vorname=nr, geburtsdatum=born, srt=srt)
    return records.create_child(ctx.store, ctx.user, data, TODAY).id


def _place(ctx, child_id, carer_id, beginn=date(2026, 3, 1), hours="30"):
    data = records.PlacementData(child_id, carer_id, beginn, records.PlacementTerms(D(hours)))
    return records.place_child(ctx.store, ctx.user, data, TODAY).id


def test_create_carer_through_the_form(qtbot, window, ctx):
    window.show_page("tagespflegepersonen")
    page = window.current_page()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.current_form
    assert isinstance(form, CarerForm) and form.isVisible()
    assert form.ort.text() == "Moers"  # R-V4: a new record's Ort defaults to Moers
    form.ort.clear()
    qtbot.keyClicks(form.nr, "T0777")
    assert "Ort fehlt" in form.boxes["ort"].error and "(R-V4)" in form.boxes["ort"].error
    qtbot.keyClicks(form.ort, "Moers")
    assert form.boxes["ort"].error == ""
    form.nachname.insert("Schröder")  # QTest types ASCII only
    qtbot.keyClicks(form.vorname, "Birgit")
    form.srt.setCurrentIndex(form.srt.findData("Nord"))
    qtbot.keyClicks(form.iban, "DE89 3704 0044 0532 0130 01")  # wrong check digits
    qtbot.keyClicks(form.erlaubnis_vom.edit, "01.02.2025")
    qtbot.keyClicks(form.fuehrungszeugnis_vom.edit, "15.01.2025")
    assert "IBAN ungültig" in form.boxes["iban"].error  # shown next to the field while typing
    assert form.permit_hint.text() == "Erlaubnis gilt bis 31.01.2030"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and "markierten Felder" in form.banner.label.text()
    form.iban.clear()
    qtbot.keyClicks(form.iban, "DE89 3704 0044 0532 0130 00")
    assert form.boxes["iban"].error == ""
    form.max_kinder.setValue(9)  # Basis: at most 8 in total (R-C6)
    assert "höchstens 8 Kinder insgesamt" in form.boxes["max_kinder"].error
    form.max_kinder.setValue(5)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    with ctx.store.session(ctx.user) as s:
        carer = s.scalar(select(Carer).where(Carer.nr == "T0777"))
        assert (carer.nachname, carer.srt, carer.iban, carer.bic) == ("Schröder", "Nord", "DE89370400440532013000",
                                                                      "COBADEFFXXX")
        assert carer.ort == "Moers"
        assert [(p.vom, p.bis) for p in carer.permits] == [(date(2025, 2, 1), date(2030, 1, 31))]
    assert page.count.text() == "Wird geladen …"  # the list reloads in the background
    wait_loaded(qtbot, page)
    assert page.model.rowCount() == 1 and page.selected_id() == carer.id
    assert "1 Einträge" in page.count.text()


def test_create_child_and_place_it(qtbot, window, ctx):
    carer_id = _carer(ctx)
    window.show_page("kinder")
    page = window.current_page()
    with qtbot.waitExposed(page):
        pass
    qtbot.keySequence(window, QKeySequence("Ctrl+N"))
    form = page.current_form
    assert isinstance(form, ChildForm)
    assert form.ort.text() == "Moers"  # R-V4: the parents' letters need an Ort
    qtbot.keyClicks(form.nr, "K100")
    form.nachname.insert("Yılmaz")
    qtbot.keyClicks(form.vorname, "Elif")
    qtbot.keyClicks(form.geburtsdatum.edit, "3.5.25")  # short form is understood
    form.srt.setCurrentIndex(form.srt.findData("Ost"))
    qtbot.keyClicks(form.familie_nr, "F100")
    qtbot.keyClicks(form.jahreseinkommen, "42.000,00")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible(), form.banner.label.text()
    with ctx.store.session(ctx.user) as s:
        child = s.scalar(select(Child).where(Child.nr == "K100"))
        assert child.geburtsdatum == date(2025, 5, 3) and child.family.incomes[0].jahreseinkommen == D("42000")

    window.show_page("betreuungen")
    placements = window.current_page()
    placements.new_record()
    form = placements.current_form
    assert isinstance(form, PlacementForm)
    form.select(form.child, child.id)
    form.select(form.carer, carer_id)
    assert form.beginn.value() == date(2026, 12, 1)  # first of next month by default
    qtbot.keyClicks(form.wochenstunden, "35")
    qtbot.keyClicks(form.zeitplan, "Mo 07:00-14:00; Di 07:00-14:00; Mi 07:00-14:00; Do 07:00-14:00")
    assert "passen nicht zum Zeitplan" in form.boxes["zeitplan"].error  # 28 h planned, 35 entered
    form.zeitplan.setText("Mo 07:00-14:00; Di 07:00-14:00; Mi 07:00-14:00; Do 07:00-14:00; Fr 07:00-14:00")
    assert form.boxes["zeitplan"].error == ""
    form.refresh_checks()
    assert form.capacity.text() == "Grenzen der Erlaubnis eingehalten."
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible(), form.banner.label.text()
    wait_loaded(qtbot, placements)
    rows = [placements.model.row_at(i) for i in range(placements.model.rowCount())]
    assert [(r.child_nr, r.carer_nr, r.beginn, r.wochenstunden) for r in rows] == [
        ("K100", "T1", date(2026, 12, 1), D("35.00"))]
    window.show_page("kinder")
    wait_loaded(qtbot, page)
    assert page.model.row_at(0).status == "Betreuung ab 01.12.2026"  # refreshed by the app-wide signal


def test_r_k3_placement_refused_when_permit_is_full_names_the_limit(qtbot, window, ctx):
    carer_id = _carer(ctx, max_kinder=2)
    for nr in ("K1", "K2"):
        _place(ctx, _child(ctx, nr), carer_id)
    third = _child(ctx, "K3")
    form = PlacementForm(ctx, child_id=third, carer_id=carer_id, parent=window)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.wochenstunden, "25")
    form.refresh_checks()  # the check next to the fields, before saving
    assert "Erlaubnis erlaubt höchstens 2 Kinder insgesamt; am 01.12.2026 wären es 3." in form.capacity.text()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    assert "Grenze der Erlaubnis (R-K3)" in form.banner.label.text()
    assert "höchstens 2 Kinder insgesamt" in form.banner.label.text()
    with ctx.store.session(ctx.user) as s:
        assert s.scalar(select(func.count()).select_from(Placement)) == 2


def test_r_k4_change_hours_from_a_date_adds_a_version_to_the_history(qtbot, window, ctx):
    with ctx.store.session(ctx.user) as s:
        rate_table_2026(s)
        s.commit()
    carer_id = _carer(ctx)
    placement_id = _place(ctx, _child(ctx, "K1"), carer_id, hours="30")
    window.show_page("betreuungen")
    page = window.current_page()
    wait_loaded(qtbot, page)
    assert page.select_id(placement_id)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the record
    form = page.current_form
    assert isinstance(form, PlacementForm) and form.history.rowCount() == 1
    form.gueltig_ab.set_value(date(2027, 1, 1))
    form.wochenstunden.setText("20")
    qtbot.keyClicks(form.grund, "Eltern arbeiten weniger")
    form.refresh_checks()
    wait_until_idle(qtbot, form.preview_handle)
    # the form's debounce timer may start one more preview; wait for the last one to land
    qtbot.waitUntil(lambda: not form.preview_handle.is_running
                    and "berechnet" not in form.preview_notes.text(), timeout=60000)
    preview = form.last_preview
    assert (preview.year, preview.month) == (2027, 1)
    # Basis 5.80 €/h (berechnung.md §5): 30 h · 52/12 · 5.80 = 754.00 + MBA 1 h · 52/12 · 5.80 = 25.13
    assert (preview.carer_before, preview.carer_after) == (D("779.13"), D("527.80"))
    assert [form.preview_table.item(0, c).text() for c in (1, 2, 3)] == ["779,13 €", "527,80 €", "-251,33 €"]
    assert "Keine Beitragstabelle" in form.preview_notes.text()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and "als neue Version gespeichert" in form.banner.label.text()
    history = [[form.history.item(r, c).text() for c in range(3)] for r in range(form.history.rowCount())]
    assert history == [["01.01.2027", "20", "0"], ["01.03.2026", "30", "0"]]  # newest first, old one kept
    assert form.history.item(0, 5).text() == "Eltern arbeiten weniger"
    with ctx.store.session(ctx.user) as s:
        versions = s.scalars(select(PlacementVersion).order_by(PlacementVersion.gueltig_ab)).all()
        assert [(v.gueltig_ab, v.wochenstunden) for v in versions] == [(date(2026, 3, 1), D("30.00")),
                                                                      (date(2027, 1, 1), D("20.00"))]
    form.gueltig_ab.set_value(date(2027, 1, 1))  # the same date again is refused, never overwritten
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "nie überschrieben" in form.banner.label.text()


def test_concurrent_change_offers_reload(qtbot, window, ctx):
    carer_id = _carer(ctx)
    form = CarerForm(ctx, carer_id, window)
    qtbot.addWidget(form)
    form.show()
    data, version = form.collect({}), form.version
    from dataclasses import replace
    records.update_carer(ctx.store, "bert", carer_id, version, replace(data, telefon="02841 55"), TODAY)
    qtbot.keyClicks(form.ort, "-Kapellen")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and "bert" in form.banner.label.text()
    assert form.banner.action.isVisible() and form.banner.action.text() == "Neu laden"
    qtbot.mouseClick(form.banner.action, Qt.MouseButton.LeftButton)
    assert form.telefon.text() == "02841 55" and form.ort.text() == "Moers"
    qtbot.keyClicks(form.ort, "-Kapellen")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()


def test_filter_the_table_search_and_srt(qtbot, window, ctx):
    from tests.ui.demo_data import fill

    fill(ctx.store, carers=60, children=300, today=TODAY)
    window.show_page("kinder")
    page = window.current_page()
    wait_loaded(qtbot, page)
    total = page.model.rowCount()
    assert total == 300 and page.count.text() == "300 Einträge"
    qtbot.keySequence(window, QKeySequence("Ctrl+F"))
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "muller")  # umlaut-insensitive: finds Müller
    shown = [page.proxy.row_object(r) for r in range(page.proxy.rowCount())]
    assert shown and all("Müller" in f"{r.nachname} {r.sorgeberechtigte} {r.carer_name}" for r in shown)
    page.srt.setCurrentIndex(page.srt.findData("Nord"))
    nord = [page.proxy.row_object(r) for r in range(page.proxy.rowCount())]
    assert nord and all(r.srt == "Nord" for r in nord) and len(nord) < len(shown)
    assert page.count.text() == f"{len(nord)} von 300"
    page.search.clear()
    page.set_status_filter("ohne_betreuung")
    assert all(r.srt == "Nord" and "in_betreuung" not in r.flags
               for r in (page.proxy.row_object(i) for i in range(page.proxy.rowCount())))
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # Geburtsdatum, newest first (real dates)
    births = [page.proxy.row_object(i).geburtsdatum for i in range(page.proxy.rowCount())]
    assert births == sorted(births, reverse=True)


def test_dashboard_shows_reminder_and_opens_the_record(qtbot, window, ctx):
    carer_id = _carer(ctx, nr="T9", erlaubnis_vom=date(2022, 1, 1))  # permit ends 31.12.2026, 37 days ahead
    window.show_page("tagespflegepersonen")
    window.show_page("start")
    start = window.current_page()
    wait_until_idle(qtbot, start.loading)  # the start screen loads off the GUI thread
    start.reload()
    rows = [(r.art, r.nr, r.hinweis) for r in start.reminders]
    assert ("Erlaubnis", "T9", "Erlaubnis gültig bis 31.12.2026 – Verlängerung einleiten.") in rows
    proxy = start.reminder_proxy
    texts = [proxy.index(r, 2).data() for r in range(proxy.rowCount())]
    row = texts.index("Erlaubnis")
    assert proxy.index(row, 0).data() == "31.12.2026" and proxy.index(row, 3).data() == "T9"
    assert proxy.index(row, 4).data() == "Öztürk, Ayşe"
    start.reminder_table.setCurrentIndex(proxy.index(row, 0))
    assert "Verlängerung einleiten" in start.detail.text()
    start._open_reminder(proxy.index(row, 0))
    form = window.pages["tagespflegepersonen"].current_form
    assert isinstance(form, CarerForm) and form.record_id == carer_id
    counts = {start.count_table.item(r, 0).text(): start.count_table.item(r, 5).text()
              for r in range(start.count_table.rowCount())}
    assert counts["Ost"] == "1" and counts["Gesamt"] == "1"
    assert "noch kein Auszahlungslauf" in start.payout_label.text()
