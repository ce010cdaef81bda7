"""Import round trip on SQLite and PostgreSQL: template → rows → import → records;
re-import updates by key; R-K4 versions; dry run; audit."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kitadesk.errors import InputError
from kitadesk.models import (
    AuditEntry,
    Carer,
    CarerDocument,
    ChangeNotice,
    Child,
    ChildStatus,
    Erlaubnis,
    Erstattungsnachweis,
    Family,
    FamilyIncome,
    FeeCell,
    Fortbildung,
    Monatsmeldung,
    PayoutRun,
    Placement,
    PlacementVersion,
    RateTable,
)
from kitadesk.ops.import_ import import_workbook
from tests.importer.book import CARER, CHILD, PLAN_35, Book, small_book
from tests.support.dump import dump

TODAY = date(2026, 11, 24)


def run(store, path, **kw):
    return import_workbook(store, path, "anna", today=TODAY, **kw)


def test_round_trip_template_rows_import(store, tmp_path):
    result = run(store, small_book(tmp_path).save())
    assert result.new("Tagespflegepersonen") == 1 and result.new("Kinder") == 2 and result.new("Betreuungen") == 3
    with store.session() as s:
        carer = s.scalar(select(Carer))
        assert (carer.nr, carer.nachname, carer.srt, carer.qualifikation) == ("T1", "Yılmaz", "Ost", "QHB")
        assert carer.iban == "DE89370400440532013000" and carer.bic == "COBADEFFXXX"
        permit = s.scalar(select(Erlaubnis))
        assert (permit.vom, permit.bis, permit.max_kinder) == (date(2024, 1, 1), date(2028, 12, 31), 5)
        assert s.scalar(select(CarerDocument.erhalten_am)) == date(2024, 1, 10)
        proofs = {p.art: (p.betrag, p.alter_art, p.von) for p in s.scalars(select(Erstattungsnachweis))}
        assert proofs["alter"] == (Decimal("201.15"), "gesetzlich", date(2026, 4, 1))  # period start
        assert proofs["unfall"][0] == Decimal("12.00") and proofs["kranken"][0] == Decimal("250.00")
        kids = {c.nr: c for c in s.scalars(select(Child))}
        assert kids["K1"].srt == "Ost" and kids["K1"].family_id == kids["K2"].family_id  # SRT from the carer
        assert s.scalar(select(FamilyIncome.jahreseinkommen)) == Decimal("45000.00")
        assert s.scalar(select(ChildStatus).where(ChildStatus.child_id == kids["K1"].id)).besonderer_bedarf
        versions = s.execute(select(Child.nr, PlacementVersion.gueltig_ab, PlacementVersion.wochenstunden,
                                    PlacementVersion.randzeitstunden, PlacementVersion.zeitplan)
                             .join(Placement, Placement.id == PlacementVersion.placement_id)
                             .join(Child, Child.id == Placement.child_id)
                             .order_by(Child.nr, PlacementVersion.gueltig_ab)).all()
        assert versions == [("K1", date(2026, 4, 1), Decimal("35.00"), Decimal("2.50"), PLAN_35),
                            ("K2", date(2026, 4, 16), Decimal("20.00"), Decimal("0.00"), None),
                            ("K2", date(2026, 6, 1), Decimal("25.00"), Decimal("0.00"), None)]
        assert s.scalar(select(func.count()).select_from(Placement)) == 2
        assert s.scalar(select(Fortbildung.stunden)) == Decimal("5.00")
        assert s.scalar(select(Monatsmeldung.stunden)) == Decimal("6.00")
        rates = s.scalar(select(RateTable))
        assert (rates.stundensatz_basis, rates.stundensatz_qualifiziert, rates.ist_beispiel) == (
            Decimal("5.8000"), Decimal("6.7000"), False)
        assert s.scalar(select(func.count()).select_from(FeeCell)) == 12


def test_import_is_audited_with_the_user(store, tmp_path):
    run(store, small_book(tmp_path).save())
    with store.session() as s:
        entries = s.execute(select(AuditEntry.tabelle, AuditEntry.benutzer, AuditEntry.aktion)
                            .where(AuditEntry.tabelle == "carers")).all()
        assert entries == [("carers", "anna", "neu")]
        assert s.scalar(select(Carer.created_by)) == "anna"


def test_reimport_unchanged_changes_nothing(store, tmp_path):
    path = small_book(tmp_path).save()
    run(store, path)
    before = dump(store)
    result = run(store, path)
    assert result.new("Tagespflegepersonen") == 0 and result.changed("Kinder") == 0
    assert result.counts["Betreuungen"] == {"unverändert": 3}
    assert dump(store) == before


def test_reimport_updates_by_nr_and_r_k4_new_version_from_gueltig_ab(store, tmp_path):
    run(store, small_book(tmp_path, "erst.xlsx").save())
    book = Book(tmp_path, "zweit.xlsx")
    book.add("Tagespflegepersonen", **{**CARER, "Nachname": "Yılmaz-Kaya", "Telefon": "02841 999"})
    book.add("Kinder", **{**CHILD, "Jahreseinkommen": 52000})
    book.add("Kinder", **{**CHILD, "Nr": "K2", "Vorname": "Ben", "Geburtsdatum": date(2024, 3, 1),
                          "Besonderer_Bedarf": "nein", "Jahreseinkommen": 52000})
    book.add("Betreuungen", Kind_Nr="K1", TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden=35, Zeitplan=PLAN_35)
    book.add("Betreuungen", Kind_Nr="K1", TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden=30,
             **{"Gültig_ab": date(2026, 9, 1)})
    result = run(store, book.save())
    assert result.changed("Tagespflegepersonen") == 1 and result.new("Tagespflegepersonen") == 0
    assert result.changed("Kinder") == 2
    assert result.counts["Betreuungen"] == {"unverändert": 1, "neu": 1}
    with store.session() as s:
        carer = s.scalar(select(Carer))
        assert (carer.nachname, carer.telefon, carer.version) == ("Yılmaz-Kaya", "02841 999", 2)
        assert s.scalar(select(func.count()).select_from(Carer)) == 1
        versions = s.execute(select(PlacementVersion.gueltig_ab, PlacementVersion.wochenstunden)
                             .join(Placement).join(Child).where(Child.nr == "K1")
                             .order_by(PlacementVersion.gueltig_ab)).all()
        assert versions == [(date(2026, 4, 1), Decimal("35.00")), (date(2026, 9, 1), Decimal("30.00"))]
        notice = s.scalar(select(ChangeNotice))
        assert notice.wirksam_ab == date(2026, 9, 1) and "35 Wochenstunden" in notice.beschreibung
        incomes = s.execute(select(FamilyIncome.gueltig_ab, FamilyIncome.jahreseinkommen)).all()
        assert incomes == [(date(2026, 4, 1), Decimal("52000.00"))]  # same period start: corrected in place
        assert s.scalar(select(func.count()).select_from(Family)) == 1


def _change_first_version(tmp_path, name):
    book = Book(tmp_path, name)
    book.add("Betreuungen", Kind_Nr="K2", TPP_Nr="T1", Beginn=date(2026, 4, 16), Wochenstunden=22)
    return book.save()


def test_r_k4_same_gueltig_ab_with_other_terms_corrects_a_version_never_paid(store, tmp_path):
    run(store, small_book(tmp_path).save())
    result = run(store, _change_first_version(tmp_path, "korrektur.xlsx"))
    assert result.counts["Betreuungen"] == {"geändert": 1}
    with store.session() as s:
        version = s.scalar(select(PlacementVersion).where(PlacementVersion.gueltig_ab == date(2026, 4, 16)))
        assert version.wochenstunden == Decimal("22.00") and version.version == 2


def test_r_k4_paid_version_is_never_overwritten(store, tmp_path):
    run(store, small_book(tmp_path).save())
    with store.session("leitung") as s:
        s.add(PayoutRun(jahr=2026, monat=5, lauf=1, status="abgeschlossen", erstellt_am=datetime(2026, 6, 2),
                        erstellt_von="leitung"))
        s.commit()
    before = dump(store)
    with pytest.raises(InputError) as info:
        run(store, _change_first_version(tmp_path, "korrektur.xlsx"))
    assert len(info.value.problems) == 1
    assert info.value.problems[0].startswith("Betreuungen, 2, Gültig_ab: die Fassung ab 16.04.2026")
    assert "05/2026 abgeschlossen" in info.value.problems[0] and "R-K4" in info.value.problems[0]
    assert dump(store) == before


def test_dry_run_validates_counts_and_writes_nothing(store, tmp_path):
    before = dump(store)
    result = run(store, small_book(tmp_path).save(), dry_run=True)
    assert result.dry_run and result.new("Kinder") == 2 and result.new("Betreuungen") == 3
    assert "Probelauf" in result.lines()[0]
    assert dump(store) == before


def test_optional_columns_may_be_missing(store, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Tagespflegepersonen"
    required = [c for c in ("Nr Nachname Vorname Geburtsdatum Straße PLZ Ort Telefon E-Mail SRT IBAN Qualifikation "
                            "Qualifikation_seit Tätig_seit Erlaubnis_vom Erlaubnis_bis Max_Kinder Max_gleichzeitig "
                            "Führungszeugnis_vom Vertretungsplatz Vertretungsplatz_von Unfallversicherung_mtl "
                            "Alterssicherung_mtl Alterssicherung_Art Kranken_Pflege_mtl").split()]
    ws.append(list(reversed(required)))  # column order is free
    row = {**CARER, "Nr": "T9"}
    ws.append([row.get(c) for c in reversed(required)])
    for name, header in (("Kinder", CHILD), ("Betreuungen", None)):
        sheet = wb.create_sheet(name)
        if header:
            cols = [c for c in header if c not in ("Geschlecht",)] + ["Ermäßigung_Prozent", "Ermäßigung_ab"]
            sheet.append(cols)
        else:
            sheet.append(["Kind_Nr", "TPP_Nr", "Beginn", "Wochenstunden"])
    path = tmp_path / "minimal.xlsx"
    wb.save(path)
    result = run(store, path)
    assert result.new("Tagespflegepersonen") == 1
    with store.session() as s:
        assert s.scalar(select(Carer.betreuungsort)) == "eigener Haushalt"
