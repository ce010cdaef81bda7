"""R-K3 (permit limits of R-C6, exclusion R-C7) and permissions (issue 8) in the import."""

from datetime import date

import pytest

from kitadesk.errors import InputError, PermissionDenied
from kitadesk.models import LEITUNG, SACHBEARBEITUNG, User
from kitadesk.ops.import_ import import_workbook
from tests.importer.book import CARER, CHILD, FIRST_NAMES, Book, other_carer
from tests.support.dump import dump

TODAY = date(2026, 11, 24)


def _children(book, n, start=1):
    for i in range(start, start + n):
        book.add("Kinder", **{**CHILD, "Nr": f"K{i}", "Familie_Nr": f"F{i}", "Vorname": FIRST_NAMES[i - 1]})


def test_r_k3_sixth_child_refused_naming_the_limit(store, tmp_path):
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **CARER)
    _children(book, 6)
    for i in range(1, 7):
        book.add("Betreuungen", Kind_Nr=f"K{i}", TPP_Nr="T1", Beginn=date(2026, 4, i), Wochenstunden=30)
    before = dump(store)
    with pytest.raises(InputError) as info:
        import_workbook(store, book.save(), "anna", today=TODAY)
    assert info.value.problems == [
        "Betreuungen, 7, TPP_Nr: Tagespflegeperson T1, Kind K6: Erlaubnis erlaubt höchstens 5 Kinder insgesamt; "
        "am 06.04.2026 wären es 6. (R-K3)"]
    assert dump(store) == before


def test_r_k3_eight_contracts_but_never_more_than_five_at_once(store, tmp_path):
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **{**CARER, "Max_Kinder": 8})
    _children(book, 7)
    morning = "Mo 07:00-12:30; Di 07:00-12:30; Mi 07:00-12:30; Do 07:00-12:30; Fr 07:00-12:30"
    afternoon = "Mo 13:00-17:00; Di 13:00-17:00; Mi 13:00-17:00; Do 13:00-17:00; Fr 13:00-17:00"
    for i in range(1, 8):
        plan, hours = (morning, "27,5") if i <= 5 else (afternoon, 20)
        book.add("Betreuungen", Kind_Nr=f"K{i}", TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden=hours,
                 Zeitplan=plan)
    assert import_workbook(store, book.save(), "anna", today=TODAY).new("Betreuungen") == 7
    overlap = Book(tmp_path, "mehr.xlsx")
    _children(overlap, 1, start=8)
    overlap.add("Betreuungen", Kind_Nr="K8", TPP_Nr="T1", Beginn=date(2026, 5, 1), Wochenstunden=20,
                Zeitplan="Mo 10:00-14:00; Di 10:00-14:00; Mi 10:00-14:00; Do 10:00-14:00; Fr 10:00-14:00")
    with pytest.raises(InputError) as info:
        import_workbook(store, overlap.save(), "anna", today=TODAY)
    assert "höchstens 5 gleichzeitig betreute Kinder; am 01.05.2026 wären es 6" in info.value.problems[0]


def test_r_c7_expired_permit_refuses_a_new_placement(store, tmp_path):
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **{**CARER, "Erlaubnis_vom": date(2020, 1, 1), "Erlaubnis_bis": date(2024, 12, 31)})
    _children(book, 1)
    book.add("Betreuungen", Kind_Nr="K1", TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden=30)
    with pytest.raises(InputError) as info:
        import_workbook(store, book.save(), "anna", today=TODAY)
    assert "Die Erlaubnis ist seit 01.01.2025 abgelaufen" in info.value.problems[0]


def test_one_child_one_carer_and_parents_household_needs_no_permit(store, tmp_path):
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **CARER)
    book.add("Tagespflegepersonen", **{**other_carer("T2", 2), "Betreuungsort": "Haushalt der Eltern",
                                       "Erlaubnis_vom": None, "Max_Kinder": None, "Max_gleichzeitig": None})
    _children(book, 1)
    book.add("Betreuungen", Kind_Nr="K1", TPP_Nr="T1", Beginn=date(2026, 4, 1), Wochenstunden=30)
    book.add("Betreuungen", Kind_Nr="K1", TPP_Nr="T2", Beginn=date(2026, 5, 1), Wochenstunden=30)
    with pytest.raises(InputError) as info:
        import_workbook(store, book.save(), "anna", today=TODAY)
    assert any("jedes Kind gehört zu genau einer Tagespflegeperson" in p and ", Kind_Nr: " in p
               for p in info.value.problems)
    book.wb["Betreuungen"]["D2"] = date(2026, 4, 30)  # Ende of the first placement
    assert import_workbook(store, book.save(), "anna", today=TODAY).new("Betreuungen") == 2


def test_r_c6_grosstagespflege_at_most_three_carers(store, tmp_path):
    book = Book(tmp_path)
    for i in range(1, 5):
        book.add("Tagespflegepersonen", **{**(other_carer(f"T{i}", i) if i > 1 else CARER),
                                           "Zusammenschluss": "GTP Spatzennest",
                                           "Betreuungsort": "andere Räume"})
    with pytest.raises(InputError) as info:
        import_workbook(store, book.save(), "anna", today=TODAY)
    assert info.value.problems == ["Tagespflegepersonen, 5, Zusammenschluss: Großtagespflege „GTP Spatzennest“ hätte "
                                   "4 Tagespflegepersonen (T1, T2, T3, T4); erlaubt sind 2–3 (R-C6)."]


def _users(store):
    with store.session("admin") as s:
        s.add_all([User(login="sb.nord", rolle=SACHBEARBEITUNG, srt="Nord"), User(login="chefin", rolle=LEITUNG)])
        s.commit()


def test_desk_imports_only_its_own_srt_and_unknown_users_are_refused(store, tmp_path):
    _users(store)
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **CARER)  # SRT Ost
    path = book.save()
    with pytest.raises(InputError) as info:
        import_workbook(store, path, "sb.nord", today=TODAY)
    problem = info.value.problems[0]
    assert problem.startswith("Tagespflegepersonen, 2, SRT: Keine Berechtigung") and "SRT Ost" in problem
    with pytest.raises(PermissionDenied, match="nicht angelegt"):
        import_workbook(store, path, "fremd", today=TODAY)
    assert import_workbook(store, path, "chefin", today=TODAY).new("Tagespflegepersonen") == 1


def test_r_g11_sonderbetraege_need_the_right(store, tmp_path):
    _users(store)
    book = Book(tmp_path)
    book.add("Tagespflegepersonen", **{**CARER, "SRT": "Nord"})
    book.add("Sonderbeträge", TPP_Nr="T1", Monat="2026-11", Betrag="150,00", Grund="Nachtbetreuung (5.4)")
    path = book.save()
    with pytest.raises(InputError) as info:
        import_workbook(store, path, "sb.nord", today=TODAY)
    assert info.value.problems == ["Sonderbeträge, 2, Betrag: Keine Berechtigung: Einzelfallbeträge (R-G11) darf nur "
                                   "die Leitung erfassen oder ändern (Benutzer sb.nord, Rolle Sachbearbeitung)."]
    assert import_workbook(store, path, "chefin", today=TODAY).new("Sonderbeträge") == 1
    result = import_workbook(store, path, "sb.nord", today=TODAY)  # unchanged rows need no right
    assert result.counts["Sonderbeträge"] == {"unverändert": 1}
