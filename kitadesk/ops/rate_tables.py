"""Rate tables (Satztabellen, R-G2), fee tables (Beitragstabellen, R-E1) and the SRT contact
blocks (R-V2) as the settings screen edits them; a fee table also to and from `.xlsx`
(sheet `Beitragstabelle`, columns of interfaces.md §3).

Permissions (issue 8, decisions where the spec is silent):
- A rate table is entered or edited by whoever may change settings (`einstellungen`, Admin)
  or confirm rates (`saetze_bestaetigen`, Leitung). It stays unconfirmed until the Leitung
  confirms it (ops.rates.confirm_rate_table). A confirmed table is never changed — the office
  enters a new table with another Gültig ab instead (as the import does).
- Fee tables and SRT contacts need `einstellungen`.
- A fee table is saved only when complete (domain.fee_table.FeeTable.errors(): every bracket ×
  band for both ages); its cells are replaced as a whole. A table of the same Gültig ab is
  replaced. Fee cells have no audit hook of their own, so one audit entry on the table lists
  the cells that changed.
"""

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from kitadesk import models as orm  # ORM classes whose names the domain uses too (issue 17.4)
from kitadesk.domain.fee_table import FeeCell, FeeTable, build_fee_tables
from kitadesk.domain.inputs import RateTable
from kitadesk.domain.rules.tables import rate_table_problems as rules_rate_table_problems
from kitadesk.errors import InputError
from kitadesk.formats import day, hours, money
from kitadesk.models import SRTS, AuditEntry, SrtOffice
from kitadesk.models.session import now
from kitadesk.ops.base import Actor, load_actor, save_with_version, unit_of_work
from kitadesk.store import Store

RATE_FIELDS = tuple(f.name for f in fields(RateTable))
FEE_SHEET = "Beitragstabelle"
FEE_COLUMNS = ("Gültig_ab", "Alter", "Einkommen_bis", "Stunden_bis", "Beitrag")
SRT_FIELDS = ("bezeichnung", "ansprechpartner", "raum", "telefon", "email")
SRT_LIMITS = {"bezeichnung": 120, "ansprechpartner": 120, "raum": 40, "telefon": 40, "email": 120}


# --- rate tables ------------------------------------------------------------------------------

@dataclass(frozen=True)
class StoredRateTable:
    """A stored rate table: the domain values plus id, version and its confirmation."""

    id: int
    version: int
    table: RateTable
    example: bool
    confirmed_by: str | None
    confirmed_at: datetime | None

    @property
    def confirmed(self) -> bool:
        return bool(self.confirmed_by)


def may_edit_rates(actor: Actor) -> bool:
    return actor.has("saetze_erfassen")


def _require_rates(actor: Actor) -> None:
    actor.require("saetze_erfassen")


def rate_tables(store: Store) -> list[StoredRateTable]:
    """Every rate table, newest Gültig ab first."""
    with store.session() as session:
        rows = session.scalars(select(orm.RateTable).order_by(orm.RateTable.gueltig_ab.desc())).all()
        return [StoredRateTable(r.id, r.version, RateTable(**{n: getattr(r, n) for n in RATE_FIELDS}),
                                bool(r.ist_beispiel), r.bestaetigt_von, r.bestaetigt_am) for r in rows]


def rate_table_problems(table: RateTable) -> list[str]:
    """German messages for missing or impossible values (empty list = fine); the rules are
    domain/rules/tables.py, the same the import asks."""
    where = f"Satztabelle ab {day(table.gueltig_ab)}" if table.gueltig_ab else "Satztabelle"
    values = {f.name: getattr(table, f.name) for f in fields(RateTable)}
    return [f"{where}: {p.message}" for p in rules_rate_table_problems(values)]


