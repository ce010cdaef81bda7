"""Pay tier history of a carer (R-C5, Richtlinien 5.1; berechnung.md §4: it can change mid-month).

qualifiziert if
- Fachkraft or QHB: from the date of the qualification;
- experience route (Auslegung `stufe_erfahrung`, default on): from the later of
  Tätig_seit + 5 years and 1 January after the fifth consecutive calendar year with
  ≥ 5 hours of Fortbildung (R-C4); lost on 1 January after a year with fewer than 5 hours
  (and regained only after five consecutive good years again).
otherwise basis. The result is a tuple of change points usable as `Carer.tiers`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kitadesk.domain.calendar import add_years
from kitadesk.domain.inputs import BASIS, QUALIFIZIERT
from kitadesk.domain.rules.limits import TRAINING_HOURS_PER_YEAR
from kitadesk.domain.settings import Auslegungen

MIN_FORTBILDUNG_HOURS = TRAINING_HOURS_PER_YEAR  # § 21 KiBiz, R-C4
EXPERIENCE_YEARS = 5
QUALIFYING = ("fachkraft", "qhb")  # Qualifikation values that give the higher tier by themselves


@dataclass(frozen=True)
class TierChange:
    """From `von` the carer is paid at `tier`, because of `reason` (German, for letters)."""

    von: date
    tier: str
    reason: str


def fortbildung_by_year(courses: Iterable[tuple[date, Decimal]]) -> dict[int, Decimal]:
    """Hours of Fortbildung per calendar year from (date, hours) courses (R-C4)."""
    out: dict[int, Decimal] = {}
    for day, hours in courses:
        out[day.year] = out.get(day.year, Decimal(0)) + Decimal(hours)
    return out


def _good_years_before(year: int, hours: Mapping[int, Decimal]) -> bool:
    """The five calendar years before `year` each had ≥ 5 hours of Fortbildung."""
    return all(hours.get(y, Decimal(0)) >= MIN_FORTBILDUNG_HOURS for y in range(year - EXPERIENCE_YEARS, year))


def tier_changes(qualifikation: str, qualifikation_seit: date | None, taetig_seit: date | None,
                 fortbildungen: Iterable[tuple[date, Decimal]] | Mapping[int, Decimal],
                 settings: Auslegungen, until: date) -> tuple[TierChange, ...]:
    """Every change of tier up to `until` (R-C5), with the reason; starts at basis.

    fortbildungen: (date, hours) courses or hours per year. Only completed years count
    for the experience route, so `until` (e.g. the month's last day) decides how many
    1-January change points are looked at.
    """
    hours = dict(fortbildungen) if isinstance(fortbildungen, Mapping) else fortbildung_by_year(fortbildungen)
    by_qualification = qualifikation.strip().lower() in QUALIFYING
    qualified_from = (qualifikation_seit or date.min) if by_qualification else None
    experience = settings.is_("stufe_erfahrung", "5_jahre_und_fortbildung") and taetig_seit is not None
    experienced_from = add_years(taetig_seit, EXPERIENCE_YEARS) if experience and taetig_seit is not None else None

    candidates: set[date] = set()
    if qualified_from is not None and qualified_from <= until:
        candidates.add(qualified_from)
    if experienced_from is not None and experienced_from <= until:
        candidates.add(experienced_from)
        first_year = min([experienced_from.year - EXPERIENCE_YEARS, *hours]) + EXPERIENCE_YEARS
        candidates.update(date(y, 1, 1) for y in range(first_year, until.year + 1))

    def state_on(day: date) -> tuple[str, str]:
        if qualified_from is not None and day >= qualified_from:
            return QUALIFIZIERT, f"Qualifikation {qualifikation.strip()} (R-C5)"
        if experienced_from is not None and day >= experienced_from:
            if _good_years_before(day.year, hours):
                return QUALIFIZIERT, ("5 Jahre Tätigkeit und Fortbildung je ≥ 5 Std. in "
                                      f"{day.year - EXPERIENCE_YEARS}–{day.year - 1} (R-C5)")
            return BASIS, (f"ein Jahr mit weniger als 5 Std. Fortbildung in {day.year - EXPERIENCE_YEARS}–"
                           f"{day.year - 1} (R-C5, R-C4)")
        return BASIS, "Basisstufe (R-C5)"

    changes: list[TierChange] = []
    current = BASIS
    for day in sorted(candidates):
        tier, reason = state_on(day)
        if tier != current:
            changes.append(TierChange(day, tier, reason))
            current = tier
    return tuple(changes)


def tier_history(qualifikation: str, qualifikation_seit: date | None, taetig_seit: date | None,
                 fortbildungen: Iterable[tuple[date, Decimal]] | Mapping[int, Decimal],
                 settings: Auslegungen, until: date) -> tuple[tuple[date, str], ...]:
    """Change points (von, tier) for `Carer.tiers` (R-C5); before the first: basis."""
    return tuple((c.von, c.tier) for c in tier_changes(
        qualifikation, qualifikation_seit, taetig_seit, fortbildungen, settings, until))
