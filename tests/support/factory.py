"""Small data factory for store tests (ops, UI): build records through the models.

Every helper takes an open session, adds the records and flushes (ids are set); the caller
commits. Defaults follow the worked example of berechnung.md §10 (examples only):

    with store.session("test") as s:
        rate_table_2026(s)
        a = make_carer(s, "A", qualifikation="QHB")
        k1 = make_child(s, "K1", special_needs=True)
        place(s, k1, a, date(2026, 4, 1), hours="35", off_hours="5")
        s.commit()
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from kitadesk.models import (
    Absence,
    Carer,
    CarerDocument,
    Child,
    ChildStatus,
    Erlaubnis,
    Erstattungsnachweis,
    Fortbildung,
    Monatsmeldung,
    Placement,
    PlacementVersion,
    RateTable,
    Sonderbetrag,
    User,
    Vertretungsplatz,
)

D = Decimal


def valid_iban(account: int, bank: str = "35450000") -> str:
    """A German IBAN with correct check digits (fictitious account)."""
    bban = f"{bank}{account:010d}"
    return f"DE{98 - int(bban + '131400') % 97:02d}{bban}"


def _flush(session: Session, obj):
    session.add(obj)
    session.flush()
    return obj


def rate_table_2026(session: Session, gueltig_ab: date = date(2026, 1, 1), *, basis: str = "5.80",
                    qualifiziert: str = "6.70", randzeit: str = "1.50", pauschale: str = "100.00",
                    confirmed: bool = True, **caps) -> RateTable:
    """The worked example's rates (berechnung.md §10): basis 5.80, qualifiziert 6.70, Randzeit 1.50."""
    return _flush(session, RateTable(
        gueltig_ab=gueltig_ab, stundensatz_basis=D(basis), stundensatz_qualifiziert=D(qualifiziert),
        randzeitzuschlag=D(randzeit), vertretungsplatz_pauschale=D(pauschale),
        zuschlag_besonderer_bedarf_prozent=D("30"), ist_beispiel=False,
        bestaetigt_von="leitung" if confirmed else None, bestaetigt_am=datetime(2025, 12, 1) if confirmed else None,
        **{k: D(v) if v is not None else None for k, v in caps.items()}))


def make_carer(session: Session, nr: str = "A", *, nachname: str | None = None, vorname: str = "Anna",
               srt: str = "Mitte/Süd", qualifikation: str = "QHB", qualifikation_seit: date | None = date(2020, 1, 1),
               taetig_seit: date | None = date(2020, 1, 1), iban: str | None = "auto",
               permit: bool = True, proofs: bool = True, fuehrungszeugnis: bool = True, **fields) -> Carer:
    """A carer with permit, Führungszeugnis and the worked example's reimbursement proofs
    (Unfall 12.00, Alterssicherung gesetzlich 201.15, Kranken/Pflege 250.00 per month)."""
    number = sum(ord(ch) for ch in nr) * 1000 + len(nr)
    fields.setdefault("ort", "Moers")  # R-V4: letters need an Ort
    carer = _flush(session, Carer(
        nr=nr, nachname=nachname or f"Muster-{nr}", vorname=vorname, srt=srt, qualifikation=qualifikation,
        qualifikation_seit=qualifikation_seit if qualifikation != "Basis" else None, taetig_seit=taetig_seit,
        iban=valid_iban(number) if iban == "auto" else iban, geburtsdatum=date(1980, 5, 5), **fields))
    if permit:
        _flush(session, Erlaubnis(carer_id=carer.id, vom=date(2023, 1, 1), bis=date(2027, 12, 31),
                                  max_kinder=8, max_gleichzeitig=5))
    if fuehrungszeugnis:
        _flush(session, CarerDocument(carer_id=carer.id, art="Führungszeugnis", erhalten_am=date(2023, 1, 1)))
    if proofs:
        add_proofs(session, carer)
    return carer


def add_proofs(session: Session, carer: Carer, von: date = date(2026, 1, 1), *, unfall: str | None = "12.00",
               alter: str | None = "201.15", kranken: str | None = "250.00", alter_art: str = "gesetzlich") -> None:
    for art, amount in (("unfall", unfall), ("alter", alter), ("kranken", kranken)):
        if amount is not None:
            session.add(Erstattungsnachweis(carer_id=carer.id, art=art, betrag=D(amount), je="monat",
                                            alter_art=alter_art, von=von))
    session.flush()


