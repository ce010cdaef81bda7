"""Fictitious sample letters (names, addresses, bank data invented) for previews, docs, tests, bench.

Amounts of the carer sample follow the worked example of berechnung.md §10 (April 2026).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from kitadesk.domain.money import percent_rate, round_half_up
from kitadesk.domain.timeplan import hours_decimal
from kitadesk.reports.letters.data import (
    SRT_CONTACTS,
    Ablehnung,
    Address,
    Aenderungsbescheid,
    CarerBescheid,
    CareTerm,
    Change,
    FeePeriod,
    Jahresbescheinigung,
    Letterhead,
    LetterLine,
    MonthAmount,
    ParentsBescheid,
    SrtContact,
)

D = Decimal
F = Fraction(52, 12)

LETTERHEAD = Letterhead(phone="02841 / 201-0", office_hours="Sprechzeiten nach Vereinbarung",
                        bank_name="Beispielbank Niederrhein", iban="DE02 1203 0000 0000 2020 51",
                        bic="BYLADEM1001")


def contact(srt: str = "Mitte/Süd", person: str = "Frau Beispiel") -> SrtContact:
    base = SRT_CONTACTS[srt]
    return SrtContact(base.name, base.room, base.phone, base.email, person)


def _head(recipient: tuple[str, ...], salutation: str, az: str, when: date, **extra) -> dict:
    return dict(letterhead=LETTERHEAD, contact=contact(), address=Address(recipient, **extra),
                aktenzeichen=az, date=when, salutation=salutation)


_money = round_half_up  # berechnung.md §1: once per line, half-up
_hours = hours_decimal


def child_lines(name: str, weekly: int, rate: Decimal, von: date, bis: date, days: int = 30,
                month_days: int = 30, off_hours: int = 0, special: bool = False) -> list[LetterLine]:
    """The §5 lines of one child for one segment (berechnung.md §5), rounded once."""
    part = Fraction(days, month_days)
    r = Fraction(rate)
    h = weekly * F * part
    lines = [LetterLine(name, "Betreuung", "Nr. 5.1", von, bis, _hours(h), rate, _money(h * r)),
             LetterLine(name, "Mittelbare Bildungsarbeit", "Nr. 5.1", von, bis, _hours(F * part), rate,
                        _money(F * r * part))]
    if off_hours:
        o = off_hours * F * part
        lines.append(LetterLine(name, "Randzeitenzuschlag", "Nr. 5.1", von, bis, _hours(o), D("1.50"),
                                _money(o * Fraction("1.50"))))
    if special:
        lines.append(LetterLine(name, "Zuschlag besonderer Bedarf", "Nr. 5.1", von, bis, _hours(h),
                                percent_rate(rate, D("30")), _money(h * r * Fraction(30, 100))))
    return lines


def reimbursement_lines(von: date, bis: date) -> list[LetterLine]:
    return [LetterLine(None, "Unfallversicherung", "Nr. 5.1", von, bis, None, None, D("12.00")),
            LetterLine(None, "Alterssicherung", "Nr. 5.1", von, bis, None, None, D("100.58")),
            LetterLine(None, "Kranken-/Pflegeversicherung", "Nr. 5.1", von, bis, None, None, D("125.00"))]


def carer_bescheid(children: int = 2, index: int = 0) -> CarerBescheid:
    """children=2: the worked example (1.924,98 €); more children add varied placements."""
    a, e = date(2026, 4, 1), date(2026, 4, 30)
    rate = D("6.70")
    lines = child_lines("Mia Beispiel", 35, rate, a, e, off_hours=5, special=True)
    if children >= 2:
        lines += child_lines("Noah Muster", 20, rate, date(2026, 4, 16), e, days=15)
    first_names = ("Emma", "Ben", "Lina", "Paul", "Ella", "Finn", "Ida", "Jonas", "Lea", "Tom")
    for i in range(2, children):
        weekly = 15 + (i * 7 + index) % 31
        lines += child_lines(f"{first_names[(i + index) % 10]} Probe{i}", weekly, rate, a, e,
                             off_hours=(i + index) % 4, special=(i + index) % 5 == 0)
    lines += reimbursement_lines(a, e)
    return CarerBescheid(
        **_head(("Frau", "Sabine Sonnenschein", "Kastanienweg 7", "47443 Moers"),
                "Sehr geehrte Frau Sonnenschein,", f"51.3-KTPP-{1041 + index}", date(2026, 3, 20)),
        carer_name="Sabine Sonnenschein", year=2026, month=4, tier="qualifiziert", lines=tuple(lines))


def parents_bescheid() -> ParentsBescheid:
    return ParentsBescheid(
        **_head(("Frau Anna Beispiel", "Herrn Jan Beispiel", "Lindenallee 23", "47441 Moers"),
                "Sehr geehrte Frau Beispiel, sehr geehrter Herr Beispiel,", "51.3-KTP-2026-0417",
                date(2026, 7, 14)),
        child_name="Mia Beispiel", child_birthdate=date(2025, 2, 3), carer_name="Sabine Sonnenschein",
        application_date=date(2026, 5, 28), care_from=date(2026, 8, 1), care_to=date(2028, 2, 2),
        weekly_hours=D("35"), age_group="unter 3 Jahren", income_bracket="über 49.000 € bis 61.000 €",
        hours_band="bis 35 Stunden wöchentlich", table_fee=D("158.00"), fee_from=date(2026, 8, 1),
        waiver_percent=D("50"), waiver_from=date(2026, 8, 1), waiver_amount=D("79.00"),
        monthly_fee=D("79.00"),
        care_terms=(CareTerm(date(2026, 8, 1), date(2026, 11, 15), D("35"), "Mo–Fr 07:30–14:30"),
                    CareTerm(date(2026, 11, 16), date(2028, 2, 2), D("20"), "Mo–Fr 08:00–12:00")),
        fee_periods=(FeePeriod(date(2026, 8, 1), date(2026, 10, 31), "bis 35 Stunden wöchentlich", D("79.00")),
                     FeePeriod(date(2026, 11, 1), date(2028, 2, 2), "bis 25 Stunden wöchentlich", D("59.00"))),
        reasons=("Ihrem Antrag auf Ermäßigung vom 28.05.2026 wird teilweise entsprochen: nach Prüfung Ihrer "
                 "Einkommensverhältnisse ist Ihnen die Hälfte des Beitrags zuzumuten.",))


def aenderungsbescheid() -> Aenderungsbescheid:
    rate = D("6.70")
    a, e = date(2026, 9, 1), date(2026, 9, 30)
    lines = child_lines("Mia Beispiel", 40, rate, a, e, off_hours=5, special=True)
    lines += child_lines("Noah Muster", 20, rate, a, e)
    lines += reimbursement_lines(a, e)
    new = sum((line.amount for line in lines), D("0.00"))
    before = child_lines("Mia Beispiel", 35, rate, a, e, off_hours=5, special=True)
    before += child_lines("Noah Muster", 20, rate, a, e) + reimbursement_lines(a, e)
    old = sum((line.amount for line in before), D("0.00"))
    return Aenderungsbescheid(
        **_head(("Frau", "Sabine Sonnenschein", "Kastanienweg 7", "47443 Moers"),
                "Sehr geehrte Frau Sonnenschein,", "51.3-KTPP-1041", date(2026, 8, 18)),
        topic="die laufende Geldleistung", previous_date=date(2026, 3, 20), effective_from=a,
        changes=(Change("Wöchentliche Betreuungszeit Mia Beispiel", "35 Stunden", "40 Stunden"),),
        amount_label="Monatliche Geldleistung", old_amount=old, new_amount=new, lines=tuple(lines),
        reasons=("Die Eltern von Mia Beispiel haben am 04.08.2026 die Erhöhung der Betreuungszeit auf "
                 "40 Stunden wöchentlich ab dem 01.09.2026 mitgeteilt.",))


def ablehnung() -> Ablehnung:
    return Ablehnung(
        **_head(("Herrn", "Murat Yılmaz-Beispiel", "Am Schloßpark 3 b", "47441 Moers"),
                "Sehr geehrter Herr Yılmaz-Beispiel,", "51.3-KTP-2026-0533", date(2026, 6, 2)),
        application_date=date(2026, 5, 11),
        application_subject="Förderung Ihres Sohnes Elias in Kindertagespflege ab dem 01.08.2026",
        reason=("Elias vollendet am 14.03.2026 das dritte Lebensjahr. Ab diesem Alter hat die Förderung in "
                "einer Kindertageseinrichtung Vorrang vor der Kindertagespflege. Für Elias steht ab dem "
                "01.08.2026 ein Platz in der Kindertageseinrichtung Regenbogen zur Verfügung. Besondere "
                "Gründe in der Person oder den Lebensumständen des Kindes, die eine Betreuung in "
                "Kindertagespflege erfordern, wurden nicht dargelegt."),
        legal_basis="§ 24 Abs. 3 SGB VIII in Verbindung mit Nr. 4 der Richtlinien der Stadt Moers")


def jahresbescheinigung() -> Jahresbescheinigung:
    amounts = []
    for m in range(1, 13):
        base = D("1016.17") if m >= 4 else D("880.67")
        amounts += [MonthAmount("Betreuung", m, base),
                    MonthAmount("Mittelbare Bildungsarbeit", m, D("29.03")),
                    MonthAmount("Randzeitenzuschlag", m, D("32.50") if m >= 4 else D("0.00")),
                    MonthAmount("Zuschlag besonderer Bedarf", m, D("304.85") if m >= 4 else D("0.00"))]
        if m >= 4:
            amounts += [MonthAmount("Betreuung", m, D("580.67") if m > 4 else D("290.33")),
                        MonthAmount("Mittelbare Bildungsarbeit", m, D("29.03") if m > 4 else D("14.52"))]
        amounts += [MonthAmount("Unfallversicherung", m, D("12.00")),
                    MonthAmount("Alterssicherung", m, D("100.58")),
                    MonthAmount("Kranken-/Pflegeversicherung", m, D("125.00"))]
    amounts.append(MonthAmount("Korrektur: Betreuung", 7, D("-43.55")))
    return Jahresbescheinigung(
        **_head(("Frau", "Sabine Sonnenschein", "Kastanienweg 7", "47443 Moers"),
                "Sehr geehrte Frau Sonnenschein,", "51.3-KTPP-1041", date(2027, 1, 22)),
        carer_name="Sabine Sonnenschein", year=2026, amounts=tuple(amounts))


def all_samples() -> dict[str, object]:
    """File stem → letter, one of each kind (docs/letters/*.png)."""
    return {
        "bescheid-eltern-1": parents_bescheid(),
        "bescheid-tpp-1": carer_bescheid(),
        "aenderungsbescheid-1": aenderungsbescheid(),
        "ablehnung-1": ablehnung(),
        "jahresbescheinigung-1": jahresbescheinigung(),
    }


# --- the longest real values (tests/letters/test_layout_boxes.py) ----------------------------------

LONG_OFFICE = "Stadt Moers – Der Bürgermeister – Fachdienst Jugend – Kindertagespflege SRT Mitte/Süd"
LONG_NAME = "Anna-Katharina Müller-Lüdenscheidt-Kowalczyk"
LONG_STREET = "Friedrich-Wilhelm-von-Steuben-Straße 123 a, Hinterhaus, 3. Etage links"
LONG_TOWN = "47447 Moers-Kapellen-Holderberg"
LONG_LETTERHEAD = Letterhead(
    lines=("Stadt Moers", "Der Bürgermeister", "Fachbereich Jugend, Schule und Sport",
           "Fachdienst Jugend – Kindertagespflege und Frühe Hilfen"),
    street="Unterwallstraße 9 (Eingang Kastell)", city="47441 Moers", phone="02841 / 201-0",
    office_hours="Sprechzeiten Mo–Do 08:30–12:00 und 14:00–16:00, Fr 08:30–12:00", internet="www.moers.de",
    bank_name="Sparkasse am Niederrhein – Zweigstelle Moers-Mitte", iban="DE02 1203 0000 0000 2020 51",
    bic="BYLADEM1001")


def longest(letter):
    """The letter with the longest values the office has: office name, person, address, file number."""
    return replace(
        letter, letterhead=LONG_LETTERHEAD,
        contact=SrtContact(LONG_OFFICE, "2.155 - Süd (Altbau, 2. Obergeschoss)", "02841 / 201 – 839 oder 201 – 840",
                           "kindertagespflege.srt-mitte-sued@moers.de", f"Frau {LONG_NAME}"),
        address=Address(("Frau", LONG_NAME, f"c/o {LONG_NAME}", LONG_STREET, LONG_TOWN),
                        ("Persönlich – vertraulich", "Einschreiben mit Rückschein")),
        aktenzeichen="51.3-MS-T2026-00417/2026", salutation=f"Sehr geehrte Frau {LONG_NAME},")


def longest_samples() -> dict[str, object]:
    """Every kind with the longest values: many children, many versions, long names."""
    long_child = f"Maximilian-Alexander {LONG_NAME}"
    carer = carer_bescheid(children=9)
    carer = replace(carer, carer_name=LONG_NAME, lines=tuple(
        replace(ln, child_name=f"{ln.child_name} {LONG_NAME}" if ln.child_name else None) for ln in carer.lines))
    months = [date(2026 + (7 + k) // 12, (7 + k) % 12 + 1, 1) for k in range(12)]   # Aug 2026 …
    terms = tuple(CareTerm(first, months[k + 1] - timedelta(days=1), D(str(20 + k)),
                           "Mo–Do 07:00–13:30, 14:00–16:45; Fr 07:00–12:00; Sa 09:00–11:00")
                  for k, first in enumerate(months[:10]))
    fees = tuple(FeePeriod(first, months[k + 1] - timedelta(days=1), "bis 45 Stunden wöchentlich (Anlage 2)",
                           D("79.00")) for k, first in enumerate(months[:8]))
    parents = replace(parents_bescheid(), child_name=long_child, carer_name=LONG_NAME, care_terms=terms,
                      fee_periods=fees, sibling_note=f"Geschwisterkind {long_child} zahlt den höchsten Beitrag")
    change = aenderungsbescheid()
    change = replace(change, changes=tuple(
        Change(f"Wöchentliche Betreuungszeit {long_child} ({i})", f"{30 + i} Stunden, {LONG_STREET}",
               f"{35 + i} Stunden ab dem 16.11.2026 laut Mitteilung vom 04.11.2026") for i in range(6)),
        care_terms=terms[:4], fee_periods=fees)
    annual = jahresbescheinigung()
    annual = replace(annual, amounts=annual.amounts + tuple(
        MonthAmount(f"Korrektur: Zuschlag besonderer Bedarf für {long_child}", m, D("-1043.55")) for m in (3, 9)))
    return {name: longest(letter) for name, letter in {
        "bescheid-eltern": parents, "bescheid-tpp": carer, "aenderungsbescheid": change,
        "ablehnung": ablehnung(), "jahresbescheinigung": annual}.items()}
