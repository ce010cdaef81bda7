"""The audit log through the ops (issue 8): per record, per table, masked IBAN/income for
other desks, export as xlsx and CSV."""

import csv
from datetime import datetime

import pytest
from openpyxl import load_workbook

from kitadesk.models import Carer
from kitadesk.ops import audit
from kitadesk.ops.base import save_with_version, unit_of_work
from tests.support.factory import make_carer, make_desk_users


@pytest.fixture
def office(store):
    with store.session("setup") as s:
        make_desk_users(s)
        make_carer(s, "T1", nachname="Öztürk", srt="Ost", iban="DE89370400440532013000")
        s.commit()
    with unit_of_work(store, "sb_ost") as s:
        save_with_version(s, Carer, 1, 1, {"telefon": "02841 1", "iban": "DE02120300000000202051"})
    return store


def test_entries_for_a_record_oldest_first(office):
    rows = audit.entries_for_record(office, "leitung", "carers", 1)
    assert [(r.aktion, r.benutzer) for r in rows] == [("neu", "setup"), ("geändert", "sb_ost")]
    assert rows[1].description.endswith("; Telefon: „“ → „02841 1“")  # fields in alphabetical order
    assert "DE02120300000000202051" in rows[1].description  # Leitung sees the IBAN


def test_iban_is_masked_for_another_srt_but_not_for_the_own(office):
    own = audit.entries_for_record(office, "sb_ost", "carers", 1)[1]
    other = audit.entries_for_record(office, "sb_nord", "carers", 1)[1]
    assert own.neu["iban"] == "DE02120300000000202051"
    assert other.neu["iban"] == audit.MASK and other.alt["iban"] == audit.MASK
    assert other.neu["telefon"] == "02841 1"


def test_entries_for_a_table_filtered(office):
    rows = audit.entries_for_table(office, "admin", "carers")
    assert {r.tabelle for r in rows} == {"carers"}
    assert [r.benutzer for r in audit.entries_for_table(office, "admin", benutzer="sb_ost")] == ["sb_ost"]
    assert len(audit.entries_for_table(office, "admin", limit=1)) == 1
    assert audit.entries_for_table(office, "admin", von=datetime(2999, 1, 1)) == []


def test_export_xlsx_and_csv(office, tmp_path):
    assert audit.export(office, "leitung", tmp_path / "p.xlsx", tabelle="carers") == 2
    ws = load_workbook(tmp_path / "p.xlsx").active
    assert [c.value for c in ws[1]] == list(audit.HEADERS)
    assert ws.cell(3, 3).value == "sb_ost" and ws.cell(3, 4).value == "Tagespflegeperson"
    assert isinstance(ws.cell(3, 2).value, datetime)
    assert audit.export(office, "admin", tmp_path / "p.csv", tabelle="carers", datensatz_id=1) == 2
    with (tmp_path / "p.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == list(audit.HEADERS) and rows[2][5] == "geändert" and "02841 1" in rows[2][6]


def test_stale_message_wording():
    msg = audit.stale_message("carers", "T1 (Öztürk, Ayşe)", [
        dict(zeit=datetime(2026, 11, 24, 10, 15), benutzer="anna", aktion="geändert",
             alt={"telefon": ""}, neu={"telefon": "02841 123"})], deleted=False)
    assert msg == ("Tagespflegeperson T1 (Öztürk, Ayşe) wurde inzwischen geändert: von anna am 24.11.2026 um "
                   "10:15 Uhr (Telefon: „“ → „02841 123“). Ihre Änderung wurde nicht gespeichert. Bitte den "
                   "Datensatz neu laden und die Änderung erneut eingeben.")
