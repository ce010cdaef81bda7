"""German display formats for money, dates and hours — used by reports, UI and CLI.

Numbers, money, hours, days and month names come from `kitadesk.domain.texts` (one
implementation for screen, letters, exports and the domain's explanations; no babel, whose
import the cold start of the window does without, issue 17).
"""

from kitadesk.domain.texts import MONTHS, day, hours, long_day, money, month_label, number, rate

__all__ = ["LOCALE", "MONTHS", "day", "hours", "long_day", "money", "month_label", "number", "rate"]

LOCALE = "de_DE"
