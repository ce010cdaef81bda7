"""Issue 18 item 3: the database enforces what matters. Lines are never moved into a finalized
run (SQLite and PostgreSQL); on the throwaway PostgreSQL cluster, after `kitadesk init
--postgres-rollen --anwenden`, a desk's login (kitadesk_app, not the owner) cannot make itself
Admin, disable the triggers, confirm rates or finalize; the Leitung's login can finalize."""

import itertools

import psycopg
import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError

from kitadesk import auth
from kitadesk.cli import main
from kitadesk.errors import PermissionDenied
from kitadesk.models import SACHBEARBEITUNG, PayoutRun, User
from kitadesk.models.pg_roles import APP, LEITUNG, VERWALTUNG
from kitadesk.ops import records, users
from kitadesk.ops.payout import compute_draft, finalize
from kitadesk.store import Store
from tests.security.rights_office import seed_office
from tests.ui.test_records_ops import carer_data

_n = itertools.count()


@pytest.fixture
def office(store):
    seed_office(store)
    yield store
    auth.sign_out()


def _runs(store):
    april = compute_draft(store, "leitung", 2026, 4)
    finalize(store, "leitung", april.run_id)
    may = compute_draft(store, "leitung", 2026, 5)
    return april.run_id, may.run_id


def test_pg_roles_lines_cannot_move_into_a_finalized_run(office):
    april, may = _runs(office)
    with pytest.raises(DBAPIError, match="abgeschlossen"):
        with office.engine.begin() as conn:
            conn.execute(text("UPDATE payout_lines SET run_id = :a WHERE run_id = :m"), {"a": april, "m": may})
    with office.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM payout_lines WHERE run_id = :m"), {"m": may}).scalar() > 0


def _login(store, group: str) -> Store:
    """A login role in `group` on the test cluster; a Store connected through it."""
    url = store.engine.url
    name = f"t_{group.split('_')[1]}_{next(_n)}_{url.database[-6:]}".lower()
    with psycopg.connect(host=url.host, port=url.port, user="postgres", dbname=url.database, autocommit=True) as c:
        c.execute(f"DROP ROLE IF EXISTS {name}")
        c.execute(f"CREATE ROLE {name} LOGIN IN ROLE {group}")
    return Store(url.set(username=name).render_as_string(hide_password=False))


@pytest.fixture
def roles(office, capsys):
    if office.engine.dialect.name != "postgresql":
        pytest.skip("Datenbank-Rollen gibt es nur auf PostgreSQL")
    assert main(["--db", office.url, "--user", "admin", "init", "--postgres-rollen", "--anwenden"]) == 0
    out = capsys.readouterr().out
    assert "CREATE ROLE kitadesk_app NOLOGIN" in out and "Rollen und Rechte angewendet." in out
    desk, chief = _login(office, APP), _login(office, LEITUNG)
    yield office, desk, chief
    desk.dispose()
    chief.dispose()


@pytest.mark.parametrize("statement", [
    "UPDATE users SET rolle = 'Admin' WHERE login = 'sb_ost'",
    "UPDATE users SET srt = 'Nord' WHERE login = 'sb_ost'",
    "INSERT INTO users (login, name, rolle, aktiv, fehlversuche, version, created_at, created_by) "
    "VALUES ('boss', '', 'Admin', true, 0, 1, now(), 'x')",
    "DELETE FROM users",
    "ALTER TABLE payout_lines DISABLE TRIGGER USER",
    "ALTER TABLE payout_lines DISABLE TRIGGER ALL",
    "DROP TRIGGER payout_lines_frozen ON payout_lines",
    "TRUNCATE payout_lines",
    "UPDATE rate_tables SET bestaetigt_von = 'sb_ost'",
    "DELETE FROM audit_log",
    "UPDATE alembic_version SET version_num = 'x'",
    "CREATE TABLE schatten (id int)",
])
def test_pg_roles_desk_login_cannot(roles, statement):
    _, desk, _ = roles
    with pytest.raises(DBAPIError, match="permission denied|must be owner|Berechtigung|Eigentümer"):
        with desk.engine.begin() as conn:
            conn.execute(text(statement))


