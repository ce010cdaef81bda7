"""Checks across sheets and against the database: references (Kind_Nr, TPP_Nr,
Vertretung_TPP_Nr must exist in the workbook or in KitaDesk), siblings' income (one
Familie_Nr, one Jahreseinkommen), Großtagespflege size (2–3 carers, R-C6), holiday care on
a day with care, Sonderbeträge (right and open month, R-G11), fee tables complete (R-E1),
confirmed rate tables unchanged (R-G2), and the child's SRT."""

from datetime import date
from decimal import Decimal

from kitadesk.domain.fee_table import FeeCell, FeeTable
from kitadesk.domain.rules.pay_inputs import special_problems
from kitadesk.domain.rules.tables import fee_table_problems
from kitadesk.formats import day as fmt_day
from kitadesk.formats import money as fmt_money
from kitadesk.importer.problems import Problems
from kitadesk.importer.reader import SheetData
from kitadesk.importer.schema import (
    ABSENCES,
    CARERS,
    CHILDREN,
    FEES,
    HOLIDAY_CARE,
    PROOFS,
    RATES,
    SPECIAL,
    TRAININGS,
)

PLZ_SRT = {"47441": "Mitte/Süd", "47447": "Mitte/Süd", "47443": "Ost", "47445": "Nord"}  # Moers districts
DEFAULT_SRT = "Mitte/Süd"
RATE_FIELDS = {c.name: c.field for c in RATES.columns if c.name != "Gültig_ab"}  # column → RateTable field
RATE_DEFAULTS = {"Vertretungsplatz_Pauschale": Decimal("0"), "Zuschlag_Besonderer_Bedarf_Prozent": Decimal("30")}


def rate_values(row) -> dict:
    """Sätze row → RateTable column values (absent optional columns → None = no cap)."""
    values = {}
    for column, attr in RATE_FIELDS.items():
        value = row.get(column)
        values[attr] = RATE_DEFAULTS.get(column) if value is None and column in RATE_DEFAULTS else value
    return values


def check_references(data: dict[str, SheetData], known_children: set[str], known_carers: set[str],
                     problems: Problems) -> None:
    checks = ((PROOFS, "TPP_Nr", known_carers), (ABSENCES, "TPP_Nr", known_carers), (ABSENCES, "Vertretung_TPP_Nr", known_carers),
              (TRAININGS, "TPP_Nr", known_carers), (HOLIDAY_CARE, "Kind_Nr", known_children),
              (SPECIAL, "TPP_Nr", known_carers), (SPECIAL, "Kind_Nr", known_children))
    for sheet, column, known in checks:
        what = "Kind" if column == "Kind_Nr" else "Tagespflegeperson"
        home = "Kinder" if column == "Kind_Nr" else "Tagespflegepersonen"
        for row in data[sheet.name].rows:
            nr = row.get(column)
            if nr and row.ok(column) and nr not in known:
                problems.add(sheet.name, row.number, column, f"{what} {nr} gibt es weder im Blatt {home} noch in KitaDesk.")
                row.bad.add(column)


def check_families(data: dict[str, SheetData], problems: Problems) -> None:
    """Siblings (one Familie_Nr) must state the same Jahreseinkommen (interfaces.md §3) — on
    the same Gültig_ab, where rows are dated (R-K2)."""
    sheet = data[CHILDREN.name]
    if not sheet.has("Jahreseinkommen"):
        return
    first: dict[tuple, tuple[int, Decimal | None]] = {}
    for row in sheet.rows:
        family = row.get("Familie_Nr")
        if not family or not row.ok("Familie_Nr", "Jahreseinkommen", "Gültig_ab"):
            continue
        income, key = row.get("Jahreseinkommen"), (family, row.get("Gültig_ab"))
        if key not in first:
            first[key] = (row.number, income)
        elif first[key][1] != income:
            line, other = first[key]
            shown = lambda v: fmt_money(v) if v is not None else "keine Angabe"  # noqa: E731
            problems.add(CHILDREN.name, row.number, "Jahreseinkommen",
                         f"Geschwister (Familie_Nr {family}) müssen dasselbe Jahreseinkommen haben: Zeile {line} "
                         f"hat {shown(other)}, diese Zeile {shown(income)}.")


def check_groups(carer_rows: dict, facts: dict, problems: Problems) -> None:
    """Großtagespflege: 2–3 carers (R-C6); counted on the state after the import."""
    members: dict[str, list[str]] = {}
    for f in facts.values():
        if f.group:
            members.setdefault(f.group, []).append(f.nr)
    for name, nrs in members.items():
        if len(nrs) > 3:
            rows = [carer_rows[nr] for nr in nrs if nr in carer_rows]
            if rows:
                problems.add(CARERS.name, rows[-1].number, "Zusammenschluss",
                             f"Großtagespflege „{name}“ hätte {len(nrs)} Tagespflegepersonen "
                             f"({', '.join(sorted(nrs))}); erlaubt sind 2–3 (R-C6).")


