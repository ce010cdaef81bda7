"""Weekly time plans (`Zeitplan`, interfaces.md §3; R-K2) and derived hours.

Grammar: ``Tag Slot[, Slot]; …`` with days ``Mo Di Mi Do Fr Sa So`` and slots
``HH:MM-HH:MM``; 24:00 is allowed as an end, no slot crosses midnight (split it
across two days), slots of one day do not overlap (touching is fine).

Hours are exact: `Fraction` internally, `Decimal` (2 places, half-up) for display and
storage. Off-hours (berechnung.md §5, R-G3): care before 07:00, after 19:00, and all
of Saturday and Sunday — each hour counts once (a Saturday 06:00–08:00 is 2 h, not 3).

Night care (R-G7, berechnung.md §5, Richtlinien 5.4): the night is 21:00–06:00.
- In the parents' household the night hours are ordinary hours (in h, at the day rate)
  and never off-hours: only the off-hours outside the night count (weekdays 06:00–07:00
  and 19:00–21:00, weekends 06:00–21:00).
- Overnight at the carer's the night is paid as 2 flat hours per night, so the plan must
  not contain it at all (`night_slot`).
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from kitadesk.domain.money import round_places
from kitadesk.domain.texts import hours as fmt_hours

DAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
DAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
WEEKEND = (5, 6)
DAY_MINUTES = 24 * 60
OFF_BEFORE = 7 * 60  # R-G3: before 07:00
OFF_AFTER = 19 * 60  # R-G3: after 19:00
NIGHT_END, NIGHT_START = 6 * 60, 21 * 60  # R-G7: the night 21:00–06:00

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_DASHES = ("–", "—")  # typed or pasted en/em dashes are read as '-'


class TimePlanError(ValueError):
    """A Zeitplan that cannot be read; the message is German and names the fault."""


@dataclass(frozen=True, order=True)
class Slot:
    """One care window on one weekday, minutes since midnight, [start, end)."""

    start: int
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def overlap(self, start: int, end: int) -> int:
        """Minutes of this slot within [start, end)."""
        return max(0, min(self.end, end) - max(self.start, start))

    @property
    def off_minutes_weekday(self) -> int:
        """Minutes of this slot before 07:00 or after 19:00 (each minute once)."""
        return self.overlap(0, OFF_BEFORE) + self.overlap(OFF_AFTER, DAY_MINUTES)

    @property
    def night_minutes(self) -> int:
        """Minutes of this slot in the night 21:00–06:00 (R-G7)."""
        return self.overlap(0, NIGHT_END) + self.overlap(NIGHT_START, DAY_MINUTES)

    def off_minutes(self, weekend: bool, night_in_parents_household: bool = False) -> int:
        """Off-hours minutes (R-G3); in the parents' household without the night (R-G7)."""
        off = self.minutes if weekend else self.off_minutes_weekday
        if night_in_parents_household:
            off -= self.night_minutes  # the night lies wholly within the off-hours
        return off

    def __str__(self) -> str:
        return f"{_fmt_time(self.start)}-{_fmt_time(self.end)}"


@dataclass(frozen=True)
class TimePlan:
    """A weekly plan: for each weekday (0 = Mo … 6 = So) its sorted, non-overlapping slots."""

    days: tuple[tuple[Slot, ...], ...] = ((),) * 7

    @property
    def weekly_hours_exact(self) -> Fraction:
        return Fraction(sum(s.minutes for day in self.days for s in day), 60)

    @property
    def off_hours_exact(self) -> Fraction:
        return self.off_hours_exact_for(False)

    def off_hours_exact_for(self, night_in_parents_household: bool) -> Fraction:
        """Off-hours per week (R-G3); with night care in the parents' household the night
        hours 21:00–06:00 are ordinary hours and not counted (R-G7, berechnung.md §5)."""
        minutes = sum(slot.off_minutes(weekday in WEEKEND, night_in_parents_household)
                      for weekday, slot in self.slots())
        return Fraction(minutes, 60)

    def off_hours_for(self, night_in_parents_household: bool) -> Decimal:
        """Randzeitstunden derived from the plan (R-G3, R-G7), Decimal 2 places."""
        return hours_decimal(self.off_hours_exact_for(night_in_parents_household))

    @property
    def weekly_hours(self) -> Decimal:
        """Sum of all slots in hours (Decimal, 2 places half-up)."""
        return hours_decimal(self.weekly_hours_exact)

    @property
    def off_hours(self) -> Decimal:
        """Randzeitstunden per week derived from the plan (R-G3), Decimal 2 places."""
        return hours_decimal(self.off_hours_exact)

    def night_slot(self) -> "Slot | None":
        """The first slot reaching into the night 21:00–06:00, or None (R-G7)."""
        return next((slot for _, slot in self.slots() if slot.night_minutes), None)

    @property
    def is_empty(self) -> bool:
        return not any(self.days)

    def slots(self):
        """Yield (weekday, slot) in week order."""
        for weekday, slots in enumerate(self.days):
            for slot in slots:
                yield weekday, slot

    def __str__(self) -> str:
        return format_timeplan(self)


