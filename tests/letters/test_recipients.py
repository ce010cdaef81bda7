"""Recipients of letters: salutation from the record (R-V2) and no letter without a town (issue 15 item 10)."""

import pytest

from kitadesk.errors import InputError
from kitadesk.models import Carer, Child
from kitadesk.ops.letters import due_letters, produce_month, refuse_application, reprint
from tests.letters.pdftext import flat, pdf_text
from tests.letters.scenario import TODAY, USER


def _set(store, model, key_id, **values):
    with store.session(USER) as s:
        record = s.get(model, key_id)
        for name, value in values.items():
            setattr(record, name, value)
        s.commit()


def test_r_v2_letter_without_ort_is_refused_naming_the_record(store, april):
    _set(store, Child, april["K1"], ort="")
    _set(store, Carer, april["A"], ort=" ")
    due = {d.nr: d for d in due_letters(store, USER, 2026, 4).letters}
    assert due["K1"].problem.startswith("Anschrift der Sorgeberechtigten von Kind K1")
    assert "Ort fehlt" in due["K1"].problem and "Ort fehlt" in due["A"].problem
    assert "Tagespflegeperson A" in due["A"].problem
    result = produce_month(store, USER, 2026, 4, today=TODAY)
    assert {a.aktenzeichen.split("-")[2].split("/")[0] for a in result.letters} == {"K2"}
    with pytest.raises(InputError, match="Kind K1 .*Ort fehlt"):
        refuse_application(store, USER, "Kein Platz.", child_id=april["K1"], today=TODAY)


def test_r_v2_salutation_from_sorgeberechtigte_without_titles(store, april):
    _set(store, Child, april["K2"], sorgeberechtigte="Olga Brandt, Piet Brandt")
    result = produce_month(store, USER, 2026, 4, kind="parent", today=TODAY)
    texts = [flat(pdf_text(reprint(store, USER, a.id))) for a in result.letters]
    assert any("Guten Tag Olga Brandt und Piet Brandt," in t for t in texts)
    assert not any("Sehr geehrte Damen und Herren" in t for t in texts)


def test_r_v2_carer_without_geschlecht_is_greeted_by_name(store, april):
    _set(store, Carer, april["A"], geschlecht="d")
    result = produce_month(store, USER, 2026, 4, kind="carer", today=TODAY)
    text = flat(pdf_text(reprint(store, USER, result.letters[0].id)))
    assert "Guten Tag Anna Sonnenschein," in text
