"""Write Tagespflegepersonen (with Großtagespflege, permit, Führungszeugnis, Vertretungsplatz,
reimbursement proofs) and Kinder (with family, income, status, waiver). New records by bulk
insert (audited), existing ones updated through the ORM (stamped, versioned, audited)."""

from datetime import date

from schwifty import IBAN

from kitadesk.domain.money import monthly_amount
from kitadesk.domain.rules.carer import fuehrungszeugnis_end, latest_permit_end
from kitadesk.importer.existing import FUEHRUNGSZEUGNIS
from kitadesk.importer.schema import CARERS, CHILDREN, PROOF_SHORTCUTS
from kitadesk.importer.writer_base import (
    CHANGED,
    DAY,
    NEW,
    SAME,
    Writer,
    assign,
    differs,
    upsert_dated,
    upsert_history,
)
from kitadesk.models import (
    Carer,
    CarerDocument,
    Child,
    ChildStatus,
    Erlaubnis,
    Ermaessigung,
    Erstattungsnachweis,
    Family,
    FamilyIncome,
    Vertretungsplatz,
    Zusammenschluss,
)

CARER_FIELDS = {
    "Nachname": "nachname", "Vorname": "vorname", "Geburtsdatum": "geburtsdatum", "Geschlecht": "geschlecht",
    "Straße": "strasse", "PLZ": "plz", "Ort": "ort", "Telefon": "telefon", "E-Mail": "email", "SRT": "srt",
    "IBAN": "iban", "Qualifikation": "qualifikation", "Qualifikation_seit": "qualifikation_seit",
    "Tätig_seit": "taetig_seit", "Betreuungsort": "betreuungsort",
}
CHILD_FIELDS = {
    "Nachname": "nachname", "Vorname": "vorname", "Geburtsdatum": "geburtsdatum", "Geschlecht": "geschlecht",
    "Sorgeberechtigte": "sorgeberechtigte", "Straße": "strasse", "PLZ": "plz", "Ort": "ort",
    "Antrag_vom": "antrag_vom", "Herkunft_Ausland": "herkunft_ausland",
    "Sprache_nicht_deutsch": "sprache_nicht_deutsch", "Verwandtschaft": "verwandtschaft",
    "Eingliederungshilfe": "eingliederungshilfe",  # R-S1; empty = derived from LVR_Inklusionshilfe
}
EMPTY_TEXT = {"strasse", "plz", "ort", "telefon", "email", "sorgeberechtigte"}
OWN_FAMILY = "E-"  # Familie_Nr left empty: the child forms a family of its own, Nr "E-<Kind_Nr>"


def _fields(row, mapping: dict) -> dict:
    values = {}
    for column, attr in mapping.items():
        if column not in row.values:
            continue
        value = row.values[column]
        if value is None and attr in EMPTY_TEXT:
            value = ""
        if attr == "betreuungsort" and value is None:
            value = "eigener Haushalt"
        values[attr] = value
        if attr == "iban":
            bic = IBAN(value).bic if value else None
            values["bic"] = str(bic) if bic else None
    return values


def _rows(writer: Writer, sheet) -> list:
    seen, rows = set(), []
    for row in writer.plan.data[sheet.name].rows:
        if row.get("Nr") and row.get("Nr") not in seen:
            seen.add(row.get("Nr"))
            rows.append(row)
    return rows


