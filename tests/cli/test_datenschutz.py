"""Issue 17 item 5: `kitadesk datenschutz` reaches the retention run — the preview lists who is past
the retention period and changes nothing; `--ausfuehren` anonymises them; without the right
`datenschutz` exit 1 and nothing changed."""

from sqlalchemy import select

from kitadesk.cli import main
from kitadesk.models import Carer
from tests.multidesk.dumping import dump
from tests.multidesk.test_privacy import office  # noqa: F401 — the fixture: one carer and child past 10 years


def _run(store, user, *args):
    return main(["--db", store.url, "--user", user, "datenschutz", *args])


def test_r_8_datenschutz_preview_changes_nothing_then_run_anonymises(office, capsys):  # noqa: F811
    before = dump(office)
    assert _run(office, "admin") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Aufbewahrungsfrist 10 Jahre: anonymisiert wird, wessen letzte Betreuung")
    assert "Tagespflegepersonen: 1" in out and "Kinder: 1" in out
    assert "  ALT Altmann, Olga (SRT Ost), Ende 31.07.2014" in out
    assert out[-1] == "Vorschau – nichts wurde geändert. Ausführen mit: kitadesk datenschutz --ausfuehren"
    assert _run(office, "admin", "--vorschau") == 0
    assert dump(office) == before
    capsys.readouterr()
    assert _run(office, "admin", "--ausfuehren") == 0
    assert capsys.readouterr().out.strip() == "Anonymisiert: 1 Tagespflegepersonen, 1 Kinder; 1 Bescheide/Briefe gelöscht."
    with office.session() as s:
        assert s.scalar(select(Carer.nachname).where(Carer.nr == "ALT")) != "Altmann"
    assert _run(office, "admin", "--ausfuehren") == 0
    assert "Nichts zu anonymisieren" in capsys.readouterr().out


def test_r_8_datenschutz_refused_for_a_case_worker(office, capsys):  # noqa: F811
    before = dump(office)
    assert _run(office, "sb", "--ausfuehren") == 1
    assert "Keine Berechtigung" in capsys.readouterr().err
    assert dump(office) == before


def test_r_8_datenschutz_help_is_german(capsys):
    try:
        main(["datenschutz", "--help"])
    except SystemExit as done:
        assert done.code == 0
    out = capsys.readouterr().out
    assert "--ausfuehren" in out and "Aufbewahrungsfrist" in out
