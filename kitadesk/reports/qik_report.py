"""The yearly QiK report per cohort for the ministry (R-Q3) as PDF and workbook.

Content: participants by status on 31 December, changes in the year (new interested,
training started, completions, dropouts), completion rate, and the coordination work done
(count, hours, by topic, each activity). Participants appear as numbers with their Kita,
Träger, Berufskolleg and funding body — no names (the ministry needs counts, not people).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from kitadesk.domain.qik import STATUSES, QikReport, cohort_label
from kitadesk.formats import day, hours, number
from kitadesk.reports.xlsx_style import DATE, HOURS, INTEGER, TEXT, Column, FinanceWorkbook

TITLE = "Quereinstieg in die Kinderbetreuung (QiK)"
COHORT_HEADERS = ("Jahrgang", "Teilnehmende", *(f"Stand 31.12.: {s}" for s in STATUSES), "neu im Jahr",
                  "Ausbildung begonnen", "Abschlüsse im Jahr", "Abbrüche im Jahr", "Abschlussquote %")
MONTHS = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")
SENDER = "Stadt Moers · Der Bürgermeister · Fachdienst Jugend · Kindertagespflege"


def scope_text(rep: QikReport) -> str:
    cohort = "alle Jahrgänge" if rep.jahrgang is None else f"Jahrgang {cohort_label(rep.jahrgang)}"
    return f"Berichtsjahr {rep.jahr} · {cohort}"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def cohort_rows(rep: QikReport) -> list[tuple]:
    return [(r.label, r.teilnehmende, *r.stand, r.neu, r.ausbildung_begonnen, r.abschluesse, r.abbrueche,
             r.abschlussquote) for r in rep.cohorts]


def write_qik_xlsx(rep: QikReport, path: str | Path, created_by: str = "") -> Path:
    """Workbook: Übersicht (per cohort), Koordination (activities), Themen, Teilnehmende, Info."""
    with FinanceWorkbook(path, title=f"QiK-Bericht {rep.jahr}") as wb:
        columns = (Column("Jahrgang", TEXT, 12), Column("Teilnehmende", INTEGER, 14, True),
                   *(Column(f"Stand 31.12.: {s}", INTEGER, 22, True) for s in STATUSES),
                   Column("neu im Jahr", INTEGER, 12, True), Column("Ausbildung begonnen", INTEGER, 20, True),
                   Column("Abschlüsse im Jahr", INTEGER, 18, True), Column("Abbrüche im Jahr", INTEGER, 16, True),
                   Column("Abschlussquote %", HOURS, 17))
        wb.add_table("Übersicht", columns, [r for r in cohort_rows(rep) if r[0] != "Gesamt"])
        wb.add_table("Koordination", (Column("Datum", DATE, 12), Column("Thema", TEXT, 44),
                                      Column("Partner", TEXT, 60), Column("Stunden", HOURS, 10, True)),
                     [(a.datum, a.thema, a.partner, a.stunden) for a in rep.activities])
        wb.add_table("Themen", (Column("Thema", TEXT, 44), Column("Anzahl", INTEGER, 10, True),
                                Column("Stunden", HOURS, 10, True)), rep.by_topic())
        wb.add_table("Teilnehmende", (
            Column("Nr", INTEGER, 8), Column("Jahrgang", TEXT, 10), Column("Status 31.12.", TEXT, 15),
            Column("seit", DATE, 12), Column("Beginn", DATE, 12), Column("Kita", TEXT, 28), Column("Träger", TEXT, 28),
            Column("Berufskolleg", TEXT, 28), Column("Klasse", TEXT, 10), Column("Förderer", TEXT, 24)),
            [(p.nr, cohort_label(p.jahrgang), p.status, p.seit, p.person.beginn, p.person.kita, p.person.traeger,
              p.person.berufskolleg, p.person.klasse, p.person.foerderer) for p in rep.participants])
        wb.add_info("Info", [(TITLE, None), ("Bericht", scope_text(rep)),
                             ("Koordinationstätigkeiten", str(rep.activity_count)),
                             ("Koordinationsstunden", hours(rep.activity_hours)),
                             ("Erstellt am", datetime.now().strftime("%d.%m.%Y %H:%M")), ("Erstellt von", created_by),
                             ("Absender", SENDER)])
    return Path(path)


def _q(value: Decimal | None) -> str:
    return "–" if value is None else f"{number(value, 1)} %"


def write_qik_pdf(rep: QikReport, path: str | Path, created_by: str = "") -> Path:
    """The report for the ministry as PDF: overview per cohort, chart, coordination work."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from kitadesk.reports.charts import bar_chart, data_table, pdf_styles, write_pdf

    st = pdf_styles()
    width = 174 * mm
    total = rep.total
    story = [Paragraph(f"Bericht {TITLE}", st["title"]),
             Paragraph(f"{SENDER}<br/>{scope_text(rep)} · erstellt am {datetime.now():%d.%m.%Y}"
                       + (f" von {created_by}" if created_by else ""), st["subtitle"])]
    h = rep.activity_hours
    summary = (f"Im Jahr {rep.jahr} waren <b>{plural(total.teilnehmende, 'Person', 'Personen')}</b> im Programm "
               f"erfasst; am 31.12. <b>{total.stand[1]}</b> in Ausbildung, <b>{total.stand[0]}</b> interessiert. Im "
               f"Jahr gab es <b>{plural(total.abschluesse, 'Abschluss', 'Abschlüsse')}</b> und "
               f"<b>{plural(total.abbrueche, 'Abbruch', 'Abbrüche')}</b> (Abschlussquote bis 31.12.: "
               f"{_q(total.abschlussquote)}). Für die Koordination wurden "
               f"<b>{plural(rep.activity_count, 'Tätigkeit', 'Tätigkeiten')}</b> mit zusammen "
               f"<b>{hours(h)} {'Stunde' if h == 1 else 'Stunden'}</b> dokumentiert.")
    story += [Paragraph(summary, st["body"]), Paragraph("1. Teilnehmende nach Status und Jahrgang", st["h2"])]
    groups = ("", "", "Stand am 31.12.", "", "", "", "Änderungen im Berichtsjahr", "", "", "", "")
    head = ("Jahrgang", "Teil-\nnehmende", "inter-\nessiert", "in Aus-\nbildung", "abge-\nschlossen",
            "abge-\nbrochen", "neu", "Ausbildung\nbegonnen", "Ab-\nschlüsse", "Ab-\nbrüche", "Quote")
    rows = [groups, head] + [(r[0], *(str(v) for v in r[1:10]), _q(r[10])) for r in cohort_rows(rep)]
    spans = [("SPAN", (2, 0), (5, 0)), ("SPAN", (6, 0), (9, 0)), ("ALIGN", (2, 0), (9, 0), "CENTER"),
             ("LINEBELOW", (2, 0), (5, 0), 0.4, HexColor("#9bb3cc")),
             ("LINEBELOW", (6, 0), (9, 0), 0.4, HexColor("#9bb3cc"))]
    story.append(data_table(rows, [17 * mm, 17 * mm] + [16 * mm] * 4 + [12 * mm, 19 * mm, 16 * mm, 16 * mm, 14 * mm],
                            total_last=True, header_rows=2, size=7.5, padding=4, extra=spans))
    story.append(Paragraph("Stand 31.12. = Status am Jahresende; „im Jahr“ = Änderungen mit Datum im Berichtsjahr; "
                           "Quote = Abschlüsse / (Abschlüsse + Abbrüche) bis 31.12.", st["small"]))
    chart = bar_chart("Teilnehmende am 31.12. nach Status", list(STATUSES),
                      [("Teilnehmende", list(total.stand))], width=width / 2 - 6, height=160)
    hours_chart = bar_chart(f"Koordinationsstunden je Monat {rep.jahr}", list(MONTHS),
                            [("Stunden", rep.hours_by_month())], width=width / 2 - 6, height=160, value_labels=False)
    from reportlab.platypus import Table
    story += [Spacer(1, 8), Table([[chart, hours_chart]], colWidths=[width / 2] * 2,
                                  style=[("LEFTPADDING", (0, 0), (-1, -1), 0)])]
    story.append(Paragraph("2. Koordinationstätigkeiten", st["h2"]))
    topics = [("Thema", "Anzahl", "Stunden")] + [(t, str(n), hours(h)) for t, n, h in rep.by_topic()]
    topics.append(("Summe", str(rep.activity_count), hours(rep.activity_hours)))
    story.append(KeepTogether([data_table(topics, [110 * mm, 25 * mm, 25 * mm], total_last=True)]))
    story.append(Spacer(1, 8))
    cell = st["cell"]
    acts = [("Datum", "Thema", "Partner", "Std.")] + [
        (day(a.datum), Paragraph(a.thema, cell), Paragraph(a.partner or "–", cell), hours(a.stunden))
        for a in rep.activities]
    if rep.activities:
        story.append(data_table(acts, [20 * mm, 62 * mm, 76 * mm, 16 * mm], right_from=3))
    else:
        story.append(Paragraph("Keine Koordinationstätigkeiten im Berichtsjahr erfasst.", st["body"]))
    write_pdf(path, f"QiK-Bericht {rep.jahr}", story, footer=f"KitaDesk · QiK-Bericht · {scope_text(rep)}")
    return Path(path)
