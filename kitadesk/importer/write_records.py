"""Write Betreuungen (placements and versions, R-K4), Abwesenheiten, Fortbildungen,
Monatsmeldungen, Sonderbeträge, Beitragstabelle and Sätze."""


from kitadesk.domain.money import cents
from kitadesk.domain.rules.proof import ALTER, ARTEN, JE
from kitadesk.formats import day as fmt_day
from kitadesk.importer.checks_cross import RATE_FIELDS, rate_values
from kitadesk.importer.placements_plan import NEW as V_NEW
from kitadesk.importer.placements_plan import UPDATE as V_UPDATE
from kitadesk.importer.placements_plan import describe_terms, terms_of_old
from kitadesk.importer.schema import (
    ABSENCES,
    CHILDREN,
    FEES,
    HOLIDAY_CARE,
    PLACEMENTS,
    PROOFS,
    RATES,
    SPECIAL,
    TRAININGS,
)
from kitadesk.importer.writer_base import CHANGED, NEW, SAME, Writer, assign
from kitadesk.models import (
    Absence,
    ChangeNotice,
    Erstattungsnachweis,
    FeeCell,
    FeeTable,
    Fortbildung,
    Monatsmeldung,
    Placement,
    PlacementVersion,
    RateTable,
    Sonderbetrag,
)

IMPORT_REASON = "Import"
CHANGE_NOTICE = "Betreuung geändert"  # R-K4 → may need an Änderungsbescheid (R-V5)


def write_placements(writer: Writer) -> None:
    plan = writer.plan
    antrag = {r.get("Nr"): r.get("Antrag_vom") for r in plan.data[CHILDREN.name].rows if r.get("Nr")}
    fresh = [p for p in plan.placements if p.old is None]
    ids = writer.insert(Placement, [dict(child_id=writer.child_id[p.child_nr], carer_id=writer.carer_id[p.carer_nr],
                                         beginn=p.beginn, ende=p.ende, antrag_vom=antrag.get(p.child_nr))
                                    for p in fresh])
    placement_id = {p.key: i for p, i in zip(fresh, ids)}
    olds = [p for p in plan.placements if p.old is not None]
    placement_id.update({p.key: p.old.id for p in olds})
    ended = {o.id: o for o in writer.load(Placement, Placement.id, [p.old.id for p in olds if p.ende_changed])}
    for p in olds:
        if p.ende_changed:
            assign(ended[p.old.id], {"ende": p.ende})
    updates = {v.id: v for v in writer.load(PlacementVersion, PlacementVersion.id,
                                            [v.old.id for p in olds for v in p.versions if v.action == V_UPDATE])}
    new_versions, notices = [], []
    for p in plan.placements:
        for v in p.versions:
            if v.action == V_NEW:
                new_versions.append(dict(placement_id=placement_id[p.key], gueltig_ab=v.gueltig_ab,
                                         grund=IMPORT_REASON, **v.terms))
                if p.old is not None:
                    before = [o for d, o in p.old.versions.items() if d < v.gueltig_ab]
                    previous = describe_terms(terms_of_old(max(before, key=lambda o: o.gueltig_ab))) if before else "–"
                    notices.append(dict(art=CHANGE_NOTICE, child_id=writer.child_id[p.child_nr],
                                        carer_id=writer.carer_id[p.carer_nr], wirksam_ab=v.gueltig_ab,
                                        beschreibung=f"Neue Fassung ab {fmt_day(v.gueltig_ab)} (Import): "
                                                     f"{previous} → {describe_terms(v.terms)}"))
            elif v.action == V_UPDATE:
                assign(updates[v.old.id], v.terms)
            writer.count(PLACEMENTS.name, NEW if v.action == V_NEW else
                         CHANGED if v.action == V_UPDATE or p.ende_changed else SAME)
    writer.insert(PlacementVersion, new_versions)
    writer.insert(ChangeNotice, notices)


def _keyed_upsert(writer: Writer, sheet, model, parent_column, key_of, values_of, parent_ids) -> None:
    """Generic: rows keyed within a parent (carer or child); new → insert, existing → update."""
    olds = {key_of(o): o for o in writer.load(model, parent_column, parent_ids)}
    new = []
    seen = set()
    for row in writer.plan.data[sheet.name].rows:
        values, key = values_of(row)
        if key is None or key in seen:
            continue
        seen.add(key)
        if key in olds:
            writer.count(sheet.name, CHANGED if assign(olds[key], values) else SAME)
        else:
            new.append(values | dict(zip(_KEYS[model], key)))
            writer.count(sheet.name, NEW)
    writer.insert(model, new)


_KEYS = {
    Absence: ("carer_id", "von"), Erstattungsnachweis: ("carer_id", "art", "von"), Fortbildung: ("carer_id", "datum", "titel"),
    Monatsmeldung: ("child_id", "datum"), Sonderbetrag: ("carer_id", "monat", "grund"),
}


