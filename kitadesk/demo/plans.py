"""Weekly time plans for the demo (interfaces.md §3 grammar) with their exact hours and
off-hours (domain.timeplan), grouped by when the child comes: `any` (whole day), `morning`
(gone by 13:00) and `afternoon` (from 13:00) — carers with more than 5 contracts get only
morning/afternoon children so that never more than 5 are present at once (R-C6)."""

from decimal import Decimal

from kitadesk.domain.timeplan import parse_timeplan


def _week(days: str, slot: str) -> str:
    return "; ".join(f"{d} {slot}" for d in days.split())


ANY = (
    _week("Mo Di Mi Do Fr", "07:30-13:30"), _week("Mo Di Mi Do Fr", "07:00-16:00"),
    _week("Mo Di Mi Do Fr", "08:00-15:00"), _week("Mo Di Mi Do", "08:00-14:00"),
    _week("Mo Di Mi Do Fr", "06:30-14:30"), _week("Mo Di Mi Do Fr", "06:00-12:00"),
    _week("Mo Di Mi Do Fr", "12:00-19:30"), _week("Mo Di Mi", "07:30-13:30"),
    _week("Di Mi Do Fr", "08:00-12:00") + "; Sa 08:00-12:00",
    "Mo 07:00-16:00; Di 07:00-16:00; Mi 07:00-12:00; Do 07:00-16:00; Fr 07:00-12:00",
    "Mo 06:30-15:00; Di 06:30-12:00, 14:00-18:00; Mi 06:30-15:00; Do 06:30-15:00; Fr 06:30-13:00",
    _week("Mo Di Mi Do Fr", "07:45-14:15"), _week("Mo Di Do Fr", "08:00-16:30"),
)
MORNING = (
    _week("Mo Di Mi Do Fr", "07:00-12:30"), _week("Mo Di Mi Do Fr", "07:30-13:00"),
    _week("Mo Di Mi Do", "08:00-13:00"), _week("Mo Di Mi Do Fr", "06:30-12:30"),
)
AFTERNOON = (
    _week("Mo Di Mi Do Fr", "13:00-17:00"), _week("Mo Di Mi Do", "13:00-18:30"),
    _week("Mo Di Mi Do Fr", "13:00-19:30"),
)
NO_PLAN_HOURS = tuple(Decimal(h) for h in (15, 20, 25, 30, 35, 40, 45))


def _with_hours(texts):
    result = []
    for text in texts:
        plan = parse_timeplan(text)
        result.append((text, plan.weekly_hours, plan.off_hours))
    return tuple(result)


PLANS = {"any": _with_hours(ANY), "morning": _with_hours(MORNING), "afternoon": _with_hours(AFTERNOON)}
