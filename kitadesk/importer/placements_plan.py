"""Betreuungen rows → placements with versions (R-K2, R-K4), merged with what the database
holds. A row states the complete terms of one version (from `Gültig_ab`, empty = Beginn).

R-K4 — a change is a new version, never an overwrite. Decision for a row whose Gültig_ab
equals an existing version with different terms: it corrects that version in place only
while no finalized payout run covers the month of its Gültig_ab or a later month (the
version was never paid out); otherwise it is refused and a new version with a later
Gültig_ab is asked for (the payout then books correction lines, berechnung.md §8).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from kitadesk.domain.timeplan import TimePlan, TimePlanError, format_timeplan, parse_timeplan
from kitadesk.formats import day as fmt_day
from kitadesk.formats import hours as fmt_hours
from kitadesk.importer.checks_rows import effective_gueltig_ab
from kitadesk.importer.existing import Existing, OldPlacement, OldVersion
from kitadesk.importer.problems import Problems
from kitadesk.importer.reader import Row, SheetData
from kitadesk.importer.schema import PLACEMENTS

ZERO = Decimal("0.00")
NEW, UPDATE, SAME = "neu", "geändert", "unverändert"
TERMS = ("wochenstunden", "randzeitstunden", "uebernachtungen", "nacht_im_haushalt_der_eltern", "zeitplan")


@dataclass
class PlannedVersion:
    gueltig_ab: date
    terms: dict
    plan: TimePlan | None
    row: Row | None  # None: a version only in the database
    action: str = NEW
    old: OldVersion | None = None


@dataclass
class PlannedPlacement:
    child_nr: str
    carer_nr: str
    beginn: date
    ende: date | None
    old: OldPlacement | None
    rows: list[Row] = field(default_factory=list)
    versions: list[PlannedVersion] = field(default_factory=list)  # from the workbook
    ende_changed: bool = False

    @property
    def key(self) -> tuple[str, str, date]:
        return self.child_nr, self.carer_nr, self.beginn

    def all_versions(self) -> list[PlannedVersion]:
        """Workbook versions plus database versions not named in the workbook, by date."""
        mine = {v.gueltig_ab: v for v in self.versions}
        if self.old is not None:
            for day, old in self.old.versions.items():
                if day not in mine:
                    mine[day] = PlannedVersion(day, terms_of_old(old), _plan_of(old.zeitplan), None, SAME, old)
        return [mine[d] for d in sorted(mine)]

    def segments(self):
        """(von, bis, version) for each version's period, bis inclusive (None = open)."""
        versions = [v for v in self.all_versions() if self.ende is None or v.gueltig_ab <= self.ende]
        for version, following in zip(versions, versions[1:] + [None]):
            bis = following.gueltig_ab - timedelta(days=1) if following else self.ende
            yield version.gueltig_ab, bis, version


def terms_of_row(row: Row) -> dict:
    plan = row.get("Zeitplan")
    off = row.get("Randzeitstunden")
    parents_night = bool(row.get("Nacht_im_Haushalt_der_Eltern"))
    if off is None:  # derived from the plan; a night in the parents' household is not off-hours (R-G7)
        off = plan.off_hours_for(parents_night) if plan is not None else ZERO
    return dict(wochenstunden=row.get("Wochenstunden"), randzeitstunden=off,
                uebernachtungen=Decimal(row.get("Übernachtungen") or 0),
                nacht_im_haushalt_der_eltern=parents_night,
                zeitplan=format_timeplan(plan) if plan is not None else None)


def terms_of_old(old: OldVersion) -> dict:
    return dict(wochenstunden=old.wochenstunden, randzeitstunden=old.randzeitstunden,
                uebernachtungen=old.uebernachtungen, nacht_im_haushalt_der_eltern=bool(old.nacht_im_haushalt_der_eltern),
                zeitplan=old.zeitplan)


def _plan_of(text: str | None) -> TimePlan | None:
    if not text:
        return None
    try:
        plan = parse_timeplan(text)
    except TimePlanError:
        return None
    return None if plan.is_empty else plan


def _canonical(text: str | None) -> str | None:
    plan = _plan_of(text)
    return format_timeplan(plan) if plan is not None else (text or None)


def same_terms(new: dict, old: dict) -> bool:
    for name in TERMS:
        a, b = new[name], old[name]
        if name == "zeitplan":
            a, b = _canonical(a), _canonical(b)
        elif isinstance(a, Decimal) or isinstance(b, Decimal):
            a, b = Decimal(a or 0), Decimal(b or 0)
        if a != b:
            return False
    return True


