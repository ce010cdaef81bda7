"""The archive (R-V3): reprints are byte-identical, batches are one transaction, re-runs never duplicate."""

import hashlib

import pytest
from sqlalchemy import func, select, update

from kitadesk.errors import KitaDeskError
from kitadesk.models import Letter
from kitadesk.ops.letters import archive_list, archived_input, due_letters, letters_for, produce_month, reprint
from kitadesk.ops.letters import batch as batch_module
from kitadesk.ops.payout import Cancelled
from kitadesk.reports.letters import render_letter
from tests.letters.scenario import TODAY, USER


def _count(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Letter))


def test_r_v3_reprint_returns_the_identical_bytes_and_the_input_renders_them_again(store, april, tmp_path):
    result = produce_month(store, USER, 2026, 4, out_dir=tmp_path, today=TODAY)
    assert len(result.letters) == 3 and len(result.files) == 3
    for archived, path in zip(result.letters, result.files):
        pdf = reprint(store, USER, archived.id)
        assert pdf == path.read_bytes() and hashlib.sha256(pdf).hexdigest() == archived.sha256
        assert render_letter(archived_input(store, USER, archived.id)) == pdf
    with store.session() as s:
        row = s.scalar(select(Letter).where(Letter.art == "tpp"))
        assert (row.erstellt_von, row.datum, row.empfaenger) == (USER, TODAY, "Sonnenschein, Anna")
        assert row.eingabe["anlass"].startswith("neue Tagespflegeperson")
    assert result.combined_path.name == "Druckdatei_2026-04.pdf"
    assert result.combined_path.read_bytes() == result.combined


def test_r_v3_rerun_adds_nothing_and_the_list_shows_archived(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    again = produce_month(store, USER, 2026, 4, today=TODAY)
    assert again.letters == () and len(again.skipped) == 3 and again.combined is None
    listed = due_letters(store, USER, 2026, 4).letters
    assert all(d.archived_id is not None and d.status == "archiviert" for d in listed)
    assert _count(store) == 3


def test_r_v3_cancel_archives_nothing(store, april):
    seen = []

    def progress(done, total):
        seen.append((done, total))

    with pytest.raises(Cancelled):
        produce_month(store, USER, 2026, 4, progress=progress, cancel=lambda: len(seen) >= 2, today=TODAY)
    assert _count(store) == 0
    assert len(produce_month(store, USER, 2026, 4, today=TODAY).letters) == 3


def test_r_v3_crash_while_archiving_leaves_nothing_and_the_rerun_continues(store, april, monkeypatch):
    real = batch_module.store_letters

    def crash(session, user, items, extra=None):
        real(session, user, items[:1], extra)  # one row written, then the process "dies"
        raise RuntimeError("Stromausfall")

    monkeypatch.setattr(batch_module, "store_letters", crash)
    with pytest.raises(RuntimeError):
        produce_month(store, USER, 2026, 4, today=TODAY)
    assert _count(store) == 0
    monkeypatch.setattr(batch_module, "store_letters", real)
    produce_month(store, USER, 2026, 4, kind="carer", today=TODAY)  # a partial batch …
    rest = produce_month(store, USER, 2026, 4, today=TODAY)        # … and the rest, no duplicates
    assert [a.art for a in rest.letters] == ["eltern", "eltern"] and _count(store) == 3


def test_letters_for_carer_and_child_and_the_archive_list(store, april):
    produce_month(store, USER, 2026, 4, today=TODAY)
    assert [a.art for a in letters_for(store, carer_id=april["A"])] == ["tpp"]
    (k2,) = letters_for(store, child_id=april["K2"])
    assert k2.label == "Bescheid Eltern" and k2.aktenzeichen == "51.3-MS-K2/2026"
    assert len(archive_list(store, USER)) == 3
    roth = [a.id for a in letters_for(store, child_id=april["K1"])]
    assert [a.id for a in archive_list(store, USER, search="roth")] == roth
    assert archive_list(store, USER, art="tpp", period="2026-04")[0].betreff.startswith("Laufende Geldleistung")


def test_r_v3_reprint_refuses_damaged_bytes(store, april):
    produce_month(store, USER, 2026, 4, kind="carer", today=TODAY)
    with store.session() as s:
        s.execute(update(Letter).values(pdf=b"%PDF-kaputt"))
        s.commit()
        letter_id = s.scalar(select(Letter.id))
    with pytest.raises(KitaDeskError, match="beschädigt"):
        reprint(store, USER, letter_id)


def test_print_file_keeps_every_page_and_text_in_order(store, april, monkeypatch):
    from io import BytesIO

    from pypdf import PdfReader

    from kitadesk.reports.letters import combine

    result = produce_month(store, USER, 2026, 4, today=TODAY)
    pdfs = [reprint(store, USER, a.id) for a in result.letters]
    fast = batch_module.print_file(pdfs, "Druckdatei 2026-04 (3 Briefe)")
    assert fast == result.combined and fast == batch_module.print_file(pdfs, "Druckdatei 2026-04 (3 Briefe)")
    reader, slow = PdfReader(BytesIO(fast), strict=True), PdfReader(BytesIO(combine(pdfs)))
    assert [p.extract_text() for p in reader.pages] == [p.extract_text() for p in slow.pages]
    assert len(reader.pages) == sum(len(PdfReader(BytesIO(p)).pages) for p in pdfs) == 6
    assert reader.metadata.title == "Druckdatei 2026-04 (3 Briefe)"

    def refuse(pdfs, title):
        raise ValueError("kein ReportLab-PDF")

    monkeypatch.setattr(batch_module, "combine_fast", refuse)  # anything else: pypdf
    assert len(PdfReader(BytesIO(batch_module.print_file(pdfs, "x"))).pages) == 6


def test_render_all_in_worker_processes_gives_the_same_bytes_and_can_be_cancelled(monkeypatch):
    from kitadesk.reports.letters import samples

    letters = [samples.carer_bescheid(2, i) for i in range(4)]
    monkeypatch.setattr(batch_module, "PER_WORKER", 1)
    seen = []
    pdfs = batch_module.render_all(letters, progress=lambda done, total: seen.append(done), workers=2)
    assert pdfs == [render_letter(letter) for letter in letters] and seen[-1] == 4
    with pytest.raises(Cancelled):
        batch_module.render_all(letters, cancel=lambda: True, workers=2)
