"""The output of every calculation: explained lines (berechnung.md §1)."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# Positions (berechnung.md §5, §6, §8)
BETREUUNG = "Betreuung"
MBA = "Mittelbare Bildungsarbeit"
RANDZEIT = "Randzeitenzuschlag"
BESONDERER_BEDARF = "Zuschlag besonderer Bedarf"
FEIERTAG = "Feiertagszuschlag"
VERTRETUNGSPLATZ = "Vertretungsplatz"
UNFALL = "Unfallversicherung"
ALTER = "Alterssicherung"
KRANKEN = "Kranken-/Pflegeversicherung"
EINZELFALL = "Einzelfallentscheidung"
UEBERTRAG = "Übertrag aus Vormonat"
VORTRAG = "Vortrag in Folgemonat"
KORREKTUR_PREFIX = "Korrektur: "

CHILD_POSITIONS = (BETREUUNG, MBA, RANDZEIT, BESONDERER_BEDARF, FEIERTAG)


@dataclass(frozen=True)
class Line:
    """One payout line: who, for which child, what, by which rule, when, how much and why."""

    carer_nr: str
    child_nr: str | None
    position: str
    rule: str
    von: date
    bis: date
    hours: Decimal | None
    rate: Decimal | None
    amount: Decimal
    why: str = ""
    # how the amount is made, for the finance sheet Positionen (not part of a line's identity):
    # the weekly hours of the formula (h + 2·n, o + 2·n, 1 for MBA …; berechnung.md §5) and the
    # proration d/D (§4); None where the line has none
    weekly_hours: Decimal | None = field(default=None, compare=False)
    days: tuple[int, int] | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple:
        """Identity of a line for corrections: (carer, child, position, segment)."""
        return (self.carer_nr, self.child_nr, self.position, self.von, self.bis)


def days_text(days: tuple[int, int] | None) -> str | None:
    """(15, 30) → '15/30' (stored and shown as such)."""
    return None if days is None else f"{days[0]}/{days[1]}"


def parse_days(text: str | None) -> tuple[int, int] | None:
    """'15/30' → (15, 30)."""
    if not text:
        return None
    d, _, month_days = text.partition("/")
    return int(d), int(month_days)


def total(lines) -> Decimal:
    return sum((line.amount for line in lines), Decimal("0.00"))


def totals_by_carer(lines) -> dict[str, Decimal]:
    result: dict[str, Decimal] = {}
    for line in lines:
        result[line.carer_nr] = result.get(line.carer_nr, Decimal("0.00")) + line.amount
    return result


def _number(value: Decimal | None) -> str:
    return "" if value is None else str(value.normalize())  # 6.7 and 6.70 (as stored) are one figure


def run_digest(lines, settings: dict) -> str:
    """A short digest of a run's content — its lines in any order and the settings used — to
    tell whether a run is still the one a person looked at (finalize, berechnung.md §8).
    Order-free: the sum of one small hash per line (no sort of 30,000 items);
    stable across processes (the CLI prints it, the window shows it)."""
    acc = 0
    for ln in lines:
        text = (f"{ln.carer_nr}|{ln.child_nr}|{ln.position}|{ln.rule}|{ln.von}|{ln.bis}|{_number(ln.hours)}|"
                f"{_number(ln.rate)}|{_number(ln.amount)}|{ln.why}")
        acc += int.from_bytes(hashlib.blake2b(text.encode(), digest_size=16).digest(), "big")
    head = json.dumps(settings or {}, sort_keys=True, default=str)
    return hashlib.sha256(f"{len(lines)}|{acc:x}|{head}".encode()).hexdigest()[:12]
