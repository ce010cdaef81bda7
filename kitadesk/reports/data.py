"""Plain data the ops layer fills for the finance exports (reports never query the store)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache, cached_property

from kitadesk.domain.lines import Line
from kitadesk.reports.errors import ReportError

STATUS_DRAFT = "Entwurf"
STATUS_FINAL = "abgeschlossen"
SRT_ORDER = ("Mitte/Süd", "Ost", "Nord")
CHANGES = ("", "neu", "geändert", "entfällt")  # Änderung column of the fee list
ZERO = Decimal("0.00")

_DIGITS = re.compile(r"(\d+)")


@cache
def natural_key(value: str | None) -> tuple:
    """Sort key: 'T2' before 'T10', numbers before text."""
    parts = _DIGITS.split(str(value or ""))
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in parts if p)


def compact_iban(iban: str | None) -> str:
    """'de89 3704 0044…' → 'DE89370400440…' (no validation)."""
    return re.sub(r"\s+", "", iban or "").upper()


def grouped_iban(iban: str | None) -> str:
    """'DE89370400440532013000' → 'DE89 3704 0044 0532 0130 00' (for print)."""
    s = compact_iban(iban)
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def hide_password(url: str) -> str:
    """Database URL without its password: 'postgresql://u:secret@h/db' → 'postgresql://u:***@h/db'."""
    return re.sub(r"(//[^/:@]+):[^@/]*@", r"\1:***@", url or "")


@dataclass(frozen=True)
class PayoutRunInfo:
    """Head data of a payout run (berechnung.md §8)."""

    year: int
    month: int
    number: str                      # 'JJJJ-MM/n'
    status: str                      # STATUS_DRAFT | STATUS_FINAL
    created_at: datetime
    created_by: str
    database: str                    # URL or path; a password is never printed
    program_version: str
    settings: Mapping[str, str] = field(default_factory=dict)  # Auslegungen used: name → value

    def __post_init__(self):
        if not re.fullmatch(rf"{self.year:04d}-{self.month:02d}/[1-9]\d*", self.number or ""):
            raise ReportError(f"Laufnummer „{self.number}“ passt nicht zu {self.month:02d}/{self.year} "
                              "(erwartet JJJJ-MM/n).")
        if self.status not in (STATUS_DRAFT, STATUS_FINAL):
            raise ReportError(f"Unbekannter Status des Laufs {self.number}: „{self.status}“.")
        if not 1 <= self.month <= 12:
            raise ReportError(f"Ungültiger Monat {self.month} im Lauf {self.number}.")

    @property
    def is_final(self) -> bool:
        return self.status == STATUS_FINAL

    @property
    def period(self) -> str:
        """'04/2026'."""
        return f"{self.month:02d}/{self.year}"

    @property
    def purpose(self) -> str:
        """Verwendungszweck: 'Kindertagespflege 04/2026 Lauf 2026-04/1' (interfaces.md §4)."""
        return f"Kindertagespflege {self.period} Lauf {self.number}"


@dataclass(frozen=True)
class PayoutCarer:
    """A payee (Tagespflegeperson) as printed on the payout exports."""

    nr: str
    name: str
    vorname: str
    srt: str                         # 'Mitte/Süd' | 'Ost' | 'Nord'
    iban: str | None
    bic: str | None = None
    iban_hidden: bool = False        # the user may not see it (iban is then None): not "missing"


@dataclass(frozen=True)
class Payment:
    """One row of sheet Auszahlung: a carer whose month sums to more than 0."""

    carer: PayoutCarer
    amount: Decimal


@dataclass(frozen=True)
class PayoutReport:
    """Everything the payout exports show: run head, payees, lines, completeness warnings.

    Immutable: totals and payments are computed once on first use.
    """

    info: PayoutRunInfo
    carers: Sequence[PayoutCarer]
    lines: Sequence[Line]
    warnings: Sequence[str] = ()
    children: Mapping[str, str] = field(default_factory=dict)  # child nr → 'Vorname Nachname' (Positionen)

    @cached_property
    def totals(self) -> dict[str, Decimal]:
        """Sum of lines per carer nr (every carer with a line, also ≤ 0)."""
        result: dict[str, Decimal] = {}
        for line in self.lines:
            result[line.carer_nr] = result.get(line.carer_nr, ZERO) + line.amount
        return result

    @cached_property
    def carers_by_nr(self) -> dict[str, PayoutCarer]:
        by_nr: dict[str, PayoutCarer] = {}
        duplicates = []
        for carer in self.carers:
            if carer.nr in by_nr:
                duplicates.append(carer.nr)
            by_nr[carer.nr] = carer
        missing = sorted((nr for nr in self.totals if nr not in by_nr), key=natural_key)
        problems = [f"TPP-Nr. {nr}: doppelt in den Stammdaten" for nr in duplicates]
        problems += [f"TPP-Nr. {nr}: Positionen ohne Stammdaten" for nr in missing]
        if problems:
            raise ReportError(f"Lauf {self.info.number}: Daten für die Auszahlung unstimmig.", tuple(problems))
        return by_nr

    @cached_property
    def payments(self) -> list[Payment]:
        """Carers with an amount > 0, sorted by Nr (the rows of sheet Auszahlung and of SEPA)."""
        by_nr = self.carers_by_nr
        rows = [Payment(by_nr[nr], amount) for nr, amount in self.totals.items() if amount > 0]
        rows.sort(key=lambda p: natural_key(p.carer.nr))
        return rows

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def not_paid(self) -> list[tuple[PayoutCarer, Decimal]]:
        """Carers whose lines sum to less than 0 (should have been carried, berechnung.md §8)."""
        by_nr = self.carers_by_nr
        rows = [(by_nr[nr], amount) for nr, amount in self.totals.items() if amount < 0]
        return sorted(rows, key=lambda r: natural_key(r[0].nr))


@dataclass(frozen=True)
class FeeListRow:
    """One row of sheet Beiträge (interfaces.md §4): one child with a placement in the month."""

    family_nr: str                   # Familie_Nr
    child_nr: str                    # Kind_Nr
    name: str                        # Name (child)
    vorname: str                     # Vorname (child)
    guardians: str                   # Sorgeberechtigte
    stufe: str | int | None          # income bracket (label or number)
    band: str | int | None           # weekly hours band (label or number)
    fee: Decimal | None              # Beitrag after proration, fee-free status, sibling rule; None = not fixed
    waiver: Decimal = ZERO           # Ermäßigung, a positive amount
    change: str = ""                 # Änderung: '', 'neu', 'geändert', 'entfällt'

    @property
    def amount_due(self) -> Decimal | None:
        """Zahlbetrag = Beitrag − Ermäßigung."""
        return None if self.fee is None else self.fee - (self.waiver or ZERO)


@dataclass(frozen=True)
class FeeListInfo:
    """Head data of the fee list (Info sheet)."""

    year: int
    month: int
    created_at: datetime
    created_by: str
    database: str
    program_version: str
    settings: Mapping[str, str] = field(default_factory=dict)
    fee_table_valid_from: date | None = None


@dataclass(frozen=True)
class FeeList:
    info: FeeListInfo
    rows: Sequence[FeeListRow]
    warnings: Sequence[str] = ()


@dataclass(frozen=True)
class SepaPayer:
    """The paying account (settings) and the transfer's parameters."""

    name: str
    iban: str
    bic: str | None
    execution_date: date
    pain_version: str | None = None  # None → the newest pain.001 sepaxml supports
