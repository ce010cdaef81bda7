"""The audit log (issue 8): entries per record and per table, export as xlsx and CSV, and the
wording of "who changed what when" (also used by the optimistic-locking refusal).

The app only ever appends to `audit_log` (session hook, models/session.py); database
triggers (models/immutability.py) refuse UPDATE and DELETE, except the redaction of personal
values by a data-protection run that logged itself first (ops/privacy.py).
IBAN, BIC and income are masked for users who may not see them (ops.base.Actor.can_see_sensitive)."""

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.labels import FIELD_LABELS, field_label  # noqa: F401 (re-export)
from kitadesk.formats import day
from kitadesk.models import AuditEntry, Carer, Child, FamilyIncome
from kitadesk.ops.base import Actor, load_actor, unit_of_work
from kitadesk.reports.cells import csv_text, sheet_name
from kitadesk.reports.output import atomic_path
from kitadesk.store import Store

TABLE_LABELS = {
    "carers": "Tagespflegeperson", "children": "Kind", "families": "Familie", "family_incomes": "Familieneinkommen",
    "placements": "Betreuung", "placement_versions": "Betreuungsumfang", "erlaubnisse": "Erlaubnis",
    "carer_documents": "Unterlage", "fortbildungen": "Fortbildung", "erstattungsnachweise": "Erstattungsnachweis",
    "vertretungsplaetze": "Vertretungsplatz", "carer_notes": "Notiz", "qualification_costs": "Qualifizierungskosten",
    "absences": "Abwesenheit", "zusammenschluesse": "Zusammenschluss", "child_statuses": "Status des Kindes",
    "ermaessigungen": "Ermäßigung", "monatsmeldungen": "Monatsmeldung", "sonderbetraege": "Sonderbetrag",
    "change_notices": "Änderungsmitteilung", "rate_tables": "Satztabelle", "fee_tables": "Beitragstabelle",
    "fee_cells": "Beitragszelle", "settings": "Einstellung", "srt_offices": "SRT-Kontakt", "users": "Benutzer",
    "exporte": "Export",
}
SENSITIVE_FIELDS = frozenset({"iban", "bic", "jahreseinkommen"})
MASK = "••••"
HEADERS = ("Nr", "Zeit", "Benutzer", "Tabelle", "Datensatz", "Aktion", "Änderungen", "Alt (JSON)", "Neu (JSON)")


@dataclass(frozen=True)
class AuditRow:
    id: int
    zeit: datetime
    benutzer: str
    tabelle: str
    datensatz_id: int | None
    aktion: str
    alt: dict | None
    neu: dict | None

    @property
    def description(self) -> str:
        return describe_change(self.aktion, self.alt, self.neu)

    def as_cells(self) -> tuple:
        dump = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True) if v is not None else ""  # noqa: E731
        return (self.id, self.zeit, self.benutzer, table_label(self.tabelle), self.datensatz_id, self.aktion,
                self.description, dump(self.alt), dump(self.neu))


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def _value(v) -> str:
    return "" if v is None else str(v)


def describe_change(aktion: str, alt: dict | None, neu: dict | None) -> str:
    """'Telefon: „“ → „02841 123“; Ort: …' for changes; the fields for new/deleted records."""
    if aktion == "geändert":
        keys = sorted((neu or {}).keys() or (alt or {}).keys())  # the hook's key order is arbitrary
        return "; ".join(f"{field_label(k)}: „{_value((alt or {}).get(k))}“ → „{_value((neu or {}).get(k))}“"
                         for k in keys)
    values = neu if neu is not None else alt
    return "; ".join(f"{field_label(k)}: „{_value(v)}“" for k, v in (values or {}).items() if v not in (None, ""))


def _when(zeit: datetime) -> str:
    return f"am {day(zeit.date())} um {zeit:%H:%M} Uhr"


def stale_message(table: str, label: str | None, entries: list[dict], deleted: bool) -> str:
    """German refusal for a stale save: who changed what when; nothing was saved; reload."""
    what = table_label(table) + (f" {label}" if label else "")
    if not entries:
        how = "gelöscht" if deleted else "geändert"
        head = f"{what} wurde inzwischen von jemand anderem {how}."
    elif deleted:
        e = entries[-1]
        head = f"{what} wurde inzwischen von {e['benutzer']} {_when(e['zeit'])} gelöscht."
    else:
        parts = [f"von {e['benutzer']} {_when(e['zeit'])} ({describe_change('geändert', e['alt'], e['neu'])})"
                 for e in entries if e["aktion"] == "geändert"]
        head = f"{what} wurde inzwischen geändert: " + "; ".join(parts) + "."
    tail = " Ihre Änderung wurde nicht gespeichert." + ("" if deleted else
                                                        " Bitte den Datensatz neu laden und die Änderung erneut eingeben.")
    return head + tail


# --- reading ---------------------------------------------------------------------------------

def _record_srts(session: Session, rows: list[AuditEntry]) -> dict[tuple[str, int], set[str]]:
    """SRT(s) of the records that carry sensitive values (for masking)."""
    out: dict[tuple[str, int], set[str]] = {}
    ids = {t: {r.datensatz_id for r in rows if r.tabelle == t and r.datensatz_id} for t in
           ("carers", "children", "families", "family_incomes")}
    for model, table in ((Carer, "carers"), (Child, "children")):
        if ids[table]:
            for rid, srt in session.execute(select(model.id, model.srt).where(model.id.in_(ids[table]))):
                out[(table, rid)] = {srt}
    fam_ids = set(ids["families"])
    income_family = {}
    if ids["family_incomes"]:
        income_family = dict(session.execute(select(FamilyIncome.id, FamilyIncome.family_id)
                                             .where(FamilyIncome.id.in_(ids["family_incomes"]))).all())
        fam_ids |= set(income_family.values())
    fam_srts: dict[int, set[str]] = {}
    if fam_ids:
        for fid, srt in session.execute(select(Child.family_id, Child.srt).where(Child.family_id.in_(fam_ids))):
            if fid is not None:
                fam_srts.setdefault(fid, set()).add(srt)
    for fid in ids["families"]:
        out[("families", fid)] = fam_srts.get(fid, set())
    for iid, fid in income_family.items():
        out[("family_incomes", iid)] = fam_srts.get(fid, set())
    return out