def hours_decimal(value: Fraction) -> Decimal:
    """Exact hours → Decimal with 2 places, ROUND_HALF_UP (hours are never negative)."""
    return round_places(value, 2)


def _fmt_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_time(text: str, where: str, is_end: bool) -> int:
    match = _TIME.match(text)
    if not match:
        raise TimePlanError(f"{where}: Uhrzeit „{text}“ ist nicht im Format HH:MM.")
    hour, minute = int(match.group(1)), int(match.group(2))
    if minute > 59:
        raise TimePlanError(f"{where}: Uhrzeit „{text}“ hat mehr als 59 Minuten.")
    if hour == 24 and minute == 0:
        if not is_end:
            raise TimePlanError(f"{where}: 24:00 ist nur als Ende erlaubt, nicht als Beginn.")
        return DAY_MINUTES
    if hour > 23:
        raise TimePlanError(f"{where}: Uhrzeit „{text}“ gibt es nicht (höchstens 24:00 als Ende).")
    return hour * 60 + minute


def _parse_slot(text: str, day: str) -> Slot:
    raw = text.strip()
    for dash in _DASHES:
        raw = raw.replace(dash, "-")
    where = f"Zeitplan, {day} „{text.strip()}“"
    if raw.count("-") != 1:
        raise TimePlanError(f"{where}: ein Zeitfenster hat die Form HH:MM-HH:MM.")
    start_text, end_text = (part.strip() for part in raw.split("-"))
    start = _parse_time(start_text, where, is_end=False)
    end = _parse_time(end_text, where, is_end=True)
    if end == start:
        raise TimePlanError(f"{where}: Beginn und Ende sind gleich; das Zeitfenster ist leer.")
    if end < start:
        raise TimePlanError(
            f"{where}: das Ende liegt vor dem Beginn. Ein Zeitfenster darf nicht über "
            f"Mitternacht gehen – bitte auf zwei Tage aufteilen (bis 24:00 und ab 00:00)."
        )
    return Slot(start, end)


def parse_timeplan(text: str | None) -> TimePlan:
    """Read a Zeitplan (interfaces.md §3); empty text → empty plan.

    Raises TimePlanError with a German message naming the day and the slot at fault.
    """
    days: list[tuple[Slot, ...] | None] = [None] * 7
    if text is None or not str(text).strip():
        return TimePlan()
    for part in str(text).split(";"):
        part = part.strip()
        if not part:
            continue
        head, _, rest = part.partition(" ")
        day = head.strip().rstrip(":").capitalize()
        if day not in DAYS:
            raise TimePlanError(
                f"Zeitplan: Tag „{head}“ ist unbekannt (erlaubt: {', '.join(DAYS)})."
            )
        weekday = DAYS.index(day)
        if days[weekday] is not None:
            raise TimePlanError(f"Zeitplan: der Tag {day} kommt mehrfach vor; bitte alle Zeiten eines Tages zusammen angeben.")
        if not rest.strip():
            raise TimePlanError(f"Zeitplan: für {day} fehlt die Uhrzeit (z. B. „{day} 08:00-14:00“).")
        slots = sorted(_parse_slot(s, day) for s in rest.split(","))
        for earlier, later in zip(slots, slots[1:]):
            if later.start < earlier.end:
                raise TimePlanError(
                    f"Zeitplan, {day}: die Zeitfenster {earlier} und {later} überschneiden sich."
                )
        days[weekday] = tuple(slots)
    return TimePlan(tuple(d or () for d in days))


def format_timeplan(plan: TimePlan) -> str:
    """Canonical text: days in week order, slots sorted, `; ` and `, ` as separators."""
    parts = []
    for weekday, slots in enumerate(plan.days):
        if slots:
            parts.append(f"{DAYS[weekday]} " + ", ".join(str(s) for s in slots))
    return "; ".join(parts)


