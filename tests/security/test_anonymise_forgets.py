"""Issue 18 item 9: anonymisation that really forgets. Before: names stayed in a finalized
run's warnings, in free pages of the SQLite file, in the log (SQL parameters); exports of
personal data and restores were not audited; log lines could be cut inside a character."""

import logging
import multiprocessing
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from kitadesk import config
from kitadesk.cli import main
from kitadesk.models import ABGESCHLOSSEN, AuditEntry, Letter, PayoutLine, PayoutRun, Redaction
from kitadesk.ops import privacy
from kitadesk.ops.redactions import BLACKED
from tests.support.factory import make_carer, make_child, place

TODAY = date(2026, 11, 24)
NAME = "Zwetschgenbaum"  # plain ASCII: found in the raw file however it is encoded


@pytest.fixture
def old_carer(store):
    """A carer whose last placement ended in 2012, with a letter, an audit history and a
    finalized run whose warnings name her; also a draft run naming her."""
    with store.session("anna") as s:
        carer = make_carer(s, "ALT", nachname=NAME, vorname="Hildegard", srt="Ost", telefon="02841 5")
        child = make_child(s, "K-ALT", nachname="Klein", vorname="Paul")
        place(s, child, carer, date(2011, 8, 1), ende=date(2012, 7, 31))
        s.add(Letter(art="tpp", aktenzeichen="51.3-ALT", datum=date(2012, 5, 2), empfaenger=f"Hildegard {NAME}",
                     carer_id=carer.id, erstellt_am=datetime(2012, 5, 2), erstellt_von="anna",
                     pdf=f"%PDF Frau {NAME}".encode(), sha256="0"))
        final = PayoutRun(jahr=2012, monat=5, lauf=1, erstellt_am=datetime(2012, 6, 1), erstellt_von="anna",
                          warnungen=["Alles vollständig.",
                                                           f"ALT {NAME}, Hildegard: Erste-Hilfe-Nachweis fehlt"])
        final.lines.append(PayoutLine(carer_nr="ALT", child_nr="K-ALT", position="Betreuung", regel="R-G1",
                                      von=date(2012, 5, 1), bis=date(2012, 5, 31), betrag=Decimal("812.40")))
        s.add(final)
        s.flush()
        final.status = ABGESCHLOSSEN  # lines first, then finalized (the triggers refuse lines of a final run)
        s.add(PayoutRun(jahr=2026, monat=11, lauf=1, erstellt_am=datetime(2026, 11, 1), erstellt_von="anna",
                        warnungen=[f"Hildegard {NAME} (ALT): Nachweis abgelaufen"]))
        s.commit()
        s.get(type(carer), carer.id).strasse = "Hauptstr. 1"
        s.commit()
    return store


def test_r_issue18_finalized_run_shows_a_redaction_and_stays_unchanged(old_carer):
    with old_carer.engine.connect() as conn:
        stored_before = conn.execute(text("SELECT warnungen FROM payout_runs WHERE jahr = 2012")).scalar()
    privacy.run_anonymisation(old_carer, "admin", today=TODAY)
    with old_carer.session() as s:
        final = s.scalar(select(PayoutRun).where(PayoutRun.jahr == 2012))
        draft = s.scalar(select(PayoutRun).where(PayoutRun.jahr == 2026))
        assert final.warnungen == ["Alles vollständig.", f"ALT {BLACKED}: Erste-Hilfe-Nachweis fehlt"]
        assert draft.warnungen == [f"{BLACKED} (ALT): Nachweis abgelaufen"]
        assert final.status == ABGESCHLOSSEN and [line.betrag for line in final.lines] == [Decimal("812.40")]
        redaction = s.scalar(select(Redaction))
        assert (redaction.run_id, redaction.position) == (final.id, 1)
        audited = s.scalar(select(AuditEntry).where(AuditEntry.tabelle == "redactions"))
        assert audited.aktion == "neu" and audited.benutzer == "admin" and NAME not in str(audited.neu)
    with old_carer.engine.connect() as conn:  # the finalized run itself was not touched
        assert conn.execute(text("SELECT warnungen FROM payout_runs WHERE jahr = 2012")).scalar() == stored_before


