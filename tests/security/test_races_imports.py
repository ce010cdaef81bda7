"""Issue 18 item 4: the same workbook imported by four desks at once, on SQLite and PostgreSQL.
Before: check-then-insert without unique keys — a Sonderbetrag of 500 € paid twice. Now the
import keys are unique in the database and imports run one after the other (exclusive unit of
work), so the later ones find everything recorded ("unverändert")."""

from datetime import date

import pytest
from sqlalchemy import func, select

from kitadesk.models import Absence, Fortbildung, Monatsmeldung, Sonderbetrag
from kitadesk.models.session import LOCK_WAIT_ENV
from tests.importer.book import small_book
from tests.security.desks import cli, no_tracebacks, run_together

DESKS = 4
RACE_LOCK_WAIT = "300"  # s instead of 30: four desks one after the other on a busy 2-core CI runner


@pytest.fixture
def xdg(tmp_path, monkeypatch) -> dict:
    env = {var: str(tmp_path / "xdg" / var) for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")}
    env[LOCK_WAIT_ENV] = RACE_LOCK_WAIT  # desks queue behind each other: a slow CI runner must not time out
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def _count(store, model) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_r_issue18_same_workbook_imported_at_four_desks_pays_the_sonderbetrag_once(store, tmp_path, xdg):
    book = small_book(tmp_path)
    book.add("Sonderbeträge", TPP_Nr="T1", Monat="2026-05", Betrag="500,00", Grund="Nachtbetreuung (5.4)")
    path = book.save()
    results = run_together([cli(store.url, f"desk{i}", "import", str(path)) for i in range(DESKS)], env=xdg)
    no_tracebacks(results)
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    saved = [r.stdout for r in results if "Sonderbeträge: 1 neu" in r.stdout]
    assert len(saved) == 1, [r.stdout for r in results]  # the others find it recorded
    assert _count(store, Sonderbetrag) == 1
    assert _count(store, Absence) == 1 and _count(store, Fortbildung) == 1 and _count(store, Monatsmeldung) == 1
    with store.session() as s:
        assert s.scalar(select(func.sum(Sonderbetrag.betrag))) == 500


@pytest.mark.parametrize("model, values, label", [
    (Absence, dict(von=date(2026, 7, 6), bis=date(2026, 7, 17), art="Urlaub"), "Abwesenheit"),
    (Fortbildung, dict(datum=date(2026, 3, 7), titel="Kinderschutz", stunden=5), "Fortbildung"),
    (Sonderbetrag, dict(monat="2026-05", betrag=500, grund="Nachtbetreuung"), "Sonderbetrag"),
])
def test_r_issue18_import_keys_are_unique_in_the_database(store, model, values, label):
    """Even a writer that skips the check cannot double a record: a German message, nothing saved."""
    from kitadesk.errors import ConcurrentChange
    from kitadesk.ops.base import unit_of_work
    from tests.support.factory import make_carer

    with store.session("setup") as s:
        carer_id = make_carer(s, "T1").id
        s.commit()
    with unit_of_work(store, "anna") as s:
        s.add(model(carer_id=carer_id, **values))
    with pytest.raises(ConcurrentChange) as refused:
        with unit_of_work(store, "bert") as s:
            s.add(model(carer_id=carer_id, **values))
    assert f"Doppelter Eintrag: {label}" in str(refused.value) and "nichts gespeichert" in str(refused.value)
    assert _count(store, model) == 1
