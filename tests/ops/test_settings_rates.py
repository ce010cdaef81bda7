"""Settings in the store (berechnung.md §11) and the yearly raise (R-G2)."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from kitadesk.errors import InputError, PermissionDenied
from kitadesk.models import ADMIN, LEITUNG, SACHBEARBEITUNG, RateTable, SettingValue
from kitadesk.ops.payout import compute_draft
from kitadesk.ops.rates import confirm_rate_table, propose_raise
from kitadesk.ops.settings import get_setting, load_auslegungen, set_setting
from tests.ops.payout_helpers import seed
from tests.support.factory import make_user, rate_table_2026, worked_example

D = Decimal


def _users(s):
    make_user(s, "admin", ADMIN)
    make_user(s, "chefin", LEITUNG)
    make_user(s, "sb", SACHBEARBEITUNG, "Ost")


def test_s11_settings_are_read_with_defaults_and_validated(store):
    seed(store, _users)
    with store.session() as s:
        assert load_auslegungen(s)["monatsfaktor"] == "52/12"
        assert get_setting(s, "sepa_name") == "Stadt Moers"
    assert set_setting(store, "admin", "monatsfaktor", " 4.33 ") == {"monatsfaktor": "4.33"}
    with pytest.raises(InputError, match="erlaubt: 52/12, 4.33, 4.35"):
        set_setting(store, "admin", "monatsfaktor", "4.5")
    with pytest.raises(InputError, match="Unbekannte Einstellung"):
        set_setting(store, "admin", "gibt_es_nicht", "1")
    with pytest.raises(InputError, match="keine gültige IBAN"):
        set_setting(store, "admin", "sepa_iban", "DE00123")
    with pytest.raises(PermissionDenied, match="Einstellungen ändern"):
        set_setting(store, "chefin", "monatsfaktor", "4.35")
    with store.session() as s:
        assert load_auslegungen(s).monatsfaktor == D("4.33")
    set_setting(store, "admin", "monatsfaktor", "52/12")  # the default removes the row
    with store.session() as s:
        assert "monatsfaktor" not in s.scalars(select(SettingValue.name)).all()


def test_s11_a_run_computes_with_and_stores_the_settings_in_force(store):
    seed(store)
    set_setting(store, "x", "monatsfaktor", "4.33")
    assert compute_draft(store, "x", 2026, 4).total == D("1923.70")  # berechnung.md §10


def test_r_g2_raise_is_proposed_not_written_and_confirmed_by_leitung(store):
    def build(s):
        _users(s)
        rate_table_2026(s)
    seed(store, build)
    proposal = propose_raise(store, 2027)
    assert proposal.table.gueltig_ab == date(2027, 1, 1)
    assert (proposal.table.stundensatz_basis, proposal.table.stundensatz_qualifiziert) == (D("5.89"), D("6.80"))
    assert proposal.table.randzeitzuschlag == D("1.50")  # erhoehung_auch_zuschlaege = nein
    with store.session() as s:
        assert len(s.scalars(select(RateTable)).all()) == 1  # nothing written
    with pytest.raises(PermissionDenied, match="Satztabellen bestätigen"):
        confirm_rate_table(store, "sb", proposal)
    table_id = confirm_rate_table(store, "chefin", proposal)
    with store.session() as s:
        row = s.get(RateTable, table_id)
        assert (row.stundensatz_qualifiziert, row.bestaetigt_von) == (D("6.80"), "chefin")
        assert row.bestaetigt_am is not None
    assert propose_raise(store, 2027).existing_confirmed
    with pytest.raises(InputError, match="bereits bestätigt"):
        confirm_rate_table(store, "chefin", proposal)


def test_r_g2_raise_with_surcharges(store):
    seed(store, rate_table_2026)
    set_setting(store, "x", "erhoehung_auch_zuschlaege", "ja")
    proposal = propose_raise(store, 2027)
    assert (proposal.table.randzeitzuschlag, proposal.table.vertretungsplatz_pauschale) == (D("1.52"), D("101.50"))


def test_r_g2_an_unconfirmed_table_of_that_date_is_updated_and_confirmed(store):
    def build(s):
        rate_table_2026(s)
        rate_table_2026(s, date(2027, 1, 1), basis="1.00", qualifiziert="1.00", confirmed=False)
    seed(store, build)
    proposal = propose_raise(store, 2027)
    assert proposal.existing_id is not None and not proposal.existing_confirmed
    assert confirm_rate_table(store, "x", proposal) == proposal.existing_id
    with store.session() as s:
        assert s.get(RateTable, proposal.existing_id).stundensatz_basis == D("5.89")


def test_worked_example_helper_builds_one_carer_two_children(store):
    parts = seed(store, worked_example)
    assert {k for k in parts} == {"table", "A", "K1", "K2", "P1", "P2"}
