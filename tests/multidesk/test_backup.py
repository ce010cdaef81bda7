"""Backup and restore (interfaces.md §2, issue 8) on SQLite and PostgreSQL: the round trip
gives an identical dump, a newer schema is refused, a safety copy is made first."""

import sqlite3
from datetime import date

import pytest
from sqlalchemy import text

from kitadesk.cli import main
from kitadesk.errors import KitaDeskError
from kitadesk.models import Carer
from kitadesk.ops import backup, backup_pg
from kitadesk.ops.backup_checks import write_checksum
from kitadesk.ops.base import unit_of_work
from tests.multidesk.dumping import dump
from tests.support.factory import worked_example


@pytest.fixture
def filled(store):
    with store.session("anna") as s:
        worked_example(s)
        s.commit()
        s.get(Carer, 1).telefon = "02841 1"  # an audit 'geändert' entry, version 2
        s.commit()
    return store


def _restored(store) -> dict:
    """The dump without the audit entry that the restore itself leaves (issue 18: restores are audited)."""
    state = dump(store)
    return {**state, "audit_log": [r for r in state["audit_log"] if backup.RESTORED not in r]}


def _change_everything(store):
    with unit_of_work(store, "bert") as s:
        s.get(Carer, 1).nachname = "Geändert"
        s.add(Carer(nr="NEU", nachname="Neu", vorname="N", srt="Nord"))


def test_backup_restore_round_trip_gives_an_identical_dump(filled, tmp_path):
    before = dump(filled)
    result = backup.backup(filled, "anna", tmp_path / "sicherung.kitadesk")
    assert result.path.stat().st_size > 0 and result.revision == before["alembic_version"][0][0]
    _change_everything(filled)
    assert dump(filled) != before
    restored = backup.restore(filled, "anna", result.path, safety_dir=tmp_path / "kopien")
    assert _restored(filled) == before
    assert restored.safety_copy.exists() and not restored.upgraded
    # the safety copy holds the state just before the restore
    restored_again = backup.restore(filled, "anna", restored.safety_copy, safety_dir=tmp_path / "kopien2")
    with filled.session() as s:
        assert s.get(Carer, 1).nachname == "Geändert"
    assert restored_again.safety_copy.exists()


def test_the_store_keeps_working_after_a_restore(filled, tmp_path):
    path = backup.backup(filled, "anna", tmp_path / "s.bak").path
    backup.restore(filled, "anna", path, safety_dir=tmp_path)
    with unit_of_work(filled, "anna") as s:
        s.get(Carer, 1).ort = "Moers"
    with filled.session() as s:
        assert s.get(Carer, 1).ort == "Moers"


def _newer_backup(store, tmp_path):
    """A backup whose schema revision this program does not know."""
    path = backup.backup(store, "anna", tmp_path / "alt.bak").path
    if store.engine.dialect.name == "sqlite":
        conn = sqlite3.connect(path)
        conn.execute("UPDATE alembic_version SET version_num = '9999_zukunft'")
        conn.commit()
        conn.close()
        write_checksum(path)  # as a newer KitaDesk would have written it
        return path
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_zukunft'"))
    newer = backup.backup(store, "anna", tmp_path / "neu.bak").path
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": _head()})
    return newer


def _head():
    from kitadesk.store import head_revision

    return head_revision()


def test_restore_refuses_a_newer_schema_and_changes_nothing(filled, tmp_path):
    newer = _newer_backup(filled, tmp_path)
    before = dump(filled)
    with pytest.raises(KitaDeskError, match="neueren KitaDesk-Version") as refused:
        backup.restore(filled, "anna", newer, safety_dir=tmp_path / "kopien")
    assert "9999_zukunft" in str(refused.value)
    assert dump(filled) == before
    assert not (tmp_path / "kopien").exists()


