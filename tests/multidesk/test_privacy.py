"""Data protection (issue 8): the retention run anonymises exactly the people whose last
placement ended more than N years ago, keeps the amounts, redacts the audit log; the Art. 15
export lists everything about one person (xlsx and PDF)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from kitadesk.errors import InputError, PermissionDenied
from kitadesk.models import (
    ADMIN,
    LEITUNG,
    SACHBEARBEITUNG,
    AuditEntry,
    Carer,
    CarerNote,
    Child,
    Family,
    FamilyIncome,
    Letter,
    PayoutLine,
    PayoutRun,
)
from kitadesk.ops import privacy
from kitadesk.ops.base import unit_of_work, write_setting
from tests.support.factory import make_carer, make_child, make_user, place

TODAY = date(2026, 11, 24)


@pytest.fixture
def office(store):
    with store.session("anna") as s:
        make_user(s, "admin", ADMIN)
        make_user(s, "leitung", LEITUNG)
        make_user(s, "sb", SACHBEARBEITUNG, "Ost")
        fam = Family(nr="F1")
        s.add(fam)
        s.flush()
        s.add(FamilyIncome(family_id=fam.id, gueltig_ab=date(2012, 1, 1), jahreseinkommen=Decimal("48000")))
        old = make_carer(s, "ALT", nachname="Altmann", vorname="Olga", srt="Ost", telefon="02841 5", email="o@x.de")
        s.add(CarerNote(carer_id=old.id, datum=date(2012, 3, 1), text="Hund im Haushalt"))
        recent = make_carer(s, "NEU", nachname="Neumann", srt="Nord")
        k_old = make_child(s, "K-ALT", nachname="Klein", vorname="Paul", family_id=fam.id, sorgeberechtigte="Eva Klein",
                           geburtsdatum=date(2011, 7, 9))
        k_open = make_child(s, "K-OFFEN", nachname="Offen", vorname="Lea")
        k_recent = make_child(s, "K-2020", nachname="Jung", vorname="Tom")
        place(s, k_old, old, date(2012, 8, 1), ende=date(2014, 7, 31))
        place(s, k_open, recent, date(2025, 8, 1))
        place(s, k_recent, recent, date(2019, 8, 1), ende=date(2020, 7, 31))
        run = PayoutRun(jahr=2013, monat=5, lauf=1, erstellt_am=datetime(2013, 6, 1), erstellt_von="anna")
        run.lines.append(PayoutLine(carer_nr="ALT", child_nr="K-ALT", position="Betreuung", regel="R-G1",
                                    von=date(2013, 5, 1), bis=date(2013, 5, 31), betrag=Decimal("812.40")))
        s.add(run)
        s.add(Letter(art="tpp", aktenzeichen="51.3-ALT", datum=date(2013, 5, 2), empfaenger="Olga Altmann",
                     carer_id=old.id, erstellt_am=datetime(2013, 5, 2), erstellt_von="anna", pdf=b"%PDF", sha256="0"))
        s.commit()
        s.get(Carer, old.id).strasse = "Hauptstr. 1"  # a 'geändert' entry with personal values
        s.commit()
    return store


def test_preview_lists_who_goes_and_changes_nothing(office):
    preview = privacy.preview_anonymisation(office, "leitung", today=TODAY)
    assert (preview.jahre, preview.stichtag) == (10, date(2016, 1, 1))
    assert [c.nr for c in preview.carers] == ["ALT"]
    assert [c.nr for c in preview.children] == ["K-ALT"]
    assert preview.letters == 1 and preview.families == ("F1",)
    with office.session() as s:
        assert s.scalar(select(Carer.nachname).where(Carer.nr == "ALT")) == "Altmann"


def test_run_anonymises_keeps_amounts_and_redacts_the_audit_log(office):
    preview = privacy.preview_anonymisation(office, "admin", today=TODAY)
    done = privacy.run_anonymisation(office, "admin", preview, today=TODAY)
    assert done.key == preview.key
    with office.session() as s:
        carer = s.scalar(select(Carer).where(Carer.nr == "ALT"))
        assert (carer.nachname, carer.vorname, carer.strasse, carer.telefon, carer.email, carer.iban) == (
            privacy.ANONYM, "", "", "", "", None)
        assert (carer.srt, carer.geburtsdatum) == ("Ost", date(1980, 1, 1))  # statistics keep SRT and birth year
        child = s.scalar(select(Child).where(Child.nr == "K-ALT"))
        assert (child.nachname, child.sorgeberechtigte, child.geburtsdatum) == (privacy.ANONYM, "", date(2011, 1, 1))
        assert s.scalar(select(FamilyIncome.jahreseinkommen)) is None
        assert s.scalar(select(CarerNote.text)) == privacy.ANONYM
        assert s.scalar(select(PayoutLine.betrag)) == Decimal("812.40")  # amounts stay
        assert s.scalar(select(func.count()).select_from(Letter)) == 0
        assert s.scalar(select(Carer.nachname).where(Carer.nr == "NEU")) == "Neumann"
        assert s.scalar(select(Child.nachname).where(Child.nr == "K-2020")) == "Jung"
        entries = s.scalars(select(AuditEntry)).all()
    text = repr([(e.alt, e.neu) for e in entries])
    for personal in ("Altmann", "Olga", "Hauptstr", "02841 5", "Klein", "Eva", "48000", "Hund", carer_iban(entries)):
        assert personal not in text, personal
    assert "Neumann" in text  # others untouched
    redactions = [e for e in entries if e.aktion == "geschwärzt"]
    assert {(e.tabelle, e.benutzer) for e in redactions} >= {("carers", "admin"), ("children", "admin")}
    assert privacy.preview_anonymisation(office, "admin", today=TODAY).empty  # nothing left to do


def carer_iban(entries) -> str:
    """The IBAN the factory gave carer ALT, taken from the first 'neu' snapshot (before redaction it was there)."""
    from tests.support.factory import valid_iban

    return valid_iban(sum(ord(ch) for ch in "ALT") * 1000 + 3)


def test_run_refuses_a_stale_preview(office):
    preview = privacy.preview_anonymisation(office, "admin", today=TODAY)
    with unit_of_work(office, "anna") as s:  # the child's placement ended later after all
        from kitadesk.models import Placement

        s.scalar(select(Placement).where(Placement.ende == date(2014, 7, 31))).ende = date(2017, 7, 31)
    with pytest.raises(InputError, match="nicht mehr aktuell"):
        privacy.run_anonymisation(office, "admin", preview, today=TODAY)


def test_retention_years_is_a_setting(office):
    with unit_of_work(office, "admin") as s:
        write_setting(s, "aufbewahrung_jahre", "5")
    preview = privacy.preview_anonymisation(office, "admin", today=TODAY)
    assert preview.stichtag == date(2021, 1, 1) and [c.nr for c in preview.children] == ["K-2020", "K-ALT"]
    assert [c.nr for c in preview.carers] == ["ALT"]  # NEU still has an open placement


def test_only_leitung_and_admin_may_run_it(office):
    with pytest.raises(PermissionDenied, match="DSGVO"):
        privacy.run_anonymisation(office, "sb", today=TODAY)
    with pytest.raises(PermissionDenied, match="DSGVO"):
        privacy.export_person(office, "sb", "carer", "ALT")


def test_art_15_export_of_a_child_as_xlsx_and_pdf(office, tmp_path):
    sections = privacy.export_person(office, "leitung", "child", "K-ALT", xlsx=tmp_path / "a.xlsx",
                                     pdf=tmp_path / "a.pdf")
    titles = [t for t, _, _ in sections]
    assert titles[0] == "Stammdaten" and "Familieneinkommen" in titles and "Änderungsprotokoll" in titles
    wb = load_workbook(tmp_path / "a.xlsx")
    stamm = {row[0]: row[1] for row in wb["Stammdaten"].iter_rows(min_row=2, values_only=True)}
    assert stamm["Nachname"] == "Klein" and stamm["Sorgeberechtigte"] == "Eva Klein"
    assert [r[1] for r in wb["Betreuungen"].iter_rows(min_row=2, values_only=True)] == ["Altmann, Olga"]
    assert wb["Familieneinkommen"].max_row == 2
    pdf_text = "".join(page.extract_text() for page in PdfReader(tmp_path / "a.pdf").pages)
    assert "Auskunft nach Art. 15 DSGVO" in pdf_text and "Klein" in pdf_text and "Änderungsprotokoll" in pdf_text
    with office.session() as s:  # the export is recorded
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.aktion == "Auskunft")) == 1


def test_art_15_export_of_a_carer_lists_letters_and_payouts(office, tmp_path):
    sections = dict((t, rows) for t, _, rows in privacy.export_person(office, "admin", "carer", "ALT",
                                                                      xlsx=tmp_path / "c.xlsx"))
    assert sections["Bescheide und Schreiben"][0][2] == "51.3-ALT"
    assert sections["Auszahlungen"][0][-1] == Decimal("812.40")
    assert sections["Notizen"] and sections["Betreuungen"] == [["K-ALT", date(2012, 8, 1), date(2014, 7, 31)]]
    assert any("Hauptstr. 1" in row[-1] for row in sections["Änderungsprotokoll"])
    with pytest.raises(InputError, match="gibt es nicht"):
        privacy.export_person(office, "admin", "carer", "FEHLT")