def make_child(session: Session, nr: str = "K1", *, nachname: str | None = None, vorname: str = "Mia",
               geburtsdatum: date = date(2024, 6, 1), srt: str = "Mitte/Süd", special_needs: bool = False,
               lvr: bool = False, status_ab: date = date(2025, 6, 1), **fields) -> Child:
    fields.setdefault("ort", "Moers")  # R-V4: letters need an Ort
    child = _flush(session, Child(nr=nr, nachname=nachname or f"Kind-{nr}", vorname=vorname,
                                  geburtsdatum=geburtsdatum, srt=srt, **fields))
    if special_needs or lvr:
        _flush(session, ChildStatus(child_id=child.id, gueltig_ab=status_ab, besonderer_bedarf=special_needs,
                                    lvr_inklusionshilfe=lvr))
    return child


def place(session: Session, child: Child, carer: Carer, beginn: date, *, hours: str = "35", off_hours: str = "0",
          nights: str = "0", ende: date | None = None, antrag_vom: date | None = None) -> Placement:
    """A placement with its first version (gültig ab Beginn)."""
    placement = _flush(session, Placement(child_id=child.id, carer_id=carer.id, beginn=beginn, ende=ende,
                                          antrag_vom=antrag_vom or beginn))
    _flush(session, PlacementVersion(placement_id=placement.id, gueltig_ab=beginn, wochenstunden=D(hours),
                                     randzeitstunden=D(off_hours), uebernachtungen=D(nights)))
    return placement


def change_hours(session: Session, placement: Placement, gueltig_ab: date, hours: str, *, off_hours: str = "0",
                 nights: str = "0", grund: str = "Änderung der Betreuungszeit") -> PlacementVersion:
    """A new version of the placement from `gueltig_ab` (R-K4); an existing version of that
    date is changed instead."""
    existing = next((v for v in placement.versions if v.gueltig_ab == gueltig_ab), None)
    if existing is not None:
        existing.wochenstunden, existing.randzeitstunden, existing.uebernachtungen = D(hours), D(off_hours), D(nights)
        existing.grund = grund
        session.flush()
        return existing
    return _flush(session, PlacementVersion(placement_id=placement.id, gueltig_ab=gueltig_ab, wochenstunden=D(hours),
                                            randzeitstunden=D(off_hours), uebernachtungen=D(nights), grund=grund))


def absence(session: Session, carer: Carer, von: date, bis: date, art: str = "Urlaub",
            substitute: Carer | None = None) -> Absence:
    return _flush(session, Absence(carer_id=carer.id, von=von, bis=bis, art=art,
                                   substitute_id=substitute.id if substitute else None))


def fortbildung(session: Session, carer: Carer, datum: date, stunden: str = "8", titel: str = "Fortbildung"):
    return _flush(session, Fortbildung(carer_id=carer.id, datum=datum, titel=titel, stunden=D(stunden)))


def vertretungsplatz(session: Session, carer: Carer, von: date, bis: date | None = None) -> Vertretungsplatz:
    return _flush(session, Vertretungsplatz(carer_id=carer.id, von=von, bis=bis))


def monatsmeldung(session: Session, child: Child, datum: date, stunden: str) -> Monatsmeldung:
    return _flush(session, Monatsmeldung(child_id=child.id, datum=datum, stunden=D(stunden)))


def sonderbetrag(session: Session, carer: Carer, monat: str, betrag: str, grund: str,
                 child: Child | None = None) -> Sonderbetrag:
    return _flush(session, Sonderbetrag(carer_id=carer.id, child_id=child.id if child else None, monat=monat,
                                        betrag=D(betrag), grund=grund))


def make_user(session: Session, login: str, rolle: str, srt: str | None = None) -> User:
    return _flush(session, User(login=login, name=login.title(), rolle=rolle, srt=srt))


def make_desk_users(session: Session) -> None:
    """admin, leitung and the desks Ost and Nord (sb_ost, sb_nord): the multi-desk tests' office."""
    from kitadesk.models import ADMIN, LEITUNG, SACHBEARBEITUNG

    make_user(session, "admin", ADMIN)
    make_user(session, "leitung", LEITUNG)
    make_user(session, "sb_ost", SACHBEARBEITUNG, "Ost")
    make_user(session, "sb_nord", SACHBEARBEITUNG, "Nord")


def worked_example(session: Session) -> dict:
    """berechnung.md §10: carer A (QHB), K1 from 1 April 2026 35 h + 5 off-hours with special
    needs (no LVR), K2 from 16 April 20 h; proofs 12.00 / 201.15 / 250.00 → April 1924.98."""
    table = rate_table_2026(session)
    a = make_carer(session, "A")
    k1 = make_child(session, "K1", special_needs=True)
    k2 = make_child(session, "K2", vorname="Ben")
    p1 = place(session, k1, a, date(2026, 4, 1), hours="35", off_hours="5")
    p2 = place(session, k2, a, date(2026, 4, 16), hours="20")
    return {"table": table, "A": a, "K1": k1, "K2": k2, "P1": p1, "P2": p2}
