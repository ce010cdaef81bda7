"""Art. 15 DSGVO: everything stored about one person — a carer, or a child with its family,
siblings, placements, letters list and audit entries — as xlsx (openpyxl) and PDF
(ReportLab, embedded font). Permission `datenschutz`; the export itself is recorded in the
audit log (aktion 'Auskunft'). Third parties appear only by number and name where the
person's own data refers to them (a carer's export lists children by Nr only)."""

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert, inspect, or_, select
from sqlalchemy.orm import Session

from kitadesk.errors import InputError
from kitadesk.models import AuditEntry, Carer, CarerDocument, CarerNote, Child, Letter, Placement
from kitadesk.models.base import table_of
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.store import Store


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


Section = tuple[str, list[str], list[list]]  # title, headers, rows
_HIDDEN = {"password_hash", "pdf", "eingabe"}


def _label(key: str) -> str:
    from kitadesk.ops.audit import field_label

    return field_label(key)


def _columns(model) -> list[str]:
    return [c.key for c in inspect(model).mapper.column_attrs if c.key not in _HIDDEN]


def _record_section(title: str, obj) -> Section:
    return (title, ["Feld", "Wert"], [[_label(k), _cell(getattr(obj, k))] for k in _columns(type(obj))])


def _table_section(title: str, objs, skip: tuple[str, ...] = ()) -> Section:
    objs = list(objs)
    keys = [k for k in _columns(type(objs[0])) if k not in skip] if objs else ["id"]
    return (title, [_label(k) for k in keys], [[_cell(getattr(o, k)) for k in keys] for o in objs])


