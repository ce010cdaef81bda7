"""Shared test data for the Elternbeitrag (R-E1): an example fee table and families."""

from datetime import date
from decimal import Decimal as D

from kitadesk.models import Family, FamilyIncome, FeeCell, FeeTable

BRACKETS = (D("18000"), D("36000"), None)
BANDS = (D("25"), D("35"), D("45"))


def fee_table(session, gueltig_ab=date(2026, 1, 1)):
    """Example table: under 3 = bracket index × 50 + band index × 10 (lowest bracket free)."""
    table = FeeTable(gueltig_ab=gueltig_ab, ist_beispiel=True)
    for alter, extra in (("unter 3", D("0")), ("ab 3", D("-5"))):
        for i, bound in enumerate(BRACKETS):
            for j, band in enumerate(BANDS):
                fee = D("0") if i == 0 else D(50 * i + 10 * j) + extra
                table.cells.append(FeeCell(alter=alter, einkommen_bis=bound, stunden_bis=band, beitrag=fee))
    session.add(table)
    session.flush()


def family(session, nr, income, gueltig_ab=date(2025, 1, 1)):
    fam = Family(nr=nr)
    session.add(fam)
    session.flush()
    session.add(FamilyIncome(family_id=fam.id, gueltig_ab=gueltig_ab, jahreseinkommen=income))
    session.flush()
    return fam
