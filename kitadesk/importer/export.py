"""`export_workbook(store, path)`: the database's content in the import format of
interfaces.md §3, so an export imports again (round trip). Dated records with a history
(permit, Führungszeugnis, Vertretungsplatz, income, status, waiver) are written with the
entry valid today (else the latest); placements with every version (R-K4); reimbursement
proofs with every entry and its validity (sheet Nachweise, amounts as recorded)."""

from datetime import date
from pathlib import Path

from sqlalchemy import select

from kitadesk.domain.rules.proof import ALTER, ARTEN, JE
from kitadesk.importer.existing import FUEHRUNGSZEUGNIS
from kitadesk.importer.template import write_workbook
from kitadesk.importer.write_people import OWN_FAMILY
from kitadesk.models import (
    Absence,
    Carer,
    CarerDocument,
    Child,
    ChildStatus,
    Erlaubnis,
    Ermaessigung,
    Erstattungsnachweis,
    Family,
    FamilyIncome,
    FeeCell,
    FeeTable,
    Fortbildung,
    Monatsmeldung,
    Placement,
    PlacementVersion,
    RateTable,
    Sonderbetrag,
    Vertretungsplatz,
    Zusammenschluss,
)
from kitadesk.store import Store


def _rows(session, *columns, order=None):
    stmt = select(*columns)
    if order is not None:
        stmt = stmt.order_by(*order)
    return session.execute(stmt).all()


def _current(entries: list[tuple], today: date, index: int = 0):
    """Entry with the latest date (at `index`) ≤ today, else the earliest later one."""
    past = [e for e in entries if e[index] <= today]
    if past:
        return max(past, key=lambda e: e[index])
    return min(entries, key=lambda e: e[index]) if entries else None


def _by(rows, key_index=0) -> dict:
    result: dict = {}
    for row in rows:
        result.setdefault(row[key_index], []).append(tuple(row[1:]) if key_index == 0 else row)
    return result


def export_workbook(store: Store, path: str | Path, today: date | None = None) -> dict[str, int]:
    """Write the workbook; returns the number of rows per sheet."""
    today = today or date.today()
    with store.session("export") as s:
        sheets = {
            "Tagespflegepersonen": _carers(s, today),
            "Kinder": _children(s, today),
            "Betreuungen": _placements(s),
            "Nachweise": _proofs(s),
            "Abwesenheiten": [dict(zip(("TPP_Nr", "Von", "Bis", "Art", "Vertretung_TPP_Nr"), r)) for r in s.execute(
                select(Carer.nr, Absence.von, Absence.bis, Absence.art, _substitute_nr())
                .join(Carer, Carer.id == Absence.carer_id).order_by(Carer.nr, Absence.von))],
            "Fortbildungen": [dict(TPP_Nr=r[0], Datum=r[1], Titel=r[2], Stunden=r[3]) for r in s.execute(
                select(Carer.nr, Fortbildung.datum, Fortbildung.titel, Fortbildung.stunden)
                .join(Carer, Carer.id == Fortbildung.carer_id).order_by(Carer.nr, Fortbildung.datum))],
            "Monatsmeldungen": [dict(Kind_Nr=r[0], Datum=r[1], Stunden=r[2]) for r in s.execute(
                select(Child.nr, Monatsmeldung.datum, Monatsmeldung.stunden)
                .join(Child, Child.id == Monatsmeldung.child_id).order_by(Child.nr, Monatsmeldung.datum))],
            "Sonderbeträge": _specials(s),
            "Beitragstabelle": [dict(zip(("Gültig_ab", "Alter", "Einkommen_bis", "Stunden_bis", "Beitrag"), r))
                                for r in s.execute(
                select(FeeTable.gueltig_ab, FeeCell.alter, FeeCell.einkommen_bis, FeeCell.stunden_bis, FeeCell.beitrag)
                .join(FeeTable, FeeTable.id == FeeCell.table_id)
                .order_by(FeeTable.gueltig_ab, FeeCell.alter, FeeCell.einkommen_bis, FeeCell.stunden_bis))],
            "Sätze": _rates(s),
        }
    write_workbook(path, sheets)
    return {name: len(rows) for name, rows in sheets.items()}


def _substitute_nr():
    from sqlalchemy.orm import aliased

    sub = aliased(Carer)
    return select(sub.nr).where(sub.id == Absence.substitute_id).scalar_subquery()


