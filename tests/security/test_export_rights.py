"""Documents never depend on who looks (issue 15 item 5): an export contains the data or is
refused for lack of the right — masking is for screens only — and every export of personal
data is audited (who, what, when, file). Both roles, on SQLite and PostgreSQL (`store`)."""

import zipfile
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest
from sqlalchemy import select

from kitadesk.cli import main
from kitadesk.errors import PermissionDenied
from kitadesk.models import AuditEntry
from kitadesk.ops import audit
from kitadesk.ops.exports import EXPORT_ACTION, EXPORT_TABLE
from kitadesk.ops.fees import export_fee_list
from kitadesk.ops.payout import compute_draft, finalize
from kitadesk.ops.payout_report import export_run
from kitadesk.ops.statistics import export_official, official
from tests.support.factory import make_carer, make_child, make_desk_users, place, valid_iban, worked_example
from tests.support.fee_data import family, fee_table


def _office(store) -> int:
    """The worked example (carer A, SRT Mitte/Süd) plus a carer of SRT Ost; a finalized April run."""
    with store.session("test") as s:
        parts = worked_example(s)
        ost = make_carer(s, "B", srt="Ost", iban=valid_iban(4711))
        place(s, make_child(s, "K9", srt="Ost"), ost, date(2026, 4, 1), hours="30")
        assert parts["A"].iban
        make_desk_users(s)
        s.commit()
    return finalize(store, "leitung", compute_draft(store, "leitung", 2026, 4).run_id).run_id


def _exports(store) -> list[AuditEntry]:
    with store.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.aktion == EXPORT_ACTION).order_by(AuditEntry.id)))


def _sheet_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def test_r_x1_payout_documents_identical_for_everyone_allowed_refused_for_the_desk(store, tmp_path):
    run_id = _office(store)
    first, second, admin = tmp_path / "l1.xlsx", tmp_path / "l2.xlsx", tmp_path / "admin.xlsx"
    export_run(store, "leitung", run_id, xlsx=first, pdf=tmp_path / "l1.pdf")
    export_run(store, "leitung", run_id, xlsx=second)
    export_run(store, "admin", run_id, xlsx=admin)
    assert _sheet_xml(first) == _sheet_xml(second) == _sheet_xml(admin)
    ibans = [r[4] for r in openpyxl.load_workbook(first)["Auszahlung"].iter_rows(min_row=2, values_only=True)
             if r[0] != "Summe"]
    assert len(ibans) == 2 and all(i and i.startswith("DE") for i in ibans)  # also the other SRT's

    # sb_ost may see IBANs of Ost only: the run holds Mitte/Süd → refused as a whole, nothing written
    out = tmp_path / "sb"
    for kind in ("xlsx", "pdf", "sepa"):
        with pytest.raises(PermissionDenied, match="Mitte/Süd") as refused:
            export_run(store, "sb_ost", run_id, **{kind: out / f"a.{kind}"})
        assert "sb_ost" in str(refused.value)
    assert not out.exists()
    assert main(["--db", store.url, "--user", "sb_ost", "payout", "2026-04", "--xlsx", str(out / "a.xlsx")]) == 1

    logged = _exports(store)
    assert [e.benutzer for e in logged] == ["leitung", "leitung", "admin"]  # refusals are not exports
    assert logged[0].tabelle == EXPORT_TABLE and logged[0].zeit is not None
    assert logged[0].neu["export"] == "Auszahlung Lauf 2026-04/1: Arbeitsmappe, Auszahlungsliste"
    assert str(first) in logged[0].neu["dateien"] and str(tmp_path / "l1.pdf") in logged[0].neu["dateien"]


def test_r_x1_fee_list_needs_the_income_right_for_every_childs_srt(store, tmp_path):
    with store.session("test") as s:
        fee_table(s)
        carer = make_carer(s, "T1")
        rich = family(s, "F1", D("50000"))
        place(s, make_child(s, "K1", family_id=rich.id), carer, date(2026, 1, 1), hours="30")
        make_desk_users(s)
        s.commit()
    with pytest.raises(PermissionDenied, match="Mitte/Süd"):
        export_fee_list(store, "sb_ost", 2026, 4, tmp_path / "sb.xlsx")
    assert not (tmp_path / "sb.xlsx").exists()
    export_fee_list(store, "leitung", 2026, 4, tmp_path / "leitung.xlsx")
    export_fee_list(store, "admin", 2026, 4, tmp_path / "admin.xlsx")
    assert _sheet_xml(tmp_path / "leitung.xlsx") == _sheet_xml(tmp_path / "admin.xlsx")
    assert [(e.benutzer, e.neu["export"]) for e in _exports(store)] == [
        ("leitung", "Beitragsliste 04/2026"), ("admin", "Beitragsliste 04/2026")]


def test_r_x1_import_workbook_with_data_refused_for_the_desk_complete_for_leitung(store, tmp_path):
    _office(store)
    sb, leitung = tmp_path / "sb.xlsx", tmp_path / "leitung.xlsx"
    assert main(["--db", store.url, "--user", "sb_ost", "export-template", str(sb), "--mit-daten"]) == 1
    assert not sb.exists()
    assert main(["--db", store.url, "--user", "leitung", "export-template", str(leitung), "--mit-daten"]) == 0
    rows = list(openpyxl.load_workbook(leitung)["Tagespflegepersonen"].iter_rows(values_only=True))
    iban = rows[0].index("IBAN")
    assert {r[rows[0].index("SRT")]: bool(r[iban]) for r in rows[1:]} == {"Mitte/Süd": True, "Ost": True}
    assert [(e.benutzer, e.neu["export"], e.neu["dateien"]) for e in _exports(store)] == [
        ("leitung", "Import-Arbeitsmappe mit Daten", str(leitung))]


def test_r_x1_statistics_and_audit_log_exports_are_the_same_for_every_role(store, tmp_path):
    _office(store)
    stats = official(store, "leitung", date(2026, 4, 1))
    export_official(store, "leitung", stats, csv_folder=tmp_path / "leitung")
    export_official(store, "sb_ost", official(store, "sb_ost", date(2026, 4, 1)), csv_folder=tmp_path / "sb")
    for name in ("kinder.csv", "tagespflegepersonen.csv", "fehlende_angaben.csv"):
        assert (tmp_path / "leitung" / name).read_bytes() == (tmp_path / "sb" / name).read_bytes()
    # the audit log holds IBANs of every SRT: protokoll_export (Leitung, Admin), never masked
    audit.export(store, "leitung", tmp_path / "p-leitung.csv", tabelle="carers")
    audit.export(store, "admin", tmp_path / "p-admin.csv", tabelle="carers")
    text = (tmp_path / "p-leitung.csv").read_text(encoding="utf-8-sig")
    assert text == (tmp_path / "p-admin.csv").read_text(encoding="utf-8-sig")
    assert "••••" not in text and valid_iban(4711) in text
    with pytest.raises(PermissionDenied):
        audit.export(store, "sb_ost", tmp_path / "p-sb.csv")
    reminders = tmp_path / "neu" / "wv.xlsx"  # names, no bank details: lesen; folder created
    assert main(["--db", store.url, "--user", "sb_ost", "reminders", "--xlsx", str(reminders)]) == 0
    assert reminders.exists()
    assert [(e.benutzer, e.neu["export"]) for e in _exports(store)] == [
        ("leitung", "Amtliche Statistik zum 01.04.2026"), ("sb_ost", "Amtliche Statistik zum 01.04.2026"),
        ("leitung", "Änderungsprotokoll"), ("admin", "Änderungsprotokoll"), ("sb_ost", "Wiedervorlagen")]
