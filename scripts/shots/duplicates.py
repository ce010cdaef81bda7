"""Possible duplicates (issue 19) and the retention run (issue 17.5): Auswertungen → "Mögliche
Duplikate" for Leitung, the form's question before saving a possible duplicate, and
Einstellungen → "Datenschutz" with a preview."""

from datetime import date

DUPLICATE_NR = "K-DUP1"
OLD_CARER = "T-ALT1"


def _add_duplicate(env) -> None:
    """A second record of a demo child (spelled differently) via ops, once."""
    from sqlalchemy import select

    from kitadesk.domain.names import search_fold
    from kitadesk.models import Child
    from kitadesk.ops import records

    with env.store.session() as s:
        if s.scalar(select(Child.id).where(Child.nr == DUPLICATE_NR)):
            return
        child = s.scalars(select(Child).where(Child.nachname.op("glob")("*[äöü]*")).order_by(Child.nr)).first() \
            or s.scalars(select(Child).order_by(Child.nr)).first()
        spelled = search_fold(child.nachname).title()  # Müller → Mueller style variant
        data = records.ChildData(nr=DUPLICATE_NR, nachname=spelled, vorname=child.vorname,
                                 geburtsdatum=child.geburtsdatum, srt=child.srt)
    records.create_child(env.store, "leitung", data, env.today)


def _add_old_carer(env) -> None:
    """A carer whose last placement ended in 2014 (past the 10-year retention), once."""
    from sqlalchemy import select

    from kitadesk.models import Carer, Child, Placement, PlacementVersion

    with env.store.session("admin") as s:
        if s.scalar(select(Carer.id).where(Carer.nr == OLD_CARER)):
            return
        carer = Carer(nr=OLD_CARER, nachname="Altmann", vorname="Olga", srt="Ost", qualifikation="QHB",
                      geburtsdatum=date(1961, 2, 3), ort="Moers", taetig_bis=date(2014, 7, 31))
        child = Child(nr="K-ALT1", nachname="Klein", vorname="Paul", geburtsdatum=date(2011, 7, 9), srt="Ost",
                      antrag_vom=date(2012, 5, 2), ort="Moers")
        s.add_all([carer, child])
        s.flush()
        placement = Placement(child_id=child.id, carer_id=carer.id, beginn=date(2012, 8, 1), ende=date(2014, 7, 31))
        placement.versions.append(PlacementVersion(gueltig_ab=date(2012, 8, 1), wochenstunden=30))
        s.add(placement)
        s.commit()


def shots(env):
    from kitadesk.ops.duplicates import duplicates_for_form
    from kitadesk.ui.forms.child_form import ChildForm
    from kitadesk.ui.widgets.duplicate_warning import person_of, question_box

    _add_duplicate(env)
    window = env.window_for("leitung")
    window.show_page("auswertungen")
    page = window.current_page().ensure()
    tab = page.tabs.widget(page.tabs.count() - 1)
    page.tabs.setCurrentWidget(tab)
    env.wait(lambda: tab.loading is None or not tab.loading.is_running, 10.0)
    tab.reload()
    tab.view.selectRow(0)
    env.wait(timeout=0.5)
    yield "duplikate.png", window

    form = ChildForm(env.window.ctx, None, env.window)
    first = tab.model.row_at(0).first if tab.model.rowCount() else None
    if first is not None:
        form.nr.setText("K-NEU")
        form.nachname.setText(first.nachname)
        form.vorname.setText(first.vorname)
        form.geburtsdatum.set_value(first.geburtsdatum)
    form.show()
    env.fit(form)
    data = form.collect({})
    found = duplicates_for_form(env.store, "sb.ost", person_of(data))
    box = question_box(form, found, True)
    box.setModal(False)
    box.show()
    env.wait(timeout=0.3)
    yield "duplikat_warnung.png", box
    box.close()
    form.dirty = False
    form.reject()

    _add_old_carer(env)
    admin = env.window_for("admin")
    admin.show_page("einstellungen")
    settings = admin.current_page().ensure()
    settings.activate()
    privacy = settings.tabs.widget(settings.tabs.count() - 1)
    settings.tabs.setCurrentWidget(privacy)
    privacy.make_preview()
    env.wait(lambda: privacy.preview is not None, 10.0)
    yield "datenschutz.png", admin
