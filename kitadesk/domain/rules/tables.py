"""Rules of the fee table (R-E1, berechnung.md §9: complete) and the rate table (R-G2)."""

from decimal import Decimal

from kitadesk.domain.fee_table import FeeTable
from kitadesk.domain.rules import Problem

RATE_LABELS = {
    "stundensatz_basis": "Stundensatz Basis", "stundensatz_qualifiziert": "Stundensatz qualifiziert",
    "randzeitzuschlag": "Randzeitzuschlag", "vertretungsplatz_pauschale": "Vertretungsplatzpauschale",
    "zuschlag_besonderer_bedarf_prozent": "Zuschlag besonderer Bedarf",
    "hoechstbetrag_unfallversicherung": "Höchstbetrag Unfallversicherung",
    "mindestbeitrag_alterssicherung": "Mindestbeitrag Alterssicherung",
    "hoechstbetrag_kranken_pflege": "Höchstbetrag Kranken-/Pflegeversicherung",
}


def fee_table_problems(table: FeeTable) -> list[Problem]:
    """R-E1: every income bracket × hours band for both age groups (FeeTable.errors)."""
    return [Problem("gueltig_ab", "R-E1", message) for message in table.errors()]


def rate_table_problems(values: dict) -> list[Problem]:
    """R-G2: a rate table's values (field → Decimal or None); fields not in `values` are not checked."""
    found = []
    if "gueltig_ab" in values and values["gueltig_ab"] is None:
        found.append(Problem("gueltig_ab", "", "„Gültig ab“ fehlt."))
    for name in ("stundensatz_basis", "stundensatz_qualifiziert"):
        if name in values and (values[name] is None or values[name] <= 0):
            found.append(Problem(name, "R-G2", f"{RATE_LABELS[name]} muss größer als 0 sein."))
    if "randzeitzuschlag" in values and values["randzeitzuschlag"] is None:
        found.append(Problem("randzeitzuschlag", "", "Randzeitzuschlag fehlt."))
    for name in ("randzeitzuschlag", "vertretungsplatz_pauschale", "hoechstbetrag_unfallversicherung",
                 "mindestbeitrag_alterssicherung", "hoechstbetrag_kranken_pflege"):
        if values.get(name) is not None and values[name] < 0:
            found.append(Problem(name, "R-G2", f"{RATE_LABELS[name]} darf nicht negativ sein."))
    if "zuschlag_besonderer_bedarf_prozent" in values:
        p = values["zuschlag_besonderer_bedarf_prozent"]
        if p is None or not 0 <= p <= 100:
            found.append(Problem("zuschlag_besonderer_bedarf_prozent", "R-G3",
                                 "Zuschlag besonderer Bedarf muss zwischen 0 und 100 % liegen."))
    basis, quali = values.get("stundensatz_basis"), values.get("stundensatz_qualifiziert")
    if basis and quali and Decimal(quali) < Decimal(basis):
        found.append(Problem("stundensatz_qualifiziert", "R-C5", "Der Stundensatz qualifiziert ist kleiner als der "
                                                                 "Stundensatz basis (qualifiziert ist die höhere "
                                                                 "Stufe)."))
    return found