def write_carers(writer: Writer) -> None:
    rows = _rows(writer, CARERS)
    names = sorted({writer.plan.facts[r.get("Nr")].group for r in rows} - {None} - set(writer.group_id))
    for name, new_id in zip(names, writer.insert(Zusammenschluss, [dict(name=name, ort="Moers") for name in names])):
        writer.group_id[name] = new_id
    changed: set[str] = set()
    new_rows = [r for r in rows if r.get("Nr") not in writer.carer_id]
    dicts = []
    for r in new_rows:
        values = dict(nr=r.get("Nr"), **_fields(r, CARER_FIELDS))
        if "Zusammenschluss" in r.values:
            values["zusammenschluss_id"] = writer.group_id.get(r.get("Zusammenschluss"))
        dicts.append(values)
    for r, new_id in zip(new_rows, writer.insert(Carer, dicts)):
        writer.carer_id[r.get("Nr")] = new_id
    new_nrs = {r.get("Nr") for r in new_rows}
    old_rows = [r for r in rows if r.get("Nr") not in new_nrs]
    objects = {c.nr: c for c in writer.load(Carer, Carer.nr, [r.get("Nr") for r in old_rows])}
    for r in old_rows:
        values = _fields(r, CARER_FIELDS)
        if "Zusammenschluss" in r.values:
            values["zusammenschluss_id"] = writer.group_id.get(r.get("Zusammenschluss"))
        if assign(objects[r.get("Nr")], values):
            changed.add(r.get("Nr"))
    changed |= _carer_records(writer, rows, {r.get("Nr") for r in old_rows})
    for r in rows:
        nr = r.get("Nr")
        writer.count(CARERS.name, NEW if nr in new_nrs else CHANGED if nr in changed else SAME)


def _carer_records(writer: Writer, rows, old_nrs: set[str]) -> set[str]:
    """Permit, Führungszeugnis, Vertretungsplatz, proofs; returns carers with changes."""
    start = writer.plan.period_start
    old_ids = [writer.carer_id[nr] for nr in old_nrs]
    permits = _group(writer.load(Erlaubnis, Erlaubnis.carer_id, old_ids))
    places = _group(writer.load(Vertretungsplatz, Vertretungsplatz.carer_id, old_ids))
    proofs = _group(writer.load(Erstattungsnachweis, Erstattungsnachweis.carer_id, old_ids))
    inserts: dict = {Erlaubnis: [], CarerDocument: [], Vertretungsplatz: []}
    changed = set()
    for r in rows:
        nr, cid = r.get("Nr"), writer.carer_id[r.get("Nr")]
        old = writer.plan.existing.carers.get(nr)
        vom = r.get("Erlaubnis_vom")
        if vom is not None:
            values = dict(bis=r.get("Erlaubnis_bis") or latest_permit_end(vom),
                          max_kinder=r.get("Max_Kinder") or 5, max_gleichzeitig=r.get("Max_gleichzeitig") or 5,
                          betreuungsort=writer.plan.facts[nr].betreuungsort)
            match = [p for p in permits.get(cid, []) if p.vom == vom]
            if match:
                changed.update([nr] if assign(match[0], values) else [])
            else:
                inserts[Erlaubnis].append(dict(carer_id=cid, vom=vom, **values))
                changed.add(nr)
        fz = r.get("Führungszeugnis_vom")
        if fz is not None and not (old and fz in old.fz):
            inserts[CarerDocument].append(dict(carer_id=cid, art=FUEHRUNGSZEUGNIS, person="", erhalten_am=fz,
                                               gueltig_bis=fuehrungszeugnis_end(fz)))
            changed.add(nr)
        von = r.get("Vertretungsplatz_von")
        if r.get("Vertretungsplatz") and von is not None:
            match = [p for p in places.get(cid, []) if p.von == von]
            bis = {"bis": r.get("Vertretungsplatz_bis")} if "Vertretungsplatz_bis" in r.values else {}
            if match:
                changed.update([nr] if assign(match[0], bis) else [])
            else:
                inserts[Vertretungsplatz].append(dict(carer_id=cid, von=von, bis=bis.get("bis")))
                changed.add(nr)
        for art, column in PROOF_SHORTCUTS:
            amount = r.get(column)
            if amount is None:
                continue  # an empty amount leaves stored proofs as they are
            values = dict(betrag=amount, je="monat",
                          alter_art=(r.get("Alterssicherung_Art") or "gesetzlich") if art == "alter" else "gesetzlich")
            mine = [p for p in proofs.get(cid, []) if p.art == art]
            if _proof(writer, cid, art, mine, start, values):
                changed.add(nr)
    for model, dicts in inserts.items():
        writer.insert(model, dicts)
    writer.flush_pending()
    return changed


