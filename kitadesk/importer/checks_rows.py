"""Checks within one row (several columns of the same row) and doubled keys within a
sheet. Only values that could be read are checked (`Row.ok`)."""

from dataclasses import fields
from datetime import date

from kitadesk.domain.rules.absence import absence_problems
from kitadesk.domain.rules.carer import CarerRecord, carer_problems
from kitadesk.domain.rules.child import ChildRecord, child_problems
from kitadesk.domain.rules.pay_inputs import holiday_care_problems
from kitadesk.domain.rules.placement import PlacementRecord, hours_question, placement_problems
from kitadesk.domain.rules.proof import ARTEN, proof_problems
from kitadesk.domain.rules.tables import rate_table_problems
from kitadesk.importer.checks_cross import RATE_FIELDS, rate_values
from kitadesk.importer.problems import Problems
from kitadesk.importer.reader import Row, SheetData
from kitadesk.importer.schema import (
    ABSENCES,
    CARERS,
    CHILDREN,
    HOLIDAY_CARE,
    PLACEMENTS,
    PROOF_SHORTCUTS,
    PROOFS,
    RATES,
    Sheet,
)

DATED_CHILD_COLUMNS = frozenset({"Besonderer_Bedarf", "LVR_Inklusionshilfe", "Jahreseinkommen", "Beitragsfrei",
                                 "Geschwister_in_Kita"})  # R-K2: held from the row's Gültig_ab


def effective_gueltig_ab(row: Row) -> date | None:
    """Gültig_ab of a Betreuungen row; empty = the placement's Beginn (first version)."""
    return row.get("Gültig_ab") or row.get("Beginn")


def row_key(sheet_name: str, row: Row) -> tuple | None:
    if sheet_name == PLACEMENTS.name:
        if not row.ok("Kind_Nr", "TPP_Nr", "Beginn", "Gültig_ab"):
            return None
        return row.get("Kind_Nr"), row.get("TPP_Nr"), row.get("Beginn"), effective_gueltig_ab(row)
    if sheet_name == CHILDREN.name:  # Nr, or (Nr, Gültig_ab) where given
        return (row.get("Nr"), row.get("Gültig_ab")) if row.get("Nr") and row.ok("Nr", "Gültig_ab") else None
    from kitadesk.importer.schema import BY_NAME

    key = BY_NAME[sheet_name].key
    if not row.ok(*key):
        return None
    values = tuple(row.values.get(k) for k in key)
    if sheet_name != "Beitragstabelle" and any(v is None for v in values):
        return None
    return values


def check_duplicates(data: dict[str, SheetData], problems: Problems) -> None:
    for name, sheet_data in data.items():
        first: dict[tuple, int] = {}
        key_cols = sheet_data.sheet.key
        for row in sheet_data.rows:
            key = row_key(name, row)
            if key is None:
                continue
            if key in first:
                problems.add(name, row.number, key_cols[0],
                             f"Schlüssel ({', '.join(key_cols)}) kommt doppelt vor (auch Zeile {first[key]}).")
                row.bad.add(key_cols[0])
            else:
                first[key] = row.number


def check_rows(data: dict[str, SheetData], problems: Problems, today: date, existing=None) -> None:
    """The record rules of domain/rules on every row; their fields named as columns."""
    groups = {nr: c.group for nr, c in existing.carers.items()} if existing is not None else {}
    given = _given(data[CARERS.name])
    for row in data[CARERS.name].rows:
        _carer(data[CARERS.name], row, problems, today, groups, given)
    given = _given(data[CHILDREN.name])
    for row in data[CHILDREN.name].rows:
        _report(data[CHILDREN.name], row, child_problems(_record(ChildRecord, CHILDREN, row), today, given), problems)
    check_child_versions(data[CHILDREN.name], problems)
    for row in data[PLACEMENTS.name].rows:
        _report(data[PLACEMENTS.name], row, placement_problems(_record(PlacementRecord, PLACEMENTS, row)), problems)
    check_proof_shortcuts(data, problems)
    for row in data[PROOFS.name].rows:
        v = PROOFS.values(row)
        _report(data[PROOFS.name], row, proof_problems(ARTEN.get(v.get("art")), v.get("betrag"), v.get("alter_art"),
                                                       v.get("von"), v.get("bis")), problems)
    for row in data[ABSENCES.name].rows:
        v = ABSENCES.values(row)
        _report(data[ABSENCES.name], row, absence_problems(v.get("carer_nr"), v.get("von"), v.get("bis"),
                                                           v.get("substitute_nr")), problems)
    for row in data[HOLIDAY_CARE.name].rows:
        if row.get("Datum") and row.ok("Datum"):  # the column checks report empty or unreadable cells
            found = holiday_care_problems(row.get("Datum"), row.get("Stunden") if row.ok("Stunden") else None)
            _report(data[HOLIDAY_CARE.name], row, [p for p in found if p.field == "datum"], problems)
    for row in data[RATES.name].rows:
        present = {field for column, field in RATE_FIELDS.items() if column in row.values}
        values = {k: v for k, v in rate_values(row).items() if k in present}  # empty → the sheet's defaults
        _report(data[RATES.name], row, rate_table_problems(values), problems)


