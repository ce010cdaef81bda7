"""Two desks on one database (issue 8): optimistic locking refuses the later save, names who
changed what and when, loses nothing, and the audit log is append-only (SQLite and PostgreSQL)."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from kitadesk.errors import ConcurrentChange
from kitadesk.models import AuditEntry, Carer
from kitadesk.ops.base import StaleRecord, save_with_version, unit_of_work
from tests.multidesk.dumping import dump
from tests.support.factory import make_carer


@pytest.fixture
def carer_id(store) -> int:
    with store.session("setup") as s:
        carer = make_carer(s, "T1", nachname="Öztürk", vorname="Ayşe", srt="Ost", telefon="02841 1")
        s.commit()
        return carer.id


def _changes(store, carer_id: int) -> list[AuditEntry]:
    with store.session() as s:
        return s.scalars(select(AuditEntry).where(AuditEntry.tabelle == "carers", AuditEntry.datensatz_id == carer_id,
                                                  AuditEntry.aktion == "geändert")).all()


def test_two_sessions_second_save_is_refused_naming_the_first_user(store, carer_id):
    with pytest.raises(ConcurrentChange) as refused:
        with unit_of_work(store, "bert") as second:
            theirs = second.get(Carer, carer_id)  # bert opens the carer …
            with unit_of_work(store, "anna") as first:  # … anna opens it too, edits and saves first
                first.get(Carer, carer_id).telefon = "02841 222"
            theirs.telefon = "02841 999"  # bert saves later
    message = str(refused.value)
    assert "anna" in message and "Telefon" in message and "02841 1" in message and "02841 222" in message
    assert "nicht gespeichert" in message and "neu laden" in message
    assert isinstance(refused.value, StaleRecord) and refused.value.changed_by == ["anna"]
    with store.session() as s:
        carer = s.get(Carer, carer_id)
        assert (carer.telefon, carer.version, carer.updated_by) == ("02841 222", 2, "anna")
    assert len(_changes(store, carer_id)) == 1


def test_save_with_version_refuses_a_stale_form_and_keeps_both_changes_available(store, carer_id):
    with unit_of_work(store, "anna") as s:
        saved = save_with_version(s, Carer, carer_id, 1, {"ort": "Neukirchen-Vluyn", "telefon": "02841 222"})
        assert saved.version == 2
    before = dump(store)
    with pytest.raises(StaleRecord) as refused:
        with unit_of_work(store, "bert") as s:
            save_with_version(s, Carer, carer_id, 1, {"telefon": "02841 999"})  # form loaded at version 1
    exc = refused.value
    assert "anna" in str(exc) and "Ort" in str(exc) and "Neukirchen-Vluyn" in str(exc)
    assert exc.attempted == {"telefon": "02841 999"}  # bert's input, to re-apply after reloading
    assert dump(store) == before  # nothing written
    with store.session() as s:
        assert exc.reload(s).telefon == "02841 222"
    with unit_of_work(store, "bert") as s:  # after reloading bert can save his change
        assert save_with_version(s, Carer, carer_id, 2, exc.attempted).version == 3
    entries = _changes(store, carer_id)
    assert [(e.benutzer, e.neu) for e in entries] == [
        ("anna", {"ort": "Neukirchen-Vluyn", "telefon": "02841 222"}), ("bert", {"telefon": "02841 999"})]


def test_save_with_version_race_between_read_and_flush(store, carer_id):
    with pytest.raises(StaleRecord) as refused:
        with unit_of_work(store, "bert") as s:
            carer = s.get(Carer, carer_id)
            assert carer.version == 1
            with unit_of_work(store, "anna") as other:
                other.get(Carer, carer_id).email = "a@example.org"
            carer.telefon = "1"  # bert's flush: UPDATE … WHERE version = 1 matches nothing
    assert "anna" in str(refused.value) and "E-Mail" in str(refused.value)
    assert len(_changes(store, carer_id)) == 1


def test_deleted_record_is_reported_as_deleted(store, carer_id):
    with unit_of_work(store, "anna") as s:
        s.execute(text("DELETE FROM erlaubnisse")), s.execute(text("DELETE FROM carer_documents"))
        s.execute(text("DELETE FROM erstattungsnachweise"))
        s.delete(s.get(Carer, carer_id))
    with pytest.raises(StaleRecord) as refused:
        with unit_of_work(store, "bert") as s:
            save_with_version(s, Carer, carer_id, 1, {"telefon": "1"})
    assert refused.value.deleted and "anna" in str(refused.value) and "gelöscht" in str(refused.value)


def test_unknown_fields_are_a_programming_error(store, carer_id):
    with pytest.raises(ValueError):
        with unit_of_work(store, "anna") as s:
            save_with_version(s, Carer, carer_id, 1, {"version": 7})


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET benutzer = 'mallory'",
    "UPDATE audit_log SET neu = NULL",
    "DELETE FROM audit_log",
])
def test_audit_log_refuses_update_and_delete_even_as_plain_sql(store, carer_id, statement):
    before = dump(store)["audit_log"]
    with pytest.raises(DBAPIError, match="Änderungsprotokoll"):
        with store.engine.begin() as conn:
            conn.execute(text(statement))
    assert dump(store)["audit_log"] == before


def test_audit_log_refuses_truncate_on_postgresql(store, carer_id):
    if store.engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE gibt es nur in PostgreSQL")
    with pytest.raises(DBAPIError, match="Änderungsprotokoll"):
        with store.engine.begin() as conn:
            conn.execute(text("TRUNCATE audit_log"))


def test_audit_redaction_only_after_a_logged_redaction_entry(store, carer_id):
    with pytest.raises(DBAPIError):  # the permit must come after the entries it redacts
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE audit_log SET neu = NULL WHERE tabelle = 'carers'"))
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO audit_log (zeit, benutzer, tabelle, datensatz_id, aktion) "
                          "VALUES (CURRENT_TIMESTAMP, 'dsb', 'carers', :id, 'geschwärzt')"), {"id": carer_id})
        conn.execute(text("UPDATE audit_log SET neu = NULL WHERE tabelle = 'carers' AND aktion = 'neu'"))
    for statement in ("UPDATE audit_log SET benutzer = 'x' WHERE tabelle = 'carers' AND aktion = 'neu'",
                      "UPDATE audit_log SET neu = NULL WHERE aktion = 'geschwärzt'",
                      "DELETE FROM audit_log WHERE tabelle = 'carers'"):
        with pytest.raises(DBAPIError, match="Änderungsprotokoll"):
            with store.engine.begin() as conn:
                conn.execute(text(statement))
