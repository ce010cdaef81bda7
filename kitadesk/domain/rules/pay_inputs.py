"""Rules of the payout inputs entered per month: Monatsmeldungen (holiday care hours,
berechnung.md §5) and Sonderbeträge / Einzelfallentscheidungen (R-G11). Asked by the forms
(ops/records/pay_inputs.py) and the import (importer/checks_rows.py, checks_cross.py)."""

import re
from datetime import date
from decimal import Decimal

from kitadesk.domain.calendar import is_public_holiday
from kitadesk.domain.rules import Problem
from kitadesk.domain.texts import day

MAX_HOLIDAY_HOURS = Decimal(24)
MAX_GRUND = 300
_MONTH = (re.compile(r"^(\d{1,2})[/.](\d{4})$"), re.compile(r"^(\d{4})-(\d{1,2})$"))


def holiday_care_problems(datum: date | None, stunden: Decimal | None) -> list[Problem]:
    """berechnung.md §5: a Monatsmeldung is for a public holiday in NRW, 0 < Stunden ≤ 24."""
    found = []
    if datum is None:
        found.append(Problem("datum", "", "Datum fehlt."))
    elif not is_public_holiday(datum):
        found.append(Problem("datum", "", f"{day(datum)} ist kein gesetzlicher Feiertag in NRW "
                                          "(Monatsmeldung nur für Feiertage)."))
    if stunden is None:
        found.append(Problem("stunden", "", "Stunden fehlen."))
    elif not 0 < stunden <= MAX_HOLIDAY_HOURS:
        found.append(Problem("stunden", "", "Stunden müssen über 0 und höchstens 24 sein."))
    return found


def parse_month(text: str) -> str:
    """'11/2026', '11.2026' or '2026-11' → '2026-11' (the stored key); ValueError (German) otherwise."""
    value = text.strip()
    for pattern in _MONTH:
        match = pattern.match(value)
        if match:
            a, b = match.groups()
            year, month = (int(b), int(a)) if pattern is _MONTH[0] else (int(a), int(b))
            if 1 <= month <= 12:
                return f"{year:04d}-{month:02d}"
    raise ValueError(f"„{text}“ ist kein Monat – bitte MM/JJJJ, z. B. 11/2026.")


def month_text(key: str) -> str:
    """'2026-11' → '11/2026'."""
    return f"{key[5:]}/{key[:4]}" if len(key) == 7 else key


def special_problems(monat: str | None, betrag: Decimal | None, grund: str | None,
                     finalized: bool = False) -> list[Problem]:
    """R-G11: a Sonderbetrag has a month, a non-zero amount and its reason (the „Warum?“ of the
    line); a finalized month is not changed — it is entered in an open month."""
    found = []
    if not monat:
        found.append(Problem("monat", "R-G11", "Monat fehlt."))
    elif finalized:
        found.append(Problem("monat", "R-G11", f"Die Auszahlung {month_text(monat)} ist abgeschlossen; "
                                               "Einzelfallbetrag bitte in einem offenen Monat erfassen."))
    if betrag is None:
        found.append(Problem("betrag", "R-G11", "Betrag fehlt."))
    elif betrag == 0:
        found.append(Problem("betrag", "R-G11", "Betrag darf nicht 0,00 € sein (negativ = Abzug)."))
    if not (grund or "").strip():
        found.append(Problem("grund", "R-G11", "Grund fehlt – er steht als Begründung in der Auszahlung."))
    elif len(grund or "") > MAX_GRUND:
        found.append(Problem("grund", "R-G11", f"Grund höchstens {MAX_GRUND} Zeichen."))
    return found
