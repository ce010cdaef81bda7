"""Roles and rights (issue 8) through the ops and through the command line: each role may do
what it needs, a refused action names the missing right and changes nothing."""

import io
import re

import pytest
from sqlalchemy import select

from kitadesk import auth
from kitadesk.cli import main
from kitadesk.errors import InputError, PermissionDenied
from kitadesk.models import ADMIN, LEITUNG, SACHBEARBEITUNG, AuditEntry, User
from kitadesk.ops import audit, backup, privacy, users
from kitadesk.ops.base import RIGHT_LABELS, RIGHTS, Actor, load_actor
from tests.multidesk.dumping import dump
from tests.support.factory import make_desk_users

ROLE_OF = {"sb_ost": SACHBEARBEITUNG, "leitung": LEITUNG, "admin": ADMIN}


@pytest.fixture
def office(store):
    with store.session("setup") as s:
        make_desk_users(s)
        s.commit()
    yield store
    auth.sign_out()


def actor(store, login) -> Actor:
    with store.session() as s:
        return load_actor(s, login)


def test_every_right_has_a_label_and_roles():
    assert set(RIGHTS) == set(RIGHT_LABELS)
    assert all(RIGHTS[r] for r in RIGHTS)


def test_sachbearbeitung_edits_only_its_own_srt_and_hands_over_from_it(office):
    sb = actor(office, "sb_ost")
    sb.require("lesen")
    sb.require("daten_eigenes_srt", "Ost")
    sb.require("uebergabe", "Ost")
    with pytest.raises(PermissionDenied, match="Datensätze aller SRT bearbeiten") as refused:
        sb.require("daten_eigenes_srt", "Nord")
    assert "Nord" in str(refused.value) and "sb_ost" in str(refused.value)
    with pytest.raises(PermissionDenied, match="Datensätze aller SRT"):
        sb.require("uebergabe", "Nord")
    for right in ("auszahlung_abschliessen", "saetze_bestaetigen", "benutzer", "einstellungen", "sicherung",
                  "datenschutz", "protokoll_export", "einzelfallbetrag"):
        with pytest.raises(PermissionDenied, match=re.escape(RIGHT_LABELS[right])):
            sb.require(right)


@pytest.mark.parametrize("login,allowed", [
    ("leitung", {"auszahlung_abschliessen", "saetze_bestaetigen", "einzelfallbetrag", "sicherung", "datenschutz",
                 "daten_alle_srt", "protokoll_export", "saetze_erfassen", "zusammenfuehren"}),
    ("admin", {"benutzer", "einstellungen", "sicherung", "datenschutz", "daten_alle_srt", "protokoll_export",
               "saetze_erfassen"}),
])
def test_leitung_and_admin_rights(office, login, allowed):
    who = actor(office, login)
    who.require("daten_eigenes_srt", "Nord")
    for right in RIGHTS:
        expected = right in allowed or SACHBEARBEITUNG in RIGHTS[right]
        assert who.has(right) == expected, right
    assert not (actor(office, "admin").has("auszahlung_abschliessen"))  # four-eyes: admin releases no money


def test_sensitive_data_visible_by_role_and_srt(office):
    iban = "DE89370400440532013000"
    assert privacy.mask_iban(iban, actor(office, "leitung")) == "DE89 3704 0044 0532 0130 00"
    assert privacy.mask_iban(iban, actor(office, "admin"), "Nord") == "DE89 3704 0044 0532 0130 00"
    assert privacy.mask_iban(iban, actor(office, "sb_ost"), "Ost") == "DE89 3704 0044 0532 0130 00"
    masked = privacy.mask_iban(iban, actor(office, "sb_ost"), "Nord")
    assert masked.startswith("DE••") and masked.endswith("30 00") and "3704" not in masked
    assert privacy.mask_iban(iban, actor(office, "sb_ost")) == masked  # SRT unknown: masked
    assert privacy.mask_amount(50000, actor(office, "sb_nord"), "Ost") == "••••"
    assert privacy.can_see_sensitive(actor(office, "sb_nord"), "Nord")


def test_unknown_or_deactivated_user_is_refused(office):
    with pytest.raises(PermissionDenied, match="nicht angelegt"):
        actor(office, "fremd")
    users.deactivate_user(office, "admin", "sb_nord")
    with pytest.raises(PermissionDenied, match="gesperrt"):
        actor(office, "sb_nord")


@pytest.mark.parametrize("login", ["sb_ost", "leitung"])
def test_only_admin_manages_users_and_settings(office, login):
    before = dump(office)
    with pytest.raises(PermissionDenied, match="Benutzer verwalten"):
        users.add_user(office, login, "neu", SACHBEARBEITUNG, "Nord")
    with pytest.raises(PermissionDenied, match="Benutzer verwalten"):
        users.deactivate_user(office, login, "sb_nord")
    with pytest.raises(PermissionDenied, match="Einstellungen ändern"):
        users.set_system_setting(office, login, "backup_anzahl", "7")
    assert dump(office) == before


def test_admin_manages_users(office):
    info = users.add_user(office, "admin", "neu", SACHBEARBEITUNG, "Nord", name="Neu")
    assert (info.rolle, info.srt, info.aktiv) == (SACHBEARBEITUNG, "Nord", True)
    with pytest.raises(InputError, match="gibt es schon"):
        users.add_user(office, "admin", "NEU", LEITUNG)
    with pytest.raises(InputError, match="SRT"):
        users.add_user(office, "admin", "ohne_srt", SACHBEARBEITUNG)
    assert users.change_user(office, "admin", "neu", rolle=LEITUNG).rolle == LEITUNG
    assert not users.deactivate_user(office, "admin", "neu").aktiv
    with pytest.raises(InputError, match="letzte aktive Admin"):
        users.deactivate_user(office, "admin", "admin")
    with pytest.raises(InputError, match="letzte aktive Admin"):
        users.change_user(office, "admin", "admin", rolle=LEITUNG)
    assert [u.login for u in users.list_users(office, "sb_ost")] == ["admin", "leitung", "neu", "sb_nord", "sb_ost"]


