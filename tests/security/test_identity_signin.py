"""Issue 18 item 2: identity — passwords on by default on the shared database, `--user` only
names the account, lockout with growing delay (stored, audited), set-up mode only on a
database that never had users (and the Admin recovery path), four eyes for releasing money."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, select, text, update

from kitadesk import auth
from kitadesk.cli import main
from kitadesk.errors import PermissionDenied
from kitadesk.models import ADMIN, LEITUNG, SETUP_DONE, AuditEntry, SettingValue, User
from kitadesk.ops import identity, users
from kitadesk.ops.base import load_actor
from kitadesk.ops.payout import compute_draft, finalize
from tests.security.rights_office import seed_office


@pytest.fixture(autouse=True)
def _no_password_source(monkeypatch):
    monkeypatch.delenv(auth.ENV_PASSWORD, raising=False)
    monkeypatch.setattr(auth, "prompt", lambda login: None)  # no terminal in the tests
    auth.sign_out()
    yield
    auth.sign_out()


def _default_password_setting(store) -> None:
    """Remove the tests' office setting: the database's own default applies."""
    with store.engine.begin() as conn:
        conn.execute(delete(SettingValue.__table__).where(SettingValue.name == "anmeldung_passwort"))


def _actor(store, login):
    with store.session() as s:
        return load_actor(s, login)


def _office_with_passwords(store):
    seed_office(store)
    for login in ("admin", "leitung", "sb_ost"):
        users.set_password(store, login, login, f"{login}-passwort")  # each sets an own password
    users.set_system_setting(store, "admin", "anmeldung_passwort", "ja")
    auth.sign_out()


def test_identity_passwords_on_by_default_on_postgresql_only(store):
    _default_password_setting(store)
    with store.session() as s:
        assert identity.password_required(s) == (store.engine.dialect.name == "postgresql")


def test_identity_user_option_only_names_the_account(store, capsys, monkeypatch):
    _office_with_passwords(store)
    args = ["--db", store.url, "--user", "leitung", "users", "list"]
    assert main(args) == 1
    assert "Anmeldung mit Passwort erforderlich" in capsys.readouterr().err
    monkeypatch.setenv(auth.ENV_PASSWORD, "falsch-falsch")
    assert main(args) == 1
    assert "falsch" in capsys.readouterr().err
    monkeypatch.setenv(auth.ENV_PASSWORD, "leitung-passwort")
    assert main(args) == 0


def test_identity_lockout_after_five_failures_with_growing_delay(store):
    _office_with_passwords(store)
    for attempt in range(1, 8):
        with pytest.raises(PermissionDenied) as refused:
            users.sign_in(store, "sb_ost", f"rate-{attempt}")
        if attempt <= 5:
            assert "falsch" in str(refused.value)
            locked_at = datetime.now()  # compared with this, not with a later clock (a slow runner)
        else:
            assert "gesperrt bis" in str(refused.value)  # locked: not even checked, not counted
    with pytest.raises(PermissionDenied, match="gesperrt bis"):
        users.sign_in(store, "sb_ost", "sb_ost-passwort")  # the right one waits too
    with store.session() as s:
        row = s.scalar(select(User).where(User.login == "sb_ost"))
        assert row.fehlversuche == 5 and row.gesperrt_bis > locked_at + timedelta(seconds=20)
        audited = [e.neu for e in s.scalars(select(AuditEntry).where(
            AuditEntry.tabelle == "users", AuditEntry.datensatz_id == row.id, AuditEntry.benutzer == "sb_ost"))]
    assert [a["fehlversuche"] for a in audited if "fehlversuche" in a] == [1, 2, 3, 4, 5]
    with store.engine.begin() as conn:  # the delay has passed
        conn.execute(update(User.__table__).where(User.login == "sb_ost")
                     .values(gesperrt_bis=datetime.now() - timedelta(seconds=1)))
    with pytest.raises(PermissionDenied, match="60 Sekunden gesperrt"):
        users.sign_in(store, "sb_ost", "noch-falsch")  # the 6th failure: the delay doubles
    with store.engine.begin() as conn:
        conn.execute(update(User.__table__).where(User.login == "sb_ost").values(gesperrt_bis=None))
    assert users.sign_in(store, "sb_ost", "sb_ost-passwort").login == "sb_ost"
    with store.session() as s:
        assert s.scalar(select(User.fehlversuche).where(User.login == "sb_ost")) == 0


def test_identity_lockout_delay_grows_and_is_capped():
    assert [auth.lockout_delay(n) for n in (1, 4, 5, 6, 7, 10)] == [0, 0, 30, 60, 120, 960]
    assert auth.lockout_delay(300) == 3600
    assert sum(auth.lockout_delay(n) for n in range(1, 301)) > 280 * 3600  # 300 guesses: days, not seconds


def test_identity_setup_mode_only_while_no_user_ever_existed(store):
    assert _actor(store, "irgendwer").setup_mode
    users.add_user(store, "irgendwer", "chefin", ADMIN)
    with store.session() as s:
        assert s.scalar(select(SettingValue.value).where(SettingValue.name == SETUP_DONE))
    with store.engine.begin() as conn:  # a careless desk (or an edited backup) empties the users table
        conn.execute(text("DELETE FROM users"))
    for login in ("irgendwer", "chefin"):
        with pytest.raises(PermissionDenied, match="Benutzertabelle ist leer"):
            _actor(store, login)
    info = users.recover_admin(store, "it-notfall", "chefin", "neues-passwort-1")
    assert (info.login, info.rolle, info.aktiv) == ("chefin", ADMIN, True)
    assert _actor(store, "chefin").rolle == ADMIN
    with pytest.raises(PermissionDenied, match="aktive Admins"):
        users.recover_admin(store, "irgendwer", "ich", "mein-passwort-1")


def test_identity_first_admin_needs_a_password_where_sign_in_needs_one(store):
    users.set_system_setting(store, "x", "anmeldung_passwort", "nein")  # set-up mode: allowed to set
    _default_password_setting(store)
    if store.engine.dialect.name != "postgresql":
        return
    from kitadesk.errors import InputError

    with pytest.raises(InputError, match="erste Admin braucht"):
        users.add_user(store, "it", "chefin", ADMIN)
    assert users.add_user(store, "it", "chefin", ADMIN, password="chefin-passwort").hat_passwort


def _finalize_april(store, login):
    auth.mark_signed_in(store.describe(), "leitung")  # the draft is not the question here
    run_id = compute_draft(store, "leitung", 2026, 4).run_id
    return finalize(store, login, run_id)


def test_identity_four_eyes_admin_created_leitung_cannot_finalize_that_day(store):
    seed_office(store)
    users.add_user(store, "admin", "strohfrau", LEITUNG)
    with pytest.raises(PermissionDenied, match="Vier-Augen-Prinzip: Die Rolle des Kontos „strohfrau“ hat „admin“"):
        _finalize_april(store, "strohfrau")
    users.change_user(store, "admin", "leitung", rolle=ADMIN)
    users.change_user(store, "admin", "leitung", rolle=LEITUNG)  # promoted again today: same
    assert not _actor(store, "leitung").has("auszahlung_abschliessen")
    with store.engine.begin() as conn:  # the next day
        conn.execute(update(User.__table__).values(rolle_gesetzt_am=datetime.now() - timedelta(days=1)))
    assert _finalize_april(store, "strohfrau").status == "abgeschlossen"


def test_identity_four_eyes_password_given_out_blocks_until_own_password(store, monkeypatch):
    _office_with_passwords(store)
    users.sign_in(store, "admin", "admin-passwort")
    users.add_user(store, "admin", "strohfrau", LEITUNG, password="vom-admin-1")
    auth.sign_out()
    with store.engine.begin() as conn:  # days later
        conn.execute(update(User.__table__).values(rolle_gesetzt_am=datetime.now() - timedelta(days=3)))
    monkeypatch.setenv(auth.ENV_PASSWORD, "vom-admin-1")
    with pytest.raises(PermissionDenied, match="hat „admin“ vergeben"):
        _finalize_april(store, "strohfrau")
    users.set_password(store, "strohfrau", "strohfrau", "nur-ich-weiss-es")
    monkeypatch.setenv(auth.ENV_PASSWORD, "nur-ich-weiss-es")
    assert _actor(store, "strohfrau").has("auszahlung_abschliessen")


def test_identity_shared_database_asks_the_password_without_any_setting(store, capsys, monkeypatch):
    seed_office(store)
    users.set_password(store, "leitung", "leitung", "leitung-passwort")
    _default_password_setting(store)
    auth.sign_out()
    args = ["--db", store.url, "--user", "leitung", "users", "list"]
    if store.engine.dialect.name != "postgresql":
        assert main(args) == 0  # the local SQLite file: the Windows account (office may switch passwords on)
        return
    assert main(args) == 1  # --user only names the account
    assert "Anmeldung mit Passwort erforderlich" in capsys.readouterr().err
    monkeypatch.setenv(auth.ENV_PASSWORD, "leitung-passwort")
    assert main(args) == 0
