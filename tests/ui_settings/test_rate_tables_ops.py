"""ops/rate_tables.py on SQLite and PostgreSQL: rate tables (R-G2), fee tables (R-E1, sheet
Beitragstabelle of interfaces.md §3) and SRT contacts (R-V2), with the rights of issue 8."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from kitadesk.domain.fee_table import FeeCell, FeeTable
from kitadesk.domain.inputs import RateTable
from kitadesk.errors import ConcurrentChange, InputError, PermissionDenied
from kitadesk.models import ADMIN, LEITUNG, SACHBEARBEITUNG, AuditEntry
from kitadesk.ops.rate_tables import (
    fee_tables,
    import_fee_tables_xlsx,
    rate_tables,
    read_fee_table_xlsx,
    save_fee_table,
    save_rate_table,
    save_srt_contact,
    srt_contacts,
    write_fee_table_xlsx,
)
from kitadesk.ops.rates import confirm_rate_table
from tests.ops.payout_helpers import seed
from tests.support.factory import make_user, rate_table_2026

D = Decimal


def _users(s):
    make_user(s, "admin", ADMIN)
    make_user(s, "chefin", LEITUNG)
    make_user(s, "sb", SACHBEARBEITUNG, "Ost")


def fee_table(day=date(2026, 8, 1), skip=None) -> FeeTable:
    cells = []
    for alter in ("unter 3", "ab 3"):
        for bi, bound in enumerate((D("18000"), D("37000"), None)):
            for band in (D(25), D(35), D(45)):
                if (alter, bound, band) != skip:
                    cells.append(FeeCell(alter, bound, band, D(bi * 50) + band))
    return FeeTable(day, tuple(cells))


RATES_2027 = RateTable(date(2027, 1, 1), D("5.95"), D("6.85"), D("1.60"), D("100.00"), D("30"))


def test_r_g2_rate_table_entered_by_admin_stays_unconfirmed_until_leitung_confirms(store):
    seed(store, _users)
    table_id = save_rate_table(store, "admin", RATES_2027)
    [row] = rate_tables(store)
    assert (row.id, row.table.stundensatz_qualifiziert, row.confirmed) == (table_id, D("6.85"), False)
    save_rate_table(store, "chefin", replace(RATES_2027, randzeitzuschlag=D("1.65")), table_id, row.version)
    confirm_rate_table(store, "chefin", rate_tables(store)[0].table)
    [row] = rate_tables(store)
    assert (row.table.randzeitzuschlag, row.confirmed_by) == (D("1.65"), "chefin")
    with pytest.raises(InputError, match="bestätigt und wird nicht mehr geändert"):
        save_rate_table(store, "chefin", RATES_2027, table_id)


def test_r_g2_rate_table_refusals(store):
    seed(store, _users)
    with pytest.raises(PermissionDenied, match="Satztabellen erfassen \\(Entwurf\\)"):
        save_rate_table(store, "sb", RATES_2027)
    with pytest.raises(InputError) as info:
        save_rate_table(store, "admin", replace(RATES_2027, stundensatz_basis=D("0"),
                                                zuschlag_besonderer_bedarf_prozent=D("130")))
    assert "Stundensatz Basis muss größer als 0 sein" in str(info.value)
    assert "zwischen 0 und 100 %" in str(info.value)
    first = save_rate_table(store, "admin", RATES_2027)
    with pytest.raises(InputError, match="schon eine Satztabelle gültig ab 01.01.2027"):
        save_rate_table(store, "admin", RATES_2027)
    version = rate_tables(store)[0].version
    save_rate_table(store, "admin", replace(RATES_2027, randzeitzuschlag=D("1.70")), first, version)
    with pytest.raises(ConcurrentChange):  # someone saved first: the old version is refused
        save_rate_table(store, "admin", replace(RATES_2027, randzeitzuschlag=D("1.80")), first, version)


def test_r_e1_fee_table_saved_only_when_complete_and_cells_replaced_with_audit(store):
    seed(store, _users)
    with pytest.raises(InputError) as info:
        save_fee_table(store, "admin", fee_table(skip=("ab 3", None, D(35))))
    assert "Zelle fehlt – Alter „ab 3“, oberste Stufe, Stunden bis 35" in str(info.value)
    with pytest.raises(PermissionDenied, match="Einstellungen ändern"):
        save_fee_table(store, "chefin", fee_table())
    table_id = save_fee_table(store, "admin", fee_table())
    [stored] = fee_tables(store)
    assert stored.id == table_id and len(stored.table.cells) == 18 and stored.table.errors() == []
    changed = FeeTable(stored.table.gueltig_ab, tuple(
        replace(c, beitrag=D("99.00")) if (c.alter, c.einkommen_bis, c.stunden_bis) == ("unter 3", None, D(45))
        else c for c in stored.table.cells))
    save_fee_table(store, "admin", changed, table_id, stored.version)
    [again] = fee_tables(store)
    assert again.version > stored.version
    assert again.table.fee("unter 3", None, D(45)) == D("99.00") and len(again.table.cells) == 18
    with store.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.tabelle == "fee_tables",
                                                   AuditEntry.aktion == "geändert")).all()[-1]
    assert entry.neu == {"unter 3, oberste Stufe, Stunden bis 45": "99.00"} and entry.benutzer == "admin"
    with pytest.raises(InputError, match="schon eine Beitragstabelle"):
        save_fee_table(store, "admin", fee_table())


def test_r_e1_fee_table_xlsx_round_trip_and_import(store, tmp_path):
    seed(store, _users)
    path = write_fee_table_xlsx(fee_table(), tmp_path / "beitraege.xlsx")
    ws = load_workbook(path)["Beitragstabelle"]
    assert [c.value for c in ws[1]] == ["Gültig_ab", "Alter", "Einkommen_bis", "Stunden_bis", "Beitrag"]
    assert ws.max_row == 19 and ws["E2"].number_format == "#,##0.00 €"
    [table] = read_fee_table_xlsx(path)
    assert table == fee_table()
    [table_id] = import_fee_tables_xlsx(store, "admin", path)
    assert import_fee_tables_xlsx(store, "admin", path) == [table_id]  # same date: replaced, not doubled
    assert len(fee_tables(store)) == 1
    with pytest.raises(PermissionDenied):
        import_fee_tables_xlsx(store, "sb", path)


def test_r_e1_fee_table_import_lists_every_problem(tmp_path):
    path = write_fee_table_xlsx(fee_table(skip=("unter 3", D("37000"), D(25))), tmp_path / "lücke.xlsx")
    wb = load_workbook(path)
    wb["Beitragstabelle"]["E3"] = "zwölf"
    wb.save(path)
    with pytest.raises(InputError) as info:
        read_fee_table_xlsx(path)
    text = str(info.value)
    assert "Beitragstabelle, Zeile 3, Beitrag: „zwölf“ ist keine Zahl." in text
    assert "Zelle fehlt – Alter „unter 3“, Einkommen bis 37.000,00 €, Stunden bis 25" in text


def test_r_v2_srt_contacts_default_then_stored(store):
    seed(store, _users)
    rows = srt_contacts(store)
    assert [r.srt for r in rows] == ["Mitte/Süd", "Ost", "Nord"] and rows[0].id is None
    values = dict(bezeichnung="SRT Ost", ansprechpartner="Frau Beispiel", raum="2.135", telefon="02841 201-828",
                  email="ost@moers.de")
    save_srt_contact(store, "admin", "Ost", values)
    ost = srt_contacts(store)[1]
    assert (ost.ansprechpartner, ost.id is not None) == ("Frau Beispiel", True)
    save_srt_contact(store, "admin", "Ost", {**values, "raum": "2.140"}, ost.version)
    assert srt_contacts(store)[1].raum == "2.140"
    with pytest.raises(PermissionDenied, match="Einstellungen ändern"):
        save_srt_contact(store, "sb", "Ost", values)
    with pytest.raises(InputError, match="keine E-Mail-Adresse"):
        save_srt_contact(store, "admin", "Ost", {**values, "email": "kein at"})


def test_r_g2_rate_tables_listed_newest_first(store):
    seed(store, lambda s: (_users(s), rate_table_2026(s)))
    save_rate_table(store, "admin", RATES_2027)
    assert [r.table.gueltig_ab.year for r in rate_tables(store)] == [2027, 2026]
    assert [r.confirmed for r in rate_tables(store)] == [False, True]
