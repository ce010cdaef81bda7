"""Field labels, once (issue 17.4): the German name of a record field as forms, their refusals,
the audit log, the completeness check and the privacy export show it (the import sheet's column
headers are the import format of interfaces.md and stay in importer/schema.py)."""

FIELD_LABELS = {
    # people
    "nr": "Nr.", "nachname": "Nachname", "vorname": "Vorname", "geburtsdatum": "Geburtsdatum", "strasse": "Straße",
    "plz": "PLZ", "ort": "Ort", "telefon": "Telefon", "email": "E-Mail", "srt": "SRT",
    "sorgeberechtigte": "Sorgeberechtigte", "verwandtschaft": "Verwandtschaft",
    # carers
    "iban": "IBAN", "bic": "BIC", "qualifikation": "Qualifikation", "qualifikation_seit": "Qualifikation seit",
    "taetig_seit": "Tätig seit", "taetig_bis": "Tätig bis", "betreuungsort": "Betreuungsort",
    "erlaubnis_vom": "Erlaubnis vom", "erlaubnis_bis": "Erlaubnis bis", "max_kinder": "Kinder insgesamt",
    "max_gleichzeitig": "Kinder gleichzeitig",
    # children
    "jahreseinkommen": "Jahreseinkommen", "familie_nr": "Familien-Nr.", "lvr_inklusionshilfe": "LVR-Inklusionshilfe",
    "unter_1_grund": "Grund unter 1 Jahr",
    # placements
    "child_id": "Kind", "carer_id": "Tagespflegeperson", "beginn": "Beginn", "ende": "Ende", "gueltig_ab": "Gültig ab",
    "wochenstunden": "Wochenstunden", "randzeitstunden": "Randzeitstunden", "uebernachtungen": "Übernachtungen",
    "nacht_im_haushalt_der_eltern": "Nacht bei den Eltern", "zeitplan": "Zeitplan",
    # users, settings, exports
    "rolle": "Rolle", "aktiv": "aktiv", "password_hash": "Passwort", "value": "Wert", "betrag": "Betrag",
    "export": "Export", "dateien": "Dateien",
}

# the carer's insurance proofs (R-C3), by CarerProof.art
PROOF_LABELS = {"unfall": "Unfallversicherung", "alter": "Alterssicherung", "kranken": "Kranken-/Pflegeversicherung"}


def field_label(field: str) -> str:
    """The German label of `field` (the field name itself where none is known)."""
    return FIELD_LABELS.get(field, field)