def _proof(writer: Writer, cid: int, art: str, olds: list, start, values: dict) -> bool:
    """R-G4 proofs hold for the whole period: same → nothing; starting at `start` → corrected;
    else the running proof ends the day before and a new one starts."""
    current = [p for p in olds if p.von <= start and (p.bis is None or p.bis >= start)]
    current = max(current, key=lambda p: p.von) if current else None
    for reference in (current, max(olds, key=lambda p: p.von, default=None)):  # at start, or the latest
        if reference is not None and _same_proof(reference, values):
            return False  # as recorded: an export imported again changes nothing
    if current is not None and current.von == start:
        return assign(current, values)
    if current is not None:
        current.bis = start - DAY
    later = [p.von for p in olds if p.von > start]
    writer.later(Erstattungsnachweis, dict(carer_id=cid, art=art, von=start,
                                           bis=min(later) - DAY if later else None, **values))
    return True


def _same_proof(old, values: dict) -> bool:
    """Equal terms; a yearly proof counts as its monthly twelfth (the sheet holds monthly amounts)."""
    amount = monthly_amount(old.betrag, old.je)
    return not differs(amount, values["betrag"]) and old.alter_art == values["alter_art"]


def _group(objects) -> dict[int, list]:
    result: dict[int, list] = {}
    for obj in objects:
        result.setdefault(getattr(obj, "carer_id", None) or getattr(obj, "child_id", None)
                          or obj.family_id, []).append(obj)
    return result


def family_nr(row) -> str:
    return row.get("Familie_Nr") or f"{OWN_FAMILY}{row.get('Nr')}"


def _all_rows(writer: Writer) -> dict[str, list]:
    """Every Kinder row by Nr — several where the dated values change (Gültig_ab, R-K2)."""
    result: dict[str, list] = {}
    for row in writer.plan.data[CHILDREN.name].rows:
        if row.get("Nr"):
            result.setdefault(row.get("Nr"), []).append(row)
    return result


def _dated(rows) -> bool:
    return any(r.get("Gültig_ab") for r in rows)


def first_care(writer: Writer) -> dict:
    """interfaces.md §3: dated values without Gültig_ab hold from the first placement's start
    (planned or stored); Nr → that day (a child without placement: the workbook's period start)."""
    first: dict[str, object] = {}
    for nr, beginn in [(p.child_nr, p.beginn) for p in writer.plan.placements] + \
            [(p.child_nr, p.beginn) for p in writer.plan.existing.placements.values()]:
        if nr not in first or beginn < first[nr]:
            first[nr] = beginn
    return first