def max_present_at_once(plans) -> tuple[int, int | None, int | None]:
    """Largest number of plans with a slot covering the same minute of the week.

    Returns (count, weekday, minute) of the first peak; (0, None, None) for no slots.
    Slots are half-open, so one child leaving at 12:00 and another arriving at 12:00
    are not present at once.
    """
    best, best_day, best_minute = 0, None, None
    for weekday in range(7):
        events = []
        for plan in plans:
            for slot in plan.days[weekday]:
                events.append((slot.start, 1))
                events.append((slot.end, -1))
        events.sort()  # at equal minutes, -1 (leave) sorts before +1 (arrive)
        current = 0
        for minute, delta in events:
            current += delta
            if current > best:
                best, best_day, best_minute = current, weekday, minute
    return best, best_day, best_minute


def describe_moment(weekday: int, minute: int) -> str:
    """(0, 390) → 'Montag 06:30'."""
    return f"{DAY_NAMES[weekday]} {_fmt_time(minute)}"


def night_care_errors(plan: TimePlan | None, nights, night_in_parents_household: bool) -> dict[str, str]:
    """R-G7 (berechnung.md §5): overnight at the carer's and night care in the parents' household
    exclude each other; at the carer's the plan must not contain the night 21:00–06:00 (it is
    paid as 2 flat hours per night). Field → German message (form and import ask this)."""
    errors = {}
    if nights and night_in_parents_household:
        errors["nacht_im_haushalt_der_eltern"] = ("Übernachtungen bei der Tagespflegeperson und Nachtbetreuung im "
                                                  "Haushalt der Eltern schließen sich aus (R-G7).")
    if nights and plan is not None and (slot := plan.night_slot()) is not None:
        errors["zeitplan"] = (f"bei Übernachtungen gilt 21:00–6:00 pauschal als 2 Stunden je Nacht (R-G7); "
                              f"der Zeitplan darf diese Zeit nicht enthalten ({slot}).")
    return errors


TOLERANCE = Fraction(1, 100)  # interfaces.md §3: Wochenstunden = plan sum ± 0.01 h


def consistency_errors(plan: TimePlan, weekly_hours: Decimal, off_hours: Decimal | None = None,
                       night_in_parents_household: bool = False) -> list[str]:
    """Import and form check (interfaces.md §3): Wochenstunden must equal the plan's sum
    (± 0.01 h), Randzeitstunden, if given, the derived off-hours (same tolerance) — without
    the night hours when the night care is in the parents' household (R-G7)."""
    errors = []
    if abs(Fraction(weekly_hours) - plan.weekly_hours_exact) > TOLERANCE:
        errors.append(
            f"Wochenstunden {fmt_hours(weekly_hours)} passen nicht zum Zeitplan "
            f"(Summe {fmt_hours(plan.weekly_hours)} Stunden)."
        )
    derived = plan.off_hours_exact_for(night_in_parents_household)
    if off_hours is not None and abs(Fraction(off_hours) - derived) > TOLERANCE:
        rule = "vor 7:00, nach 19:00, Sa/So"
        if night_in_parents_household:
            rule += "; ohne die Nachtstunden 21:00–6:00 im Haushalt der Eltern, R-G7"
        errors.append(
            f"Randzeitstunden {fmt_hours(off_hours)} passen nicht zum Zeitplan "
            f"({rule}: {fmt_hours(hours_decimal(derived))} Stunden)."
        )
    return errors


def summary(plan: TimePlan) -> str:
    """Short text for letters: runs of weekdays with the same slots joined ('Mo–Fr 08:00–14:00; Sa 09:00–12:00')."""
    runs: list[tuple[int, int, tuple[Slot, ...]]] = []
    for weekday, slots in enumerate(plan.days):
        if slots and runs and runs[-1][1] == weekday - 1 and runs[-1][2] == slots:
            runs[-1] = (runs[-1][0], weekday, slots)
        elif slots:
            runs.append((weekday, weekday, slots))
    parts = []
    for first, last, slots in runs:
        days = DAYS[first] if first == last else f"{DAYS[first]}{'–' if last > first + 1 else ', '}{DAYS[last]}"
        parts.append(days + " " + ", ".join(str(s).replace("-", "–") for s in slots))
    return "; ".join(parts)
