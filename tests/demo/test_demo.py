"""`kitadesk demo`: realistic fictitious data — counts, every SRT, determinism, capacity
limits (R-C6/R-K3: the demo imports again through all import checks), refuses a non-empty
database."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from kitadesk.cli import main
from kitadesk.demo import build, create_demo
from kitadesk.domain.calendar import is_public_holiday
from kitadesk.errors import KitaDeskError
from kitadesk.models import (
    ADMIN,
    LEITUNG,
    SACHBEARBEITUNG,
    Absence,
    Carer,
    Child,
    Erlaubnis,
    FeeCell,
    FeeTable,
    Monatsmeldung,
    Placement,
    PlacementVersion,
    QikParticipant,
    RateTable,
    Sonderbetrag,
    SrtOffice,
    User,
    Zusammenschluss,
)
from tests.support.dump import dump

TODAY = date(2026, 11, 24)


def test_demo_counts_srts_users_and_example_tables(store):
    counts = create_demo(store, carers=60, children=240, seed=5, admin="amt.admin", today=TODAY)
    assert counts["carers"] == 60 and counts["children"] == 240
    with store.session() as s:
        assert set(s.scalars(select(Carer.srt).distinct())) == {"Mitte/Süd", "Ost", "Nord"}
        assert set(s.scalars(select(Child.srt).distinct())) == {"Mitte/Süd", "Ost", "Nord"}
        assert set(s.scalars(select(SrtOffice.srt))) == {"Mitte/Süd", "Ost", "Nord"}
        roles = dict(s.execute(select(User.login, User.rolle)).all())
        assert roles["amt.admin"] == ADMIN and LEITUNG in roles.values()
        assert {u.srt for u in s.scalars(select(User).where(User.rolle == SACHBEARBEITUNG))} == {
            "Mitte/Süd", "Ost", "Nord"}
        rates = s.scalars(select(RateTable).order_by(RateTable.gueltig_ab)).all()
        assert [(r.gueltig_ab, r.stundensatz_basis, r.stundensatz_qualifiziert, r.ist_beispiel) for r in rates] == [
            (date(2025, 1, 1), Decimal("5.8000"), Decimal("6.7000"), True),
            (date(2026, 1, 1), Decimal("5.8900"), Decimal("6.8000"), True)]
        assert s.scalar(select(FeeTable.ist_beispiel)) is True
        assert s.scalar(select(func.count()).select_from(FeeCell)) == 2 * 10 * 3  # both ages × brackets × bands
        assert s.scalar(select(FeeCell.beitrag).where(FeeCell.einkommen_bis == 18000).limit(1)) == 0
        placements = s.scalar(select(func.count()).select_from(Placement))
        assert 240 <= placements <= 330
        assert s.scalar(select(func.count()).select_from(PlacementVersion)) > placements  # hours changes (R-K4)
        assert s.scalar(select(func.count()).select_from(Zusammenschluss)) >= 1
        assert s.scalar(select(func.count()).select_from(Erlaubnis).where(Erlaubnis.bis < TODAY)) == 1
        assert s.scalar(select(func.count()).select_from(Absence).where(Absence.substitute_id.is_not(None))) >= 1
        assert all(is_public_holiday(d) for d in s.scalars(select(Monatsmeldung.datum)))
        assert s.scalar(select(func.count()).select_from(Sonderbetrag)) >= 1
        assert s.scalar(select(func.count()).select_from(QikParticipant)) >= 6
        names = set(s.scalars(select(Carer.nachname))) | set(s.scalars(select(Child.nachname)))
        assert names & {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan"}
        assert all(plz.startswith("4744") for plz in s.scalars(select(Carer.plz)))


def test_demo_is_deterministic_for_a_seed():
    a = build(30, 100, seed=9, admin="x", today=TODAY).rows
    b = build(30, 100, seed=9, admin="x", today=TODAY).rows
    c = build(30, 100, seed=10, admin="x", today=TODAY).rows
    assert a == b
    assert a != c


def test_demo_same_seed_same_database(store, tmp_path, sqlite_template):
    import shutil

    from kitadesk.store import Store

    create_demo(store, 20, 60, seed=4, admin="x", today=TODAY)
    copy = tmp_path / "zwei.sqlite3"
    shutil.copy(sqlite_template, copy)
    other = Store(f"sqlite:///{copy}")
    try:
        create_demo(other, 20, 60, seed=4, admin="x", today=TODAY)
        ignore = ("created_at",)
        assert dump(store, ignore) == dump(other, ignore)
    finally:
        other.dispose()


def test_demo_refuses_a_non_empty_database(store):
    create_demo(store, 5, 10, seed=1, admin="x", today=TODAY)
    with pytest.raises(KitaDeskError, match="nicht leer"):
        create_demo(store, 5, 10, seed=1, admin="x", today=TODAY)


def test_demo_respects_the_import_checks_r_k3(store, tmp_path, sqlite_template):
    """Export of the demo imports into an empty database without a single problem: capacity
    (R-C6/R-K3), R-C7, time plans, holidays, families, fee table completeness."""
    import shutil

    from kitadesk.importer.export import export_workbook
    from kitadesk.ops.import_ import import_workbook
    from kitadesk.store import Store

    create_demo(store, 80, 320, seed=2, admin="x", today=TODAY)
    path = tmp_path / "demo.xlsx"
    export_workbook(store, path, today=TODAY)
    copy = tmp_path / "ziel.sqlite3"
    shutil.copy(sqlite_template, copy)
    target = Store(f"sqlite:///{copy}")
    try:
        result = import_workbook(target, path, "anna", today=TODAY)
        assert result.new("Tagespflegepersonen") == 80 and result.new("Kinder") == 320
    finally:
        target.dispose()


def test_cli_demo_exit_codes(sqlite_store, capsys):
    assert main(["--db", sqlite_store.url, "--user", "chef", "demo", "--carers", "10", "--children", "30"]) == 0
    assert "Anmeldung als Administrator: chef" in capsys.readouterr().out
    assert main(["--db", sqlite_store.url, "demo"]) == 1
    assert "Die Datenbank ist nicht leer" in capsys.readouterr().err


def test_export_imported_again_into_the_same_database_changes_nothing(store, tmp_path):
    from kitadesk.importer.export import export_workbook
    from kitadesk.ops.import_ import import_workbook

    create_demo(store, 40, 150, seed=6, admin="x", today=TODAY)
    path = tmp_path / "export.xlsx"
    export_workbook(store, path, today=TODAY)
    before = dump(store)
    result = import_workbook(store, path, "x", today=TODAY)
    assert all(set(c) == {"unverändert"} for c in result.counts.values()), result.counts
    assert dump(store) == before