def _carers(s, today: date) -> list[dict]:
    groups = dict(_rows(s, Zusammenschluss.id, Zusammenschluss.name))
    permits = _by(_rows(s, Erlaubnis.carer_id, Erlaubnis.vom, Erlaubnis.bis, Erlaubnis.max_kinder,
                        Erlaubnis.max_gleichzeitig))
    fz = _by(s.execute(select(CarerDocument.carer_id, CarerDocument.erhalten_am).where(
        CarerDocument.art == FUEHRUNGSZEUGNIS, CarerDocument.person == "",
        CarerDocument.erhalten_am.is_not(None))).all())
    places = _by(_rows(s, Vertretungsplatz.carer_id, Vertretungsplatz.von, Vertretungsplatz.bis))
    result = []
    for c in s.scalars(select(Carer).order_by(Carer.nr)):
        permit = _current(permits.get(c.id, []), today)
        place = _current(places.get(c.id, []), today)
        own_fz = _current(fz.get(c.id, []), today)
        row = {"Nr": c.nr, "Nachname": c.nachname, "Vorname": c.vorname, "Geburtsdatum": c.geburtsdatum,
               "Geschlecht": c.geschlecht, "Straße": c.strasse, "PLZ": c.plz, "Ort": c.ort, "Telefon": c.telefon,
               "E-Mail": c.email, "SRT": c.srt, "IBAN": c.iban, "Qualifikation": c.qualifikation,
               "Qualifikation_seit": c.qualifikation_seit, "Tätig_seit": c.taetig_seit,
               "Betreuungsort": c.betreuungsort, "Zusammenschluss": groups.get(c.zusammenschluss_id),
               "Führungszeugnis_vom": own_fz[0] if own_fz else None,
               "Vertretungsplatz": "ja" if place else "nein",
               "Vertretungsplatz_von": place[0] if place else None, "Vertretungsplatz_bis": place[1] if place else None}
        if permit:
            row.update({"Erlaubnis_vom": permit[0], "Erlaubnis_bis": permit[1], "Max_Kinder": permit[2],
                        "Max_gleichzeitig": permit[3]})
        result.append(row)  # proofs go to the sheet Nachweise, with their history (not the *_mtl columns)
    return result


def _proofs(s) -> list[dict]:
    """Every reimbursement proof (R-G4) as it is recorded: amount per month or year, validity."""
    arten, je = {v: k for k, v in ARTEN.items()}, {v: k for k, v in JE.items()}
    return [{"TPP_Nr": r[0], "Art": arten[r[1]], "Betrag": r[2], "Je": je[r[3]],
             "Alterssicherung_Art": r[4] if r[1] == ALTER else None, "Gültig_von": r[5], "Gültig_bis": r[6]}
            for r in s.execute(select(Carer.nr, Erstattungsnachweis.art, Erstattungsnachweis.betrag,
                                      Erstattungsnachweis.je, Erstattungsnachweis.alter_art, Erstattungsnachweis.von,
                                      Erstattungsnachweis.bis)
                               .join(Carer, Carer.id == Erstattungsnachweis.carer_id)
                               .order_by(Carer.nr, Erstattungsnachweis.art, Erstattungsnachweis.von))]


