"""Demo rate tables 2025/2026 and a fee table (examples — `ist_beispiel`, berechnung.md §2
and §9), the SRT contact blocks of the Richtlinien, users, and QiK sample data."""

from datetime import date, timedelta
from decimal import Decimal

from kitadesk.demo import names as N
from kitadesk.demo.carers import rand_date
from kitadesk.domain.money import whole_euros
from kitadesk.models import (
    ADMIN,
    LEITUNG,
    QIK_STATUSES,
    SACHBEARBEITUNG,
    FeeCell,
    FeeTable,
    QikActivity,
    QikParticipant,
    QikPartner,
    QikStatus,
    RateTable,
    SrtOffice,
    User,
)

BRACKETS = (18000, 24000, 30000, 37000, 49000, 61000, 73000, 85000, 97000, None)  # upper bounds, None = top
U3_25 = (0, 22, 38, 58, 85, 118, 152, 190, 228, 270)  # € per month, band up to 25 h, under 3 (example)
BANDS = {Decimal(25): Decimal("1.0"), Decimal(35): Decimal("1.3"), Decimal(45): Decimal("1.6")}
AB3_FACTOR = Decimal("0.7")


def build_tables(b) -> None:
    b.add(RateTable, gueltig_ab=date(2025, 1, 1), stundensatz_basis=Decimal("5.80"),
          stundensatz_qualifiziert=Decimal("6.70"), randzeitzuschlag=Decimal("1.50"),
          vertretungsplatz_pauschale=Decimal("100.00"), zuschlag_besonderer_bedarf_prozent=Decimal("30"),
          hoechstbetrag_unfallversicherung=Decimal("15.00"), mindestbeitrag_alterssicherung=Decimal("103.42"),
          hoechstbetrag_kranken_pflege=Decimal("420.00"), ist_beispiel=True)
    # the yearly raise of 1.5 % (R-G2), each rate rounded half-up to the cent
    b.add(RateTable, gueltig_ab=date(2026, 1, 1), stundensatz_basis=Decimal("5.89"),
          stundensatz_qualifiziert=Decimal("6.80"), randzeitzuschlag=Decimal("1.50"),
          vertretungsplatz_pauschale=Decimal("100.00"), zuschlag_besonderer_bedarf_prozent=Decimal("30"),
          hoechstbetrag_unfallversicherung=Decimal("15.00"), mindestbeitrag_alterssicherung=Decimal("112.16"),
          hoechstbetrag_kranken_pflege=Decimal("430.00"), ist_beispiel=True)
    table = b.add(FeeTable, gueltig_ab=date(2025, 8, 1), ist_beispiel=True)
    for alter, factor in (("unter 3", Decimal(1)), ("ab 3", AB3_FACTOR)):
        for bound, base in zip(BRACKETS, U3_25):
            for band, band_factor in BANDS.items():
                fee = whole_euros(Decimal(base) * band_factor * factor)
                b.add(FeeCell, table_id=table, alter=alter, einkommen_bis=Decimal(bound) if bound else None,
                      stunden_bis=band, beitrag=fee)


def build_offices(b) -> None:
    """SRT contact blocks as printed in the Richtlinien (R-V2)."""
    for srt, room, phone, person in (("Mitte/Süd", "Raum 2.155 - Süd", "02841 201-839", "Frau Beispiel-Hendricks"),
                                     ("Ost", "Raum 2.135 - Süd", "02841 201-828", "Frau Muster-Kaya"),
                                     ("Nord", "Raum 2.137 - Süd", "02841 201-831", "Herr Probe-Janssen")):
        b.add(SrtOffice, srt=srt, bezeichnung=f"Fachdienst Jugend – Kindertagespflege, SRT {srt}",
              ansprechpartner=person, raum=room, telefon=phone, email="kindertagespflege@moers.de")


DEMO_USERS = (("leitung", "Leitung Kindertagespflege", LEITUNG, None),  # besides the admin; no passwords
              ("sb.mitte", "Sachbearbeitung Mitte/Süd", SACHBEARBEITUNG, "Mitte/Süd"),
              ("sb.ost", "Sachbearbeitung Ost", SACHBEARBEITUNG, "Ost"),
              ("sb.nord", "Sachbearbeitung Nord", SACHBEARBEITUNG, "Nord"))


def build_users(b, admin: str) -> list[str]:
    users = [(admin, "Administration", ADMIN, None), *DEMO_USERS]
    logins = []
    for login, name, role, srt in users:
        if login not in logins:
            logins.append(login)
            b.add(User, login=login, name=name, rolle=role, srt=srt, password_hash=None, aktiv=True)
    return logins


def build_qik(b, participants: int) -> None:
    rng, today = b.rng, b.today
    ids = {}
    for name, art in N.QIK_PARTNERS:
        ids.setdefault(art, []).append(b.add(QikPartner, name=name, art=art, ansprechpartner="",
                                             telefon=f"02841 {rng.randint(1000, 99999)}", email=""))
    for _n in range(participants):
        origin = rng.choice(("de", "de", "tr", "pl", "ar"))
        female = rng.random() < 0.8
        cohort = rng.choice((today.year - 2, today.year - 1, today.year))
        start = date(cohort, 8, 1)
        pid = b.add(QikParticipant, nachname=rng.choice(N.SURNAMES[origin]),
                    vorname=rng.choice((N.FEMALE if female else N.MALE)[origin]),
                    kita_id=rng.choice(ids["Kita"]), traeger_id=rng.choice(ids["Träger"]),
                    berufskolleg_id=ids["Berufskolleg"][0], klasse=f"KP{cohort % 100}{rng.choice('ab')}",
                    foerderer_id=rng.choice(ids["Jobcenter"] + ids["Agentur für Arbeit"]), beginn=start,
                    jahrgang=cohort)
        b.add(QikStatus, participant_id=pid, datum=start - timedelta(days=rng.randint(60, 150)), status=QIK_STATUSES[0])
        if start <= today:
            b.add(QikStatus, participant_id=pid, datum=start, status=QIK_STATUSES[1])
            roll = rng.random()
            if roll < 0.15:
                b.add(QikStatus, participant_id=pid, datum=rand_date(rng, start, today), status=QIK_STATUSES[3])
            elif date(cohort + 2, 7, 15) <= today and roll < 0.85:
                b.add(QikStatus, participant_id=pid, datum=date(cohort + 2, 7, 15), status=QIK_STATUSES[2])
    for _ in range(max(6, participants // 2)):
        b.add(QikActivity, datum=rand_date(rng, today - timedelta(days=700), today), thema=rng.choice(N.QIK_TOPICS),
              partner=", ".join(rng.sample([p for p, _ in N.QIK_PARTNERS], 2)),
              stunden=Decimal(rng.choice(("1", "1.5", "2", "3", "4"))))
