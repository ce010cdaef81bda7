"""QiK (R-Q1..R-Q3): participants with dated status history, partners with contacts,
coordination work, and the yearly report per cohort (domain, store, PDF, xlsx)."""

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from kitadesk.domain.qik import QikError, QikEvent, QikPerson, QikWork, check_status_change, qik_report
from kitadesk.errors import ConcurrentChange, InputError
from kitadesk.models import AuditEntry, QikStatus
from kitadesk.ops import qik
from kitadesk.reports.qik_report import write_qik_pdf, write_qik_xlsx
from tests.letters.pdftext import pdf_text
from tests.reports.xlsx_read import assert_finance_style, header, load, records, total_row
from tests.statistics.factory import qik_sample


def ev(*pairs):
    return tuple(QikEvent(d, s) for s, d in pairs)


def test_r_q1_status_rules():
    history = ev(("interessiert", date(2025, 3, 1)), ("in Ausbildung", date(2025, 8, 1)))
    check_status_change(history, "abgeschlossen", date(2027, 7, 1))
    check_status_change(history, "abgebrochen", date(2025, 8, 1))  # same day is fine
    for status, day, text in (("abgebrochen", date(2025, 7, 31), "liegt vor der letzten"),
                              ("in Ausbildung", date(2025, 9, 1), "bereits"),
                              ("interessiert", date(2025, 9, 1), "nicht möglich"),
                              ("fertig", date(2025, 9, 1), "Unbekannter Status")):
        with pytest.raises(QikError, match=text):
            check_status_change(history, status, day)
    done = history + ev(("abgeschlossen", date(2027, 7, 1)))
    with pytest.raises(QikError, match="keine weitere Änderung"):
        check_status_change(done, "abgebrochen", date(2027, 8, 1))
    check_status_change(ev(("abgebrochen", date(2025, 1, 1))), "interessiert", date(2026, 1, 1))  # re-entry


def test_r_q3_report_counts_per_cohort_and_year():
    people = [
        QikPerson(1, 2025, ev(("interessiert", date(2025, 3, 1)), ("in Ausbildung", date(2025, 8, 1)))),
        QikPerson(2, 2025, ev(("interessiert", date(2024, 11, 1)), ("in Ausbildung", date(2025, 8, 1)),
                              ("abgebrochen", date(2025, 12, 1)))),
        QikPerson(3, 2024, ev(("in Ausbildung", date(2024, 8, 1)), ("abgeschlossen", date(2025, 7, 1)))),
        QikPerson(4, 2026, ev(("interessiert", date(2026, 1, 5)))),  # after the year: not in the 2025 report
    ]
    work = [QikWork(date(2025, 2, 1), "A", "Runder Tisch", D("3")), QikWork(date(2025, 9, 1), "B", "Runder Tisch",
                                                                             D("2.5")),
            QikWork(date(2026, 1, 1), "C", "Info", D("9"))]
    rep = qik_report(2025, people, work)
    by = {r.label: r for r in rep.cohorts}
    assert list(by) == ["2024/25", "2025/26", "Gesamt"]
    assert by["2025/26"].stand == (0, 1, 0, 1) and by["2025/26"].neu == 1 and by["2025/26"].abbrueche == 1
    assert by["2024/25"].abschluesse == 1 and by["2024/25"].abschlussquote == D("100.0")
    total = rep.total
    assert (total.teilnehmende, total.ausbildung_begonnen, total.abschluesse, total.abbrueche) == (3, 2, 1, 1)
    assert total.abschlussquote == D("50.0")
    assert (rep.activity_count, rep.activity_hours) == (2, D("5.50"))
    assert rep.by_topic() == [("Runder Tisch", 2, D("5.50"))]
    assert qik_report(2025, people, work, jahrgang=2025).total.teilnehmende == 2


