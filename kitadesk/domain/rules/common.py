"""Rules shared by several record kinds: required names, the address of a letter (R-V4),
ages, date order."""

from dataclasses import dataclass
from datetime import date

from kitadesk.domain.rules import Problem
from kitadesk.domain.rules.limits import PLZ_DIGITS

NAME_LABELS = (("nr", "Nr"), ("nachname", "Nachname"), ("vorname", "Vorname"))


@dataclass(frozen=True)
class PersonRecord:
    """Name and letter address of a carer or child; None = not given."""

    nr: str | None = None
    nachname: str | None = None
    vorname: str | None = None
    geburtsdatum: date | None = None
    plz: str | None = None
    ort: str | None = None


def person_problems(p: PersonRecord, given: set[str] | None) -> list[Problem]:
    """Names and address (R-V4) of the fields the caller has (`given`; None = all)."""
    has = (lambda name: True) if given is None else given.__contains__
    found = name_problems({n: getattr(p, n) for n, _ in NAME_LABELS if has(n)})
    return found + (address_problems(p.plz, p.ort) if has("ort") else [])


def age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def name_problems(values: dict) -> list[Problem]:
    """Nr, Nachname and Vorname are never empty (fields not given are not checked)."""
    return [Problem(name, "", f"{label} fehlt.") for name, label in NAME_LABELS
            if name in values and not (values[name] or "").strip()]


def address_problems(plz: str | None, ort: str | None) -> list[Problem]:
    """R-V4: every letter needs an address field with Ort (DIN 5008); a PLZ has five digits."""
    problems = []
    plz = (plz or "").strip()
    if plz and not (plz.isdigit() and len(plz) == PLZ_DIGITS):
        problems.append(Problem("plz", "", f"PLZ hat {PLZ_DIGITS} Ziffern."))
    if not (ort or "").strip():
        problems.append(Problem("ort", "R-V4", "Ort fehlt – ohne Ort kann kein Bescheid adressiert werden."))
    return problems


def order_problem(field: str, rule: str, later: date | None, earlier: date | None, text: str) -> list[Problem]:
    """`later` must not lie before `earlier` (both given)."""
    if later is not None and earlier is not None and later < earlier:
        return [Problem(field, rule, text)]
    return []