def _raw(store) -> bytes:
    path = Path(store.url[len("sqlite:///"):])
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_r_issue18_no_name_left_in_the_sqlite_file_outside_the_finalized_run(sqlite_store):
    with sqlite_store.session("anna") as s:
        carer = make_carer(s, "ALT", nachname=NAME, vorname="Hildegard", srt="Ost", telefon="02841 5")
        child = make_child(s, "K-ALT", nachname="Klein", vorname="Paul")
        place(s, child, carer, date(2011, 8, 1), ende=date(2012, 7, 31))
        s.add(Letter(art="tpp", aktenzeichen="51.3-ALT", datum=date(2012, 5, 2), empfaenger=f"Hildegard {NAME}",
                     carer_id=carer.id, erstellt_am=datetime(2012, 5, 2), erstellt_von="anna",
                     pdf=f"%PDF Frau {NAME}".encode() * 200, sha256="0"))
        s.commit()
        s.get(type(carer), carer.id).strasse = "Hauptstr. 1"
        s.commit()
    assert NAME.encode() in _raw(sqlite_store)
    privacy.run_anonymisation(sqlite_store, "admin", today=TODAY)
    sqlite_store.dispose()
    assert NAME.encode() not in _raw(sqlite_store)  # not in free pages, not in the WAL


def test_r_issue18_sql_parameters_never_reach_the_log(store, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    config.setup_logging()
    with pytest.raises(DBAPIError) as failed:
        with store.engine.begin() as conn:
            conn.execute(text("INSERT INTO carers (nr, nachname) VALUES (:nr, :name)"), {"nr": None, "name": NAME})
    assert "SQL parameters hidden" in str(failed.value)
    try:
        raise failed.value
    except DBAPIError:
        logging.getLogger("kitadesk").exception("Interner Fehler in test")  # as cli.main logs it
    logged = config.log_file().read_text(encoding="utf-8")
    assert "Interner Fehler in test" in logged and "INSERT INTO carers" in logged and NAME not in logged


def _write_lines(path: str, worker: int) -> None:
    import os

    os.environ["XDG_STATE_HOME"] = path
    config.setup_logging()
    log = logging.getLogger("kitadesk.test")
    for i in range(150):
        log.info("%d-%03d %s", worker, i, "äöü€" * 300)  # ~2.7 KB of multi-byte characters per line


def test_r_issue18_log_lines_of_four_processes_never_break_inside_a_character(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_lines, args=(str(tmp_path), w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    raw = config.log_file().read_bytes()
    lines = raw.decode("utf-8").splitlines()  # strict: no character cut in two
    assert len(lines) == 600  # 1.6 MB: below the rotation size (2 MB), all in one file
    assert all(line.endswith("äöü€" * 300) for line in lines)  # no line interleaved with another


def test_r_issue18_a_long_log_line_is_shortened_at_a_character():
    data = config.log_line("x" + "€" * 10_000, limit=1000)
    assert len(data) <= 1000 and data.decode("utf-8").endswith(" […]\n")


def test_r_issue18_exports_of_personal_data_are_audited(old_carer, tmp_path, monkeypatch):
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var))
    from kitadesk.ops.audit import export

    export(old_carer, "admin", tmp_path / "protokoll.xlsx")
    assert main(["--db", old_carer.url, "--user", "admin", "beitraege", "2012-05",
                 "--xlsx", str(tmp_path / "b.xlsx")]) == 0
    with old_carer.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.aktion == "Export")).all()
    assert [(e.benutzer, e.neu["export"]) for e in entries] == [
        ("admin", "Änderungsprotokoll"), ("admin", "Beitragsliste 05/2012")]