def _children(s, today: date) -> list[dict]:
    families = {fid: (nr, kita) for fid, nr, kita in _rows(s, Family.id, Family.nr, Family.geschwister_in_kita)}
    incomes = _by(_rows(s, FamilyIncome.family_id, FamilyIncome.gueltig_ab, FamilyIncome.jahreseinkommen))
    statuses = _by(_rows(s, ChildStatus.child_id, ChildStatus.gueltig_ab, ChildStatus.besonderer_bedarf,
                         ChildStatus.lvr_inklusionshilfe, ChildStatus.beitragsfrei))
    waivers = _by(_rows(s, Ermaessigung.child_id, Ermaessigung.ab, Ermaessigung.prozent, Ermaessigung.antrag_vom))
    result = []
    yes_no = lambda v: None if v is None else ("ja" if v else "nein")  # noqa: E731
    for c in s.scalars(select(Child).order_by(Child.nr)):
        family_nr, kita = families.get(c.family_id, (None, 0))
        if family_nr == f"{OWN_FAMILY}{c.nr}":
            family_nr = None
        waiver = _current(waivers.get(c.id, []), today)
        own, family = statuses.get(c.id, []), incomes.get(c.family_id, [])
        days = sorted({e[0] for e in own} | {e[0] for e in family})
        if len(days) > 1:  # a history (R-K2): one row per day a dated value changed, with Gültig_ab
            dated = [(day, _at(family, day), _at(own, day)) for day in days]
        else:
            dated = [(None, _current(family, today), _current(own, today))]
        for gueltig_ab, income, status in dated:
            result.append({
                "Nr": c.nr, "Nachname": c.nachname, "Vorname": c.vorname, "Geburtsdatum": c.geburtsdatum,
                "Geschlecht": c.geschlecht, "Sorgeberechtigte": c.sorgeberechtigte, "Straße": c.strasse, "PLZ": c.plz,
                "Ort": c.ort, "Familie_Nr": family_nr, "Jahreseinkommen": income[1] if income else None,
                "Antrag_vom": c.antrag_vom, "Besonderer_Bedarf": yes_no(bool(status and status[1])),
                "LVR_Inklusionshilfe": yes_no(bool(status and status[2])), "Beitragsfrei": yes_no(bool(status and status[3])),
                "Geschwister_in_Kita": kita or 0, "Herkunft_Ausland": yes_no(c.herkunft_ausland),
                "Sprache_nicht_deutsch": yes_no(c.sprache_nicht_deutsch), "Verwandtschaft": c.verwandtschaft,
                "Eingliederungshilfe": yes_no(c.eingliederungshilfe),
                "Ermäßigung_Prozent": waiver[1] if waiver else None, "Ermäßigung_ab": waiver[0] if waiver else None,
                "Ermäßigung_Antrag_vom": waiver[2] if waiver else None, "Gültig_ab": gueltig_ab,
            })
    return result


def _at(entries: list[tuple], day: date):
    """The entry holding on `day` (latest date ≤ day), else None."""
    past = [e for e in entries if e[0] <= day]
    return max(past, key=lambda e: e[0]) if past else None


def _placements(s) -> list[dict]:
    rows = s.execute(select(Child.nr, Carer.nr, Placement.beginn, Placement.ende, PlacementVersion.gueltig_ab,
                            PlacementVersion.wochenstunden, PlacementVersion.randzeitstunden,
                            PlacementVersion.uebernachtungen, PlacementVersion.nacht_im_haushalt_der_eltern,
                            PlacementVersion.zeitplan)
                     .join(Placement, PlacementVersion.placement_id == Placement.id)
                     .join(Child, Child.id == Placement.child_id).join(Carer, Carer.id == Placement.carer_id)
                     .order_by(Child.nr, Placement.beginn, PlacementVersion.gueltig_ab)).all()
    return [{"Kind_Nr": r[0], "TPP_Nr": r[1], "Beginn": r[2], "Ende": r[3],
             "Gültig_ab": None if r[4] == r[2] else r[4], "Wochenstunden": r[5], "Randzeitstunden": r[6],
             "Übernachtungen": int(r[7] or 0), "Nacht_im_Haushalt_der_Eltern": "ja" if r[8] else "nein",
             "Zeitplan": r[9]} for r in rows]


def _specials(s) -> list[dict]:
    kids = dict(_rows(s, Child.id, Child.nr))
    return [dict(TPP_Nr=r[0], Kind_Nr=kids.get(r[1]), Monat=r[2], Betrag=r[3], Grund=r[4]) for r in s.execute(
        select(Carer.nr, Sonderbetrag.child_id, Sonderbetrag.monat, Sonderbetrag.betrag, Sonderbetrag.grund)
        .join(Carer, Carer.id == Sonderbetrag.carer_id).order_by(Carer.nr, Sonderbetrag.monat))]


def _rates(s) -> list[dict]:
    return [{"Gültig_ab": t.gueltig_ab, "Stundensatz_Basis": t.stundensatz_basis,
             "Stundensatz_Qualifiziert": t.stundensatz_qualifiziert, "Randzeitzuschlag": t.randzeitzuschlag,
             "Vertretungsplatz_Pauschale": t.vertretungsplatz_pauschale,
             "Zuschlag_Besonderer_Bedarf_Prozent": t.zuschlag_besonderer_bedarf_prozent,
             "Hoechstbetrag_Unfallversicherung": t.hoechstbetrag_unfallversicherung,
             "Mindestbeitrag_Alterssicherung": t.mindestbeitrag_alterssicherung,
             "Hoechstbetrag_Kranken_Pflege": t.hoechstbetrag_kranken_pflege}
            for t in s.scalars(select(RateTable).order_by(RateTable.gueltig_ab))]
