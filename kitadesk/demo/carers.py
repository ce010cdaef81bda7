"""Demo carers: people, addresses, IBANs, qualifications and tiers (R-C3/R-C5),
Großtagespflege groups (2–3 carers, R-C6), permits (some expiring soon, one expired),
documents and Führungszeugnisse (R-C2), Fortbildungen over six years (R-C4), proofs
(R-G4), Vertretungsplätze (R-G3), notes (R-C8), qualification costs (R-C9) — and the
capacity slots the placements are later fitted into."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from schwifty import IBAN

from kitadesk.demo import names as N
from kitadesk.domain.calendar import add_years
from kitadesk.domain.rules.carer import fuehrungszeugnis_end, latest_permit_end
from kitadesk.domain.rules.carer_records import QHB_SHARE, REGISTRATION_FEE
from kitadesk.importer.existing import FUEHRUNGSZEUGNIS
from kitadesk.models import (
    Carer,
    CarerDocument,
    CarerNote,
    Erlaubnis,
    Erstattungsnachweis,
    Fortbildung,
    QualificationCost,
    Vertretungsplatz,
    Zusammenschluss,
)

DAY = timedelta(days=1)
QHB_REQUIRED_FROM = date(2022, 8, 1)  # R-C3: everyone starting since Kindergartenjahr 2022/23


@dataclass
class Slot:
    """One place a child can take; placements in a slot never overlap (so limits hold)."""

    free_from: date
    kind: str = "any"  # any | morning | afternoon


@dataclass
class DemoCarer:
    id: int
    nr: str
    srt: str
    qualifikation: str
    betreuungsort: str
    first_start: date  # no placement before (permit, start of work)
    last_start: date  # no new placement after (permit end, Führungszeugnis expiry: R-C7)
    slots: list[Slot] = field(default_factory=list)
    vertretungsplatz: bool = False
    origin: str = "de"


def bic_of(value: str | None) -> str | None:
    if not value:
        return None
    bic = IBAN(value).bic
    return str(bic) if bic else None


def iban(rng, index: int) -> str:
    blz = rng.choice(N.BANKS)[0]
    bban = f"{blz}{(index * 7919 + rng.randint(0, 9999)) % 10**10:010d}"
    check = 98 - int(bban + "131400") % 97
    return f"DE{check:02d}{bban}"


def pick_origin(rng) -> str:
    return rng.choices([o for o, _ in N.ORIGIN_WEIGHTS], [w for _, w in N.ORIGIN_WEIGHTS])[0]


def surname(rng, origin: str, female: bool) -> str:
    name = rng.choice(N.SURNAMES[origin])
    if origin == "pl" and female:
        for male_end, female_end in N.POLISH_FEMININE.items():
            if name.endswith(male_end):
                return name[: -len(male_end)] + female_end
    return name


def address(rng, srt: str) -> tuple[str, str]:
    plz, streets = rng.choice(N.STREETS[srt])
    return f"{rng.choice(streets)} {rng.randint(1, 180)}", plz


def rand_date(rng, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def money(rng, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def build_carers(b, count: int) -> list[DemoCarer]:
    rng, today = b.rng, b.today
    carers: list[DemoCarer] = []
    srts = [s for s, _ in N.SRT_WEIGHTS]
    weights = [w for _, w in N.SRT_WEIGHTS]
    expired_index = max(1, count // 3)  # exactly one carer with an expired permit
    group_left, group_srt, group_id, group_serial = 0, None, None, 0
    for i in range(1, count + 1):
        origin = pick_origin(rng)
        gender = rng.choices(("w", "m", "d"), (94, 5, 1))[0]
        female = gender != "m"
        first = rng.choice((N.FEMALE if female else N.MALE)[origin])
        last = surname(rng, origin, female)
        srt = group_srt if group_left else rng.choices(srts, weights)[0]
        born = rand_date(rng, add_years(today, -64), add_years(today, -25))
        since = rand_date(rng, max(add_years(born, 21), date(2004, 1, 1)), today - timedelta(days=120))
        if since >= QHB_REQUIRED_FROM:
            quali = rng.choices(("QHB", "Fachkraft"), (80, 20))[0]
        else:
            quali = rng.choices(("Basis", "QHB", "Fachkraft"), (45, 35, 20))[0]
        quali_since = None
        if quali == "QHB":
            quali_since = rand_date(rng, since, min(today - timedelta(days=30), since + timedelta(days=900)))
        elif quali == "Fachkraft":
            quali_since = rand_date(rng, add_years(born, 20), min(since, add_years(born, 30)))
        # Großtagespflege: start a group of 2–3 carers in one SRT now and then (R-C6)
        if not group_left and i + 2 <= count and rng.random() < 0.045:
            group_left = rng.choice((2, 3))
            group_srt = srt
            group_serial += 1
            base = N.GROUP_NAMES[(group_serial - 1) % len(N.GROUP_NAMES)]
            name = f"Großtagespflege {base}" + (f" {(group_serial - 1) // len(N.GROUP_NAMES) + 1}"
                                                if group_serial > len(N.GROUP_NAMES) else "")
            street, plz = address(rng, srt)
            group_id = b.add(Zusammenschluss, name=name, strasse=street, plz=plz, ort="Moers")
            group_size = group_left
        in_group = group_left > 0
        if in_group:
            ort = "andere Räume"
        else:
            ort = rng.choices(("eigener Haushalt", "andere Räume", "Haushalt der Eltern"), (92, 5, 3))[0]
        street, plz = address(rng, srt)
        login = f"{first}.{last}".lower().replace(" ", "").replace("ß", "ss")
        account = iban(rng, i) if rng.random() > 0.01 else None
        cid = b.add(Carer, nr=f"T{i:04d}", nachname=last, vorname=first, geburtsdatum=born, geschlecht=gender,
                    strasse=street, plz=plz, ort="Moers", telefon=f"02841 {rng.randint(10000, 999999)}",
                    email=f"{_ascii(login)}@example.org", srt=srt,
                    iban=account, bic=bic_of(account),
                    schulabschluss=rng.choice(("Hauptschulabschluss", "Fachoberschulreife", "Abitur",
                                               "Fachhochschulreife")),
                    qualifikation=quali, qualifikation_seit=quali_since, taetig_seit=since, betreuungsort=ort,
                    erste_hilfe_am=rand_date(rng, today - timedelta(days=900), today - timedelta(days=10)),
                    para8a_am=rand_date(rng, since, today), zusammenschluss_id=group_id if in_group else None)
        first_start, last_start = since, today + timedelta(days=90)
        # permit (R-C6): not needed in the parents' household (R-C7)
        if ort != "Haushalt der Eltern":
            if i == expired_index:
                vom = add_years(today, -5) - timedelta(days=rng.randint(20, 60))
            elif rng.random() < 0.05:
                vom = add_years(today, -5) + timedelta(days=rng.randint(10, 55))  # expires within 60 days
            else:
                vom = rand_date(rng, max(since, add_years(today, -5) + timedelta(days=70)), today - timedelta(days=20))
            bis = latest_permit_end(vom)
            max_total = 8 if not in_group and rng.random() < 0.12 else 5
            b.add(Erlaubnis, carer_id=cid, vom=vom, bis=bis, max_kinder=max_total, max_gleichzeitig=5,
                  betreuungsort=ort)
            first_start, last_start = max(first_start, vom), min(last_start, bis)
        else:
            max_total = 1
        # Führungszeugnis of the carer and of household adults, every 5 years (R-C2)
        fz = rand_date(rng, add_years(today, -5) + timedelta(days=20), today - timedelta(days=15))
        if rng.random() < 0.03:
            fz = add_years(today, -5) + timedelta(days=rng.randint(10, 50))
        b.add(CarerDocument, carer_id=cid, art=FUEHRUNGSZEUGNIS, person="", erhalten_am=fz,
              gueltig_bis=fuehrungszeugnis_end(fz))
        last_start = min(last_start, fuehrungszeugnis_end(fz))
        if rng.random() < 0.4:
            partner = f"{rng.choice(N.MALE[origin] if female else N.FEMALE[origin])} {last}"
            hfz = rand_date(rng, add_years(today, -5) + timedelta(days=20), today - timedelta(days=15))
            b.add(CarerDocument, carer_id=cid, art=FUEHRUNGSZEUGNIS, person=partner, erhalten_am=hfz,
                  gueltig_bis=fuehrungszeugnis_end(hfz))
            last_start = min(last_start, fuehrungszeugnis_end(hfz))
        for art in N.DOCUMENTS:
            b.add(CarerDocument, carer_id=cid, art=art, person="", erhalten_am=since - timedelta(days=rng.randint(20, 90)),
                  gueltig_bis=None)
        _trainings(b, cid, since)
        _proofs(b, cid, since)
        holds = rng.random() < 0.06
        if holds:
            von = rand_date(rng, max(since, add_years(today, -3)), today - timedelta(days=30))
            b.add(Vertretungsplatz, carer_id=cid, von=von,
                  bis=None if rng.random() < 0.75 else rand_date(rng, von + timedelta(days=90), today + timedelta(days=200)))
        if rng.random() < 0.1:
            b.add(CarerNote, carer_id=cid, datum=rand_date(rng, since, today), text=rng.choice(N.NOTES))
        if quali == "QHB" and quali_since and quali_since >= QHB_REQUIRED_FROM:
            b.add(QualificationCost, carer_id=cid, art=QHB_SHARE, betrag=money(rng, 600, 1000),
                  gezahlt_am=quali_since - timedelta(days=300), erstattet_am=None)
        if rng.random() < 0.3:
            paid = since - timedelta(days=200)
            b.add(QualificationCost, carer_id=cid, art=REGISTRATION_FEE, betrag=Decimal(rng.choice((100, 125, 150))),
                  gezahlt_am=paid, erstattet_am=since + timedelta(days=rng.randint(30, 120)))
        carer = DemoCarer(cid, f"T{i:04d}", srt, quali, ort, first_start, last_start, vertretungsplatz=holds, origin=origin)
        if in_group:
            share = (5, 4) if group_size == 2 else (3, 3, 3)
            carer.slots = [Slot(first_start) for _ in range(share[group_size - group_left])]
            group_left -= 1
            if not group_left:
                group_srt = None
        elif ort == "Haushalt der Eltern":
            carer.slots = [Slot(first_start)]
        elif max_total == 8:  # R-C6: 8 contracts, never more than 5 present at once
            carer.slots = [Slot(first_start, "morning") for _ in range(5)] + \
                          [Slot(first_start, "afternoon") for _ in range(3)]
        else:
            carer.slots = [Slot(first_start) for _ in range(rng.choice((3, 4, 5, 5, 5, 5)))]
        carers.append(carer)
    return carers


def _ascii(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ł": "l",
                           "ą": "a", "ę": "e", "ś": "s", "ż": "z", "ź": "z", "ń": "n", "ó": "o", "é": "e"})
    return "".join(ch for ch in text.translate(table) if ch.isalnum() or ch in ".-")


def _trainings(b, cid: int, since: date) -> None:
    """R-C4: courses over the last six years; now and then a year below 5 hours."""
    rng, today = b.rng, b.today
    for year in range(today.year - 5, today.year + 1):
        if year < since.year or rng.random() < 0.08:
            continue
        end = min(date(year, 12, 15), today - DAY)
        titles = rng.sample(N.COURSES, rng.choice((1, 2, 2, 3)))  # one course title once a year
        for title in titles:
            b.add(Fortbildung, carer_id=cid, datum=rand_date(rng, max(date(year, 1, 10), since), end),
                  titel=title, stunden=Decimal(rng.choice((2, 3, 4, 5, 6, 8))))


def _proofs(b, cid: int, since: date) -> None:
    """R-G4: accident, old-age, health/care insurance proofs (some missing or expired)."""
    rng, today = b.rng, b.today
    von = max(since, date(today.year - 2, 1, 1))
    if rng.random() < 0.9:
        yearly = rng.random() < 0.1
        b.add(Erstattungsnachweis, carer_id=cid, art="unfall", betrag=money(rng, 100, 160) if yearly else money(rng, 8, 14),
              je="jahr" if yearly else "monat", alter_art="gesetzlich", von=von, bis=None)
    if rng.random() < 0.75:
        private = rng.random() < 0.4
        b.add(Erstattungsnachweis, carer_id=cid, art="alter", betrag=money(rng, 50, 200) if private else money(rng, 100, 300),
              je="monat", alter_art="privat" if private else "gesetzlich", von=von,
              bis=None if rng.random() > 0.05 else max(von + timedelta(days=30), today - timedelta(days=rng.randint(10, 200))))
    if rng.random() < 0.85:
        b.add(Erstattungsnachweis, carer_id=cid, art="kranken", betrag=money(rng, 180, 400), je="monat",
              alter_art="gesetzlich", von=von, bis=None)
