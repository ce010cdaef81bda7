"""ops/records (issue 5) below the window: optimistic locking, versions (R-K4), rights per SRT,
hidden IBAN/income, capacity (R-K3), R-K1 reasons, ending a placement."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from kitadesk.errors import ConcurrentChange, InputError, PermissionDenied
from kitadesk.models import AuditEntry, Carer, ChangeNotice, Placement, PlacementVersion
from kitadesk.ops import queries, records
from kitadesk.ops.base import load_actor
from tests.support.factory import make_user

D = Decimal
TODAY = date(2026, 11, 24)


def carer_data(nr="T1", srt="Ost", **kw) -> records.CarerData:
    base = dict(nr=nr, nachname="Öztürk", vorname="Ayşe", srt=srt, iban="DE89 3704 0044 0532 0130 00",
                erlaubnis_vom=date(2024, 1, 1), fuehrungszeugnis_vom=date(2024, 1, 1))
    return records.CarerData(**{**base, **kw})


def child_data(nr="K1", srt="Ost", **kw) -> records.ChildData:
    base = dict(nr=nr, nachname="Kind", vorname=nr, geburtsdatum=date(2025, 1, 10), srt=srt)
    return records.ChildData(**{**base, **kw})


@pytest.fixture
def placed(sqlite_store):
    carer = records.create_carer(sqlite_store, "anna", carer_data(), TODAY)
    child = records.create_child(sqlite_store, "anna", child_data(), TODAY)
    data = records.PlacementData(child.id, carer.id, date(2026, 3, 1), records.PlacementTerms(D(30)))
    placement = records.place_child(sqlite_store, "anna", data, TODAY)
    return carer.id, child.id, placement.id


def test_stale_form_version_is_refused_and_nothing_saved(sqlite_store, placed):
    carer_id = placed[0]
    with sqlite_store.session() as s:
        data, version = queries.load_carer(s, carer_id)
    records.update_carer(sqlite_store, "bert", carer_id, version, replace(data, telefon="1"), TODAY)
    with pytest.raises(ConcurrentChange) as refused:
        records.update_carer(sqlite_store, "anna", carer_id, version, replace(data, ort="Kamp-Lintfort"), TODAY)
    assert "bert" in str(refused.value) and "nicht gespeichert" in str(refused.value)
    with sqlite_store.session() as s:
        assert s.get(Carer, carer_id).ort == "Moers"


def test_save_in_between_is_refused_by_version_id_col(sqlite_store, placed, monkeypatch):
    """Another desk saves after our version check but before our flush: SQLAlchemy's
    UPDATE … WHERE version = … finds no row → ConcurrentChange."""
    from kitadesk.ops.records import common as carer_ops  # the update's lookup (_for_update) checks rights there

    carer_id = placed[0]
    with sqlite_store.session() as s:
        data, version = queries.load_carer(s, carer_id)
    original = carer_ops._require_edit

    def racing(actor, old_srt, new_srt):  # runs after anna's op has loaded the carer
        monkeypatch.setattr(carer_ops, "_require_edit", original)
        records.update_carer(sqlite_store, "bert", carer_id, version, replace(data, telefon="2"), TODAY)
        original(actor, old_srt, new_srt)

    monkeypatch.setattr(carer_ops, "_require_edit", racing)
    with pytest.raises(ConcurrentChange):
        records.update_carer(sqlite_store, "anna", carer_id, version, replace(data, ort="Neukirchen-Vluyn"), TODAY)
    with sqlite_store.session() as s:
        carer = s.get(Carer, carer_id)
        assert (carer.telefon, carer.ort) == ("2", "Moers")


def test_r_k4_change_is_a_new_version_and_a_change_notice(sqlite_store, placed):
    pid = placed[2]
    with sqlite_store.session() as s:
        version = queries.load_placement(s, pid).version
    change = records.change_placement(sqlite_store, "anna", pid, version, date(2026, 12, 1),
                                      records.PlacementTerms(D(20), grund="weniger Stunden"), TODAY)
    assert change.action == "geändert" and change.version == version + 1
    with sqlite_store.session() as s:
        rows = s.execute(select(PlacementVersion.gueltig_ab, PlacementVersion.wochenstunden)
                         .order_by(PlacementVersion.gueltig_ab)).all()
        assert rows == [(date(2026, 3, 1), D("30.00")), (date(2026, 12, 1), D("20.00"))]
        notice = s.scalar(select(ChangeNotice))
        assert notice.wirksam_ab == date(2026, 12, 1) and "30 → 20" in notice.beschreibung
        assert queries.load_placement(s, pid).version_on(date(2026, 11, 30)).wochenstunden == D("30.00")
    with pytest.raises(InputError, match="nie überschrieben"):
        records.change_placement(sqlite_store, "anna", pid, change.version, date(2026, 12, 1),
                                 records.PlacementTerms(D(25)), TODAY)
    with pytest.raises(InputError, match="nach dem Beginn"):
        records.change_placement(sqlite_store, "anna", pid, change.version, date(2026, 3, 1),
                                 records.PlacementTerms(D(25)), TODAY)


def test_end_placement_refuses_a_date_before_a_later_version(sqlite_store, placed):
    pid = placed[2]
    v = records.change_placement(sqlite_store, "anna", pid, 1, date(2026, 12, 1), records.PlacementTerms(D(20)),
                                 TODAY).version
    with pytest.raises(InputError, match="spätere Version"):
        records.end_placement(sqlite_store, "anna", pid, v, date(2026, 11, 30))
    change = records.end_placement(sqlite_store, "anna", pid, v, date(2027, 7, 31), "Wechsel in die Kita")
    with sqlite_store.session() as s:
        assert s.get(Placement, pid).ende == date(2027, 7, 31) and change.action == "beendet"


def test_r_k3_second_carer_for_the_same_child_is_refused(sqlite_store, placed):
    _, child_id, _ = placed
    other = records.create_carer(sqlite_store, "anna", carer_data("T2"), TODAY).id
    data = records.PlacementData(child_id, other, date(2026, 6, 1), records.PlacementTerms(D(20)))
    with pytest.raises(InputError) as refused:
        records.place_child(sqlite_store, "anna", data, TODAY)
    assert "bereits Tagespflegeperson T1 zugeordnet" in str(refused.value)


def test_r_k1_child_from_three_needs_a_recorded_reason(sqlite_store, placed):
    carer_id = placed[0]
    older = records.create_child(sqlite_store, "anna", child_data("K9", geburtsdatum=date(2023, 1, 1)), TODAY).id
    data = records.PlacementData(older, carer_id, date(2026, 2, 1), records.PlacementTerms(D(20)))
    with pytest.raises(InputError, match="R-K1"):
        records.place_child(sqlite_store, "anna", data, TODAY)


def test_sachbearbeitung_edits_only_its_own_srt_and_sees_iban_only_there(sqlite_store, placed):
    carer_id = placed[0]
    with sqlite_store.session("setup") as s:
        make_user(s, "admin", "Admin")
        make_user(s, "nora", "Sachbearbeitung", "Nord")
        make_user(s, "otto", "Sachbearbeitung", "Ost")
        s.commit()
        nora = load_actor(s, "nora")
        data, version = queries.load_carer(s, carer_id, nora)
    assert data.iban is records.KEEP  # Ost's carer: Nord does not see the IBAN
    with pytest.raises(PermissionDenied, match="SRT Ost"):
        records.update_carer(sqlite_store, "nora", carer_id, version, replace(data, telefon="9"), TODAY)
    with sqlite_store.session() as s:
        data, version = queries.load_carer(s, carer_id, load_actor(s, "otto"))
    assert data.iban == "DE89370400440532013000"
    records.update_carer(sqlite_store, "otto", carer_id, version, replace(data, iban=records.KEEP, telefon="9"), TODAY)
    with sqlite_store.session() as s:
        carer = s.get(Carer, carer_id)
        assert (carer.telefon, carer.iban) == ("9", "DE89370400440532013000")  # KEEP left it alone
        audit = s.scalars(select(AuditEntry).where(AuditEntry.tabelle == "carers", AuditEntry.benutzer == "otto")).all()
        assert audit and audit[-1].neu == {"telefon": "9"}


def test_validation_messages_name_the_field(sqlite_store):
    problems = records.carer_problems(carer_data(iban="DE00 1234", max_kinder=9, geburtsdatum=date(2010, 1, 1),
                                                 erlaubnis_bis=date(2030, 1, 1)), TODAY)
    assert problems["iban"].startswith("IBAN ungültig")
    assert problems["max_kinder"] == "Ohne QHB oder Fachkraft höchstens 8 Kinder insgesamt, nicht 9 (R-C6)."
    assert "mindestens 18 Jahre" in problems["geburtsdatum"]
    assert "höchstens 5 Jahre, also bis 31.12.2028" in problems["erlaubnis_bis"]
    terms = records.terms_problems(records.PlacementTerms(D(30), zeitplan="Mo 07:00-12:00"))
    assert "passen nicht zum Zeitplan" in terms["zeitplan"]
    assert records.resolved_terms(records.PlacementTerms(D(5), zeitplan="Sa 08:00-13:00")).randzeitstunden == D("5.00")