def test_pg_roles_desk_works_but_only_the_leitung_login_finalizes(roles):
    office, desk, chief = roles
    created = records.create_carer(desk, "sb_ost", carer_data(nr="O9"))  # ordinary case work as the app role
    assert created.id
    run_id = compute_draft(desk, "leitung", 2026, 4).run_id  # KitaDesk's Leitung, but a desk's database login
    with pytest.raises(PermissionDenied, match="kitadesk_leitung"):
        finalize(desk, "leitung", run_id)
    assert finalize(chief, "leitung", run_id).status == "abgeschlossen"
    with office.session() as s:
        assert s.scalar(select(PayoutRun.status).where(PayoutRun.id == run_id)) == "abgeschlossen"


def test_pg_roles_changes_of_users_by_plain_sql_are_audited_by_the_database(roles):
    office, _, _ = roles
    owner = create_engine(office.url)
    with owner.begin() as conn:
        conn.execute(text("UPDATE users SET rolle = 'Admin' WHERE login = 'sb_ost'"))
        entry = conn.execute(text("SELECT benutzer, aktion FROM audit_log WHERE tabelle = 'users' "
                                  "ORDER BY id DESC LIMIT 1")).one()
    owner.dispose()
    assert entry == ("Datenbank: postgres", "geändert")


def test_pg_roles_lockout_and_user_management_work_under_their_roles(roles):
    office, desk, _ = roles
    admin_login = _login(office, VERWALTUNG)
    try:
        assert users.add_user(admin_login, "admin", "neu", SACHBEARBEITUNG, "Nord").aktiv
        with pytest.raises(PermissionDenied, match="verweigert"):
            users.add_user(desk, "admin", "neu2", SACHBEARBEITUNG, "Nord")
    finally:
        admin_login.dispose()
    users.set_password(desk, "sb_ost", "sb_ost", "sb-ost-passwort")  # an own password: the desk may
    with office.engine.begin() as conn:
        conn.execute(text("UPDATE settings SET value = 'ja' WHERE name = 'anmeldung_passwort'"))
    auth.sign_out()
    with pytest.raises(PermissionDenied, match="falsch"):
        users.sign_in(desk, "sb_ost", "geraten-1")
    with office.session() as s:
        assert s.scalar(select(User.fehlversuche).where(User.login == "sb_ost")) == 1


def test_pg_roles_only_the_owner_applies_them(roles, capsys):
    _, desk, _ = roles
    assert main(["--db", desk.url, "--user", "admin", "init", "--postgres-rollen", "--anwenden"]) == 1
    assert "nicht angewendet" in capsys.readouterr().err


def test_pg_roles_sqlite_has_none(sqlite_store, capsys):
    assert main(["--db", sqlite_store.url, "init", "--postgres-rollen"]) == 1
    assert "nur für die gemeinsame PostgreSQL" in capsys.readouterr().err


@pytest.mark.parametrize("url", ["postgresql+psycopg://sb_ost:s3cr3t-pw@server:5432/kitadesk",
                                 "postgresql+psycopg://sb_ost@server/kitadesk?password=s3cr3t-pw&sslmode=require"])
def test_pg_roles_backup_password_never_in_argv(url):
    from types import SimpleNamespace

    from kitadesk.ops.backup_pg import env_and_dsn

    env, dsn = env_and_dsn(SimpleNamespace(url=url))
    assert "s3cr3t-pw" not in dsn and env["PGPASSWORD"] == "s3cr3t-pw"
    assert dsn.startswith("postgresql://sb_ost@server")
    assert ("sslmode=require" in dsn) == ("sslmode" in url)  # other options stay
