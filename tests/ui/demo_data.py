"""Bulk demo-like data for UI tests, screenshots and the UI benchmark (fictitious people).

`fill(store, carers=200, children=800, seed=1, today=...)` inserts with Core statements in
one transaction (fast at 10×: 2,000 carers, 8,000 children): carers with permits (some
expiring, some expired), Führungszeugnisse, children with families and incomes,
placements with one or two versions, an example rate table and fee table. Used until
`kitadesk.demo` (the demo engineer's module) is available.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert

from kitadesk.domain.calendar import add_years
from kitadesk.models import (
    SRTS,
    Carer,
    CarerDocument,
    Child,
    Erlaubnis,
    Erstattungsnachweis,
    Family,
    FamilyIncome,
    FeeCell,
    FeeTable,
    Placement,
    PlacementVersion,
    RateTable,
)
from tests.support.factory import valid_iban

D = Decimal
NACHNAMEN = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
             "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Zimmermann",
             "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Öztürk", "Yılmaz", "Kaya",
             "Nowak", "Kowalski", "Janssen", "van der Berg", "Hüsken", "Terhorst", "Kempken", "Scholten")
VORNAMEN_F = ("Anna", "Sabine", "Petra", "Claudia", "Nicole", "Julia", "Sandra", "Stefanie", "Ayşe", "Fatma",
              "Katarzyna", "Maria", "Elif", "Jana", "Birgit", "Monika")
VORNAMEN_M = ("Thomas", "Michael", "Andreas", "Stefan", "Mehmet", "Jan", "Markus", "Daniel")
KINDER = ("Mia", "Emma", "Hannah", "Sofia", "Lina", "Ella", "Noah", "Ben", "Paul", "Leon", "Finn", "Elias", "Emil",
          "Mila", "Ida", "Lea", "Yusuf", "Aylin", "Milan", "Zoe", "Theo", "Luisa", "Matteo", "Clara")
STRASSEN = ("Homberger Straße", "Uerdinger Straße", "Rheinberger Straße", "Repelener Straße", "Kirchstraße",
            "Steinstraße", "Asberger Straße", "Römerstraße", "Filder Straße", "Klever Straße", "Bahnhofstraße",
            "Neustraße", "Moerser Straße", "Essenberger Straße", "Kapellener Straße", "Vinner Straße")
PLZ = ("47441", "47443", "47445", "47447")


def _fee_cells():
    brackets = (D(25000), D(37500), D(50000), D(62500), D(75000), D(100000), None)
    bands = (D(25), D(35), D(45))
    for alter, factor in (("unter 3", D(1)), ("ab 3", D("0.8"))):
        for bi, bracket in enumerate(brackets):
            for si, band in enumerate(bands):
                base = D(0) if bi == 0 else D(40) * bi + D(30) * si * bi / 2
                yield dict(alter=alter, einkommen_bis=bracket, stunden_bis=band,
                           beitrag=(base * factor).quantize(D("0.01")))


def fill(store, carers: int = 200, children: int = 800, seed: int = 1, today: date | None = None) -> dict:
    today = today or date.today()
    rnd = random.Random(seed)
    now = datetime.now().replace(microsecond=0)
    stamp = dict(version=1, created_at=now, created_by="demo")
    carer_rows, permit_rows, doc_rows, proof_rows, capacity = [], [], [], [], []
    for i in range(1, carers + 1):
        quali = rnd.choices(("Basis", "QHB", "Fachkraft"), (3, 5, 2))[0]
        female = rnd.random() < 0.93
        vom = today - timedelta(days=rnd.randint(30, 5 * 365 - 1))
        bis = add_years(vom, 5) - timedelta(days=1)
        carer_rows.append(dict(
            id=i, nr=f"T{i:04d}", nachname=rnd.choice(NACHNAMEN),
            vorname=rnd.choice(VORNAMEN_F if female else VORNAMEN_M), geschlecht="w" if female else "m",
            geburtsdatum=date(rnd.randint(1962, 1998), rnd.randint(1, 12), rnd.randint(1, 28)),
            strasse=f"{rnd.choice(STRASSEN)} {rnd.randint(1, 180)}", plz=rnd.choice(PLZ), ort="Moers",
            telefon=f"02841 {rnd.randint(10000, 999999)}", email=f"tpp{i}@example.org",
            iban=valid_iban(40000000 + i * 7919),
            srt=rnd.choices(SRTS, (4, 3, 3))[0], qualifikation=quali,
            qualifikation_seit=None if quali == "Basis" else date(rnd.randint(2008, 2024), 8, 1),
            taetig_seit=date(rnd.randint(2005, 2024), rnd.randint(1, 12), 1), betreuungsort="eigener Haushalt",
            erste_hilfe_am=today - timedelta(days=rnd.randint(10, 745)),
            taetig_bis=today - timedelta(days=rnd.randint(1, 300)) if rnd.random() < 0.03 else None, **stamp))
        max_kinder = 8 if quali != "Basis" and rnd.random() < 0.3 else 5
        permit_rows.append(dict(id=i, carer_id=i, vom=vom, bis=bis, max_kinder=max_kinder, max_gleichzeitig=5,
                                betreuungsort="eigener Haushalt", **stamp))
        doc_rows.append(dict(id=i, carer_id=i, art="Führungszeugnis", person="",
                             erhalten_am=today - timedelta(days=rnd.randint(30, 5 * 365 + 5)), **stamp))
        if rnd.random() < 0.96:  # reimbursement proofs (R-G4), a few missing
            for art, betrag in (("unfall", "12.00"), ("alter", "201.15"), ("kranken", "250.00")):
                proof_rows.append(dict(carer_id=i, art=art, betrag=D(betrag), je="monat", alter_art="gesetzlich",
                                       von=date(today.year, 1, 1), bis=None, **stamp))
        if carer_rows[-1]["taetig_bis"] is None:
            capacity += [i] * min(4, max_kinder)
    rnd.shuffle(capacity)
    child_rows, family_rows, income_rows, placement_rows, version_rows = [], [], [], [], []
    family_id = 0
    version_id = 0
    for k in range(1, children + 1):
        if k == 1 or rnd.random() > 0.12:  # some siblings share a family
            family_id += 1
            family_rows.append(dict(id=family_id, nr=f"F{family_id:05d}", geschwister_in_kita=0, **stamp))
            income = None if rnd.random() < 0.05 else D(rnd.randrange(18000, 120000, 500))
            income_rows.append(dict(id=family_id, family_id=family_id, gueltig_ab=date(2020, 1, 1),
                                    jahreseinkommen=income, **stamp))
        born = today - timedelta(days=rnd.randint(200, 3 * 365 + 40))
        nachname = rnd.choice(NACHNAMEN)
        child_rows.append(dict(
            id=k, nr=f"K{k:05d}", nachname=nachname, vorname=rnd.choice(KINDER), geburtsdatum=born,
            geschlecht=rnd.choice("wm"), sorgeberechtigte=f"{rnd.choice(VORNAMEN_F)} und "
            f"{rnd.choice(VORNAMEN_M)} {nachname}", strasse=f"{rnd.choice(STRASSEN)} {rnd.randint(1, 180)}",
            plz=rnd.choice(PLZ), ort="Moers", srt=rnd.choices(SRTS, (4, 3, 3))[0], family_id=family_id,
            antrag_vom=born + timedelta(days=120), unter_1_grund="Eltern erwerbstätig",
            ab_3_grund="Übergang in die Kita zum 1. August", **stamp))
        if not capacity or rnd.random() < 0.06:
            continue  # without placement
        carer_id = capacity.pop()
        beginn = max(born + timedelta(days=200), today - timedelta(days=rnd.randint(0, 500)))
        beginn = beginn.replace(day=1) if beginn.day > 1 else beginn
        ende = None
        if rnd.random() < 0.08:
            ende = today + timedelta(days=rnd.randint(-200, 50))
            if ende < beginn:
                ende = beginn + timedelta(days=90)
        placement_rows.append(dict(id=k, child_id=k, carer_id=carer_id, beginn=beginn, ende=ende,
                                   antrag_vom=beginn - timedelta(days=60), **stamp))
        hours = D(rnd.choice((15, 20, 25, 30, 35, 40, 45)))
        version_id += 1
        version_rows.append(dict(id=version_id, placement_id=k, gueltig_ab=beginn, wochenstunden=hours,
                                 randzeitstunden=D(rnd.choice((0, 0, 0, 2, 5))), uebernachtungen=D(0),
                                 nacht_im_haushalt_der_eltern=False, zeitplan=None, grund="", **stamp))
        if rnd.random() < 0.2 and beginn < today - timedelta(days=60):
            version_id += 1
            version_rows.append(dict(id=version_id, placement_id=k, gueltig_ab=(today - timedelta(days=30)).replace(day=1),
                                     wochenstunden=min(hours + 5, D(45)), randzeitstunden=D(0), uebernachtungen=D(0),
                                     nacht_im_haushalt_der_eltern=False, zeitplan=None,
                                     grund="Mehr Stunden (Arbeitszeit der Eltern)", **stamp))
    year = today.year
    with store.engine.begin() as conn:
        conn.execute(insert(RateTable), [dict(
            id=1, gueltig_ab=date(year, 1, 1), stundensatz_basis=D("5.80"), stundensatz_qualifiziert=D("6.70"),
            randzeitzuschlag=D("1.50"), vertretungsplatz_pauschale=D("100.00"),
            zuschlag_besonderer_bedarf_prozent=D(30), ist_beispiel=True, **stamp)])
        conn.execute(insert(FeeTable), [dict(id=1, gueltig_ab=date(year - 1, 8, 1), ist_beispiel=True, **stamp)])
        conn.execute(insert(FeeCell), [dict(table_id=1, **c) for c in _fee_cells()])
        for model, rows in ((Carer, carer_rows), (Erlaubnis, permit_rows), (CarerDocument, doc_rows), (Erstattungsnachweis, proof_rows),
                            (Family, family_rows), (FamilyIncome, income_rows), (Child, child_rows),
                            (Placement, placement_rows), (PlacementVersion, version_rows)):
            for i in range(0, len(rows), 2000):
                conn.execute(insert(model), rows[i:i + 2000])
    return dict(carers=len(carer_rows), children=len(child_rows), placements=len(placement_rows),
                versions=len(version_rows))


def fill_demo(store, carers: int = 200, children: int = 800, seed: int = 1, today: date | None = None) -> dict:
    """kitadesk.demo when it exists (the real demo data), else `fill`."""
    try:
        from kitadesk import demo  # noqa: F401  (another engineer's module)
    except ImportError:
        return fill(store, carers, children, seed, today)
    for name in ("fill", "generate", "create_demo", "run"):
        fn = getattr(demo, name, None)
        if callable(fn):
            try:
                return fn(store, carers=carers, children=children, seed=seed)
            except TypeError:
                continue
    return fill(store, carers, children, seed, today)
