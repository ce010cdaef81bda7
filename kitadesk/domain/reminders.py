"""Wiedervorlagen — what is due within N days or overdue (R-W1).

Kinds (column `Art`): permit end (R-C6), Führungszeugnis of the carer and of every
household adult (5 years, R-C2), first-aid refresh (Auslegung
`erste_hilfe_intervall_jahre`, R-C3), yearly 5 hours of Fortbildung (R-C4, shown from
1 October of the running year while below 5 h), a child's 3rd birthday (R-K1),
missing or expired reimbursement proofs of carers with active placements (R-G4), and
open change notices (R-K4).

A row is listed when its date is on or before today + N days (setting
`wiedervorlage_tage`); `overdue` means the date has passed — and a missing document
is listed with today's date as overdue. Rows are sorted by date, SRT, kind, number.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from kitadesk.domain.calendar import add_years
from kitadesk.domain.inputs import Proof
from kitadesk.domain.labels import PROOF_LABELS
from kitadesk.domain.reminder_kinds import (  # noqa: F401 (KINDS: here too, as before)
    AENDERUNG,
    ERLAUBNIS,
    ERSTE_HILFE,
    FORTBILDUNG,
    FUEHRUNGSZEUGNIS,
    GEBURTSTAG_3,
    KINDS,
    NACHWEIS,
)
from kitadesk.domain.rules.carer import permit_end
from kitadesk.domain.rules.limits import FZ_YEARS, TRAINING_HOURS_PER_YEAR
from kitadesk.domain.settings import DEFAULTS, Auslegungen
from kitadesk.domain.texts import day as fmt_day
from kitadesk.domain.texts import hours as fmt_hours

FORTBILDUNG_HOURS = TRAINING_HOURS_PER_YEAR  # R-C4
FORTBILDUNG_FROM = (10, 1)  # shown from 1 October


@dataclass(frozen=True)
class HouseholdAdult:
    name: str
    fuehrungszeugnis_vom: date | None


@dataclass(frozen=True)
class ReminderCarer:
    nr: str
    name: str
    srt: str
    erlaubnis_vom: date | None = None
    erlaubnis_bis: date | None = None  # None → vom + 5 years − 1 day
    needs_permit: bool = True  # False: care in the parents' household
    fuehrungszeugnis_vom: date | None = None
    household: tuple[HouseholdAdult, ...] = ()
    erste_hilfe_am: date | None = None
    fortbildungen: tuple[tuple[date, Decimal], ...] = ()  # (date, hours)
    has_active_placement: bool = False
    proofs: tuple[Proof, ...] = ()


@dataclass(frozen=True)
class ReminderChild:
    nr: str
    name: str
    srt: str
    geburtsdatum: date
    placed_until: date | None = None  # end of the child's care; None = open-ended
    grund_ab_3: bool = False  # special reason for care from 3 years recorded (R-K1)


@dataclass(frozen=True)
class OpenNotice:
    """An open change notice (R-K4) — a change reported but not yet processed."""

    datum: date
    srt: str
    nr: str
    name: str
    hinweis: str


@dataclass(frozen=True, order=True)
class Reminder:
    faellig: date
    srt: str
    art: str
    nr: str
    name: str
    hinweis: str
    overdue: bool


def _carer_rows(c: ReminderCarer, today: date, interval: int, required: tuple[str, ...]):
    """Yield (faellig, art, hinweis, overdue) for one carer."""
    if c.needs_permit:  # R-C6
        until = permit_end(c.erlaubnis_vom, c.erlaubnis_bis)
        if until is None:
            yield today, ERLAUBNIS, "Keine Erlaubnis zur Kindertagespflege erfasst.", True
        elif until < today:
            yield until, ERLAUBNIS, f"Erlaubnis abgelaufen (gültig bis {fmt_day(until)}) – keine neuen Betreuungen (R-C7).", True
        else:
            yield until, ERLAUBNIS, f"Erlaubnis gültig bis {fmt_day(until)} – Verlängerung einleiten.", False
    people = [("Tagespflegeperson", c.fuehrungszeugnis_vom)] + [(a.name, a.fuehrungszeugnis_vom) for a in c.household]
    for who, vom in people:  # R-C2: renewed every 5 years
        label = "" if who == "Tagespflegeperson" else f" von {who} (Haushalt)"
        if vom is None:
            yield today, FUEHRUNGSZEUGNIS, f"Erweitertes Führungszeugnis{label} fehlt.", True
        else:
            due = add_years(vom, FZ_YEARS)
            verb = "abgelaufen seit" if due < today else "zu erneuern bis"
            yield due, FUEHRUNGSZEUGNIS, f"Erweitertes Führungszeugnis{label} vom {fmt_day(vom)}: {verb} {fmt_day(due)}.", due < today
    if c.erste_hilfe_am is None:  # R-C3
        yield today, ERSTE_HILFE, "Kein Erste-Hilfe-Kurs am Kind erfasst.", True
    else:
        due = add_years(c.erste_hilfe_am, interval)
        yield due, ERSTE_HILFE, (f"Erste-Hilfe-Kurs vom {fmt_day(c.erste_hilfe_am)}: Auffrischung alle {interval} "
                                 f"Jahre, fällig {fmt_day(due)}."), due < today
    if (today.month, today.day) >= FORTBILDUNG_FROM:  # R-C4, from 1 October
        done = sum((Decimal(h) for d, h in c.fortbildungen if d.year == today.year), Decimal(0))
        if done < FORTBILDUNG_HOURS:
            yield date(today.year, 12, 31), FORTBILDUNG, (
                f"Fortbildung {today.year}: {fmt_hours(done)} von 5 Stunden nachgewiesen (R-C4)."), False
    if c.has_active_placement:  # R-G4
        for kind in required:
            yield from _proof_rows(c, kind, today)


def _proof_rows(c: ReminderCarer, kind: str, today: date):
    label = PROOF_LABELS.get(kind, kind)
    proofs = sorted((p for p in c.proofs if p.kind == kind), key=lambda p: p.von)
    current = [p for p in proofs if p.von <= today and (p.bis is None or p.bis >= today)]
    art = f"{NACHWEIS} {label}"
    if not current:
        past = [p.bis for p in proofs if p.bis is not None and p.bis < today]
        if past:
            last = max(past)
            yield last, art, f"Nachweis {label} abgelaufen (gültig bis {fmt_day(last)}) – keine Erstattung (R-G4).", True
        else:
            yield today, art, f"Nachweis {label} fehlt – keine Erstattung (R-G4).", True
        return
    end = today
    while True:  # follow the chain of proofs that continue one another
        open_ = [p for p in proofs if p.von <= end + timedelta(days=1) and (p.bis is None or p.bis > end)]
        if not open_:
            break
        if any(p.bis is None for p in open_):
            return
        end = max(p.bis for p in open_ if p.bis is not None)
    yield end, art, f"Nachweis {label} gültig bis {fmt_day(end)} – neuen Nachweis anfordern (R-G4).", False


def _child_row(k: ReminderChild, today: date):
    """R-K1: the desk is warned ahead of the 3rd birthday (Kita has priority from 3)."""
    birthday = add_years(k.geburtsdatum, 3)
    if k.grund_ab_3 or (k.placed_until is not None and k.placed_until < max(birthday, today)):
        return None
    text = (f"Wird am {fmt_day(birthday)} drei Jahre alt: ab 3 hat ein Kita-Platz Vorrang, Kindertagespflege "
            f"nur mit besonderem Grund (R-K1); Elternbeitrag ab dem Monat nach Tabelle „ab 3“.")
    return birthday, GEBURTSTAG_3, text, birthday < today


def reminders(today: date, carers: Iterable[ReminderCarer] = (), children: Iterable[ReminderChild] = (),
              notices: Iterable[OpenNotice] = (), *, days: int | None = None, srt: str | None = None,
              settings: Auslegungen = DEFAULTS,
              required_proofs: tuple[str, ...] = ("unfall", "alter", "kranken")) -> list[Reminder]:
    """Rows due by today + days (default: setting wiedervorlage_tage) or overdue (R-W1).

    `srt` limits the list to one desk; None = overall. Fortbildung rows show from
    1 October regardless of the horizon (the deadline is 31 December).
    """
    horizon = today + timedelta(days=int(settings["wiedervorlage_tage"]) if days is None else days)
    interval = int(settings["erste_hilfe_intervall_jahre"])
    rows: list[Reminder] = []

    def add(due: date, desk: str, art: str, nr: str, name: str, hint: str, overdue: bool) -> None:
        if (srt is None or desk == srt) and (due <= horizon or art == FORTBILDUNG):
            rows.append(Reminder(due, desk, art, nr, name, hint, overdue))

    for c in carers:
        for due, art, hint, overdue in _carer_rows(c, today, interval, required_proofs):
            add(due, c.srt, art, c.nr, c.name, hint, overdue)
    for k in children:
        row = _child_row(k, today)
        if row:
            add(row[0], k.srt, row[1], k.nr, k.name, row[2], row[3])
    for n in notices:
        add(n.datum, n.srt, AENDERUNG, n.nr, n.name, n.hinweis, n.datum < today)
    return sorted(rows, key=lambda r: (r.faellig, r.srt, r.art, r.nr, r.hinweis))