def describe_terms(terms: dict) -> str:
    text = f"{fmt_hours(terms['wochenstunden'])} Wochenstunden, {fmt_hours(terms['randzeitstunden'])} Randzeitstunden"
    if terms["uebernachtungen"]:
        text += f", {fmt_hours(terms['uebernachtungen'])} Übernachtungen"
    return text


def build_placements(sheet: SheetData, existing: Existing, known_children: set[str], known_carers: set[str],
                     problems: Problems) -> list[PlannedPlacement]:
    add = lambda row, col, msg: problems.add(PLACEMENTS.name, row.number, col, msg)  # noqa: E731
    planned: dict[tuple, PlannedPlacement] = {}
    for row in sheet.rows:
        kid, carer, beginn = row.get("Kind_Nr"), row.get("TPP_Nr"), row.get("Beginn")
        if kid and row.ok("Kind_Nr") and kid not in known_children:
            add(row, "Kind_Nr", f"Kind {kid} gibt es weder im Blatt Kinder noch in KitaDesk.")
            row.bad.add("Kind_Nr")
        if carer and row.ok("TPP_Nr") and carer not in known_carers:
            add(row, "TPP_Nr", f"Tagespflegeperson {carer} gibt es weder im Blatt Tagespflegepersonen noch in KitaDesk.")
            row.bad.add("TPP_Nr")
        if not (kid and carer and beginn) or not row.ok("Kind_Nr", "TPP_Nr", "Beginn", "Gültig_ab", "Ende"):
            continue
        key = (kid, carer, beginn)
        if key not in planned:
            old = existing.placements.get(key)
            planned[key] = PlannedPlacement(kid, carer, beginn, old.ende if old else None, old)
        planned[key].rows.append(row)
    result = []
    for p in planned.values():
        _settle_end(p, sheet.has("Ende"), problems)
        _settle_versions(p, existing, problems)
        result.append(p)
    return result


def _settle_end(p: PlannedPlacement, has_end: bool, problems: Problems) -> None:
    if not has_end:
        return
    ends = [(r, r.get("Ende")) for r in p.rows if r.get("Ende") is not None]
    distinct = {e for _, e in ends}
    if len(distinct) > 1:
        first = ends[0][1]
        for row, end in ends[1:]:
            if end != first:
                problems.add(PLACEMENTS.name, row.number, "Ende",
                             f"widerspricht Zeile {ends[0][0].number} derselben Betreuung (Ende {fmt_day(first)}).")
                row.bad.add("Ende")
    end = ends[0][1] if ends else None
    p.ende_changed = p.old is not None and p.old.ende != end
    p.ende = end


def _settle_versions(p: PlannedPlacement, existing: Existing, problems: Problems) -> None:
    for row in p.rows:
        if not row.ok("Wochenstunden", "Randzeitstunden", "Zeitplan", "Übernachtungen"):
            continue
        day = effective_gueltig_ab(row)
        if p.ende is not None and day > p.ende:
            problems.add(PLACEMENTS.name, row.number, "Gültig_ab", f"liegt nach dem Ende der Betreuung ({fmt_day(p.ende)}).")
            continue
        version = PlannedVersion(day, terms_of_row(row), row.get("Zeitplan"), row)
        old = p.old.versions.get(day) if p.old else None
        if old is not None:
            version.old = old
            if same_terms(version.terms, terms_of_old(old)):
                version.action = SAME
            elif existing.last_finalized and (day.year, day.month) <= existing.last_finalized:
                year, month = existing.last_finalized
                problems.add(PLACEMENTS.name, row.number, "Gültig_ab",
                             f"die Fassung ab {fmt_day(day)} ({describe_terms(terms_of_old(old))}) ist schon "
                             f"abgerechnet (Auszahlung {month:02d}/{year} abgeschlossen) und wird nie überschrieben "
                             f"(R-K4); bitte die Änderung als neue Zeile mit späterem Gültig_ab erfassen.")
                continue
            else:
                version.action = UPDATE
        p.versions.append(version)
    p.versions.sort(key=lambda v: v.gueltig_ab)
    if p.old is None and p.rows and not any(v.gueltig_ab == p.beginn for v in p.versions):
        if all(r.ok("Wochenstunden", "Randzeitstunden", "Zeitplan", "Übernachtungen") for r in p.rows):
            problems.add(PLACEMENTS.name, p.rows[0].number, "Gültig_ab",
                         f"neue Betreuung ohne erste Fassung: eine Zeile ohne Gültig_ab (ab Beginn "
                         f"{fmt_day(p.beginn)}) fehlt.")
