"""`export-template`: every sheet and column of interfaces.md §3 exactly, header styling,
notes, date formats and validation lists."""

from openpyxl import load_workbook

from kitadesk.importer.template import write_workbook

SPEC = {  # interfaces.md §3 — a promise: names exact
    "Tagespflegepersonen": "Nr Nachname Vorname Geburtsdatum Geschlecht Straße PLZ Ort Telefon E-Mail SRT IBAN "
                           "Qualifikation Qualifikation_seit Tätig_seit Betreuungsort Erlaubnis_vom Erlaubnis_bis "
                           "Max_Kinder Max_gleichzeitig Zusammenschluss Führungszeugnis_vom Vertretungsplatz "
                           "Vertretungsplatz_von Vertretungsplatz_bis Unfallversicherung_mtl Alterssicherung_mtl "
                           "Alterssicherung_Art Kranken_Pflege_mtl",
    "Kinder": "Nr Nachname Vorname Geburtsdatum Geschlecht Sorgeberechtigte Straße PLZ Ort Familie_Nr Jahreseinkommen "
              "Antrag_vom Besonderer_Bedarf LVR_Inklusionshilfe Beitragsfrei Geschwister_in_Kita Herkunft_Ausland "
              "Sprache_nicht_deutsch Verwandtschaft Eingliederungshilfe Ermäßigung_Prozent Ermäßigung_ab Ermäßigung_Antrag_vom "
              "Gültig_ab",
    "Betreuungen": "Kind_Nr TPP_Nr Beginn Ende Wochenstunden Randzeitstunden Übernachtungen "
                   "Nacht_im_Haushalt_der_Eltern Zeitplan Gültig_ab",
    "Nachweise": "TPP_Nr Art Betrag Je Alterssicherung_Art Gültig_von Gültig_bis",
    "Abwesenheiten": "TPP_Nr Von Bis Art Vertretung_TPP_Nr",
    "Fortbildungen": "TPP_Nr Datum Titel Stunden",
    "Monatsmeldungen": "Kind_Nr Datum Stunden",
    "Sonderbeträge": "TPP_Nr Kind_Nr Monat Betrag Grund",
    "Beitragstabelle": "Gültig_ab Alter Einkommen_bis Stunden_bis Beitrag",
    "Sätze": "Gültig_ab Stundensatz_Basis Stundensatz_Qualifiziert Randzeitzuschlag Vertretungsplatz_Pauschale "
             "Zuschlag_Besonderer_Bedarf_Prozent Hoechstbetrag_Unfallversicherung Mindestbeitrag_Alterssicherung "
             "Hoechstbetrag_Kranken_Pflege",
}


def test_template_has_every_sheet_and_column_of_the_spec(tmp_path):
    path = write_workbook(tmp_path / "vorlage.xlsx")
    wb = load_workbook(path)
    for sheet, columns in SPEC.items():
        assert [c.value for c in wb[sheet][1]] == columns.split(), sheet
        assert wb[sheet].max_row == 1  # empty: header only
    assert wb.sheetnames[: len(SPEC)] == list(SPEC)


def test_template_header_style_notes_formats_and_validation_lists(tmp_path):
    wb = load_workbook(write_workbook(tmp_path / "vorlage.xlsx"))
    ws = wb["Tagespflegepersonen"]
    header = {c.value: c for c in ws[1]}
    assert all(c.font.b and c.fill.fgColor.rgb.endswith(("1F4E79", "C00000")) for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert all(c.comment is not None and c.comment.text for c in ws[1])
    assert ws.column_dimensions[header["Erlaubnis_vom"].column_letter].number_format == "DD.MM.YYYY"
    assert ws.column_dimensions[header["Nachname"].column_letter].width >= 18
    lists = {dv.formula1.strip('"') for dv in ws.data_validations.dataValidation}
    assert {"Mitte/Süd,Ost,Nord", "Basis,QHB,Fachkraft", "ja,nein", "w,m,d",
            "eigener Haushalt,Haushalt der Eltern,andere Räume", "gesetzlich,privat"} <= lists
    assert {dv.formula1.strip('"') for dv in wb["Abwesenheiten"].data_validations.dataValidation} == {
        "Urlaub,Krankheit,sonstiges"}
    assert "unter 3,ab 3" in {dv.formula1.strip('"') for dv in wb["Beitragstabelle"].data_validations.dataValidation}
    assert "Hinweise" in wb.sheetnames
    hints = " ".join(str(r[0].value) for r in wb["Hinweise"].iter_rows())
    assert "Nachweise (optional)" in hints and "Eingliederungshilfe" in hints
