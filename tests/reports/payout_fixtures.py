"""Plain payout data for the export tests (no database: reports render plain data)."""

from datetime import date, datetime
from decimal import Decimal

from kitadesk.domain.lines import ALTER, BETREUUNG, MBA, RANDZEIT, UEBERTRAG, UNFALL, VORTRAG, Line
from kitadesk.reports.data import STATUS_DRAFT, PayoutCarer, PayoutReport, PayoutRunInfo

D = Decimal
APRIL = (date(2026, 4, 1), date(2026, 4, 30))


def iban_for(i: int) -> str:
    """A valid German IBAN (bank code 37040044, account i)."""
    bban = f"37040044{i:010d}"
    return f"DE{98 - int(bban + '131400') % 97:02d}{bban}"


def child_lines(carer, child, hours, rate, amount):
    von, bis = APRIL
    return [Line(carer, child, BETREUUNG, "R-G1", von, bis, D(hours), D(rate), D(amount),
                 "35 h/Woche · 52/12 · Satz")]


def make_report(status: str = STATUS_DRAFT, warnings=("TPP 3: Nachweis Alterssicherung fehlt",)) -> PayoutReport:
    """Six carers over three SRT: corrections, carry lines, a zero and a negative month."""
    von, bis = APRIL
    carers = [
        PayoutCarer("1", "Schröder", "Anna", "Mitte/Süd", "DE89 3704 0044 0532 0130 00"),
        PayoutCarer("2", "Özdemir & Partner", "Leyla", "Ost", iban_for(2)),
        PayoutCarer("3", "Weiß", "Jürgen", "Nord", iban_for(3), "COBADEFFXXX"),
        PayoutCarer("10", "Becker", "Birgit", "Mitte/Süd", iban_for(10)),
        PayoutCarer("11", "Null", "Nora", "Ost", iban_for(11)),        # sums to 0 (carried)
        PayoutCarer("12", "Minus", "Max", "Nord", iban_for(12)),       # negative (not paid)
        PayoutCarer("13", "Ohnelinie", "Olga", "Nord", iban_for(13)),  # no lines at all
    ]
    lines = [
        # the worked example of berechnung.md §10 (carer A, April 2026)
        Line("1", "K1", BETREUUNG, "R-G1", von, bis, D("151.67"), D("6.70"), D("1016.17"),
             "35 Std./Woche × 52/12 × 6,70 €", D("35"), (30, 30)),
        Line("1", "K1", MBA, "R-G3", von, bis, D("4.33"), D("6.70"), D("29.03"), "", D("1"), (30, 30)),
        Line("1", "K1", RANDZEIT, "R-G3", von, bis, D("21.67"), D("1.50"), D("32.50"), "", D("5"), (30, 30)),
        Line("1", "K1", "Zuschlag besonderer Bedarf", "R-G3", von, bis, None, None, D("304.85")),
        Line("1", "K2", BETREUUNG, "R-G1", date(2026, 4, 16), bis, D("86.67"), D("6.70"), D("290.33"),
             "20 Std./Woche × 52/12 × 6,70 € × 15/30 Tage", D("20"), (15, 30)),
        Line("1", "K2", MBA, "R-G3", date(2026, 4, 16), bis, D("4.33"), D("6.70"), D("14.52"), "", D("1"),
             (15, 30)),
        Line("1", None, UNFALL, "R-G4", von, bis, None, None, D("12.00")),
        Line("1", None, ALTER, "R-G4", von, bis, None, None, D("100.58")),
        Line("1", None, "Kranken-/Pflegeversicherung", "R-G4", von, bis, None, None, D("125.00")),
        Line("2", "K3", BETREUUNG, "R-G1", von, bis, D("86.67"), D("5.80"), D("502.67")),
        Line("2", "K3", "Korrektur: Betreuung", "R-K4", date(2026, 3, 1), date(2026, 3, 31),
             None, None, D("-0.10")),
        Line("3", "K4", BETREUUNG, "R-G1", von, bis, D("108.33"), D("6.70"), D("725.81")),
        Line("3", None, UEBERTRAG, "R-G10", von, bis, None, None, D("-25.80")),
        Line("10", "K5", BETREUUNG, "R-G1", von, bis, D("0.05"), D("2.00"), D("0.10")),
        Line("10", "K5", MBA, "R-G3", von, bis, D("0.10"), D("2.00"), D("0.20")),
        Line("11", "K6", BETREUUNG, "R-G1", von, bis, D("20"), D("6.70"), D("134.00")),
        Line("11", "K6", "Korrektur: Betreuung", "R-K4", date(2026, 2, 1), date(2026, 2, 28),
             None, None, D("-200.00")),
        Line("11", None, VORTRAG, "R-G10", von, bis, None, None, D("66.00")),
        Line("12", "K7", "Korrektur: Betreuung", "R-K4", date(2026, 1, 1), date(2026, 1, 31),
             None, None, D("-10.00")),
    ]
    info = PayoutRunInfo(2026, 4, "2026-04/1", status, datetime(2026, 4, 24, 10, 15), "mmeier",
                         "postgresql+psycopg://kita:geheim@server/kitadesk", "0.1.0",
                         {"monatsfaktor": "52/12", "erstattung_anteilig": "nein"})
    return PayoutReport(info, carers, lines, list(warnings), {"K1": "Emma Schmitz", "K2": "Ben Schmitz"})


# expected payments (Nr → amount) of make_report
EXPECTED = {"1": D("1924.98"), "2": D("502.57"), "3": D("700.01"), "10": D("0.30")}

