"""Demo absences with substitutes (R-G5), holiday care on NRW public holidays
(Monatsmeldungen, berechnung.md §5), a Sonderbetrag (R-G11), open change notices (R-K4)."""

from datetime import date, timedelta
from decimal import Decimal

from kitadesk.demo.carers import DemoCarer
from kitadesk.domain.calendar import days as all_days
from kitadesk.domain.calendar import is_public_holiday
from kitadesk.models import Absence, ChangeNotice, Monatsmeldung, Sonderbetrag


def _monday_on_or_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


def build_absences(b, carers: list[DemoCarer]) -> None:
    rng, today = b.rng, b.today
    by_srt: dict[str, list[DemoCarer]] = {}
    for c in carers:
        by_srt.setdefault(c.srt, []).append(c)
    for c in carers:
        for year in (today.year - 1, today.year):
            spans = []
            if rng.random() < 0.65:  # summer holiday, 2–3 weeks
                von = _monday_on_or_after(date(year, rng.choice((6, 7, 8)), rng.randint(1, 20)))
                spans.append((von, von + timedelta(days=rng.choice((11, 18))), "Urlaub"))
            if rng.random() < 0.35:  # illness in late winter
                von = date(year, rng.choice((2, 3)), rng.randint(1, 20))
                spans.append((von, von + timedelta(days=rng.randint(2, 9)), "Krankheit"))
            if rng.random() < 0.05:
                von = date(year, 10, rng.randint(1, 20))
                spans.append((von, von + timedelta(days=rng.randint(0, 2)), "sonstiges"))
            for von, bis, art in spans:
                if von < c.first_start or von > today + timedelta(days=60):
                    continue
                substitute = None
                if rng.random() < 0.25:
                    pool = [o for o in by_srt[c.srt] if o.id != c.id]
                    holders = [o for o in pool if o.vertretungsplatz] or pool
                    substitute = rng.choice(holders).id if holders else None
                b.add(Absence, carer_id=c.id, von=von, bis=bis, art=art, substitute_id=substitute)


def build_holiday_care(b, placements: list[tuple]) -> None:
    """Care on weekday public holidays of the last twelve months for a few children."""
    rng, today = b.rng, b.today
    days = [d for d in all_days(today - timedelta(days=365), today) if d.weekday() < 5 and is_public_holiday(d)]
    seen = set()
    for _nr, child_id, _carer, beginn, ende, _versions in placements:
        if rng.random() > 0.06:
            continue
        for day in days:
            if beginn <= day and (ende is None or day <= ende) and rng.random() < 0.35 and (child_id, day) not in seen:
                seen.add((child_id, day))
                b.add(Monatsmeldung, child_id=child_id, datum=day,
                      stunden=Decimal(rng.choice(("4", "5", "6", "7.5", "8", "9"))))


def build_specials(b, carers: list[DemoCarer], placements: list[tuple]) -> None:
    today = b.today
    month = f"{today.year:04d}-{today.month:02d}"
    parents = [c for c in carers if c.betreuungsort == "Haushalt der Eltern"] or carers
    for c in parents[: max(1, len(carers) // 200)]:
        b.add(Sonderbetrag, carer_id=c.id, child_id=None, monat=month, betrag=Decimal("150.00"),
              grund="Nachtbetreuung mehrerer Kinder im Haushalt der Eltern (Richtlinien 5.4), Einzelfallentscheidung")
    changed = [p for p in placements if len(p[5]) > 1 and p[5][-1] >= today - timedelta(days=60)]
    for nr, child_id, carer, _beginn, _ende, versions in changed[: max(1, len(placements) // 100)]:
        b.add(ChangeNotice, art="Betreuung geändert", child_id=child_id, carer_id=carer.id, wirksam_ab=versions[-1],
              beschreibung=f"Änderung der Betreuungszeiten für Kind {nr} gemeldet – Änderungsbescheid prüfen.",
              erledigt_am=None)