def test_restore_refuses_other_files(filled, tmp_path):
    junk = tmp_path / "kaputt.bak"
    junk.write_bytes(b"not a backup at all")
    with pytest.raises(KitaDeskError, match="keine KitaDesk-Sicherung"):
        backup.restore(filled, "anna", junk)
    with pytest.raises(KitaDeskError, match="gibt es nicht"):
        backup.restore(filled, "anna", tmp_path / "fehlt.bak")
    other = tmp_path / "other.bak"
    other.write_bytes(b"PGDMP" if filled.engine.dialect.name == "sqlite" else b"SQLite format 3\x00")
    with pytest.raises(KitaDeskError, match="so lässt sie sich nicht einspielen"):
        backup.restore(filled, "anna", other)


def test_cli_backup_and_restore(filled, tmp_path, capsys):
    before = dump(filled)
    target = tmp_path / "cli.bak"
    assert main(["--db", filled.url, "--user", "anna", "backup", str(target)]) == 0
    assert "Sicherung geschrieben" in capsys.readouterr().out
    _change_everything(filled)
    assert main(["--db", filled.url, "--user", "anna", "restore", str(target),
                 "--sicherheitskopie", str(tmp_path / "k")]) == 0
    assert "wiederhergestellt" in capsys.readouterr().out
    assert _restored(filled) == before
    assert main(["--db", filled.url, "--user", "anna", "restore", str(tmp_path / "fehlt.bak")]) == 1


def test_postgresql_tools_missing_gives_a_clear_message(store, tmp_path, monkeypatch):
    if store.engine.dialect.name != "postgresql":
        pytest.skip("pg_dump wird nur für PostgreSQL gebraucht")
    monkeypatch.setattr(backup_pg, "_tool_candidates", lambda name: [])
    with pytest.raises(KitaDeskError, match="pg_dump wurde nicht gefunden.*postgresql-client"):
        backup.backup(store, "anna", tmp_path / "x.dump")
    assert not (tmp_path / "x.dump").exists()


def test_sqlite_backup_is_consistent_while_another_connection_writes(sqlite_store, tmp_path):
    """The online backup API copies a consistent snapshot even with an open write transaction."""
    with sqlite_store.session("anna") as s:
        worked_example(s)
        s.commit()
    before = dump(sqlite_store)
    writer = sqlite_store.engine.connect()
    tx = writer.begin()
    writer.execute(text("UPDATE carers SET telefon = 'offen'"))  # uncommitted
    try:
        path = backup.backup(sqlite_store, "anna", tmp_path / "live.bak").path
    finally:
        tx.rollback()
        writer.close()
    from kitadesk.store import Store

    copy = Store(f"sqlite:///{path}")
    assert dump(copy) == before
    copy.dispose()


def test_auto_backup_once_a_day_keeps_the_newest(sqlite_store, tmp_path):
    folder = tmp_path / "Sicherungen"
    made = [backup.auto_backup(sqlite_store, keep=3, directory=folder, today=date(2026, 11, d)) for d in range(1, 6)]
    assert all(made)
    assert backup.auto_backup(sqlite_store, keep=3, directory=folder, today=date(2026, 11, 5)) is None  # once a day
    assert sorted(p.name for p in folder.iterdir()) == [
        "kitadesk-2026-11-03.sqlite3", "kitadesk-2026-11-04.sqlite3", "kitadesk-2026-11-05.sqlite3"]
    (folder / "eigene-Sicherung.sqlite3").write_bytes(b"x")  # not ours: never deleted
    backup.auto_backup(sqlite_store, keep=1, directory=folder, today=date(2026, 11, 6))
    assert sorted(p.name for p in folder.iterdir()) == ["eigene-Sicherung.sqlite3", "kitadesk-2026-11-06.sqlite3"]


def test_auto_backup_uses_the_setting_and_the_user_data_dir(sqlite_store, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with unit_of_work(sqlite_store, "admin") as s:
        from kitadesk.ops.base import write_setting

        write_setting(s, "backup_anzahl", "2")
    for d in range(1, 5):
        path = backup.auto_backup(sqlite_store, today=date(2026, 1, d))
    assert path.parent == backup.backups_dir() and path.parent.name == "Sicherungen"
    assert len(list(path.parent.iterdir())) == 2


def test_auto_backup_skips_postgresql(store, tmp_path):
    if store.engine.dialect.name == "postgresql":
        assert backup.auto_backup(store, directory=tmp_path) is None
        assert not any(tmp_path.iterdir())
