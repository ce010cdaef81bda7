"""DIN 5008 Form B positions, measured in the PDF (R-V4)."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from kitadesk.reports.letters import layout, samples

from .conftest import positions

MM = 72 / 25.4


@pytest.fixture(scope="module")
def carer_pos(rendered):
    return positions(rendered["bescheid-tpp-1"])


def test_address_sits_in_the_form_b_window(carer_pos):
    letter = samples.carer_bescheid()
    for line in letter.address.lines:
        x, top = carer_pos[line]
        assert x == pytest.approx(25, abs=0.1)                    # Fluchtlinie 25 mm (field from 20 mm)
        assert 45 + 17.7 <= top <= 90                             # Anschriftzone: 62.7 … 90 mm from the top
    x, top = carer_pos["Stadt Moers · Fachdienst Jugend · Rathausplatz 1 · 47441 Moers"]
    assert x == pytest.approx(25, abs=0.1) and 45 <= top <= 45 + 17.7   # Zusatz- und Vermerkzone


def test_information_block_right_from_50_mm_date_last(carer_pos):
    labels = ["Sozialraumteam", "Ansprechperson", "Zimmer", "Telefon", "E-Mail", "Aktenzeichen", "Datum"]
    tops = []
    for label in labels:
        x, top = carer_pos[label]
        assert x == pytest.approx(125, abs=0.1)
        tops.append(top)
    assert tops == sorted(tops) and tops[0] >= 50 and tops[-1] < 98.5
    assert carer_pos["20.03.2026"][1] == pytest.approx(carer_pos["Datum"][1], abs=0.01)


def test_letterhead_above_45_mm_and_subject_below_the_address_field(carer_pos):
    assert carer_pos["Stadt Moers"][1] < 45
    x, top = carer_pos["Laufende Geldleistung für die Kindertagespflege ab April 2026"]
    assert x == pytest.approx(25, abs=0.1) and 98.5 <= top <= 105


def test_fold_and_punch_marks_on_the_left_edge(rendered):
    page = PdfReader(BytesIO(rendered["bescheid-tpp-1"])).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    height = float(page.mediabox.height)
    # every "x0 y0 m x1 y1 l" line segment, in mm from the top-left corner
    segments = [(float(a) / MM, (height - float(b)) / MM, float(c) / MM)
                for a, b, c in re.findall(r"(-?[\d.]+) (-?[\d.]+) m (-?[\d.]+) -?[\d.]+ l", content)]
    left_marks = sorted(round(top, 1) for x0, top, x1 in segments if x0 < 5 and x1 < 12)
    assert left_marks == [105.0, 148.5, 210.0]


def test_layout_constants_are_din_5008_form_b():
    assert (layout.ADDRESS_X / MM, layout.ADDRESS_TOP / MM) == pytest.approx((20, 45))
    assert (layout.ADDRESS_W / MM, layout.ADDRESS_H / MM) == pytest.approx((85, 45))
    assert (layout.NOTE_ZONE_H + layout.ANSCHRIFT_H) / MM == pytest.approx(45)
    assert layout.ANSCHRIFT_LINES == 6 and layout.NOTE_LINES == 5
    assert [m / MM for m in layout.FOLD_MARKS] == pytest.approx([105, 210])
    assert layout.PUNCH_MARK / MM == pytest.approx(148.5)
    assert (layout.INFO_X / MM, layout.INFO_TOP / MM) == pytest.approx((125, 50))
    assert layout.LEFT / MM == pytest.approx(25) and (layout.PAGE_W - layout.RIGHT) / MM == pytest.approx(20)