def write_movements(writer: Writer) -> None:
    carer, child = writer.carer_id, writer.child_id
    data = writer.plan.data

    def absence(r):
        values = {"bis": r.get("Bis"), "art": r.get("Art")}
        if "Vertretung_TPP_Nr" in r.values:
            values["substitute_id"] = carer.get(r.get("Vertretung_TPP_Nr"))
        return values, (carer[r.get("TPP_Nr")], r.get("Von"))

    def proof(r):
        art = ARTEN[r.get("Art")]
        values = {"betrag": r.get("Betrag"), "je": JE[r.get("Je")],
                  "alter_art": (r.get("Alterssicherung_Art") or "gesetzlich") if art == ALTER else "gesetzlich"}
        if "Gültig_bis" in r.values:
            values["bis"] = r.get("Gültig_bis")
        return values, (carer[r.get("TPP_Nr")], art, r.get("Gültig_von"))

    ids = [carer[r.get("TPP_Nr")] for r in data[PROOFS.name].rows]
    _keyed_upsert(writer, PROOFS, Erstattungsnachweis, Erstattungsnachweis.carer_id,
                  lambda o: (o.carer_id, o.art, o.von), proof, ids)
    ids = [carer[r.get("TPP_Nr")] for r in data[ABSENCES.name].rows]
    _keyed_upsert(writer, ABSENCES, Absence, Absence.carer_id, lambda o: (o.carer_id, o.von), absence, ids)
    ids = [carer[r.get("TPP_Nr")] for r in data[TRAININGS.name].rows]
    _keyed_upsert(writer, TRAININGS, Fortbildung, Fortbildung.carer_id, lambda o: (o.carer_id, o.datum, o.titel),
                  lambda r: ({"stunden": r.get("Stunden")}, (carer[r.get("TPP_Nr")], r.get("Datum"), r.get("Titel"))),
                  ids)
    ids = [child[r.get("Kind_Nr")] for r in data[HOLIDAY_CARE.name].rows]
    _keyed_upsert(writer, HOLIDAY_CARE, Monatsmeldung, Monatsmeldung.child_id, lambda o: (o.child_id, o.datum),
                  lambda r: ({"stunden": r.get("Stunden")}, (child[r.get("Kind_Nr")], r.get("Datum"))), ids)

    def special(r):
        values = {"betrag": r.get("Betrag")}
        if "Kind_Nr" in r.values:
            values["child_id"] = child.get(r.get("Kind_Nr"))
        return values, (carer[r.get("TPP_Nr")], r.get("Monat"), r.get("Grund"))

    ids = [carer[r.get("TPP_Nr")] for r in data[SPECIAL.name].rows]
    _keyed_upsert(writer, SPECIAL, Sonderbetrag, Sonderbetrag.carer_id, lambda o: (o.carer_id, o.monat, o.grund),
                  special, ids)


def write_tables(writer: Writer) -> None:
    data = writer.plan.data
    rows = data[FEES.name].rows
    days = sorted({r.get("Gültig_ab") for r in rows})
    tables = {t.gueltig_ab: t for t in writer.load(FeeTable, FeeTable.gueltig_ab, days)}
    new_days = [d for d in days if d not in tables]
    table_id = dict(zip(new_days, writer.insert(FeeTable, [dict(gueltig_ab=d, ist_beispiel=False) for d in new_days])))
    table_id.update({d: t.id for d, t in tables.items()})
    cells = {(c.table_id, c.alter, _n(c.einkommen_bis), _n(c.stunden_bis)): c
             for c in writer.load(FeeCell, FeeCell.table_id, list(table_id.values()))}
    new_cells, touched = [], set()
    for r in rows:
        key = (table_id[r.get("Gültig_ab")], r.get("Alter"), _n(r.get("Einkommen_bis")), _n(r.get("Stunden_bis")))
        if key in cells:
            changed = assign(cells[key], {"beitrag": r.get("Beitrag")})
            writer.count(FEES.name, CHANGED if changed else SAME)
            if changed:
                touched.add(r.get("Gültig_ab"))
        else:
            touched.add(r.get("Gültig_ab"))
            new_cells.append(dict(table_id=key[0], alter=key[1], einkommen_bis=r.get("Einkommen_bis"),
                                  stunden_bis=r.get("Stunden_bis"), beitrag=r.get("Beitrag")))
            writer.count(FEES.name, NEW)
    writer.insert(FeeCell, new_cells)
    for day in touched & set(tables):
        assign(tables[day], {"ist_beispiel": False})  # changed figures are the office's own, no example
    rows = data[RATES.name].rows
    olds = {t.gueltig_ab: t for t in writer.load(RateTable, RateTable.gueltig_ab, [r.get("Gültig_ab") for r in rows])}
    new = []
    for r in rows:
        values = rate_values(r)
        present = {attr for col, attr in RATE_FIELDS.items() if col in r.values}
        old = olds.get(r.get("Gültig_ab"))
        if old is None:
            new.append(dict(gueltig_ab=r.get("Gültig_ab"), ist_beispiel=False, **values))
            writer.count(RATES.name, NEW)
        else:
            values = {k: v for k, v in values.items() if k in present}
            changed = assign(old, values)
            if changed:
                old.ist_beispiel = False  # changed figures are the office's own, no example
            writer.count(RATES.name, CHANGED if changed else SAME)
    writer.insert(RateTable, new)


def _n(value):
    return None if value is None else cents(value)