def save_rate_table(store: Store, user: str, table: RateTable, table_id: int | None = None,
                    expected_version: int | None = None) -> int:
    """Add (table_id None) or change an unconfirmed rate table; returns its id. The saved
    table is unconfirmed until the Leitung confirms it (ops.rates.confirm_rate_table)."""
    problems = rate_table_problems(table)
    if problems:
        raise InputError("Satztabelle nicht gespeichert.", problems)
    values = {n: getattr(table, n) for n in RATE_FIELDS}
    values["vertretungsplatz_pauschale"] = values["vertretungsplatz_pauschale"] or Decimal("0")
    with unit_of_work(store, user) as session:
        _require_rates(load_actor(session, user))
        clash = session.scalar(select(orm.RateTable).where(orm.RateTable.gueltig_ab == table.gueltig_ab))
        if clash is not None and clash.id != table_id:
            raise InputError(f"Es gibt schon eine Satztabelle gültig ab {day(table.gueltig_ab)} – bitte diese "
                             "bearbeiten oder ein anderes Datum wählen.")
        if table_id is None:
            row = orm.RateTable(**values, ist_beispiel=False)
            session.add(row)
            session.flush()
            return row.id
        found = session.get(orm.RateTable, table_id)
        if found is None:
            raise InputError(f"Satztabelle {table_id} nicht gefunden.")
        if found.bestaetigt_von:
            raise InputError(f"Die Satztabelle gültig ab {day(found.gueltig_ab)} ist von {found.bestaetigt_von} "
                             "bestätigt und wird nicht mehr geändert (R-G2); bitte eine neue Tabelle mit "
                             "anderem „Gültig ab“ anlegen.")
        version = found.version if expected_version is None else expected_version
        save_with_version(session, orm.RateTable, table_id, version, {**values, "ist_beispiel": False})
        return table_id


# --- fee tables -------------------------------------------------------------------------------

@dataclass(frozen=True)
class StoredFeeTable:
    id: int
    version: int
    table: FeeTable  # the domain table (is_example set)


def fee_tables(store: Store) -> list[StoredFeeTable]:
    """Every fee table with its cells, newest Gültig ab first."""
    with store.session() as session:
        rows = session.scalars(select(orm.FeeTable).order_by(orm.FeeTable.gueltig_ab.desc())).all()
        cells: dict[int, list[FeeCell]] = {}
        for c in session.scalars(select(orm.FeeCell)):
            cells.setdefault(c.table_id, []).append(FeeCell(c.alter, c.einkommen_bis, c.stunden_bis, c.beitrag))
        return [StoredFeeTable(r.id, r.version, FeeTable(r.gueltig_ab, tuple(cells.get(r.id, ())),
                                                          bool(r.ist_beispiel))) for r in rows]


def _cell_key(cell) -> tuple:
    return (cell.alter, cell.einkommen_bis, Decimal(cell.stunden_bis).normalize())


def _cell_label(key: tuple) -> str:
    alter, income, band = key
    bound = "oberste Stufe" if income is None else f"Einkommen bis {money(income)}"
    return f"{alter}, {bound}, Stunden bis {hours(band)}"


def _sort_key(key: tuple) -> tuple:
    return (key[0], key[1] is None, key[1] or 0, key[2])


def save_fee_table(store: Store, user: str, table: FeeTable, table_id: int | None = None,
                   expected_version: int | None = None, replace: bool = False) -> int:
    """Add or change a fee table (right `einstellungen`); refused unless complete. With `replace`
    a new table replaces the stored table of the same Gültig ab (import). Returns its id."""
    _check_fee_table(table)
    with unit_of_work(store, user) as session:
        load_actor(session, user).require("einstellungen")
        return _save_fee_table(session, user, table, table_id, expected_version, replace)


def _check_fee_table(table: FeeTable) -> None:
    problems = table.errors()
    if problems:
        raise InputError(f"Beitragstabelle ab {day(table.gueltig_ab)} nicht gespeichert – sie ist unvollständig "
                         "oder fehlerhaft:", problems)


