"""Layout test (issue 15 item 4): no text leaves the printable area and no two text boxes overlap —
every letter kind with the longest real values, the payout list and the statistics PDF.

Text boxes are read back with PDFium (pypdfium2: one box per text run of a line), independent of
how the PDF was written (tests/letters/pdfboxes.py).
"""

import dataclasses
from datetime import date
from decimal import Decimal as D

import pytest

from kitadesk.ops.letters import rueckforderung
from kitadesk.reports.data import STATUS_FINAL, PayoutReport
from kitadesk.reports.letters import Aenderungsbescheid, Change, LetterLine, render_letter, samples
from kitadesk.reports.payout_list import write_payout_list
from tests.letters.pdfboxes import layout_problems, text_boxes
from tests.letters.pdftext import pdf_text
from tests.reports.payout_fixtures import make_report

LONG = samples.LONG_NAME


def _rueckforderung() -> Aenderungsbescheid:
    """Rückforderung as the ops build it: an Änderungsbescheid with its own text blocks."""
    a, e = date(2026, 9, 1), date(2026, 9, 30)
    lines = tuple(LetterLine(f"Maximilian-Alexander {LONG}", "Korrektur: Zuschlag besonderer Bedarf", "Nr. 5.1", a,
                             e, None, None, D("-312.40")) for _ in range(8))
    return samples.longest(Aenderungsbescheid(
        **samples._head(("Frau", LONG), "", "x", date(2026, 10, 2)), topic="die laufende Geldleistung",
        previous_date=a, effective_from=a, changes=(), amount_label="Zu erstattender Betrag", old_amount=D("0.00"),
        new_amount=D("2499.20"), lines=lines, text_overrides=rueckforderung.overrides({})))


KINDS = {**{f"{name} (lang)": letter for name, letter in samples.longest_samples().items()},
         "rueckforderung (lang)": _rueckforderung(), **samples.all_samples()}


@pytest.mark.parametrize("name", list(KINDS))
def test_r_v2_letter_text_stays_on_the_paper_without_overlaps(name):
    problems = layout_problems(render_letter(KINDS[name]))
    assert problems == [], "\n".join(problems[:20])


def test_r_v2_long_office_name_wraps_in_the_information_block():
    pdf = render_letter(KINDS["bescheid-tpp (lang)"])
    boxes, (width, _) = text_boxes(pdf)
    srt = [b for b in boxes if b.page == 1 and "Kindertagespflege" in b.text and b.left > width / 2]
    assert len(srt) >= 2                                     # wrapped onto lines of its own
    assert max(b.right for b in boxes) < width - 9 * 72 / 25.4   # nothing runs into the right 9 mm


def test_r_v2_continuation_header_names_recipient_without_overprinting():
    pdf = render_letter(KINDS["bescheid-tpp (lang)"])
    boxes, _ = text_boxes(pdf)
    page2 = [b for b in boxes if b.page == 2]
    assert any(LONG in b.text for b in page2) and any("Schreiben vom" in b.text for b in page2)


def test_soft_hyphens_are_drawn_only_at_a_break_and_long_words_are_divided():
    word = "Kindertagespflegepersonenqualifizierungsnachweisbescheinigungsunterlagenaufbewahrungsfrist"
    shy = "Sozial\u00adraum\u00adteam"
    base = samples.ablehnung()
    letter = dataclasses.replace(base, reason=f"{shy} steht mitten in der Zeile. {word} ist länger als eine Zeile. "
                                              + " ".join([shy] * 40))
    pdf = render_letter(letter)
    text = pdf_text(pdf)
    assert "\u00ad" not in text
    assert "Sozialraumteam steht mitten in der Zeile." in text
    assert any(line.endswith("-") and line[:-1].split()[-1] in {"Sozial", "Sozialraum"}
               for line in text.splitlines())                  # a soft hyphen at a break becomes "-"
    pieces = [line.split()[-1] for line in text.splitlines() if line.endswith("-") and "Kinder" in line]
    assert pieces and word.startswith(pieces[0][:-1])          # the long word broke with a hyphen
    assert layout_problems(pdf) == []


def test_payout_list_title_and_run_number_never_overlap(tmp_path):
    base = make_report(STATUS_FINAL)
    info = dataclasses.replace(base.info, month=9, number="2026-09/12", created_by=LONG)
    carers = [dataclasses.replace(c, name=LONG, vorname="Maximilian-Alexander") for c in base.carers]
    lines = [dataclasses.replace(ln, bis=date(2026, 9, 30)) for ln in base.lines]
    path = write_payout_list(PayoutReport(info, carers, lines, [*base.warnings, f"TPP-Nr. 1 ({LONG}): " * 4]),
                             tmp_path / "liste.pdf")
    problems = layout_problems(path.read_bytes())
    assert problems == [], "\n".join(problems[:20])
    assert "Auszahlungsliste Kindertagespflege – September 2026" in pdf_text(path.read_bytes())


def test_statistics_pdf_keeps_its_text_apart(sqlite_store, tmp_path):
    from kitadesk.ops.statistics import office
    from kitadesk.reports.statistics import write_office_pdf
    from tests.statistics.factory import STICHTAG, generate

    generate(sqlite_store, children=60)
    fig = office(sqlite_store, "anna", STICHTAG, (2025, 4), (2026, 3))
    pdf = write_office_pdf(fig.stock, fig.money, tmp_path / "zahlen.pdf", LONG).read_bytes()
    problems = layout_problems(pdf)
    assert problems == [], "\n".join(problems[:20])


def test_table_cells_divide_long_words_and_hide_soft_hyphens():
    subject = "Wöchentliche Betreuungs\u00adzeit des Kindes Kindertagespflegepersonenqualifizierungsnachweis"
    letter = dataclasses.replace(samples.aenderungsbescheid(), changes=(Change(subject, "35 Stunden", "40 Stunden"),))
    lines = pdf_text(render_letter(letter)).splitlines()
    assert "\u00ad" not in "".join(lines)
    assert "Wöchentliche Betreuungszeit des Kindes" in lines
    divided = [line for line in lines if line.startswith("Kindertagespflege") and line.endswith("-")]
    assert divided and "Kindertagespflegepersonenqualifizierungsnachweis".startswith(divided[0][:-1])
