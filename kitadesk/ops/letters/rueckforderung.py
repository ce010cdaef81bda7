"""Rückforderungsbescheid (R-G10): a carer with a negative balance and no further payouts is
asked to repay it.

reports/letters has no kind of its own for it yet, so it is rendered as an Aenderungsbescheid
(the laufende Geldleistung is cancelled, the amount table shows the sum to repay, the table of
lines the month's calculation) with the wording below put in place of the aenderung.* blocks.
Placeholders are those of the Änderungsbescheid: {betrag_neu} = the sum to repay,
{wirksam_ab} = first day of the month the balance arose in. The office edits the wording as
settings `text_rueckforderung_<block>` (office.py).
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULTS: dict[str, str] = {
    "rueckforderung.betreff": "Aufhebung und Rückforderung – laufende Geldleistung für die Kindertagespflege",
    "rueckforderung.entscheidung": (
        "die Ihnen bewilligte laufende Geldleistung nach § 23 SGB VIII wird für die nachstehend berechneten "
        "Zeiträume aufgehoben, soweit sie zu viel gezahlt wurde. Der überzahlte Betrag in Höhe von "
        "{betrag_neu} ist von Ihnen zu erstatten."),
    "rueckforderung.betrag": (
        "Bitte überweisen Sie {betrag_neu} innerhalb eines Monats nach Bekanntgabe dieses Bescheides unter "
        "Angabe des Aktenzeichens {aktenzeichen} an die Stadt Moers."),
    "rueckforderung.begruendung": (
        "Die Neuberechnung der laufenden Geldleistung hat für Sie einen negativen Saldo ergeben. Ein solcher "
        "Saldo wird mit den folgenden Zahlungen verrechnet. Da Sie keine weiteren laufenden Geldleistungen "
        "erhalten, ist der Betrag nach § 50 SGB X zu erstatten."),
}


def overrides(stored: Mapping[str, str]) -> dict[str, str]:
    """Text overrides for the Aenderungsbescheid that carries a Rückforderung."""
    out = {k: v for k, v in stored.items() if not k.startswith(("aenderung.", "rueckforderung."))}
    for key, default in DEFAULTS.items():
        out["aenderung." + key.split(".", 1)[1]] = stored.get(key, default)
    return out
