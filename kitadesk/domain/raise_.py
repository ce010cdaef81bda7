"""Yearly raise proposal of the rate table (R-G2, berechnung.md §2).

The app proposes a table valid from 1 January of the next year with both hourly rates
× 1.015, each rounded half-up to the cent; a person reviews and confirms it — nothing
changes by itself. Auslegung `erhoehung_auch_zuschlaege` (default nein) also raises the
off-hours surcharge and the Vertretungsplatz flat rate. Percentage and caps stay.
"""

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from kitadesk.domain.inputs import RateTable
from kitadesk.domain.money import round_half_up
from kitadesk.domain.settings import Auslegungen
from kitadesk.errors import InputError

RAISE_FACTOR = Fraction(1015, 1000)  # + 1.5 % (Richtlinien 5.1)


def raised(amount: Decimal, factor: Fraction = RAISE_FACTOR) -> Decimal:
    """amount × factor (default 1.015), rounded once half-up to the cent."""
    return round_half_up(Fraction(amount) * factor)


def raise_table(table: RateTable, gueltig_ab: date, settings: Auslegungen,
                factor: Fraction = RAISE_FACTOR) -> RateTable:
    """The raised copy of `table`, valid from `gueltig_ab` (R-G2; other factors: projection scenarios)."""
    changes: dict[str, Any] = {
        "gueltig_ab": gueltig_ab,
        "stundensatz_basis": raised(table.stundensatz_basis, factor),
        "stundensatz_qualifiziert": raised(table.stundensatz_qualifiziert, factor),
    }
    if settings.is_("erhoehung_auch_zuschlaege", "ja"):
        changes["randzeitzuschlag"] = raised(table.randzeitzuschlag, factor)
        changes["vertretungsplatz_pauschale"] = raised(table.vertretungsplatz_pauschale, factor)
    return replace(table, **changes)


def propose_raise(rate_tables: Iterable[RateTable], today: date, settings: Auslegungen) -> RateTable:
    """Proposal valid 1 January after `today`, from the table valid on 31 December (R-G2)."""
    year_end = date(today.year, 12, 31)
    valid = [t for t in rate_tables if t.gueltig_ab <= year_end]
    if not valid:
        raise InputError(f"Keine Satztabelle gültig am {year_end:%d.%m.%Y} — keine Erhöhung vorschlagbar (R-G2).")
    base = max(valid, key=lambda t: t.gueltig_ab)
    return raise_table(base, date(today.year + 1, 1, 1), settings)