def _save_fee_table(session, user: str, table: FeeTable, table_id: int | None, expected_version: int | None,
                    replace: bool) -> int:
    clash = session.scalar(select(orm.FeeTable).where(orm.FeeTable.gueltig_ab == table.gueltig_ab))
    if table_id is None and clash is not None and replace:
        table_id = clash.id  # same Gültig ab: the new cells replace the stored ones
    elif clash is not None and clash.id != table_id:
        raise InputError(f"Es gibt schon eine Beitragstabelle gültig ab {day(table.gueltig_ab)} – bitte diese "
                         "bearbeiten oder ein anderes Datum wählen.")
    old: dict = {}
    if table_id is None:
        row = orm.FeeTable(gueltig_ab=table.gueltig_ab, ist_beispiel=False)
        session.add(row)
        session.flush()
    else:
        row = session.get(orm.FeeTable, table_id)
        if row is None:
            raise InputError(f"Beitragstabelle {table_id} nicht gefunden.")
        version = row.version if expected_version is None else expected_version
        old = {_cell_key(c): c.beitrag for c in row.cells}
        save_with_version(session, orm.FeeTable, table_id, version,
                          {"gueltig_ab": table.gueltig_ab, "ist_beispiel": False})
        if row.version == version:  # only the cells change: still a new version of the table
            row.updated_at = now()
            session.flush()
        session.execute(delete(orm.FeeCell).where(orm.FeeCell.table_id == table_id))
        session.expire(row, ["cells"])
    session.add_all(orm.FeeCell(table_id=row.id, alter=c.alter, einkommen_bis=c.einkommen_bis,
                                 stunden_bis=c.stunden_bis, beitrag=c.beitrag) for c in table.cells)
    new = {_cell_key(c): c.beitrag for c in table.cells}
    changed = sorted((k for k in set(old) | set(new) if old.get(k) != new.get(k)), key=_sort_key)
    if old and changed:
        session.add(AuditEntry(
            zeit=now(), benutzer=user, tabelle=orm.FeeTable.__tablename__, datensatz_id=row.id,
            aktion="geändert", alt={_cell_label(k): _text(old.get(k)) for k in changed},
            neu={_cell_label(k): _text(new.get(k)) for k in changed}))
    session.flush()
    return row.id


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def write_fee_table_xlsx(tables: FeeTable | Sequence[FeeTable], path: str | Path) -> Path:
    """Write fee tables as sheet `Beitragstabelle` (one row per cell; real numbers, dates as dates)."""
    from kitadesk.reports.errors import ReportError
    from kitadesk.reports.xlsx_style import DATE, HOURS, MONEY, TEXT, Column, FinanceWorkbook

    tables = [tables] if isinstance(tables, FeeTable) else list(tables)
    kinds, widths = (DATE, TEXT, MONEY, HOURS, MONEY), (12, 10, 16, 12, 12)
    rows = [(table.gueltig_ab, c.alter, c.einkommen_bis, c.stunden_bis, c.beitrag) for table in tables
            for c in sorted(table.cells, key=lambda c: (c.alter != "unter 3", *_sort_key(_cell_key(c))[1:]))]
    path = Path(path)
    try:
        with FinanceWorkbook(path, title=FEE_SHEET) as wb:
            wb.add_table(FEE_SHEET, [Column(h, k, w) for h, k, w in zip(FEE_COLUMNS, kinds, widths)], rows,
                         totals=False)
    except ReportError as exc:
        raise InputError(exc.message) from exc
    return path


def read_fee_table_xlsx(path: str | Path) -> list[FeeTable]:
    """Fee tables from sheet `Beitragstabelle`; every problem at once as InputError
    ("Blatt, Zeile, Spalte: Meldung", interfaces.md §3), incomplete tables included."""
    from openpyxl import load_workbook

    from kitadesk.importer.cells import PARSERS, CellError, clean
    from kitadesk.importer.schema import FEES

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a zip, damaged, no workbook …
        raise InputError(f"Die Datei {path.name} ist keine lesbare Excel-Arbeitsmappe (.xlsx).") from exc
    try:
        if FEE_SHEET not in wb.sheetnames:
            raise InputError(f"Die Datei {path.name} enthält kein Blatt „{FEE_SHEET}“ "
                             f"(vorhanden: {', '.join(wb.sheetnames)}).")
        rows = list(wb[FEE_SHEET].iter_rows(values_only=True))
    finally:
        wb.close()
    problems: list[str] = []
    header = [str(v).strip() if v is not None else "" for v in (rows[0] if rows else ())]
    while header and not header[-1]:
        header.pop()
    unknown = [h for h in header if h not in FEE_COLUMNS]
    missing = [c for c in FEE_COLUMNS if c not in header]
    if unknown:
        problems.append(f"{FEE_SHEET}, Zeile 1: unbekannte Spalte(n) {', '.join(unknown)}.")
    if missing:
        problems.append(f"{FEE_SHEET}, Zeile 1: Spalte(n) {', '.join(missing)} fehlen.")
    if problems:
        raise InputError(f"Beitragstabelle aus {path.name} nicht gelesen.", problems)
    cells = []
    for number, values in enumerate(rows[1:], start=2):
        raw = dict(zip(header, values))
        if all(v is None or str(v).strip() == "" for v in raw.values()):
            continue
        parsed: dict[str, object] = {}
        ok = True
        for name in FEE_COLUMNS:
            col = FEES.by_name[name]
            try:
                value = clean(raw.get(name))
                if value is None:
                    if col.required:
                        raise CellError("ist leer (Pflichtangabe).")
                    parsed[name] = None
                else:
                    parsed[name] = PARSERS[col.kind](value, col)
            except CellError as exc:
                problems.append(f"{FEE_SHEET}, Zeile {number}, {name}: {exc}")
                ok = False
        if ok:
            fields: dict[str, Any] = parsed
            cells.append((fields["Gültig_ab"], FeeCell(fields["Alter"], fields["Einkommen_bis"],
                                                       fields["Stunden_bis"], fields["Beitrag"])))
    tables = build_fee_tables(cells)
    if not tables and not problems:
        problems.append(f"{FEE_SHEET}: keine Zeilen mit Daten.")
    for table in tables:
        problems += table.errors()
    if problems:
        raise InputError(f"Beitragstabelle aus {path.name} nicht übernommen – bitte korrigieren:", problems)
    return tables


