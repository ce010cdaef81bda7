"""Screen "Einstellungen" (issue 5): Auslegungen from the registry (berechnung.md §11), the
yearly raise (R-G2), fee tables (R-E1) with xlsx import, text blocks, SRT contacts, payer data;
read-only without the right."""

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox

from kitadesk.domain.fee_table import FeeCell, FeeTable
from kitadesk.domain.settings import HOCHRECHNUNG, REGISTRY
from kitadesk.ops.letters.office import load_office
from kitadesk.ops.rate_tables import fee_tables, rate_tables, srt_contacts, write_fee_table_xlsx
from kitadesk.ops.settings import get_setting

D = Decimal


def fee_table(skip=None) -> FeeTable:
    cells = [FeeCell(a, b, h, D(i * 40) + h) for a in ("unter 3", "ab 3")
             for i, b in enumerate((D("18000"), D("37000"), None)) for h in (D(25), D(35), D(45))
             if (a, b, h) != skip]
    return FeeTable(date(2026, 8, 1), tuple(cells))


def warnings(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


def test_s11_auslegungen_generated_from_the_registry_and_saved(settings_for):
    page = settings_for("admin")
    tab = page.auslegungen
    assert list(tab.widgets) == [s.name for s in (*REGISTRY, *HOCHRECHNUNG)]
    combo = tab.widgets["monatsfaktor"]
    assert isinstance(combo, QComboBox) and combo.currentText() == "52/12 (Standard)"
    assert [combo.itemText(i) for i in range(combo.count())] == ["52/12 (Standard)", "4,33", "4,35"]
    assert not tab.save_button.isEnabled()
    seen = []
    page.ctx.bus.changed.connect(seen.append)
    combo.setCurrentIndex(combo.findData("4.33"))
    tab.widgets["wiedervorlage_tage"].setValue(45)
    assert tab.changes() == {"monatsfaktor": "4.33", "wiedervorlage_tage": "45"}
    tab.save_button.click()
    with page.ctx.store.session(page.ctx.user) as s:
        assert (get_setting(s, "monatsfaktor"), get_setting(s, "wiedervorlage_tage")) == ("4.33", "45")
    assert tab.status.text() == "Gespeichert: Monatsfaktor, Wiedervorlage (Tage)."
    assert seen == [frozenset({"settings"})] and not tab.save_button.isEnabled()


def test_issue8_settings_are_read_only_without_the_right(settings_for):
    page = settings_for("sb")
    assert not any(w.isEnabled() for w in page.auslegungen.widgets.values())
    assert not page.auslegungen.save_button.isEnabled()
    hints = [w.text() for w in page.findChildren(type(page.auslegungen.status)) if "Nur lesen" in w.text()]
    assert len(hints) >= 5 and "„Einstellungen ändern“" in hints[0]
    assert not page.rates.new_button.isEnabled() and not page.rates.confirm_button.isEnabled()
    assert not page.fees.import_button.isEnabled() and page.fees.export_button.isEnabled() is False
    assert page.texts.editor.isReadOnly() and not page.srt.save_button.isEnabled()
    assert not page.payment.fields["sepa_iban"].isEnabled()


def test_r_g2_raise_proposed_for_review_and_confirmed_by_leitung(settings_for):
    page = settings_for("chefin")
    page.show_tab("Satztabellen")
    dialog = page.rates.propose()
    assert dialog.windowTitle() == "Erhöhung zum 1. Januar 2027"
    assert dialog.date.edit.text() == "01.01.2027"
    assert (dialog.fields["stundensatz_basis"].text(), dialog.fields["stundensatz_qualifiziert"].text()) == \
        ("5,89", "6,80")
    assert dialog.fields["randzeitzuschlag"].text() == "1,50"  # erhoehung_auch_zuschlaege = nein
    assert len(rate_tables(page.ctx.store)) == 1  # nothing written by the proposal
    dialog.buttons["Bestätigen"].click()
    new, old = rate_tables(page.ctx.store)
    assert new.table.gueltig_ab == date(2027, 1, 1) and new.confirmed_by == "chefin"
    assert (new.table.stundensatz_basis, new.table.stundensatz_qualifiziert) == (D("5.89"), D("6.80"))
    assert page.rates.table.rowCount() == 2 and page.rates.table.item(0, 2).text() == "6,80 €"
    again = page.rates.propose()  # already confirmed: shown, not offered again
    assert "01.01.2027 ist bereits bestätigt" in again.note.text() and not again.buttons


def test_r_g2_admin_enters_a_table_leitung_confirms_it(settings_for, monkeypatch):
    admin = settings_for("admin")
    dialog = admin.rates.new()
    assert dialog.fields["stundensatz_basis"].text() == "5,80" and dialog.date.edit.text() == ""
    dialog.buttons["Speichern"].click()
    assert dialog.error.text() == "Satztabelle: „Gültig ab“ fehlt."
    dialog.date.edit.setText("01.08.2026")
    dialog.fields["stundensatz_qualifiziert"].setText("6,9")
    dialog.buttons["Speichern"].click()
    stored = rate_tables(admin.ctx.store)[0]
    assert (stored.table.gueltig_ab, stored.table.stundensatz_qualifiziert, stored.confirmed) == \
        (date(2026, 8, 1), D("6.9"), False)
    assert not admin.rates.confirm_button.isEnabled()  # Admin may not confirm money (four eyes)
    chefin = settings_for("chefin")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    chefin.rates.confirm_button.click()
    assert rate_tables(chefin.ctx.store)[0].confirmed_by == "chefin"


def test_r_e1_fee_table_import_with_a_missing_cell_lists_it_in_german(settings_for, monkeypatch, tmp_path):
    page = settings_for("admin")
    page.show_tab("Beitragstabellen")
    path = write_fee_table_xlsx(fee_table(skip=("ab 3", D("37000"), D(35))), tmp_path / "anlage2.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    shown = warnings(monkeypatch)
    assert page.fees.import_xlsx() is None
    assert "Beitragstabelle aus anlage2.xlsx nicht übernommen" in shown[0]
    assert "Zelle fehlt – Alter „ab 3“, Einkommen bis 37.000,00 €, Stunden bis 35" in shown[0]
    assert fee_tables(page.ctx.store) == []
    complete = write_fee_table_xlsx(fee_table(), tmp_path / "ok.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(complete), ""))
    [table_id] = page.fees.import_xlsx()
    assert page.fees.list.count() == 1 and "1 Beitragstabelle(n) aus ok.xlsx übernommen." in page.fees.status.text()
    assert page.fees.preview_grids["unter 3"].item(2, 2).text() == "125,00"  # darüber, bis 45 Std.
    out = tmp_path / "export"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert page.fees.export_xlsx() == tmp_path / "export.xlsx"


def test_r_e1_fee_table_dialog_refuses_a_gap_and_saves_a_complete_table(settings_for):
    page = settings_for("admin")
    dialog = page.fees.new()
    dialog.date.edit.setText("01.08.2026")
    dialog.brackets.setText("18.000; 37000")
    dialog.bands.setText("25; 35; 45")
    assert dialog.regrid()
    for alter, grid in dialog.grids.items():
        assert grid.rowCount() == 3 and grid.columnCount() == 3
        for r in range(3):
            for c in range(3):
                grid.item(r, c).setText("" if (alter, r, c) == ("unter 3", 1, 0) else f"{r * 40 + c},5")
    dialog.save_button.click()
    assert "Zelle fehlt – Alter „unter 3“, Einkommen bis 37.000,00 €, Stunden bis 25" in dialog.error.text()
    dialog.grids["unter 3"].item(1, 0).setText("12,00")
    dialog.save_button.click()
    [stored] = fee_tables(page.ctx.store)
    assert stored.table.errors() == [] and stored.table.fee("unter 3", D(37000), D(25)) == D("12.00")


def test_r_v2_srt_contact_edited_and_saved(settings_for):
    page = settings_for("admin")
    tab = page.srt
    assert tab.table.rowCount() == 3 and tab.table.verticalHeaderItem(1).text() == "SRT Ost"
    tab.table.item(1, 1).setText("Frau Neu-Beispiel")
    tab.table.item(1, 4).setText("ost@moers.de")
    assert tab.save()
    ost = srt_contacts(page.ctx.store)[1]
    assert (ost.ansprechpartner, ost.email, ost.id is not None) == ("Frau Neu-Beispiel", "ost@moers.de", True)
    assert "Gespeichert: SRT" in tab.status.text() and "Ost" in tab.status.text()


def test_r_v2_text_block_edited_checked_and_reset(settings_for, monkeypatch):
    page = settings_for("admin")
    tab = page.texts
    tab.select("text_tpp_betreff")
    assert "{monat}" in tab.editor.toPlainText() and tab.placeholders.count() > 8
    tab.editor.setPlainText("Geldleistung ab {monat} für {tpp_name}")
    assert tab.save()
    with page.ctx.store.session(page.ctx.user) as s:
        assert load_office(s).overrides["tpp.betreff"] == "Geldleistung ab {monat} für {tpp_name}"
    shown = warnings(monkeypatch)
    tab.editor.setPlainText("Geldleistung ab {monatt}")
    assert not tab.save() and "unbekannter Platzhalter {monatt}" in shown[0]
    assert tab.reset_default()
    with page.ctx.store.session(page.ctx.user) as s:
        assert "tpp.betreff" not in load_office(s).overrides


def test_interfaces_4_payer_data_validated_and_saved(settings_for, monkeypatch):
    page = settings_for("admin")
    tab = page.payment
    shown = warnings(monkeypatch)
    tab.fields["sepa_iban"].setText("DE00 1234")
    assert not tab.save() and "keine gültige IBAN" in shown[0]
    tab.fields["sepa_iban"].setText("DE89370400440532013000")
    tab.fields["sepa_name"].setText("Stadt Moers – Stadtkasse")
    assert tab.save()
    with page.ctx.store.session(page.ctx.user) as s:
        assert (get_setting(s, "sepa_iban"), get_setting(s, "sepa_name")) == \
            ("DE89370400440532013000", "Stadt Moers – Stadtkasse")
