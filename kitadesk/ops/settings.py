"""Office settings in the `settings` table: the Auslegungen (berechnung.md §11) and the payer
data of the SEPA file (interfaces.md §4).

The table stores only values that differ from the default (domain/settings.py); reading
an absent name gives the default. Writing needs the right `einstellungen`.
"""

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.settings import BY_NAME, Auslegungen
from kitadesk.errors import InputError
from kitadesk.models import SettingValue
from kitadesk.ops.base import SYSTEM_SETTINGS, load_actor, unit_of_work, validate_setting
from kitadesk.reports.sepa import EXAMPLE_PAYER_BIC, EXAMPLE_PAYER_IBAN
from kitadesk.store import Store


def _iban_ok(value: str) -> str:
    from schwifty import IBAN

    try:
        return str(IBAN(value).compact)
    except Exception as exc:  # schwifty raises several subclasses of ValueError
        raise ValueError(f"Einstellung sepa_iban: „{value}“ ist keine gültige IBAN.") from exc


def _bic_ok(value: str) -> str:
    value = value.replace(" ", "").upper()
    if value and not re.fullmatch(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", value):
        raise ValueError(f"Einstellung sepa_bic: „{value}“ ist keine gültige BIC.")
    return value


def _day_ok(value: str) -> str:
    if not value.isdigit() or not 1 <= int(value) <= 28:
        raise ValueError(f"Einstellung sepa_ausfuehrung_tag: „{value}“ muss ein Tag von 1 bis 28 sein.")
    return str(int(value))


def _text_ok(name: str, limit: int):
    def check(value: str) -> str:
        if not value or len(value) > limit:
            raise ValueError(f"Einstellung {name}: bitte 1 bis {limit} Zeichen angeben.")
        return value
    return check


@dataclass(frozen=True)
class OtherSetting:
    """A setting outside the Auslegungen registry (payer data of the SEPA file)."""

    name: str
    default: str
    label: str
    check: object  # callable(str) -> str, raises ValueError with a German message


# Payer of the credit transfers (interfaces.md §4). The default account is the official EXAMPLE
# IBAN (reports/sepa.py EXAMPLE_PAYER_IBAN): SEPA files are refused until the office enters
# the city's account (Einstellungen → Zahlungsdaten).
OTHER: dict[str, OtherSetting] = {s.name: s for s in (
    OtherSetting("sepa_name", "Stadt Moers", "Auftraggeber (Name)", _text_ok("sepa_name", 70)),
    OtherSetting("sepa_iban", EXAMPLE_PAYER_IBAN, "Auftraggeber-IBAN", _iban_ok),
    OtherSetting("sepa_bic", EXAMPLE_PAYER_BIC, "Auftraggeber-BIC", _bic_ok),
    # Execution on this day of the month after the payout month (see payer_for in payout_report.py)
    OtherSetting("sepa_ausfuehrung_tag", "1", "Ausführungstag im Folgemonat", _day_ok),
    # pain.001 version; empty = the newest the library supports
    OtherSetting("sepa_pain_version", "", "pain.001-Version", lambda v: v),
)}


def _stored(session: Session) -> dict[str, str]:
    return dict(session.execute(select(SettingValue.name, SettingValue.value)).all())


def load_auslegungen(session: Session) -> Auslegungen:
    """The Auslegungen in force (stored values over the registry's defaults)."""
    stored = _stored(session)
    return Auslegungen({name: value for name, value in stored.items() if name in BY_NAME})


def get_setting(session: Session, name: str) -> str:
    """Any known setting (Auslegung or payer data), default where none is stored."""
    stored = session.scalar(select(SettingValue.value).where(SettingValue.name == name))
    if name in BY_NAME:
        return stored if stored is not None else BY_NAME[name].default
    if name in OTHER:
        return stored if stored is not None else OTHER[name].default
    if name in SYSTEM_SETTINGS:
        return stored if stored is not None else SYSTEM_SETTINGS[name][0]
    raise InputError(f"Unbekannte Einstellung: „{name}“.")


def validate(name: str, value: str) -> str:
    """The cleaned value, or InputError with a German message."""
    value = str(value).strip()
    try:
        if name in BY_NAME:
            return BY_NAME[name].validate(value)
        if name in OTHER:
            return OTHER[name].check(value)
        if name in SYSTEM_SETTINGS:
            return validate_setting(name, value)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    raise InputError(f"Unbekannte Einstellung: „{name}“.")


def _default(name: str) -> str:
    if name in BY_NAME:
        return BY_NAME[name].default
    return OTHER[name].default if name in OTHER else SYSTEM_SETTINGS[name][0]


def set_setting(store: Store, user: str, name: str, value: str) -> dict[str, str]:
    """Change one setting (right `einstellungen`); the default value removes the row.

    Returns the change set {name: new value}. The audit log records it (session hooks).
    """
    with unit_of_work(store, user) as session:
        load_actor(session, user).require("einstellungen")
        clean = validate(name, value)
        default = _default(name)
        store_value(session, name, clean, default)
    return {name: clean}


def store_value(session: Session, name: str, clean: str, default: str) -> None:
    """Write a validated setting; the default is not stored (the row goes)."""
    row = session.scalar(select(SettingValue).where(SettingValue.name == name))
    if clean == default:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(SettingValue(name=name, value=clean))
    elif row.value != clean:
        row.value = clean