def hours_warnings(data: dict[str, SheetData], warnings: list[str]) -> None:
    """R-K2 (issue 14.5): more than 50 hours a week is asked in the form; the import, which has
    no one to ask, accepts it and lists a warning (same rule: domain/rules/placement.hours_question)."""
    for row in data[PLACEMENTS.name].rows:
        if row.ok("Wochenstunden") and (question := hours_question(row.get("Wochenstunden"))):
            warnings.append(f"{PLACEMENTS.name}, Zeile {row.number}: {question}")


def check_proof_shortcuts(data: dict[str, SheetData], problems: Problems) -> None:
    """interfaces.md §3: a proof either as *_mtl column or as Nachweise row, not both (same carer, Art)."""
    shortcut = {}
    for row in data[CARERS.name].rows:
        for art, column in PROOF_SHORTCUTS:
            if row.get("Nr") and row.get(column) is not None:
                shortcut[(row.get("Nr"), art)] = (row.number, column)
    for row in data[PROOFS.name].rows:
        found = shortcut.get((row.get("TPP_Nr"), ARTEN.get(row.get("Art"))))
        if found:
            problems.add(PROOFS.name, row.number, "Art", f"für Tagespflegeperson {row.get('TPP_Nr')} steht auch "
                                                        f"{found[1]} im Blatt Tagespflegepersonen (Zeile {found[0]}); "
                                                        f"bitte nur eines von beiden angeben (R-G4).")


def _record(cls, sheet: Sheet, row: Row, **extra):
    """The row's readable values as a domain record (unreadable cells count as not given)."""
    names = _FIELD_NAMES.get(cls) or _FIELD_NAMES.setdefault(cls, frozenset(f.name for f in fields(cls)))
    values = {k: v for k, v in sheet.values(row).items() if k in names}
    for column in row.bad:
        values.pop(sheet.by_name[column].field if column in sheet.by_name else None, None)
    return cls(**values, **extra)


_FIELD_NAMES: dict = {}


def _report(sheet_data: SheetData, row: Row, found, problems: Problems, columns: dict | None = None) -> None:
    """Domain problems → `Blatt, Zeile, Spalte`; a field without column in this workbook, or whose
    cell was unreadable (reported already), is left out."""
    sheet = sheet_data.sheet
    for p in found:
        column = (columns or {}).get(p.field) or sheet.column_of(p.field)
        if column is None or not sheet_data.has(column) or not row.ok(column):
            continue
        problems.add(sheet.name, row.number, column, p.message)


def _given(sheet: SheetData) -> set[str]:
    """The domain fields this workbook has columns for."""
    return {c.field for c in sheet.sheet.columns if c.field and sheet.has(c.name)}


def _carer(sheet: SheetData, row: Row, problems: Problems, today: date, groups: dict, given: set[str]) -> None:
    in_group = bool(row.get("Zusammenschluss")) if sheet.has("Zusammenschluss") else bool(groups.get(row.get("Nr")))
    record = _record(CarerRecord, CARERS, row, in_group=in_group)
    _report(sheet, row, carer_problems(record, today, given), problems)
    found = proof_problems("alter", row.get("Alterssicherung_mtl"), row.get("Alterssicherung_Art"))
    _report(sheet, row, found, problems, {"betrag": "Alterssicherung_mtl"})  # the *_mtl shortcut (R-G4)


def check_child_versions(sheet: SheetData, problems: Problems) -> None:
    """Several rows of one child (each with its Gültig_ab) differ only in the dated values (R-K2)."""
    first: dict[str, Row] = {}
    for row in sheet.rows:
        nr = row.get("Nr")
        if not nr:
            continue
        if nr not in first:
            first[nr] = row
            continue
        other = first[nr]
        for column in sheet.present - DATED_CHILD_COLUMNS - {"Nr", "Gültig_ab"}:
            if row.ok(column) and other.ok(column) and row.get(column) != other.get(column):
                problems.add(CHILDREN.name, row.number, column,
                             f"weicht von Zeile {other.number} desselben Kindes {nr} ab; je Gültig_ab dürfen sich nur "
                             f"{', '.join(sorted(DATED_CHILD_COLUMNS))} unterscheiden (R-K2).")