def _masked(values: dict | None, visible: bool) -> dict | None:
    if values is None or visible:
        return values
    return {k: (MASK if k in SENSITIVE_FIELDS and v not in (None, "") else v) for k, v in values.items()}


def _rows(session: Session, actor: Actor, entries: list[AuditEntry]) -> list[AuditRow]:
    srts = _record_srts(session, entries) if not actor.can_see_sensitive() else {}
    out = []
    for e in entries:
        visible = actor.can_see_sensitive() or any(
            actor.can_see_sensitive(s) for s in srts.get((e.tabelle, e.datensatz_id or 0), ()))
        out.append(AuditRow(e.id, e.zeit, e.benutzer, e.tabelle, e.datensatz_id, e.aktion,
                            _masked(e.alt, visible), _masked(e.neu, visible)))
    return out


def entries_for_record(store: Store, user: str, tabelle: str, datensatz_id: int) -> list[AuditRow]:
    """The history of one record, oldest first."""
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        actor.require("lesen")
        entries = s.scalars(select(AuditEntry).where(AuditEntry.tabelle == tabelle,
                                                     AuditEntry.datensatz_id == datensatz_id)
                            .order_by(AuditEntry.id)).all()
        return _rows(s, actor, list(entries))


def entries_for_table(store: Store, user: str, tabelle: str | None = None, von: datetime | None = None,
                      bis: datetime | None = None, benutzer: str | None = None,
                      limit: int | None = None) -> list[AuditRow]:
    """Entries of one table (or all with tabelle=None), optionally in [von, bis] and by one user,
    newest `limit` entries (oldest first)."""
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        actor.require("lesen")
        return _rows(s, actor, _query(s, tabelle, von, bis, benutzer, limit))


def _query(s: Session, tabelle, von, bis, benutzer, limit) -> list[AuditEntry]:
    q = select(AuditEntry)
    if tabelle:
        q = q.where(AuditEntry.tabelle == tabelle)
    if von:
        q = q.where(AuditEntry.zeit >= von)
    if bis:
        q = q.where(AuditEntry.zeit <= bis)
    if benutzer:
        q = q.where(AuditEntry.benutzer == benutzer)
    if limit:
        return list(reversed(s.scalars(q.order_by(AuditEntry.id.desc()).limit(limit)).all()))
    return list(s.scalars(q.order_by(AuditEntry.id)).all())


# --- export ----------------------------------------------------------------------------------

def export(store: Store, user: str, path: str | Path, tabelle: str | None = None, datensatz_id: int | None = None,
           von: datetime | None = None, bis: datetime | None = None) -> int:
    """Write the log (filtered) to `path`: .xlsx or .csv by extension. Returns the row count.
    A document never depends on who looks: it holds IBANs and incomes unmasked and needs
    `protokoll_export` plus `sensible_daten` for every SRT (ops/exports.py); audited."""
    from kitadesk.ops.exports import all_srts, require_export, write_recorded

    path = Path(path)
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        require_export(actor, "protokoll_export", all_srts(s))
        entries = _query(s, tabelle, von, bis, None, None)
        if datensatz_id is not None:
            entries = [e for e in entries if e.datensatz_id == datensatz_id]
        rows = [AuditRow(e.id, e.zeit, e.benutzer, e.tabelle, e.datensatz_id, e.aktion, e.alt, e.neu)
                for e in entries]
    writer = write_csv if path.suffix.lower() == ".csv" else write_xlsx
    write_recorded(store, user, "Änderungsprotokoll", lambda: writer(rows, path), [path])
    return len(rows)


COLUMNS_WIDTHS = (8, 17, 14, 20, 10, 11, 80, 40, 40)


def write_xlsx(rows: Iterable[AuditRow], path: Path, title: str = "Änderungsprotokoll") -> None:
    """Through the one cell writer (reports/cells.py): texts never formulas, Excel's limits."""
    from kitadesk.reports.xlsx_style import DATETIME, INTEGER, TEXT, Column, FinanceWorkbook

    kinds = (INTEGER, DATETIME, TEXT, TEXT, INTEGER, TEXT, TEXT, TEXT, TEXT)
    columns = [Column(h, k, w) for h, k, w in zip(HEADERS, kinds, COLUMNS_WIDTHS)]
    with FinanceWorkbook(path, title=title) as wb:
        wb.add_table(sheet_name(title), columns, (row.as_cells() for row in rows), totals=False)


def write_csv(rows: Iterable[AuditRow], path: Path) -> None:
    """Semicolon-separated, UTF-8 with BOM (opens correctly in German Excel); text that a
    spreadsheet would run as a formula gets a leading apostrophe; written atomically."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(HEADERS)
        for row in rows:
            cells = list(row.as_cells())
            cells[1] = f"{cells[1]:%d.%m.%Y %H:%M:%S}"
            w.writerow(["" if c is None else csv_text(c) if isinstance(c, str) else c for c in cells])
