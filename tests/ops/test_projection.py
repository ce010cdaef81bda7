"""The year ahead (issue 20): projection per month and SRT with scenarios, SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal as D
from fractions import Fraction

from kitadesk.domain.money import round_half_up
from kitadesk.domain.projection import ABGESCHLOSSEN, GESAMT, HOCHRECHNUNG, Scenario
from kitadesk.domain.raise_ import raised
from kitadesk.ops.fees import fee_list
from kitadesk.ops.payout import compute_draft, finalize
from kitadesk.ops.projection import projection
from kitadesk.ops.settings import set_setting
from tests.support.factory import make_carer, make_child, place, worked_example
from tests.support.fee_data import family, fee_table

F = Fraction(52, 12)  # Monatsfaktor (default)
TODAY = date(2026, 3, 15)


def seed(store):
    with store.session("test") as s:
        data = worked_example(s)
        fee_table(s)
        rich = family(s, "F1", D("50000"))
        data["K1"].family_id = rich.id
        ost = make_carer(s, "B", srt="Ost", qualifikation="Basis")
        other = family(s, "F2", D("40000"))
        k3 = make_child(s, "K3", srt="Ost", geburtsdatum=date(2023, 9, 15), family_id=other.id)
        place(s, k3, ost, date(2026, 2, 1), hours="25")
        s.commit()


def test_r_g1_finalized_month_shows_the_run_and_open_month_equals_the_draft(store):
    seed(store)
    april = finalize(store, "test", compute_draft(store, "test", 2026, 4).run_id)
    base, scenario = projection(store, "test", 2026, today=TODAY)
    assert scenario is None
    assert base.months[3][GESAMT].status == ABGESCHLOSSEN
    assert base.months[3][GESAMT].payout == april.total
    assert base.months[4][GESAMT].status == HOCHRECHNUNG
    may = compute_draft(store, "test", 2026, 5)  # computed after the projection, nothing changed
    assert base.months[4][GESAMT].payout == may.total
    assert sum(base.months[4][GESAMT].positions.values()) == may.total
    # per SRT: carer A in Mitte/Süd, carer B in Ost
    assert base.months[4]["Mitte/Süd"].payout + base.months[4]["Ost"].payout == may.total
    assert base.months[4]["Ost"].payout > 0


def test_r_e1_projected_fees_equal_the_fee_list(store):
    seed(store)
    base, _ = projection(store, "test", 2026, today=TODAY)
    for month in (2, 4, 6):
        due = sum((r.amount_due or D(0)) for r in fee_list(store, "test", 2026, month).rows)
        assert base.months[month - 1][GESAMT].fees == due
    assert base.months[5]["Ost"].fees > 0


def test_r_g2_raise_scenario_changes_only_the_months_from_its_day(store):
    seed(store)
    base, up = projection(store, "test", 2026, Scenario(rate_percent=D("1.5"), rate_from=date(2026, 7, 1)),
                          today=TODAY)
    for month in range(1, 7):
        assert up.months[month - 1][GESAMT].payout == base.months[month - 1][GESAMT].payout
    qualified = raised(D("6.70"))  # 6.70 × 1.015 = 6.8005 → 6.80 (berechnung.md §2)
    assert qualified == D("6.80")
    for month in range(7, 13):
        mitte = up.months[month - 1]["Mitte/Süd"].positions
        # lines recomputed and rounded once per line: K1 35 h, K2 20 h at carer A (qualifiziert)
        expected = round_half_up(35 * F * Fraction(qualified)) + round_half_up(20 * F * Fraction(qualified))
        assert mitte["Betreuung"] == expected
        assert mitte["Mittelbare Bildungsarbeit"] == 2 * round_half_up(F * Fraction(qualified))
        assert mitte["Zuschlag besonderer Bedarf"] == round_half_up(35 * F * Fraction(qualified) * Fraction(3, 10))
        assert mitte["Randzeitenzuschlag"] == base.months[month - 1]["Mitte/Süd"].positions["Randzeitenzuschlag"]
        old = base.months[month - 1]["Mitte/Süd"].positions
        delta = sum(mitte[p] - old[p] for p in ("Betreuung", "Mittelbare Bildungsarbeit",
                                               "Zuschlag besonderer Bedarf"))
        basis_rate = raised(D("5.80"))  # carer B (Basis) in Ost, 25 h
        delta += (round_half_up(25 * F * Fraction(basis_rate)) + round_half_up(F * Fraction(basis_rate))
                  - round_half_up(25 * F * Fraction(D("5.80"))) - round_half_up(F * Fraction(D("5.80"))))
        assert up.months[month - 1][GESAMT].payout - base.months[month - 1][GESAMT].payout == delta
        assert up.months[month - 1][GESAMT].fees == base.months[month - 1][GESAMT].fees


def test_r_g2_next_year_without_confirmed_table_uses_the_proposal_marked(store):
    seed(store)
    base, up = projection(store, "test", 2027, Scenario(rate_percent=D("1.5"), rate_from=date(2027, 1, 1)),
                          today=TODAY)
    assert all(m[GESAMT].unconfirmed_rates for m in base.months)
    jan = base.months[0]["Mitte/Süd"].positions
    assert jan["Betreuung"] == round_half_up(35 * F * Fraction(raised(D("6.70")))) + \
        round_half_up(20 * F * Fraction(raised(D("6.70"))))
    twice = raised(raised(D("6.70")))
    assert up.months[0]["Mitte/Süd"].positions["Betreuung"] == round_half_up(35 * F * Fraction(twice)) + \
        round_half_up(20 * F * Fraction(twice))


def test_r_k1_leaving_at_3_per_setting(store):
    seed(store)  # K3 born 15.09.2023 → 3 on 15.09.2026
    base, _ = projection(store, "test", 2026, today=TODAY)  # default kitajahr: stays until 31.07.2027
    assert base.months[11]["Ost"].payout > 0
    set_setting(store, "test", "projektion_abgang_mit_3", "geburtstag")
    base, _ = projection(store, "test", 2026, today=TODAY)
    assert base.months[9]["Ost"].payout == 0 and base.months[9]["Ost"].fees == 0
    assert base.months[7]["Ost"].payout > 0
    later, _ = projection(store, "test", 2027, today=TODAY)
    assert later.months[0]["Ost"].payout == 0
    set_setting(store, "test", "projektion_abgang_mit_3", "kitajahr")
    kita, _ = projection(store, "test", 2027, today=TODAY)
    assert kita.months[6]["Ost"].payout > 0 and kita.months[7]["Ost"].payout == 0


def test_extra_places_add_the_srt_average(store):
    seed(store)
    base, more = projection(store, "test", 2026, Scenario(extra_places=2, extra_from=date(2026, 9, 1)),
                            today=TODAY)
    assert more.months[7][GESAMT].payout == base.months[7][GESAMT].payout
    ost_base, ost = base.months[8]["Ost"], more.months[8]["Ost"]
    # one child in Ost: two more places add twice its child-related lines
    child_lines = ost_base.positions["Betreuung"] + ost_base.positions["Mittelbare Bildungsarbeit"]
    assert ost.payout - ost_base.payout == 2 * child_lines
    assert ost.fees == 3 * ost_base.fees


def test_cli_hochrechnung_prints_months_and_writes_workbook_and_pdf(store, tmp_path, capsys):
    import openpyxl

    from kitadesk.cli import main

    seed(store)
    finalize(store, "test", compute_draft(store, "test", 2026, 4).run_id)
    xlsx, pdf = tmp_path / "h.xlsx", tmp_path / "h.pdf"
    code = main(["--db", store.url, "--user", "test", "hochrechnung", "2026", "--saetze-plus", "1,5", "--ab",
                 "01.07.2026", "--xlsx", str(xlsx), "--pdf", str(pdf)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Monat" in out and "Auszahlung" in out and "Elternbeiträge" in out and "Status" in out
    assert "04/2026" in out and "abgeschlossen" in out and "Hochrechnung" in out and " €" in out
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["Mitte-Süd", "Ost", "Nord", "Gesamt", "Info"]
    ws = wb["Gesamt"]
    header = [c.value for c in ws[1]]
    assert header[:8] == ["Monat", "Status", "Auszahlung", "Elternbeiträge", "Auszahlung Szenario",
                          "Elternbeiträge Szenario", "Differenz Auszahlung", "Differenz Elternbeiträge"]
    april = [c.value for c in ws[5]]
    assert april[1] == "abgeschlossen" and isinstance(april[2], float) and april[6] == 0
    info = {r[0]: r[1] for r in wb["Info"].iter_rows(min_row=2, values_only=True)}
    assert info["Sätze"] == "+1,5 % ab 01.07.2026"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["--db", store.url, "hochrechnung", "2026", "--saetze-plus", "1,5"]) == 1  # --ab missing
    assert main(["--db", store.url, "hochrechnung", "26"]) == 2


def test_fee_table_file_scenario(store, tmp_path):
    import openpyxl

    from kitadesk.ops.projection import with_fee_file

    seed(store)
    path = tmp_path / "beitraege.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Beitragstabelle"
    ws.append(["Gültig_ab", "Alter", "Einkommen_bis", "Stunden_bis", "Beitrag"])
    for alter in ("unter 3", "ab 3"):
        for bound in (18000, 36000, None):
            for band in (25, 35, 45):
                ws.append([date(2026, 8, 1), alter, bound, band, 0 if bound == 18000 else 200])
    wb.save(path)
    scenario = with_fee_file(Scenario(), str(path))
    base, new = projection(store, "test", 2026, scenario, today=TODAY)
    assert new.months[6][GESAMT].fees == base.months[6][GESAMT].fees
    assert new.months[7][GESAMT].fees == D("600.00")  # K1, K3 and K2 (no income declared: top bracket)
    assert new.months[7][GESAMT].payout == base.months[7][GESAMT].payout
    ws.delete_rows(3)
    wb.save(path)
    import pytest

    from kitadesk.errors import InputError
    with pytest.raises(InputError, match="unvollständig"):
        with_fee_file(Scenario(), str(path))


def test_reusing_unchanged_carers_and_families_gives_the_engine_result(sqlite_store):
    """Demo data (absences, substitutes, version changes, status changes, fee waivers, …): the
    projection with reuse of unchanged months equals computing every month in full."""
    from kitadesk.cli import main
    from kitadesk.domain.projection import project
    from kitadesk.ops.projection import load_basis

    assert main(["--db", sqlite_store.url, "demo"]) == 0
    with sqlite_store.session() as s:
        basis = load_basis(s, 2026, date(2026, 3, 1))
    scenario = Scenario(rate_percent=D("2"), rate_from=date(2026, 8, 1), randzeit=D("1.75"),
                        randzeit_from=date(2026, 10, 1))
    for sc in (Scenario(), scenario):
        fast, full = project(basis, sc, base=project(basis)), project(basis, sc, reuse_unchanged=False)
        for a, b in zip(fast.months, full.months, strict=True):
            for srt in b:
                assert (a[srt].payout, a[srt].fees, a[srt].positions, a[srt].children) == \
                    (b[srt].payout, b[srt].fees, b[srt].positions, b[srt].children), (srt, a[srt].month)


def _scaled(p, factor):
    """The projection with every amount × factor (a city ten times Moers' size)."""
    from dataclasses import replace

    return replace(p, months=[{srt: replace(f, payout=f.payout * factor, fees=f.fees * factor)
                               for srt, f in month.items()} for month in p.months])


def test_committee_pdf_has_no_overlapping_text_nor_text_off_the_page_even_at_10x(store, tmp_path):
    """Seen in the PDF: „Elternbeitr.Ausz. Szenario“ and a year total running into the next
    column. The text boxes read back with PDFium (tests/letters/pdfboxes.py)."""
    from kitadesk.reports.projection import write_projection_pdf
    from tests.letters.pdfboxes import layout_problems

    seed(store)
    base, other = projection(store, "test", 2026, Scenario(rate_percent=D("1.5"), rate_from=date(2026, 1, 1)))
    for factor, name in ((1, "klein.pdf"), (4000, "gross.pdf")):  # ~1.000 € → ~88 Mio. € a year
        path = write_projection_pdf(_scaled(base, factor), _scaled(other, factor), tmp_path / name, created_by="test")
        assert layout_problems(path.read_bytes()) == []