def _cell(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _audit_section(s: Session, refs: list[tuple[str, list[int]]]) -> Section:
    from kitadesk.ops.audit import describe_change, table_label

    cond = [(AuditEntry.tabelle == t) & AuditEntry.datensatz_id.in_(ids) for t, ids in refs if ids]
    rows = s.scalars(select(AuditEntry).where(or_(*cond)).order_by(AuditEntry.id)).all() if cond else []
    return ("Änderungsprotokoll", ["Zeit", "Benutzer", "Tabelle", "Datensatz", "Aktion", "Änderungen"],
            [[e.zeit, e.benutzer, table_label(e.tabelle), e.datensatz_id, e.aktion,
              describe_change(e.aktion, e.alt, e.neu)] for e in rows])


def _letters_section(s: Session, cond) -> Section:
    rows = s.execute(select(Letter.datum, Letter.art, Letter.aktenzeichen, Letter.empfaenger, Letter.betreff,
                            Letter.erstellt_von).where(cond).order_by(Letter.datum)).all()
    return ("Bescheide und Schreiben", ["Datum", "Art", "Aktenzeichen", "Empfänger", "Betreff", "erstellt von"],
            [list(r) for r in rows])


def collect(s: Session, art: str, nr: str) -> tuple[list[Section], Any]:
    from kitadesk import models as m

    if art == "carer":
        carer = s.scalar(select(Carer).where(Carer.nr == nr))
        if carer is None:
            raise InputError(f"Tagespflegeperson Nr. {nr} gibt es nicht.")
        by = lambda model: s.scalars(select(model).where(model.carer_id == carer.id)).all()  # noqa: E731
        placements = by(Placement)
        versions = [v for p in placements for v in p.versions]
        lines = s.scalars(select(m.PayoutLine).where(m.PayoutLine.carer_nr == carer.nr)
                          .order_by(m.PayoutLine.run_id, m.PayoutLine.id)).all()
        children = {k.id: k.nr for k in s.scalars(select(Child).where(Child.id.in_([p.child_id for p in placements])))}
        sections = [
            _record_section("Stammdaten", carer),
            *(_table_section(t, by(model), ("carer_id",)) for t, model in (
                ("Erlaubnisse", m.Erlaubnis), ("Unterlagen", CarerDocument), ("Fortbildungen", m.Fortbildung),
                ("Erstattungsnachweise", m.Erstattungsnachweis), ("Vertretungsplätze", m.Vertretungsplatz),
                ("Notizen", CarerNote), ("Qualifizierungskosten", m.QualificationCost), ("Abwesenheiten", m.Absence),
                ("Sonderbeträge", m.Sonderbetrag))),
            ("Betreuungen", ["Kind_Nr", "Beginn", "Ende"], [[children.get(p.child_id), p.beginn, p.ende]
                                                           for p in placements]),
            _table_section("Betreuungsumfang", versions),
            ("Auszahlungen", ["Lauf", "Kind_Nr", "Position", "Von", "Bis", "Betrag"],
             [[ln.run.nummer, ln.child_nr, ln.position, ln.von, ln.bis, ln.betrag] for ln in lines]),
            _letters_section(s, Letter.carer_id == carer.id),
        ]
        refs = [("carers", [carer.id]), ("placements", [p.id for p in placements]),
                ("placement_versions", [v.id for v in versions])]
        for table, model in (("erlaubnisse", m.Erlaubnis), ("carer_documents", CarerDocument),
                             ("fortbildungen", m.Fortbildung), ("erstattungsnachweise", m.Erstattungsnachweis),
                             ("vertretungsplaetze", m.Vertretungsplatz), ("carer_notes", CarerNote),
                             ("qualification_costs", m.QualificationCost), ("absences", m.Absence)):
            refs.append((table, [o.id for o in by(model)]))
        return sections + [_audit_section(s, refs)], carer
    if art != "child":
        raise InputError(f"Unbekannte Art „{art}“ (carer oder child).")
    child = s.scalar(select(Child).where(Child.nr == nr))
    if child is None:
        raise InputError(f"Kind Nr. {nr} gibt es nicht.")
    by = lambda model: s.scalars(select(model).where(model.child_id == child.id)).all()  # noqa: E731
    placements = by(Placement)
    versions = [v for p in placements for v in p.versions]
    carers = {c.id: c for c in s.scalars(select(Carer).where(Carer.id.in_([p.carer_id for p in placements])))}
    family = child.family
    incomes = list(family.incomes) if family else []
    siblings = [k for k in family.children if k.id != child.id] if family else []
    sections = [
        _record_section("Stammdaten", child),
        _table_section("Status", by(m.ChildStatus), ("child_id",)),
        _table_section("Ermäßigungen", by(m.Ermaessigung), ("child_id",)),
        ("Familie", ["Familie_Nr", "Geschwister in Kita"], [[family.nr, family.geschwister_in_kita]] if family else []),
        _table_section("Familieneinkommen", incomes, ("family_id",)),
        ("Geschwister", ["Nr", "Nachname", "Vorname"], [[k.nr, k.nachname, k.vorname] for k in siblings]),
        ("Betreuungen", ["TPP_Nr", "Tagespflegeperson", "Beginn", "Ende"],
         [[carers[p.carer_id].nr, carers[p.carer_id].full_name, p.beginn, p.ende] for p in placements]),
        _table_section("Betreuungsumfang", versions),
        _table_section("Monatsmeldungen", by(m.Monatsmeldung), ("child_id",)),
        _letters_section(s, Letter.child_id == child.id),
    ]
    refs = [("children", [child.id]), ("placements", [p.id for p in placements]),
            ("placement_versions", [v.id for v in versions]), ("family_incomes", [i.id for i in incomes]),
            ("families", [family.id] if family else []),
            ("child_statuses", [o.id for o in by(m.ChildStatus)]), ("ermaessigungen", [o.id for o in by(m.Ermaessigung)]),
            ("monatsmeldungen", [o.id for o in by(m.Monatsmeldung)])]
    return sections + [_audit_section(s, refs)], child


def export_person(store: Store, user: str, art: str, nr: str, xlsx: str | Path | None = None,
                  pdf: str | Path | None = None) -> list[Section]:
    """Everything stored about one carer (art='carer') or child (art='child', with family,
    siblings, placements, letters list, audit entries) as xlsx and/or PDF. Returns the
    sections (title, headers, rows). The export itself is recorded in the audit log."""
    from kitadesk.ops.exports import as_user_error
    from kitadesk.reports.errors import ReportError

    title = f"Auskunft nach Art. 15 DSGVO – {'Tagespflegeperson' if art == 'carer' else 'Kind'} Nr. {nr}"
    with unit_of_work(store, user) as s:  # the audit entry commits only when the files are written
        load_actor(s, user).require("datenschutz")
        sections, record = collect(s, art, nr)
        s.execute(insert(table_of(AuditEntry)).values(
            zeit=_now(), benutzer=user, tabelle=record.__tablename__, datensatz_id=record.id, aktion="Auskunft",
            alt=None, neu={"art": "Art. 15 DSGVO", "dateien": [str(p) for p in (xlsx, pdf) if p]}))
        try:
            if xlsx:
                write_xlsx(title, sections, Path(xlsx))
            if pdf:
                write_pdf(title, sections, Path(pdf))
        except ReportError as exc:
            raise as_user_error(exc) from exc
    return sections


def write_xlsx(title: str, sections: list[Section], path: Path) -> None:
    """One sheet per section through the one cell writer (reports/cells.py): text is never a
    formula, sheet names valid and unique; numbers with two decimals, dates as dates."""
    from kitadesk.reports.cells import sheet_name
    from kitadesk.reports.xlsx_style import HOURS, TEXT, Column, FinanceWorkbook

    def kind(rows: list[list], i: int) -> str:
        values = [r[i] for r in rows if r[i] is not None]
        return HOURS if values and all(isinstance(v, Decimal) for v in values) else TEXT

    with FinanceWorkbook(path, title=title) as wb:
        taken: list[str] = []
        for name, headers, rows in sections:
            taken.append(sheet_name(name, taken))
            columns = [Column(h, kind(rows, i), width=22) for i, h in enumerate(headers)]
            wb.add_table(taken[-1], columns, rows, totals=False)


def write_pdf(title: str, sections: list[Section], path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer

    from kitadesk.formats import day
    from kitadesk.reports.fonts import BOLD, register_fonts
    from kitadesk.reports.output import atomic_path

    font = register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=7.5, leading=9)
    head = ParagraphStyle("head", fontName=BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4)

    def para(value) -> Paragraph:
        if isinstance(value, datetime):
            text = f"{day(value.date())} {value:%H:%M}"
        elif isinstance(value, date):
            text = day(value)
        else:
            text = "" if value is None else str(value)
        return Paragraph(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), body)

    width = landscape(A4)[0] - 30 * mm
    story = [Paragraph(title, ParagraphStyle("title", parent=head, fontSize=15, leading=19)),
             Paragraph(f"Stadt Moers, Fachdienst Jugend – Kindertagespflege. Stand: {day(date.today())}", body)]
    for name, headers, rows in sections:
        story.append(Paragraph(name, head))
        if not rows:
            story.append(Paragraph("— keine Einträge —", body))
            continue
        table = LongTable([[para(h) for h in headers]] + [[para(v) for v in r] for r in rows],
                          colWidths=[width / len(headers)] * len(headers), repeatRows=1)
        table.setStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8"))])
        story += [table, Spacer(1, 3 * mm)]

    def footer(canvas, doc) -> None:
        canvas.setFont(font, 7)
        canvas.drawRightString(landscape(A4)[0] - 15 * mm, 8 * mm, f"{title} – Seite {doc.page}")

    with atomic_path(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=15 * mm, bottomMargin=15 * mm, title=title)
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
