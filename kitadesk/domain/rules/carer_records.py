"""Rules of a carer's dated records (domain.md R-C2, R-C4, R-C6, R-C8, R-C9, R-G3): documents
with expiry (incl. Führungszeugnisse of household adults), Fortbildungen, Vertretungsplatz
periods, notes and qualification costs. The permit (R-C6) and the reimbursement proofs (R-G4)
keep their rules in `carer` and `proof`; `record_problems` asks the right one per kind.

Each function takes the record's values by field name (None = not given) and returns
`Problem`s; forms (ops.records.carer_records) and the import ask the same functions."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from kitadesk.domain.rules import Problem
from kitadesk.domain.rules.carer import CarerRecord, fuehrungszeugnis_end, permit_problems, vertretungsplatz_problems
from kitadesk.domain.rules.common import order_problem
from kitadesk.domain.rules.limits import MAX_TRAINING_HOURS, QHB_SHARE_MAX, TRAINING_HOURS_PER_YEAR
from kitadesk.domain.rules.proof import proof_problems
from kitadesk.domain.texts import day, hours, money

FUEHRUNGSZEUGNIS = "Führungszeugnis"
# R-C2: the documents a carer keeps on file (the form offers them; other names are allowed)
ON_FILE = ("Motivationsschreiben", "Lebenslauf", "Schulabschluss", "Personalbogen", "Gesundheitsfragebogen",
           "Belehrung Infektionsschutzgesetz", "Masernschutznachweis")  # every carer's, without expiry
DOCUMENT_ARTEN = (FUEHRUNGSZEUGNIS, *ON_FILE, "Sprachzertifikat B2")
REGISTRATION_FEE, QHB_SHARE = "Anmeldegebühr Qualifizierung", "QHB-Eigenanteil 25 %"  # R-C9
COST_ARTEN = (REGISTRATION_FEE, QHB_SHARE)

Values = Mapping[str, Any]


@dataclass(frozen=True)
class CarerFacts:
    """What a record rule needs to know of its carer (R-C6 limits)."""

    qualifikation: str | None = None
    in_group: bool = False


def _required(values: Values, *names_labels: tuple[str, str], rule: str = "") -> list[Problem]:
    found = []
    for name, label in names_labels:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            found.append(Problem(name, rule, f"{label} fehlt."))
    return found


def permit_record_problems(v: Values, carer: CarerFacts) -> list[Problem]:
    """R-C6: one Erlaubnis of the history (issue date, at most five years, child limits)."""
    record = CarerRecord(qualifikation=carer.qualifikation, in_group=carer.in_group,
                         erlaubnis_vom=v.get("erlaubnis_vom"), erlaubnis_bis=v.get("erlaubnis_bis"),
                         max_kinder=v.get("max_kinder"), max_gleichzeitig=v.get("max_gleichzeitig"))
    return _required(v, ("erlaubnis_vom", "Erlaubnis vom"), rule="R-C6") + permit_problems(record)


def document_problems(v: Values, today: date) -> list[Problem]:
    """R-C2: a document with the date received; an expiry not before it; an erweitertes
    Führungszeugnis counts five years at most (of the carer or a household adult)."""
    found = _required(v, ("art", "Art des Dokuments"), ("erhalten_am", "Eingangsdatum"), rule="R-C2")
    received, until = v.get("erhalten_am"), v.get("gueltig_bis")
    if received is not None and received > today:
        found.append(Problem("erhalten_am", "R-C2", f"Eingangsdatum liegt in der Zukunft ({day(received)})."))
    found += order_problem("gueltig_bis", "R-C2", until, received, "Gültig bis liegt vor dem Eingangsdatum.")
    if (v.get("art") or "") == FUEHRUNGSZEUGNIS and received is not None and until is not None \
            and until > fuehrungszeugnis_end(received):
        found.append(Problem("gueltig_bis", "R-C2", "Ein erweitertes Führungszeugnis gilt höchstens fünf Jahre, "
                                                    f"also bis {day(fuehrungszeugnis_end(received))}."))
    return found


def document_end(art: str, received: date | None, until: date | None) -> date | None:
    """R-C2: the expiry stored for a document; a Führungszeugnis without one counts five years."""
    if until is None and art == FUEHRUNGSZEUGNIS and received is not None:
        return fuehrungszeugnis_end(received)
    return until


def training_problems(v: Values) -> list[Problem]:
    """R-C4: a Fortbildung with date, title and its hours (more than 0, at most 500)."""
    found = _required(v, ("datum", "Datum"), ("titel", "Titel"), ("stunden", "Stunden"), rule="R-C4")
    hours_: Decimal | None = v.get("stunden")
    if hours_ is not None and not Decimal(0) < hours_ <= MAX_TRAINING_HOURS:
        found.append(Problem("stunden", "R-C4", f"Stunden müssen über 0 und höchstens {hours(MAX_TRAINING_HOURS)} "
                                                f"sein, nicht {hours(hours_)}."))
    return found


def training_years(courses: Iterable[tuple[date, Decimal]]) -> list[tuple[int, Decimal, bool]]:
    """R-C4: (year, hours, requirement met) per calendar year with Fortbildungen, newest first."""
    per_year: dict[int, Decimal] = {}
    for datum, stunden in courses:
        per_year[datum.year] = per_year.get(datum.year, Decimal(0)) + stunden
    return [(year, total, total >= TRAINING_HOURS_PER_YEAR) for year, total in sorted(per_year.items(), reverse=True)]


def place_problems(v: Values, others: Iterable[tuple[date, date | None]] = ()) -> list[Problem]:
    """R-G3: a Vertretungsplatz period (from a date, until an optional one), not overlapping
    another period of the same carer."""
    von, bis = v.get("vertretungsplatz_von"), v.get("vertretungsplatz_bis")
    found = vertretungsplatz_problems(CarerRecord(vertretungsplatz=True, vertretungsplatz_von=von,
                                                  vertretungsplatz_bis=bis))
    if von is None or found:
        return found
    for other_von, other_bis in others:
        if von <= (other_bis or date.max) and other_von <= (bis or date.max):
            until = f" bis {day(other_bis)}" if other_bis else " (offen)"
            found.append(Problem("vertretungsplatz_von", "R-G3", f"Überschneidet sich mit dem Zeitraum ab "
                                                                 f"{day(other_von)}{until}."))
            break
    return found


def note_problems(v: Values) -> list[Problem]:
    """R-C8: a reported event is kept as a dated note."""
    return _required(v, ("datum", "Datum"), ("text", "Text"), rule="R-C8")


def cost_problems(v: Values) -> list[Problem]:
    """R-C9: registration fee or QHB share (at most 1,000 €), paid and refunded dates."""
    found = _required(v, ("art", "Art"), ("betrag", "Betrag"), rule="R-C9")
    betrag: Decimal | None = v.get("betrag")
    if betrag is not None and betrag < 0:
        found.append(Problem("betrag", "R-C9", "Betrag ist negativ."))
    elif betrag is not None and v.get("art") == QHB_SHARE and betrag > QHB_SHARE_MAX:
        found.append(Problem("betrag", "R-C9", f"Der Eigenanteil an der QHB beträgt höchstens {money(QHB_SHARE_MAX)}."))
    found += order_problem("erstattet_am", "R-C9", v.get("erstattet_am"), v.get("gezahlt_am"),
                           "Erstattet am liegt vor Gezahlt am.")
    return found


def reimbursement_problems(v: Values) -> list[Problem]:
    """R-G4: a reimbursement proof with kind, amount and validity (rules in `proof`)."""
    found = _required(v, ("art", "Art"), ("betrag", "Betrag"), ("von", "Gültig von"), rule="R-G4")
    return found + proof_problems(v.get("art"), v.get("betrag"), v.get("alter_art") or None, v.get("von"),
                                  v.get("bis"))