def test_r_q1_r_q2_participants_partners_and_history_in_the_store(store):
    ids = qik_sample(store)
    partners = qik.partners(store, "anna")
    assert len(partners) == 9 and {p.art for p in partners} >= {"Kita", "Träger", "Berufskolleg", "Jobcenter"}
    bk = next(p for p in partners if p.art == "Berufskolleg")
    assert (bk.ansprechpartner, bk.email) == ("Frau Dr. Lenz", "sekretariat@bk.example.org")
    rows = {r.nachname: r for r in qik.participants(store, "anna")}
    demir = rows["Demir"]
    assert (demir.status, demir.status_seit, demir.berufskolleg, demir.jahrgang) == (
        "abgebrochen", date(2026, 1, 31), "Berufskolleg Moers", 2025)
    assert [e.status for e in demir.history] == ["interessiert", "in Ausbildung", "abgebrochen"]
    with pytest.raises(InputError, match="Demir, Selin: .*nicht möglich"):
        qik.change_status(store, "anna", demir.id, "abgeschlossen", date(2026, 7, 1))
    with pytest.raises(InputError, match="Teilnehmenden zugeordnet"):
        qik.delete_partner(store, "anna", ids["partners"]["bk"])
    assert "zurückgenommen" in qik.undo_last_status(store, "anna", demir.id)
    assert {r.nachname: r for r in qik.participants(store, "anna")}["Demir"].status == "in Ausbildung"
    with store.session() as s:
        logged = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.tabelle == "qik_statuses"))
        assert logged == 18 and s.scalar(select(func.count()).select_from(QikStatus)) == 16


def test_r_q2_stale_edit_is_refused_and_input_checked(store):
    pid = qik.save_partner(store, "anna", dict(name="Kita A", art="Kita"))
    row = qik.partners(store, "anna")[0]
    qik.save_partner(store, "bernd", dict(name="Kita A (neu)", art="Kita"), pid, row.version)
    with pytest.raises(ConcurrentChange):
        qik.save_partner(store, "anna", dict(name="Kita A2", art="Kita"), pid, row.version)
    for fields, text in ((dict(name="", art="Kita"), "Name"), (dict(name="X", art="Zoo"), "nicht vorgesehen"),
                         (dict(name="X", art="Kita", email="kein-at"), "E-Mail")):
        with pytest.raises(InputError, match=text):
            qik.save_partner(store, "anna", fields)
    with pytest.raises(InputError, match="Stunden"):
        qik.save_activity(store, "anna", dict(datum=date(2026, 1, 1), thema="T", stunden="0"))
    with pytest.raises(InputError, match="Jahrgang"):
        qik.save_participant(store, "anna", dict(nachname="A", vorname="B"))


def test_r_q3_report_from_the_store_and_its_exports(store, tmp_path):
    qik_sample(store)
    rep = qik.report(store, "anna", 2026)
    by = {r.label: r for r in rep.cohorts}
    assert by["2025/26"].teilnehmende == 5 and by["2025/26"].stand == (0, 3, 0, 2)
    assert by["2025/26"].abbrueche == 1 and by["2026/27"].neu == 4 and by["2026/27"].ausbildung_begonnen == 2
    assert (rep.activity_count, rep.activity_hours) == (7, D("18.50"))
    assert qik.report(store, "anna", 2026, 2026).total.teilnehmende == 4
    xlsx = write_qik_xlsx(rep, tmp_path / "qik.xlsx", "anna")
    wb = load(xlsx)
    assert wb.sheetnames == ["Übersicht", "Koordination", "Themen", "Teilnehmende", "Info"]
    assert_finance_style(wb["Koordination"], date_columns=["Datum"])
    assert total_row(wb["Übersicht"])["Teilnehmende"] == 9
    assert total_row(wb["Koordination"])["Stunden"] == 18.5
    assert "Name" not in header(wb["Teilnehmende"]) and len(records(wb["Teilnehmende"])) == 9
    pdf = write_qik_pdf(rep, tmp_path / "qik.pdf", "anna")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(pdf.read_bytes())  # pypdf: no poppler needed
    assert "Runder Tisch QiK" in text and "Seite 1 von" in text and "Albers" not in text
