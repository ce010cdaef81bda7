"""Periods a letter states (R-K4, R-V4, R-E3): kitadesk/domain/periods.py."""

from datetime import date

from kitadesk.domain.periods import Term, clip_versions, merge_months, months_until, phrase


def test_r_k4_versions_are_clipped_to_the_letters_period():
    versions = [(date(2026, 1, 1), 35), (date(2026, 11, 16), 20), (date(2027, 2, 1), 30)]
    assert clip_versions(versions, date(2026, 10, 1), None) == [
        Term(date(2026, 10, 1), date(2026, 11, 15), 35), Term(date(2026, 11, 16), date(2027, 1, 31), 20),
        Term(date(2027, 2, 1), None, 30)]
    assert clip_versions(versions, date(2026, 10, 1), date(2026, 11, 30)) == [
        Term(date(2026, 10, 1), date(2026, 11, 15), 35), Term(date(2026, 11, 16), date(2026, 11, 30), 20)]
    assert clip_versions(versions, date(2026, 12, 1), date(2026, 12, 31)) == [
        Term(date(2026, 12, 1), date(2026, 12, 31), 20)]


def test_r_e3_months_with_equal_fees_merge_the_last_stays_open():
    months = [(date(2026, 10, 1), date(2026, 10, 31), 60), (date(2026, 11, 1), date(2026, 11, 30), 50),
              (date(2026, 12, 1), date(2026, 12, 31), 50)]
    assert merge_months(months) == [Term(date(2026, 10, 1), date(2026, 10, 31), 60),
                                    Term(date(2026, 11, 1), None, 50)]
    assert merge_months(months, open_end=False)[-1] == Term(date(2026, 11, 1), date(2026, 12, 31), 50)


def test_r_v4_phrase_names_every_period_with_its_dates():
    terms = [Term(date(2026, 10, 1), date(2026, 11, 15), "35"), Term(date(2026, 11, 16), date(2026, 12, 31), "20"),
             Term(date(2027, 1, 1), None, "30")]
    assert phrase(terms[:1], str) == "35"
    assert phrase(terms, str) == ("35 (bis zum 15.11.2026), 20 (vom 16.11.2026 bis zum 31.12.2026) "
                                  "bzw. 30 (ab dem 01.01.2027)")


def test_months_until_covers_both_ends():
    assert months_until(date(2026, 11, 16), date(2027, 1, 1)) == [(2026, 11), (2026, 12), (2027, 1)]
    assert months_until(date(2026, 11, 16), date(2026, 10, 1)) == [(2026, 11)]
