"""The numbers of the record rules, defined once (Richtlinien Moers, domain.md)."""

from decimal import Decimal

PERMIT_YEARS = 5  # R-C6: an Erlaubnis is valid for five years
FZ_YEARS = 5  # R-C2: the erweitertes Führungszeugnis is renewed every five years
ADULT_AGE = 18  # R-C1
STANDARD_AT_ONCE = 5  # R-C6: up to five children present at once (also per carer in a Zusammenschluss)
MAX_TOTAL_BASIS = 8  # R-C6: up to eight in total, not all present at once
MAX_TOTAL_QUALIFIED = 10  # R-C6: QHB/Fachkraft up to ten (several under 15 h/week)
GROUP_CHILDREN = 9  # R-C6: Großtagespflege at most nine children (present at once)
GROUP_CONTRACTS_QUALIFIED = 15  # R-C6: QHB/Fachkraft in a Zusammenschluss up to 15 contracts
GROUP_SIZE = (2, 3)  # R-C6: a Zusammenschluss of two or three carers
MAX_WEEKLY_HOURS = Decimal(168)  # R-K2: contracted hours per week can never exceed the week (import and form alike)
CONFIRM_WEEKLY_HOURS = Decimal(50)  # R-K2: above this the form asks, the import warns (issue 14.5)
MAX_NIGHTS = 7  # R-G7: nights per week at the carer's
EXPECTED_BIRTH_DAYS = 300  # R-K1: parents may apply before the birth (expected date)
PLZ_DIGITS = 5
DEFAULT_ORT = "Moers"  # R-V4: new records default to the city's own Ort
TRAINING_HOURS_PER_YEAR = Decimal(5)  # R-C4: Fortbildung per calendar year (§ 21 KiBiz)
MAX_TRAINING_HOURS = Decimal(500)  # R-C4: hours of one Fortbildung (import and form alike)
QHB_SHARE_MAX = Decimal(1000)  # R-C9: the carer's 25 % share of the QHB costs is at most 1,000 €
