"""Fee table of the Elternbeitragssatzung, Anlage 2 (berechnung.md §9, R-E1;
interfaces.md §3 sheet Beitragstabelle): cells, completeness check, lookups."""

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kitadesk.domain.texts import day as fmt_day
from kitadesk.domain.texts import hours as fmt_hours
from kitadesk.domain.texts import money as fmt_money

UNTER_3, AB_3 = "unter 3", "ab 3"
AGES = (UNTER_3, AB_3)
ZERO = Decimal("0.00")


class FeeError(ValueError):
    """Invalid fee input; `errors` holds every German message at once."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))

    def __reduce__(self):  # pickled whole (a worker process's error, ops/projection_fees.py)
        return (FeeError, (self.errors,))


@dataclass(frozen=True)
class FeeCell:
    """One cell of the statute's table (interfaces.md §3, sheet Beitragstabelle)."""

    alter: str  # 'unter 3' | 'ab 3'
    einkommen_bis: Decimal | None  # yearly family income, inclusive; None = top bracket
    stunden_bis: Decimal  # weekly hours band, inclusive
    beitrag: Decimal  # € per month


@dataclass(frozen=True)
class FeeTable:
    """Fee table valid from `gueltig_ab` (R-E1). Use `errors()` before trusting lookups."""

    gueltig_ab: date
    cells: tuple[FeeCell, ...]
    is_example: bool = False
    _lookup: dict = field(init=False, repr=False, compare=False)
    _bounds: tuple = field(init=False, repr=False, compare=False)
    _bands: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_lookup", {(c.alter, c.einkommen_bis, c.stunden_bis): c.beitrag for c in self.cells})
        object.__setattr__(self, "_bounds", tuple(sorted({c.einkommen_bis for c in self.cells if c.einkommen_bis is not None})))
        object.__setattr__(self, "_bands", tuple(sorted({c.stunden_bis for c in self.cells})))

    @property
    def brackets(self) -> tuple[Decimal | None, ...]:
        """Upper bounds in ascending order; the top bracket (None) last."""
        return (*self._bounds, None)

    @property
    def bands(self) -> tuple[Decimal, ...]:
        return self._bands

    def bracket_for(self, income: Decimal | None) -> tuple[int, Decimal | None]:
        """(1-based Stufe, upper bound) of the smallest bracket whose bound ≥ income.
        No income (no declaration) → the top bracket."""
        if income is None:
            return len(self._bounds) + 1, None
        index = bisect_left(self._bounds, income)
        return index + 1, (self._bounds[index] if index < len(self._bounds) else None)

    def band_for(self, weekly_hours: Decimal) -> Decimal:
        """Smallest band ≥ weekly hours; more than the largest band → the largest (§9)."""
        index = bisect_left(self._bands, weekly_hours)
        return self._bands[min(index, len(self._bands) - 1)]

    def fee(self, alter: str, einkommen_bis: Decimal | None, stunden_bis: Decimal) -> Decimal:
        return self._lookup[(alter, einkommen_bis, stunden_bis)]

    def errors(self) -> list[str]:
        """German messages for every gap: a table must hold every bracket × band for both ages."""
        where = f"Beitragstabelle ab {fmt_day(self.gueltig_ab)}"
        errors: list[str] = []
        seen: set = set()
        for cell in self.cells:
            if cell.alter not in AGES:
                errors.append(f"{where}: Alter „{cell.alter}“ ist unbekannt (erlaubt: unter 3, ab 3).")
            if cell.stunden_bis <= 0:
                errors.append(f"{where}: Stunden_bis {fmt_hours(cell.stunden_bis)} muss größer als 0 sein.")
            if cell.einkommen_bis is not None and cell.einkommen_bis < 0:
                errors.append(f"{where}: Einkommen_bis {fmt_money(cell.einkommen_bis)} ist negativ.")
            if cell.beitrag < 0:
                errors.append(f"{where}: Beitrag {fmt_money(cell.beitrag)} ist negativ ({_cell_text(cell)}).")
            key = (cell.alter, cell.einkommen_bis, cell.stunden_bis)
            if key in seen:
                errors.append(f"{where}: Zelle doppelt – {_cell_text(cell)}.")
            seen.add(key)
        if not self.cells:
            return [f"{where}: die Tabelle ist leer."]
        if None not in {c.einkommen_bis for c in self.cells}:
            errors.append(f"{where}: es fehlt die oberste Einkommensstufe (Einkommen_bis leer).")
        for alter in AGES:
            for bound in self.brackets:
                for band in self._bands:
                    if (alter, bound, band) not in self._lookup:
                        errors.append(f"{where}: Zelle fehlt – {_cell_text(FeeCell(alter, bound, band, ZERO))}.")
        return errors

    def validate(self) -> None:
        errors = self.errors()
        if errors:
            raise FeeError(errors)


def _cell_text(cell: FeeCell) -> str:
    income = "oberste Stufe" if cell.einkommen_bis is None else f"Einkommen bis {fmt_money(cell.einkommen_bis)}"
    return f"Alter „{cell.alter}“, {income}, Stunden bis {fmt_hours(cell.stunden_bis)}"


def build_fee_tables(rows: Iterable[tuple[date, FeeCell]], is_example: bool = False) -> list[FeeTable]:
    """Group imported rows (Gültig_ab, cell) into tables, oldest first."""
    by_date: dict[date, list[FeeCell]] = {}
    for gueltig_ab, cell in rows:
        by_date.setdefault(gueltig_ab, []).append(cell)
    return [FeeTable(d, tuple(cells), is_example) for d, cells in sorted(by_date.items())]


def table_on(tables: Iterable[FeeTable], day: date) -> FeeTable | None:
    """The table with the latest gueltig_ab ≤ day."""
    best = None
    for table in tables:
        if table.gueltig_ab <= day and (best is None or table.gueltig_ab > best.gueltig_ab):
            best = table
    return best
