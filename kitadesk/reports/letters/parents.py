"""Parents' Bescheid: Förderung and Elternbeitrag (R-V1, R-V4, berechnung.md §9)."""

from __future__ import annotations

from reportlab.platypus import Spacer

from kitadesk.domain.periods import Term, phrase
from kitadesk.formats import day, hours, money
from kitadesk.reports.letters.data import ParentsBescheid
from kitadesk.reports.letters.layout import (
    block,
    closing,
    common_values,
    opening,
    reasons_section,
    rechtsbehelf,
    section,
)
from kitadesk.reports.letters.tables import care_terms_table, facts_table, fee_periods_table, span_text, steps_table
from kitadesk.reports.letters.textblocks import render_text


def care_period(letter: ParentsBescheid) -> str:
    if letter.care_to is None:
        return f"ab dem {day(letter.care_from)}"
    return f"vom {day(letter.care_from)} bis zum {day(letter.care_to)}"


def _terms(letter: ParentsBescheid) -> list[Term]:
    return [Term(t.von, t.bis, t.weekly_hours) for t in letter.care_terms] or [
        Term(letter.care_from, letter.care_to, letter.weekly_hours)]


def _fees(letter: ParentsBescheid) -> list[Term]:
    return [Term(f.von, f.bis, f.monthly_fee) for f in letter.fee_periods] or [
        Term(letter.fee_from, None, letter.monthly_fee)]


def _bands(letter: ParentsBescheid) -> str:
    """The hours band of Anlage 2, per fee period when it changes."""
    if len(letter.fee_periods) < 2:
        return letter.hours_band
    return phrase([Term(f.von, f.bis, f.hours_band) for f in letter.fee_periods], str)


def values(letter: ParentsBescheid) -> dict[str, str]:
    """Hours and fee name every period with its dates when there is more than one (R-V4)."""
    return common_values(letter) | {
        "kind_name": letter.child_name, "kind_geburtsdatum": day(letter.child_birthdate),
        "tpp_name": letter.carer_name, "antrag_datum": day(letter.application_date),
        "zeitraum": care_period(letter), "wochenstunden": phrase(_terms(letter), hours),
        "einkommensstufe": letter.income_bracket, "stundenband": _bands(letter),
        "betrag": phrase(_fees(letter), money), "beitrag_ab": day(letter.fee_from),
    }


def _fee_steps(letter: ParentsBescheid) -> list[tuple[str, str]]:
    steps = [("Beitrag nach Anlage 2 der Elternbeitragssatzung", money(letter.table_fee))]
    if letter.exempt_reason:
        steps.append((f"Beitragsfreiheit: {letter.exempt_reason}", money(-letter.table_fee)))
    if letter.sibling_reduction:
        steps.append((f"Geschwisterregelung: {letter.sibling_note}", money(-letter.sibling_reduction)))
    if letter.waiver_percent is not None:
        # hours() prints a Decimal without trailing zeros: 50 → '50', 12.5 → '12,5'
        steps.append((f"Ermäßigung {hours(letter.waiver_percent)} % "
                      f"ab dem {day(letter.waiver_from)}", money(-letter.waiver_amount)))
    return steps


def _terms_table(letter: ParentsBescheid) -> list:
    """Every placement version in the letter's period with its dates, hours and time plan."""
    if not letter.care_terms:
        return []
    return [Spacer(1, 4), care_terms_table(letter.care_terms)]


def _fee_label(letter: ParentsBescheid) -> str:
    first = _fees(letter)[0]
    if first.bis is None:
        return f"Monatlicher Elternbeitrag ab dem {day(letter.fee_from)}"
    return f"Monatlicher Elternbeitrag {span_text(first.von, first.bis)}"


def _fee_table(letter: ParentsBescheid) -> list:
    """The fee per period when it changes within the letter's period (R-E3: whole months)."""
    if len(letter.fee_periods) < 2:
        return []
    return [Spacer(1, 6), fee_periods_table(letter.fee_periods)]


def story(letter: ParentsBescheid) -> tuple[str, list]:
    v = values(letter)
    subject = render_text("eltern.betreff", v, letter.text_overrides)
    flow = opening(subject, v, letter)
    flow += block("eltern.entscheidung", v, letter)
    until = day(letter.care_to) if letter.care_to else "unbefristet"
    flow += section("Förderung", [facts_table([
        ("Kind", f"{letter.child_name}, geboren am {day(letter.child_birthdate)}"),
        ("Kindertagespflegeperson", letter.carer_name),
        ("Förderung", f"vom {day(letter.care_from)} bis {until}" if letter.care_to
         else f"ab dem {day(letter.care_from)} ({until})"),
        *([("Wöchentliche Betreuungszeit", f"{hours(letter.weekly_hours)} Stunden")]
          if not letter.care_terms else []),
    ]), *_terms_table(letter)])
    facts = [("Beitragstabelle", f"Kinder {letter.age_group}"),
             ("Einkommensstufe", letter.income_bracket),
             ("Betreuungsumfang", _bands(letter))]
    if letter.sibling_note and not letter.sibling_reduction:
        facts.append(("Geschwisterregelung", letter.sibling_note))
    flow += section("Elternbeitrag", [
        facts_table(facts),
        Spacer(1, 4),
        steps_table(_fee_steps(letter), (_fee_label(letter), money(letter.monthly_fee))),
        *_fee_table(letter),
    ])
    flow += reasons_section("eltern.begruendung", v, letter)
    flow += section("Hinweise", block("eltern.hinweise", v, letter))
    flow += rechtsbehelf(v, letter)
    flow += closing(v, letter)
    return subject, flow
