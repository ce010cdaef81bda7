"""Cell parsers for the import workbook (interfaces.md §3): text, dates (Excel date or
TT.MM.JJJJ), Decimal money/hours (decimal comma or point — never float), whole numbers,
ja/nein, choice lists, IBAN (schwifty), PLZ, e-mail, month `JJJJ-MM`, Zeitplan.

Each parser takes the raw openpyxl value and the column spec and returns the typed value,
or raises `CellError` with a German message (the reader adds sheet, row and column).
openpyxl gives floats for numeric cells: they are turned into Decimal through `repr`
(the shortest text that round-trips), and more decimals than the column allows is an error
— so 0.30000000000000004 is refused instead of silently rounded.
"""

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from schwifty import IBAN
from schwifty import exceptions as iban_errors

from kitadesk.domain.timeplan import TimePlanError, format_timeplan, parse_timeplan
from kitadesk.formats import day as fmt_day
from kitadesk.formats import number as fmt_number

EXCEL_ERRORS = ("#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA", "#SPILL!")
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
_DATE_DE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_SHORT = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2}$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_PLZ = re.compile(r"^\d{5}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_YES, _NO = {"ja", "j", "x", "wahr", "true"}, {"nein", "n", "falsch", "false"}


class CellError(ValueError):
    """A value that cannot be read; German message without the location."""


def clean(value):
    """Empty → None; strings stripped (also non-breaking spaces); formulas/error values refused."""
    if value is None or type(value) is not str:
        return value
    text = value.strip()
    if not text:
        return None
    first = text[0]
    if first == "=":
        raise CellError(f"enthält eine Formel ({_short(text)}); bitte nur Werte eintragen "
                        f"(in Excel: Kopieren → Inhalte einfügen → Werte).")
    if first == "#" and text.upper() in EXCEL_ERRORS:
        raise CellError(f"enthält den Excel-Fehlerwert {text}.")
    return text


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(value) -> str:
    if isinstance(value, (datetime, date)):
        return fmt_day(value)
    return f"„{_short(str(value))}“"


# ------------------------------------------------------------------ text-like

def parse_text(value, col):
    if type(value) is str:  # the common case, kept fast
        if "  " in value or "\n" in value or "\t" in value or "\r" in value:
            value = " ".join(value.split())
        if col.maxlen and len(value) > col.maxlen:
            raise CellError(f"ist zu lang ({len(value)} Zeichen, höchstens {col.maxlen}).")
        return value
    if isinstance(value, bool):
        raise CellError(f"erwartet Text, nicht den Wahrheitswert {'WAHR' if value else 'FALSCH'}.")
    if isinstance(value, (datetime, date, time, timedelta)):
        raise CellError(f"erwartet Text, nicht ein Datum/eine Uhrzeit ({_shown(value)}).")
    if isinstance(value, float):
        number = _decimal_from_float(value)
        text = str(int(number)) if number == number.to_integral_value() else format(number, "f")
    else:
        text = str(value)
    text = " ".join(text.split())  # no line breaks or double blanks in names and keys
    if col.maxlen and len(text) > col.maxlen:
        raise CellError(f"ist zu lang ({len(text)} Zeichen, höchstens {col.maxlen}).")
    return text


def parse_plz(value, col):
    text = parse_text(value, col)
    if not _PLZ.match(text):
        raise CellError(f"Postleitzahl {_shown(text)} muss fünfstellig sein (z. B. 47441).")
    return text


def parse_email(value, col):
    text = parse_text(value, col)
    if not _EMAIL.match(text):
        raise CellError(f"{_shown(text)} ist keine gültige E-Mail-Adresse.")
    return text


def parse_iban(value, col):
    text = parse_text(value, col)
    try:
        iban = IBAN(text)
    except iban_errors.InvalidChecksumDigits:
        raise CellError(f"IBAN {_shown(text)} ist ungültig: die Prüfziffer stimmt nicht.") from None
    except iban_errors.InvalidLength:
        raise CellError(f"IBAN {_shown(text)} ist ungültig: falsche Länge.") from None
    except iban_errors.InvalidCountryCode:
        raise CellError(f"IBAN {_shown(text)} ist ungültig: unbekannter Ländercode.") from None
    except (iban_errors.SchwiftyException, ValueError):
        raise CellError(f"IBAN {_shown(text)} ist ungültig (Aufbau).") from None
    return iban.compact


def parse_choice(value, col):
    text = parse_text(value, col)
    wanted = " ".join(text.split()).casefold()
    for choice in col.choices:
        if choice.casefold() == wanted:
            return choice
    raise CellError(f"{_shown(text)} ist nicht erlaubt (erlaubt: {', '.join(col.choices)}).")


def parse_bool(value, col):
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in _YES:
            return True
        if word in _NO:
            return False
    raise CellError(f"{_shown(value)} ist weder „ja“ noch „nein“.")


_PLANS: dict = {}


def parse_timeplan_cell(value, col):
    text = parse_text(value, col)
    plan = _PLANS.get(text)  # plans repeat a lot; TimePlan is immutable
    if plan is None:
        try:
            plan = parse_timeplan(text)
        except TimePlanError as exc:
            raise CellError(str(exc)) from None
        if len(_PLANS) < 10_000:
            _PLANS[text] = plan
    if plan.is_empty:
        return None
    return plan


def timeplan_text(plan) -> str | None:
    return format_timeplan(plan) if plan is not None else None


# ------------------------------------------------------------------ dates

def parse_date(value, col):
    if isinstance(value, bool):
        raise CellError(f"erwartet ein Datum (TT.MM.JJJJ), nicht {'WAHR' if value else 'FALSCH'}.")
    if type(value) is datetime and not (value.hour or value.minute or value.second or value.microsecond):
        result = value.date()
    elif isinstance(value, datetime):
        if value.time() != time(0, 0):
            raise CellError(f"erwartet ein Datum ohne Uhrzeit, gefunden {value:%d.%m.%Y %H:%M}.")
        result = value.date()
    elif isinstance(value, date):
        result = value
    elif isinstance(value, (time, timedelta)):
        raise CellError("erwartet ein Datum (TT.MM.JJJJ), gefunden eine Uhrzeit.")
    elif isinstance(value, (int, float, Decimal)):
        raise CellError(f"erwartet ein Datum (TT.MM.JJJJ), gefunden die Zahl {_shown(value)} "
                        f"– bitte die Zelle als Datum formatieren.")
    else:
        text = str(value).strip()
        result = _date_from_text(text)
    if not EARLIEST <= result <= LATEST:
        raise CellError(f"Datum {fmt_day(result)} liegt außerhalb des plausiblen Bereichs (1900–2100).")
    return result


def _date_from_text(text: str) -> date:
    match = _DATE_DE.match(text)
    parts = None
    if match:
        parts = int(match.group(3)), int(match.group(2)), int(match.group(1))
    else:
        match = _DATE_ISO.match(text)
        if match:
            parts = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if parts is None:
        if _DATE_SHORT.match(text):
            raise CellError(f"{_shown(text)}: bitte das Jahr vierstellig angeben (TT.MM.JJJJ).")
        raise CellError(f"{_shown(text)} ist kein Datum im Format TT.MM.JJJJ.")
    try:
        return date(*parts)
    except ValueError:
        raise CellError(f"{_shown(text)} ist kein gültiges Datum (diesen Tag gibt es nicht).") from None


def parse_month(value, col):
    """`JJJJ-MM`; an Excel date (Excel often turns 2026-03 into 01.03.2026) gives its month."""
    if isinstance(value, (datetime, date)) and not isinstance(value, bool):
        return f"{value.year:04d}-{value.month:02d}"
    text = parse_text(value, col)
    match = _MONTH.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CellError(f"{_shown(text)} ist kein Monat im Format JJJJ-MM (z. B. 2026-03).")
    year = int(match.group(1))
    if not 1900 <= year <= 2100:
        raise CellError(f"Monat {_shown(text)} liegt außerhalb des plausiblen Bereichs.")
    return f"{year:04d}-{int(match.group(2)):02d}"


# ------------------------------------------------------------------ numbers

def _decimal_from_float(value: float) -> Decimal:
    number = Decimal(repr(value))
    if not number.is_finite():
        raise CellError("ist keine endliche Zahl.")
    return number


def _decimal_from_text(text: str) -> Decimal:
    raw = text.replace("€", "").replace("EUR", "").replace(" ", "")
    for suffix in ("Std.", "Std", "h", "%"):
        if raw.endswith(suffix):
            raw = raw[: -len(suffix)]
    if "," in raw and "." in raw:  # 1.234,56 or 1,234.56: the last one is the decimal mark
        decimal_mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        head, _, tail = raw.rpartition(decimal_mark)
        groups = head.lstrip("+-").split(thousands)
        if not all(len(g) == 3 for g in groups[1:]) or not groups[0]:
            raise CellError(f"{_shown(text)} ist keine Zahl.")
        raw = head.replace(thousands, "") + "." + tail
    elif raw.count(".") == 1 and re.match(r"^[+-]?\d{1,3}\.\d{3}$", raw):
        raise CellError(f"{_shown(text)} ist mehrdeutig (Tausenderpunkt oder Dezimalpunkt?) – bitte ohne "
                        f"Tausenderpunkt schreiben, z. B. {raw.replace('.', '')} oder {raw.replace('.', ',')}.")
    raw = raw.replace(",", ".")
    if not _NUMBER.match(raw):
        raise CellError(f"{_shown(text)} ist keine Zahl.")
    try:
        return Decimal(raw)
    except InvalidOperation:
        raise CellError(f"{_shown(text)} ist keine Zahl.") from None


def to_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise CellError(f"erwartet eine Zahl, nicht {'WAHR' if value else 'FALSCH'}.")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return _decimal_from_float(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (datetime, date, time, timedelta)):
        raise CellError(f"erwartet eine Zahl, gefunden ein Datum/eine Uhrzeit ({_shown(value)}).")
    return _decimal_from_text(str(value))


def parse_decimal(value, col):
    number = to_decimal(value)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > col.places:
        raise CellError(f"{_shown(value)} hat zu viele Nachkommastellen (höchstens {col.places}).")
    _check_range(number, col)
    return number.quantize(Decimal(1).scaleb(-col.places)) if col.places else number


def parse_int(value, col):
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise CellError(f"{_shown(value)} ist keine ganze Zahl.")
    _check_range(number, col)
    return int(number)


def _check_range(number: Decimal, col) -> None:
    if col.minimum is not None and number < col.minimum:
        bound = "größer als 0" if col.minimum_exclusive else f"mindestens {fmt_number(col.minimum, _places(col))}"
        raise CellError(f"{fmt_number(number, _places(col))} ist zu klein (muss {bound} sein).")
    if col.minimum_exclusive and number == col.minimum:
        raise CellError(f"muss größer als {fmt_number(col.minimum, _places(col))} sein.")
    if col.maximum is not None and number > col.maximum:
        raise CellError(f"{_big(number, col)} ist zu groß (höchstens {fmt_number(col.maximum, _places(col))}).")
    if col.nonzero and number == 0:
        raise CellError("darf nicht 0 sein.")


def _places(col) -> int:
    return col.places if col.kind == "decimal" else 0


def _big(number: Decimal, col) -> str:
    if abs(number) >= Decimal("1e15"):
        return f"{number:.3E}".replace(".", ",")
    return fmt_number(number, _places(col))


PARSERS = {
    "text": parse_text, "plz": parse_plz, "email": parse_email, "iban": parse_iban,
    "choice": parse_choice, "bool": parse_bool, "timeplan": parse_timeplan_cell,
    "date": parse_date, "month": parse_month, "decimal": parse_decimal, "int": parse_int,
}
