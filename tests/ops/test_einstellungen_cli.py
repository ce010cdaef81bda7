"""`kitadesk einstellungen [NAME [WERT]]` (interfaces.md §2, berechnung.md §11): one registry for
the window, the command and the audit; the right as in the window; exit 1 with the allowed values."""

import pytest
from sqlalchemy import select

from kitadesk.cli import main
from kitadesk.domain.settings import ALL, HOCHRECHNUNG, PAYER, REGISTRY, SYSTEM
from kitadesk.models import ADMIN, SACHBEARBEITUNG, AuditEntry
from kitadesk.ops.settings import get_setting
from tests.ops.payout_helpers import seed
from tests.support.factory import make_user, worked_example


def cli(store, *args, user="admin"):
    return main(["--db", store.url, "--user", user, *args])


def _office(s):
    make_user(s, "admin", ADMIN)
    make_user(s, "sb.ost", SACHBEARBEITUNG, "Ost")
    return worked_example(s)


@pytest.mark.parametrize(("factor", "expected"), [("4.33", "1.923,70 €"), ("4,35", "1.931,48 €"),
                                                  ("52/12", "1.924,98 €")])
def test_s11_monatsfaktor_set_by_command_drives_the_worked_example(store, capsys, factor, expected):
    seed(store, _office)
    assert cli(store, "einstellungen", "monatsfaktor", factor) == 0
    assert "Einstellung monatsfaktor: 52/12 →" in capsys.readouterr().out
    assert cli(store, "payout", "2026-04") == 0  # berechnung.md §10
    assert expected in capsys.readouterr().out


def test_s11_list_shows_every_setting_with_value_default_alternatives_rule(store, capsys):
    seed(store, _office)
    assert cli(store, "einstellungen", "geschwister", "alle_zahlen") == 0
    capsys.readouterr()
    assert cli(store, "einstellungen") == 0
    out = capsys.readouterr().out
    header, _rule, *rows = out.splitlines()
    assert header.split() == ["Name", "Wert", "Standard", "Alternativen", "Regel"]
    names = [row.split()[0] for row in rows[:len(ALL)]]
    assert names == [s.name for s in ALL]
    assert len(ALL) == len(REGISTRY) + len(PAYER) + len(SYSTEM) + len(HOCHRECHNUNG)
    geschwister = next(r for r in rows if r.startswith("geschwister "))
    assert geschwister.split()[:4] == ["geschwister", "alle_zahlen", "*", "nur_hoechster"]
    assert "§9" in geschwister


def test_s11_unknown_name_or_value_is_exit_1_with_the_allowed_values(store, capsys):
    seed(store, _office)
    assert cli(store, "einstellungen", "geschwister", "keiner") == 1
    assert "erlaubt: nur_hoechster, alle_zahlen" in capsys.readouterr().err
    assert cli(store, "einstellungen", "gibt_es_nicht", "1") == 1
    assert "Unbekannte Einstellung" in capsys.readouterr().err
    assert cli(store, "einstellungen", "backup_anzahl", "0") == 1
    assert "ganze Zahl von 1 bis 100" in capsys.readouterr().err
    with store.session() as s:
        assert get_setting(s, "geschwister") == "nur_hoechster"  # nothing changed


def test_s11_right_as_in_the_window_and_audited(store, capsys):
    seed(store, _office)
    assert cli(store, "einstellungen", "monatsfaktor", "4.33", user="sb.ost") == 1
    assert "Einstellungen ändern" in capsys.readouterr().err
    assert cli(store, "einstellungen", user="sb.ost") == 0  # reading is everyone's
    assert cli(store, "einstellungen", "monatsfaktor", "4.33") == 0
    with store.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.tabelle == "settings")).all()
        (entry,) = [e for e in entries if (e.neu or {}).get("name") == "monatsfaktor"]
        assert (entry.benutzer, entry.aktion, entry.neu["value"]) == ("admin", "neu", "4.33")


def test_s11_system_settings_share_the_registry_and_the_guard(store, capsys):
    seed(store, _office)
    assert cli(store, "einstellungen", "anmeldung_passwort", "ja") == 1  # own account has no password
    assert "Passwort setzen" in capsys.readouterr().err
    assert cli(store, "users", "einstellung", "backup_anzahl", "3") == 0
    assert cli(store, "einstellungen", "backup_anzahl") == 0
    assert "Wert: 3" in capsys.readouterr().out
