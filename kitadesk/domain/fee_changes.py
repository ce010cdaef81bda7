"""Month-to-month comparison of Elternbeiträge: the fee list's `Änderung` column
(interfaces.md §4) and due parents' Änderungsbescheide (R-E3, R-V5)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kitadesk.domain.fees import FeeResult
from kitadesk.domain.texts import hours as fmt_hours
from kitadesk.domain.texts import money as fmt_money

NEU, GEAENDERT, ENTFAELLT, UNVERAENDERT = "neu", "geändert", "entfällt", ""
AENDERUNGSBESCHEID = "Änderungsbescheid fällig"


def _list_view(r: FeeResult) -> tuple:
    return (r.stufe, r.einkommen_bis, r.stunden_bis, r.beitrag, r.ermaessigung, r.zahlbetrag, r.held)


def mark_changes(previous: Iterable[FeeResult], current: Iterable[FeeResult]) -> dict[str, str]:
    """Column `Änderung` of the fee list: child nr → 'neu' | 'geändert' | 'entfällt' | ''.

    'entfällt' marks children of the previous month without care in this month.
    """
    before = {r.child_nr: r for r in previous}
    marks: dict[str, str] = {}
    for r in current:
        old = before.pop(r.child_nr, None)
        marks[r.child_nr] = NEU if old is None else (GEAENDERT if _list_view(old) != _list_view(r) else UNVERAENDERT)
    for child_nr in before:
        marks[child_nr] = ENTFAELLT
    return marks


@dataclass(frozen=True)
class BescheidFlag:
    """A parents' Änderungsbescheid is due (R-E3, R-V5)."""

    child_nr: str
    family_nr: str | None
    ab: date  # first day of the month the change takes effect
    gruende: tuple[str, ...]
    titel: str = AENDERUNGSBESCHEID
    rule: str = "R-E3, R-V5"


def _income_text(value: Decimal | None) -> str:
    return "keine Erklärung" if value is None else fmt_money(value)


def change_reasons(old: FeeResult, new: FeeResult) -> list[str]:
    """What changed for the parents between two months: income, hours, fee (German)."""
    reasons = []
    if old.einkommen != new.einkommen:
        reasons.append(f"Einkommen: {_income_text(old.einkommen)} → {_income_text(new.einkommen)}")
    if old.wochenstunden != new.wochenstunden:
        reasons.append(f"Wochenstunden: {fmt_hours(old.wochenstunden)} → {fmt_hours(new.wochenstunden)}")
    if old.held != new.held:
        reasons.append("Beitrag festgesetzt" if old.held else "Beitrag nicht mehr festgesetzt")
    elif old.monatsbeitrag != new.monatsbeitrag:
        reasons.append(f"Beitrag: {fmt_money(old.monatsbeitrag)} → {fmt_money(new.monatsbeitrag)}")
    if old.ermaessigung_prozent != new.ermaessigung_prozent:
        was = "keine" if old.ermaessigung_prozent is None else f"{fmt_hours(old.ermaessigung_prozent)} %"
        now = "keine" if new.ermaessigung_prozent is None else f"{fmt_hours(new.ermaessigung_prozent)} %"
        reasons.append(f"Ermäßigung: {was} → {now}")
    return reasons


def bescheid_flags(previous: Iterable[FeeResult], current: Iterable[FeeResult]) -> list[BescheidFlag]:
    """'Änderungsbescheid fällig' for each child whose income, hours or monthly fee changed
    against the previous month (R-E3, R-V5). Proration alone (first/last month) is no change;
    new placements get their first Bescheid elsewhere (R-V5)."""
    before = {r.child_nr: r for r in previous}
    flags = []
    for r in current:
        old = before.get(r.child_nr)
        if old is None:
            continue
        reasons = change_reasons(old, r)
        if reasons:
            flags.append(BescheidFlag(r.child_nr, r.family_nr, date(r.year, r.month, 1), tuple(reasons)))
    return flags