def import_fee_tables_xlsx(store: Store, user: str, path: str | Path) -> list[int]:
    """Read fee tables from `.xlsx` and save each (all or nothing); returns their ids."""
    tables = read_fee_table_xlsx(path)  # complete tables only (every problem listed at once)
    with unit_of_work(store, user) as session:
        load_actor(session, user).require("einstellungen")
        return [_save_fee_table(session, user, table, None, None, True) for table in tables]


# --- SRT contacts (letters, R-V2) -------------------------------------------------------------

@dataclass(frozen=True)
class SrtContactRow:
    srt: str
    id: int | None  # None: not stored yet (the Richtlinien's block is shown)
    version: int | None
    bezeichnung: str
    ansprechpartner: str
    raum: str
    telefon: str
    email: str


def srt_contacts(store: Store) -> list[SrtContactRow]:
    """One row per SRT (office order): the stored block, else the Richtlinien's default."""
    from kitadesk.reports.letters import SRT_CONTACTS

    with store.session() as session:
        stored = {r.srt: r for r in session.scalars(select(SrtOffice))}
    result = []
    for srt in (*SRTS, *sorted(s for s in stored if s not in SRTS)):
        row = stored.get(srt)
        if row is not None:
            result.append(SrtContactRow(srt, row.id, row.version, row.bezeichnung, row.ansprechpartner or "",
                                        row.raum or "", row.telefon or "", row.email or ""))
        else:
            base = SRT_CONTACTS.get(srt)
            result.append(SrtContactRow(srt, None, None, base.name if base else f"SRT {srt}",
                                        base.ansprechpartner if base else "", base.room if base else "",
                                        base.phone if base else "", base.email if base else ""))
    return result


def save_srt_contact(store: Store, user: str, srt: str, values: dict[str, str],
                     expected_version: int | None = None) -> int:
    """Store the contact block of an SRT (right `einstellungen`); returns its id."""
    if srt not in SRTS:
        raise InputError(f"Unbekanntes SRT „{srt}“ (bekannt: {', '.join(SRTS)}).")
    clean = {k: " ".join(str(values.get(k) or "").split()) for k in SRT_FIELDS}
    problems = [f"SRT {srt}: {k.capitalize()} ist zu lang (höchstens {n} Zeichen)."
                for k, n in SRT_LIMITS.items() if len(clean[k]) > n]
    if not clean["bezeichnung"]:
        problems.append(f"SRT {srt}: die Bezeichnung fehlt.")
    if clean["email"] and ("@" not in clean["email"] or " " in clean["email"]):
        problems.append(f"SRT {srt}: „{clean['email']}“ ist keine E-Mail-Adresse.")
    if problems:
        raise InputError("SRT-Kontakt nicht gespeichert.", problems)
    with unit_of_work(store, user) as session:
        load_actor(session, user).require("einstellungen")
        row = session.scalar(select(SrtOffice).where(SrtOffice.srt == srt))
        if row is None:
            row = SrtOffice(srt=srt, **clean)
            session.add(row)
            session.flush()
            return row.id
        version = row.version if expected_version is None else expected_version
        save_with_version(session, SrtOffice, row.id, version, clean)
        return row.id