def check_holiday_care(data: dict[str, SheetData], care_periods: dict[str, list[tuple]], problems: Problems) -> None:
    for row in data[HOLIDAY_CARE.name].rows:
        kid, day = row.get("Kind_Nr"), row.get("Datum")
        if not (kid and day and row.ok("Kind_Nr", "Datum")):
            continue
        if not any(von <= day and (bis is None or day <= bis) for von, bis in care_periods.get(kid, [])):
            problems.add(HOLIDAY_CARE.name, row.number, "Datum",
                         f"Kind {kid} ist am {fmt_day(day)} in keiner Betreuung.")


def check_specials(data: dict[str, SheetData], actor, existing, problems: Problems) -> None:
    """R-G11: new or changed Einzelfallbeträge need the right; rows as recorded do not."""
    sheet = data[SPECIAL.name]
    allowed = actor.has("einzelfallbetrag")
    for row in sheet.rows:
        month = row.get("Monat")
        key = (row.get("TPP_Nr"), month, row.get("Grund"))
        old = existing.specials.get(key)
        same = old is not None and not _differs(old[0], row.get("Betrag")) and (
            "Kind_Nr" not in row.values or old[1] == row.get("Kind_Nr"))
        if same:
            continue
        if not allowed:
            problems.add(SPECIAL.name, row.number, "Betrag",
                         f"Keine Berechtigung: Einzelfallbeträge (R-G11) darf nur die Leitung erfassen oder ändern "
                         f"(Benutzer {actor.login}, Rolle {actor.rolle}).")
        if month and (int(month[:4]), int(month[5:])) in existing.finalized:  # R-G11, domain/rules/pay_inputs
            for problem in special_problems(month, row.get("Betrag"), row.get("Grund"), finalized=True):
                if problem.field == "monat":
                    problems.add(SPECIAL.name, row.number, "Monat", problem.message)


def check_fee_tables(data: dict[str, SheetData], old_cells: dict, problems: Problems) -> None:
    """R-E1: each table (by Gültig_ab, merged with the stored cells) complete for both ages."""
    rows_by_date: dict[date, list] = {}
    for row in data[FEES.name].rows:
        if row.ok("Gültig_ab", "Alter", "Einkommen_bis", "Stunden_bis", "Beitrag") and row.get("Gültig_ab") \
                and row.get("Alter") and row.get("Stunden_bis") is not None and row.get("Beitrag") is not None:
            rows_by_date.setdefault(row.get("Gültig_ab"), []).append(row)
    for day, rows in rows_by_date.items():
        cells = dict(old_cells.get(day, {}))
        for row in rows:
            cells[(row.get("Alter"), row.get("Einkommen_bis"), row.get("Stunden_bis"))] = row.get("Beitrag")
        table = FeeTable(day, tuple(FeeCell(a, i, s, b) for (a, i, s), b in cells.items()))
        for problem in fee_table_problems(table):
            problems.add(FEES.name, rows[0].number, "Gültig_ab", problem.message)


def check_rate_tables(data: dict[str, SheetData], old_tables: dict, problems: Problems) -> None:
    """A confirmed rate table (R-G2, Leitung) is not changed by an import."""
    for row in data[RATES.name].rows:
        old = old_tables.get(row.get("Gültig_ab"))
        if old is None or not old.get("bestaetigt_von"):
            continue
        new = rate_values(row)
        present = {attr for col, attr in RATE_FIELDS.items() if col in row.values}
        if any(_differs(new[a], old[a]) for a in present):
            problems.add(RATES.name, row.number, "Gültig_ab",
                         f"die Satztabelle ab {fmt_day(row.get('Gültig_ab'))} ist von {old['bestaetigt_von']} "
                         f"bestätigt und wird durch einen Import nicht geändert (R-G2); bitte eine neue Tabelle "
                         f"mit anderem Gültig_ab anlegen.")


def _differs(a, b) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return Decimal(a) != Decimal(b)


def child_srts(data: dict[str, SheetData], existing, carer_srt: dict[str, str],
               latest_carer: dict[str, str], warnings: list[str]) -> dict[str, str]:
    """SRT of each child of the workbook (the Kinder sheet has no SRT column): the SRT of the
    carer of its latest placement, else the stored value, else by Moers PLZ, else Mitte/Süd."""
    result = {}
    for row in data[CHILDREN.name].rows:
        nr = row.get("Nr")
        if not nr:
            continue
        carer = latest_carer.get(nr)
        if carer and carer in carer_srt:
            result[nr] = carer_srt[carer]
        elif nr in existing.children:
            result[nr] = existing.children[nr].srt
        elif row.get("PLZ") in PLZ_SRT:
            result[nr] = PLZ_SRT[row.get("PLZ")]
        else:
            result[nr] = DEFAULT_SRT
            warnings.append(f"Kinder, Zeile {row.number}: Kind {nr} ohne Betreuung und ohne Moerser PLZ – "
                            f"SRT {DEFAULT_SRT} angenommen.")
    return result
