"""Record operations of the carer form's tabs (issue 14 item 1) on SQLite and PostgreSQL: rights
of the carer's desk, audit, optimistic locking, the import key, and the domain rules."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from kitadesk.errors import ConcurrentChange, InputError, PermissionDenied
from kitadesk.models import LEITUNG, SACHBEARBEITUNG, AuditEntry, CarerNote, Erlaubnis, Vertretungsplatz
from kitadesk.ops.queries.carer_records import carer_records
from kitadesk.ops.records.carer_records import KINDS, delete_carer_record, save_carer_record
from tests.support.factory import make_carer, make_user

TODAY = date(2026, 11, 24)


@pytest.fixture
def nord(store):
    with store.session("test") as s:
        make_user(s, "sb.ost", SACHBEARBEITUNG, "Ost")
        make_user(s, "sb.nord", SACHBEARBEITUNG, "Nord")
        make_user(s, "leitung", LEITUNG)
        carer_id = make_carer(s, "T-N", srt="Nord", qualifikation="Basis", qualifikation_seit=None).id
        s.commit()
    return carer_id


def test_r_c8_note_saved_changed_deleted_with_audit_by_the_carers_desk(store, nord):
    change = save_carer_record(store, "sb.nord", "notiz", nord, {"datum": date(2026, 11, 2), "text": " Hund "},
                               today=TODAY)
    save_carer_record(store, "sb.nord", "notiz", nord, {"datum": date(2026, 11, 3), "text": "Katze"},
                      change.id, change.version, TODAY)
    with store.session("x") as s:
        note = s.get(CarerNote, change.id)
        assert (note.datum, note.text) == (date(2026, 11, 3), "Katze")
        version = note.version
        rows = carer_records(s, nord, TODAY).records["notiz"]
        assert [r.get("text") for r in rows] == ["Katze"]
    with pytest.raises(ConcurrentChange):  # a form loaded before the change
        delete_carer_record(store, "sb.nord", "notiz", nord, change.id, change.version)
    delete_carer_record(store, "sb.nord", "notiz", nord, change.id, version)
    with store.session("x") as s:
        assert s.get(CarerNote, change.id) is None
        actions = s.scalars(select(AuditEntry.aktion).where(AuditEntry.tabelle == "carer_notes")).all()
        assert len(actions) == 3


def test_other_desk_may_not_write_a_carers_records(store, nord):
    with pytest.raises(PermissionDenied):
        save_carer_record(store, "sb.ost", "fortbildung", nord,
                          {"datum": date(2026, 5, 1), "titel": "Kinderschutz", "stunden": Decimal(6)}, today=TODAY)
    save_carer_record(store, "leitung", "fortbildung", nord,
                      {"datum": date(2026, 5, 1), "titel": "Kinderschutz", "stunden": Decimal(6)}, today=TODAY)


def test_r_c4_import_key_datum_titel_refused_at_the_field(store, nord):
    values = {"datum": date(2026, 5, 1), "titel": "Kinderschutz", "stunden": Decimal(6)}
    save_carer_record(store, "sb.nord", "fortbildung", nord, values, today=TODAY)
    with pytest.raises(InputError) as info:
        save_carer_record(store, "sb.nord", "fortbildung", nord, values, today=TODAY)
    assert info.value.problems[0].startswith("Datum: Einen Eintrag mit gleichem Datum, Titel gibt es")


def test_r_c6_permit_history_rule_uses_the_carers_qualification(store, nord):
    with pytest.raises(InputError) as info:  # Basis: at most 8 children in total
        save_carer_record(store, "sb.nord", "erlaubnis", nord, {"erlaubnis_vom": date(2026, 1, 1), "max_kinder": 9,
                                                                "max_gleichzeitig": 5}, today=TODAY)
    assert any("höchstens 8 Kinder insgesamt" in p and "(R-C6)" in p for p in info.value.problems)
    change = save_carer_record(store, "sb.nord", "erlaubnis", nord, {"erlaubnis_vom": date(2026, 1, 1),
                                                                     "max_kinder": 8, "max_gleichzeitig": 5,
                                                                     "betreuungsort": "eigener Haushalt"},
                               today=TODAY)
    with store.session("x") as s:
        assert s.get(Erlaubnis, change.id).bis == date(2030, 12, 31)  # R-C6: five years


def test_r_g3_vertretungsplatz_periods_do_not_overlap(store, nord):
    save_carer_record(store, "sb.nord", "vertretungsplatz", nord, {"vertretungsplatz_von": date(2026, 1, 1),
                                                                   "vertretungsplatz_bis": date(2026, 6, 30)},
                      today=TODAY)
    with pytest.raises(InputError) as info:
        save_carer_record(store, "sb.nord", "vertretungsplatz", nord, {"vertretungsplatz_von": date(2026, 6, 1)},
                          today=TODAY)
    assert "Überschneidet sich mit dem Zeitraum ab 01.01.2026 bis 30.06.2026 (R-G3)." in info.value.problems[0]
    save_carer_record(store, "sb.nord", "vertretungsplatz", nord, {"vertretungsplatz_von": date(2026, 7, 1)},
                      today=TODAY)
    with store.session("x") as s:
        assert len(s.scalars(select(Vertretungsplatz).where(Vertretungsplatz.carer_id == nord)).all()) == 2


@pytest.mark.parametrize(("kind", "values", "field", "rule"), [
    ("dokument", {"art": "Führungszeugnis", "erhalten_am": date(2026, 1, 1), "gueltig_bis": date(2032, 1, 1)},
     "Gültig bis", "R-C2"),
    ("dokument", {"art": "Lebenslauf"}, "erhalten_am", "R-C2"),
    ("nachweis", {"art": "alter", "betrag": Decimal(100), "von": date(2026, 1, 1), "alter_art": ""}, "alter_art",
     "R-G4"),
    ("qualikosten", {"art": "QHB-Eigenanteil 25 %", "betrag": Decimal("1000.01")}, "betrag", "R-C9"),
    ("notiz", {"datum": date(2026, 1, 1), "text": "  "}, "text", "R-C8"),
])
def test_each_kind_refuses_by_its_domain_rule(store, nord, kind, values, field, rule):
    assert kind in KINDS
    with pytest.raises(InputError) as info:
        save_carer_record(store, "sb.nord", kind, nord, values, today=TODAY)
    assert any(f"({rule})" in p for p in info.value.problems), info.value.problems