def write_children(writer: Writer) -> None:
    plan = writer.plan
    rows, every = _rows(writer, CHILDREN), _all_rows(writer)
    care = first_care(writer)
    families: dict[str, list] = {}
    for r in rows:
        families.setdefault(family_nr(r), []).append(r)
    changed: set[str] = set()
    latest = {nr: max(every[nr], key=lambda r: r.get("Gültig_ab") or date.min) for nr in every}  # kita: not dated
    kita = {nr: max((latest[r.get("Nr")].get("Geschwister_in_Kita") or 0) for r in rs) for nr, rs in families.items()
            if any("Geschwister_in_Kita" in r.values for r in rs)}
    new_families = [nr for nr in families if nr not in writer.family_id]
    ids = writer.insert(Family, [dict(nr=nr, geschwister_in_kita=kita.get(nr, 0)) for nr in new_families])
    writer.family_id.update(zip(new_families, ids))
    fresh = set(new_families)
    old_families = {f.nr: f for f in writer.load(Family, Family.nr, [n for n in families if n not in fresh])}
    for nr, family in old_families.items():
        if nr in kita and assign(family, {"geschwister_in_kita": kita[nr]}):
            changed.update(r.get("Nr") for r in families[nr])
    if plan.data[CHILDREN.name].has("Jahreseinkommen"):
        fids = [writer.family_id[nr] for nr in families]
        incomes = _group(writer.load(FamilyIncome, FamilyIncome.family_id, fids))
        for nr, rs in families.items():
            fid, kids = writer.family_id[nr], {r.get("Nr") for r in rs}
            family_rows = [r for kid in kids for r in every[kid]]
            start = min(care.get(kid, plan.period_start) for kid in kids)
            entries = [(r.get("Gültig_ab") or start, {"jahreseinkommen": r.get("Jahreseinkommen")})
                       for r in family_rows]
            if _dated(family_rows):
                written = upsert_history(writer, FamilyIncome, "family_id", fid, incomes.get(fid, []), entries,
                                         empty={"jahreseinkommen": None})
            else:
                written = upsert_dated(writer, FamilyIncome, "family_id", fid, incomes.get(fid, []), start,
                                       entries[0][1], empty={"jahreseinkommen": None})
            if written:
                changed.update(kids)
        writer.flush_pending()
    new_rows = [r for r in rows if r.get("Nr") not in writer.child_id]
    dicts = [dict(nr=r.get("Nr"), srt=plan.child_srt[r.get("Nr")], family_id=writer.family_id[family_nr(r)],
                  **_fields(r, CHILD_FIELDS)) for r in new_rows]
    writer.child_id.update(zip([r.get("Nr") for r in new_rows], writer.insert(Child, dicts)))
    new_nrs = {r.get("Nr") for r in new_rows}
    old_rows = [r for r in rows if r.get("Nr") not in new_nrs]
    objects = {c.nr: c for c in writer.load(Child, Child.nr, [r.get("Nr") for r in old_rows])}
    for r in old_rows:
        values = dict(_fields(r, CHILD_FIELDS), srt=plan.child_srt[r.get("Nr")],
                      family_id=writer.family_id[family_nr(r)])
        if assign(objects[r.get("Nr")], values):
            changed.add(r.get("Nr"))
    changed |= _child_records(writer, rows, [writer.child_id[r.get("Nr")] for r in old_rows])
    for r in rows:
        nr = r.get("Nr")
        writer.count(CHILDREN.name, NEW if nr in new_nrs else CHANGED if nr in changed else SAME)


def _child_records(writer: Writer, rows, old_ids: list[int]) -> set[str]:
    statuses = _group(writer.load(ChildStatus, ChildStatus.child_id, old_ids))
    waivers = _group(writer.load(Ermaessigung, Ermaessigung.child_id, old_ids))
    flags = {"Besonderer_Bedarf": "besonderer_bedarf", "LVR_Inklusionshilfe": "lvr_inklusionshilfe",
             "Beitragsfrei": "beitragsfrei"}
    changed, new_waivers = set(), []
    every, care = _all_rows(writer), first_care(writer)
    empty = {attr: False for attr in flags.values()}
    for r in rows:
        nr, cid = r.get("Nr"), writer.child_id[r.get("Nr")]
        olds = statuses.get(cid, [])
        start = care.get(nr, writer.plan.period_start)
        current = max((s for s in olds if s.gueltig_ab <= start), key=lambda s: s.gueltig_ab, default=None)
        entries = [(row.get("Gültig_ab") or start,
                    {attr: (bool(row.get(col)) if col in row.values else bool(current and getattr(current, attr)))
                     for col, attr in flags.items()}) for row in every[nr]]
        if _dated(every[nr]):
            written = upsert_history(writer, ChildStatus, "child_id", cid, olds, entries, empty)
        else:
            written = upsert_dated(writer, ChildStatus, "child_id", cid, olds, start, entries[0][1], empty=empty)
        if written:
            changed.add(nr)
        ab = r.get("Ermäßigung_ab")
        if ab is not None and r.get("Ermäßigung_Prozent") is not None:
            match = [w for w in waivers.get(cid, []) if w.ab == ab]
            values = {"prozent": r.get("Ermäßigung_Prozent")}
            if r.get("Ermäßigung_Antrag_vom") is not None or not match:
                values["antrag_vom"] = r.get("Ermäßigung_Antrag_vom") or ab
            if match:
                changed.update([nr] if assign(match[0], values) else [])
            else:
                new_waivers.append(dict(child_id=cid, ab=ab, **values))
                changed.add(nr)
    writer.insert(Ermaessigung, new_waivers)
    writer.flush_pending()
    return changed