def test_first_user_in_setup_mode_must_be_admin(store):
    assert actor(store, "irgendwer").setup_mode
    with pytest.raises(InputError, match="Admin"):
        users.add_user(store, "irgendwer", "sb", SACHBEARBEITUNG, "Ost")
    users.add_user(store, "irgendwer", "chefin", ADMIN)
    with pytest.raises(PermissionDenied):
        actor(store, "irgendwer")  # set-up mode is over


@pytest.mark.parametrize("login,ok", [("sb_ost", False), ("leitung", True), ("admin", True)])
def test_backup_privacy_and_audit_export_rights(office, tmp_path, login, ok):
    actions = [
        lambda: backup.backup(office, login, tmp_path / "b.sicherung"),
        lambda: privacy.preview_anonymisation(office, login),
        lambda: audit.export(office, login, tmp_path / "p.csv"),
    ]
    for action in actions:
        if ok:
            action()
        else:
            with pytest.raises(PermissionDenied, match="Keine Berechtigung"):
                action()
    assert audit.entries_for_table(office, login, "users")  # everyone reads


def test_password_sign_in(office, monkeypatch):
    monkeypatch.delenv(auth.ENV_PASSWORD, raising=False)
    monkeypatch.setattr(auth, "prompt", lambda login: None)
    with pytest.raises(PermissionDenied, match="Passwort"):
        users.set_system_setting(office, "admin", "anmeldung_passwort", "ja")  # admin has none yet: no lock-out
    users.set_password(office, "admin", "admin", "geheim-123")
    users.set_password(office, "admin", "sb_ost", "ost-passwort")
    users.set_system_setting(office, "admin", "anmeldung_passwort", "ja")
    with pytest.raises(PermissionDenied, match="Anmeldung mit Passwort erforderlich"):
        actor(office, "sb_ost")
    with pytest.raises(PermissionDenied, match="falsch"):
        users.sign_in(office, "sb_ost", "falsch-falsch")
    with pytest.raises(PermissionDenied, match="kein Passwort gesetzt"):
        users.sign_in(office, "leitung", "irgendwas")
    assert users.sign_in(office, "sb_ost", "ost-passwort").srt == "Ost"
    assert actor(office, "sb_ost").login == "sb_ost"
    auth.sign_out()
    monkeypatch.setenv(auth.ENV_PASSWORD, "ost-passwort")  # the command line's way
    assert actor(office, "sb_ost").login == "sb_ost"
    with office.session() as s:
        assert s.scalar(select(User.password_hash).where(User.login == "sb_ost")).startswith("$argon2id$")
        logged = [e.neu for e in s.scalars(select(AuditEntry).where(AuditEntry.tabelle == "users"))]
    assert not any("argon2" in str(values) for values in logged)  # the hash never enters the audit log


# --- the same through the command line -------------------------------------------------------------

def cli(store, user, *args, stdin: str | None = None, monkeypatch=None) -> int:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(["--db", store.url, "--user", user, *args])


@pytest.mark.parametrize("login,code", [("sb_ost", 1), ("leitung", 1), ("admin", 0)])
def test_cli_users_add_needs_the_admin_role(office, capsys, login, code):
    assert cli(office, login, "users", "add", "neu", "--rolle", "Sachbearbeitung", "--srt", "Nord") == code
    if code:
        assert "Benutzer verwalten" in capsys.readouterr().err


def test_cli_users_list_add_deactivate(office, capsys, monkeypatch):
    assert cli(office, "admin", "users", "add", "lena", "--rolle", "Leitung", "--name", "Lena L.",
               "--passwort", stdin="sehr-geheim\n", monkeypatch=monkeypatch) == 0
    assert cli(office, "admin", "users", "deactivate", "sb_nord") == 0
    capsys.readouterr()
    assert cli(office, "sb_ost", "users", "list") == 0
    out = capsys.readouterr().out
    assert "lena" in out and "Lena L." in out and "gesperrt" in out
    lena = [line for line in out.splitlines() if line.startswith("lena")][0]
    assert lena.split()[-1] == "ja"  # has a password
    assert cli(office, "sb_nord", "users", "list") == 1  # deactivated
    assert cli(office, "admin", "users", "add", "x", "--rolle", "Chef") == 2  # usage error


@pytest.mark.parametrize("login,code", [("sb_ost", 1), ("leitung", 0), ("admin", 0)])
def test_cli_backup_needs_the_right(office, tmp_path, capsys, login, code):
    assert cli(office, login, "backup", str(tmp_path / "sicherung.bin")) == code
    if code:
        assert "Sicherung und Wiederherstellung" in capsys.readouterr().err
        assert not (tmp_path / "sicherung.bin").exists()


def test_cli_settings(office, capsys):
    assert cli(office, "admin", "users", "einstellung", "backup_anzahl", "7") == 0
    assert cli(office, "admin", "users", "einstellung", "backup_anzahl", "null") == 1
    assert cli(office, "sb_ost", "users", "einstellung", "backup_anzahl", "3") == 1
    capsys.readouterr()
    assert cli(office, "sb_ost", "users", "einstellung", "backup_anzahl") == 0
    assert capsys.readouterr().out.strip() == "backup_anzahl = 7"
