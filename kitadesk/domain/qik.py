"""QiK — Quereinstieg in die Kinderbetreuung (R-Q1..R-Q3): status rules and the yearly report
per cohort for the ministry — pure functions over plain dataclasses.

Decisions where the spec is silent:
- Status history (R-Q1): interessiert → in Ausbildung → abgeschlossen, or abgebrochen from
  interessiert/in Ausbildung. "abgeschlossen" is final. After "abgebrochen" a person may
  come back (→ interessiert or in Ausbildung, a re-entry). A change is dated; the date may
  not lie before the last recorded change; the same status twice in a row is refused.
- The report for year Y (R-Q3) counts every participant with a recorded status on or before
  31 December Y: their status on that day ("Stand 31.12."), and the changes within Y (new
  interested, training started, completions, dropouts). A cohort (Jahrgang = school year in
  which the training starts, 2025 = 2025/26) narrows the participants; the coordination
  work is not tied to a cohort and is always the year's.
- Completion rate = completions / (completions + dropouts) of the cohort until 31.12.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

INTERESSIERT, AUSBILDUNG, ABGESCHLOSSEN, ABGEBROCHEN = "interessiert", "in Ausbildung", "abgeschlossen", "abgebrochen"
STATUSES = (INTERESSIERT, AUSBILDUNG, ABGESCHLOSSEN, ABGEBROCHEN)
ALLOWED = {  # R-Q1: status → statuses it may change to
    None: (INTERESSIERT, AUSBILDUNG),
    INTERESSIERT: (AUSBILDUNG, ABGEBROCHEN),
    AUSBILDUNG: (ABGESCHLOSSEN, ABGEBROCHEN),
    ABGESCHLOSSEN: (),
    ABGEBROCHEN: (INTERESSIERT, AUSBILDUNG),
}
PARTNER_ARTEN = ("Träger", "Kita", "Berufskolleg", "Weiterbildung", "Jobcenter", "Agentur für Arbeit", "sonstige")
ZERO_HOURS = Decimal("0.00")


class QikError(ValueError):
    """A refused QiK entry; the message is German."""


@dataclass(frozen=True)
class QikEvent:
    datum: date
    status: str


def current(history: tuple[QikEvent, ...] | list[QikEvent]) -> QikEvent | None:
    """The latest change (same date: the one recorded last)."""
    return sorted(history, key=lambda e: e.datum)[-1] if history else None


def status_on(history, day: date) -> str | None:
    """The status valid on `day` (the latest change on or before it)."""
    last = current([e for e in history if e.datum <= day])
    return last.status if last else None


def check_status_change(history, status: str, datum: date) -> None:
    """R-Q1: refuse an unknown status, a date before the last change, or a change the rules forbid."""
    if status not in STATUSES:
        raise QikError(f"Unbekannter Status „{status}“ (erlaubt: {', '.join(STATUSES)}).")
    last = current(list(history))
    if last is not None and datum < last.datum:
        raise QikError(f"Das Datum {datum:%d.%m.%Y} liegt vor der letzten Statusänderung "
                       f"({last.status} am {last.datum:%d.%m.%Y}).")
    before = last.status if last else None
    if before == status:
        raise QikError(f"Der Status ist bereits „{status}“.")
    if status not in ALLOWED[before]:
        allowed = ", ".join(ALLOWED[before]) or "keine weitere Änderung"
        raise QikError(f"Von „{before or 'ohne Status'}“ nach „{status}“ ist nicht möglich (möglich: {allowed}).")


def cohort_label(jahrgang: int | None) -> str:
    """2025 → '2025/26'; None → 'alle Jahrgänge'."""
    return "alle Jahrgänge" if jahrgang is None else f"{jahrgang}/{(jahrgang + 1) % 100:02d}"


@dataclass(frozen=True)
class QikPerson:
    nr: int
    jahrgang: int
    history: tuple[QikEvent, ...]
    kita: str = ""
    traeger: str = ""
    berufskolleg: str = ""
    klasse: str = ""
    foerderer: str = ""
    beginn: date | None = None


@dataclass(frozen=True)
class QikWork:
    """A coordination activity (R-Q3)."""

    datum: date
    partner: str
    thema: str
    stunden: Decimal


@dataclass(frozen=True)
class CohortRow:
    jahrgang: int | None  # None = total
    teilnehmende: int
    stand: tuple[int, int, int, int]  # by STATUSES on 31.12.
    neu: int  # first recorded in the year
    ausbildung_begonnen: int
    abschluesse: int
    abbrueche: int
    abschluesse_gesamt: int  # up to 31.12. (for the rate)
    abbrueche_gesamt: int

    @property
    def label(self) -> str:
        return "Gesamt" if self.jahrgang is None else cohort_label(self.jahrgang)

    @property
    def abschlussquote(self) -> Decimal | None:
        ended = self.abschluesse_gesamt + self.abbrueche_gesamt
        if not ended:
            return None
        return (Decimal(100) * self.abschluesse_gesamt / ended).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class ParticipantLine:
    """A participant in the report (no names: the ministry gets numbers)."""

    nr: int
    jahrgang: int
    status: str
    seit: date
    person: QikPerson


@dataclass(frozen=True)
class QikReport:
    jahr: int
    jahrgang: int | None
    cohorts: tuple[CohortRow, ...]  # per cohort, then the total (jahrgang None)
    participants: tuple[ParticipantLine, ...]
    activities: tuple[QikWork, ...]

    @property
    def total(self) -> CohortRow:
        return self.cohorts[-1]

    @property
    def activity_count(self) -> int:
        return len(self.activities)

    @property
    def activity_hours(self) -> Decimal:
        return sum((a.stunden for a in self.activities), ZERO_HOURS)

    def hours_by_month(self) -> list[Decimal]:
        out = [ZERO_HOURS] * 12
        for a in self.activities:
            out[a.datum.month - 1] += a.stunden
        return out

    def by_topic(self) -> list[tuple[str, int, Decimal]]:
        count: Counter[str] = Counter()
        hours: dict[str, Decimal] = {}
        for a in self.activities:
            count[a.thema] += 1
            hours[a.thema] = hours.get(a.thema, ZERO_HOURS) + a.stunden
        return sorted(((t, count[t], hours[t]) for t in count), key=lambda x: (-x[2], x[0]))


def _row(jahrgang, people: list[QikPerson], year: int) -> CohortRow:
    start, end = date(year, 1, 1), date(year, 12, 31)
    stand: Counter[str | None] = Counter()
    neu = begun = done = dropped = done_all = dropped_all = 0
    for p in people:
        events = sorted(p.history, key=lambda e: e.datum)
        stand[status_on(events, end)] += 1
        if events[0].datum >= start:
            neu += 1
        for e in events:
            if e.datum > end:
                break
            in_year = e.datum >= start
            if e.status == AUSBILDUNG and in_year:
                begun += 1
            if e.status == ABGESCHLOSSEN:
                done_all += 1
                done += in_year
            if e.status == ABGEBROCHEN:
                dropped_all += 1
                dropped += in_year
    first, second, third, fourth = (stand[s] for s in STATUSES)
    return CohortRow(jahrgang, len(people), (first, second, third, fourth), neu, begun, done, dropped,
                     done_all, dropped_all)


def qik_report(year: int, people, activities, jahrgang: int | None = None) -> QikReport:
    """R-Q3: participants by status on 31.12., changes in the year, coordination work."""
    end = date(year, 12, 31)
    chosen = [p for p in people if (jahrgang is None or p.jahrgang == jahrgang)
              and any(e.datum <= end for e in p.history)]
    cohorts = sorted({p.jahrgang for p in chosen})
    rows = [_row(c, [p for p in chosen if p.jahrgang == c], year) for c in cohorts]
    rows.append(_row(None, chosen, year))
    lines = []
    for p in sorted(chosen, key=lambda p: (p.jahrgang, p.nr)):
        valid = [e for e in sorted(p.history, key=lambda e: e.datum) if e.datum <= end]
        lines.append(ParticipantLine(p.nr, p.jahrgang, valid[-1].status, valid[-1].datum, p))
    work = tuple(sorted((a for a in activities if a.datum.year == year), key=lambda a: (a.datum, a.thema)))
    return QikReport(year, jahrgang, tuple(rows), tuple(lines), work)
