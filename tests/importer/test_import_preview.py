"""preview_import (issue 14.1): the one import path with a rollback — counts, changed fields old
→ new, nothing written; problems carry sheet/row/column; a cancel before the commit writes nothing."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kitadesk.models import AuditEntry, Carer, Child
from kitadesk.ops.import_ import ImportProblems, import_workbook, preview_import
from kitadesk.ops.payout_corrections import Cancelled
from tests.importer.book import CARER, CHILD, small_book

TODAY = date(2026, 11, 24)


def _counts(store) -> tuple[int, int, int]:
    with store.session() as s:
        return (s.scalar(select(func.count(Carer.id))), s.scalar(select(func.count(Child.id))),
                s.scalar(select(func.count(AuditEntry.id))))


def test_preview_counts_and_writes_nothing(store, tmp_path):
    preview = preview_import(store, small_book(tmp_path).save(), "anna", today=TODAY)
    assert preview.result.new("Tagespflegepersonen") == 1 and preview.result.new("Kinder") == 2
    assert preview.result.new("Betreuungen") == 3 and preview.changes == []
    assert _counts(store) == (0, 0, 0)


def test_preview_shows_changed_fields_old_to_new(store, tmp_path):
    import_workbook(store, small_book(tmp_path, "erst.xlsx").save(), "anna", today=TODAY)
    before = _counts(store)
    book = small_book(tmp_path, "zweit.xlsx")
    ws = book.wb["Tagespflegepersonen"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("Telefon") + 1, "02841 99999")
    ws = book.wb["Kinder"]
    header = [c.value for c in ws[1]]
    for row in (2, 3):  # both siblings (Familie F1)
        ws.cell(row, header.index("Jahreseinkommen") + 1, 52000)
    preview = preview_import(store, book.save(), "anna", today=TODAY)
    assert preview.result.changed("Tagespflegepersonen") == 1
    assert preview.result.unchanged("Betreuungen") == 3
    by_record = {c.record: c for c in preview.changes}
    carer = by_record[f"TPP T1 {CARER['Nachname']}, {CARER['Vorname']}"]
    assert carer.sheet == "Tagespflegepersonen"
    assert [(f.column, f.old, f.new) for f in carer.changes] == [("Telefon", "02841 12345", "02841 99999")]
    income = [c for c in preview.changes if c.sheet == "Kinder"]
    assert any(f.column == "Jahreseinkommen" and f.old == "45000,00" and f.new == "52000,00"
               for c in income for f in c.changes), income
    assert _counts(store) == before


def test_problems_carry_sheet_row_column(store, tmp_path):
    book = small_book(tmp_path)
    row = book.add("Kinder", **{**CHILD, "Nr": "K3", "Geburtsdatum": "31.02.2025"})
    with pytest.raises(ImportProblems) as caught:
        preview_import(store, book.save(), "anna", today=TODAY)
    found = caught.value.found
    assert any((p.sheet, p.row, p.column) == ("Kinder", row, "Geburtsdatum") for p in found), found
    assert _counts(store) == (0, 0, 0)


def test_cancel_before_commit_writes_nothing(store, tmp_path):
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) >= 9  # the last phase: after the flush, before the commit

    with pytest.raises(Cancelled):
        import_workbook(store, small_book(tmp_path).save(), "anna", today=TODAY, cancel=cancel)
    assert _counts(store) == (0, 0, 0)


def test_excel_double_written_in_full_reads_as_typed(store, tmp_path):
    """openpyxl writes 9.72 as 9.720000000000001 (Excel as 9.7200000000000006): the amount is 9.72,
    not a value with too many decimals (importer/xlsx.exact_number)."""
    from kitadesk.models import Sonderbetrag

    book = small_book(tmp_path)
    book.add("Sonderbeträge", TPP_Nr="T1", Monat="2026-05", Betrag=9.72, Grund="Nachzahlung Material")
    import_workbook(store, book.save(), "anna", today=TODAY)
    with store.session() as s:
        assert s.scalars(select(Sonderbetrag.betrag)).all() == [Decimal("9.72")]


def test_preview_asks_the_same_rights_as_the_import(store, tmp_path):
    """A case worker previews only her own SRT (the check is the import's: checks_rights)."""
    from kitadesk.models import User
    from kitadesk.models.users import SACHBEARBEITUNG

    with store.session("admin") as s:
        s.add(User(login="sb.nord", rolle=SACHBEARBEITUNG, srt="Nord"))
        s.commit()
    with pytest.raises(ImportProblems) as caught:
        preview_import(store, small_book(tmp_path).save(), "sb.nord", today=TODAY)
    assert any(p.sheet == "Tagespflegepersonen" and p.column == "SRT" and "Keine Berechtigung" in p.message
               for p in caught.value.found)
