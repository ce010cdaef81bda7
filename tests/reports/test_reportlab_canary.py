"""Canary for the ReportLab internals the letters rely on (issue 17.6).

reports/letters/fontcache.py replaces TTFontFile.makeSubset (per face), PDFZCompress.encode and
PDFArray.format in the letter worker processes; fasttext.py writes PDF operators straight into
canvas._code with the fonts' splitString/getSubsetInternalName. None of that is public API. When
a ReportLab release changes one of these functions, this test fails and says what to re-check
before the pin in pyproject.toml (reportlab>=4.5,<4.6) and the hashes below are moved on.
"""

import hashlib
import inspect
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import reportlab
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfgen import canvas

from kitadesk.reports.fonts import REGULAR, register_fonts
from kitadesk.reports.letters import fontcache
from tests.reports import canary_probe

PINNED_MINOR = "4.5"

# (function, signature, sha256 of its source[:16], what our code assumes of it)
RELIED_ON = [
    (ttfonts.TTFontFile.makeSubset, "(self, subset)", "25b6baf377941767",
     "fontcache._memo_subset: the subset bytes depend only on the glyph list (memoised per face)"),
    (pdfdoc.PDFStreamFilterZCompress.encode, "(self, text)", "b6d014860e42d048",
     "fontcache._memo_encode: PDFZCompress.encode(text) = zlib.compress of the bytes, an instance attribute"),
    (pdfdoc.PDFArray.format, "(self, document, IND=b'\\n ')", "fc30311a1fbb5aae",
     "fontcache._memo_numbers: a number array formats without the document (document=None)"),
    (pdfdoc.PDFArray.__init__, "(self, sequence)", "1fea103d3dee50fc",
     "fontcache._memo_numbers: PDFArray(numbers) with .sequence and .multiline"),
    (ttfonts.TTFont.splitString, "(self, text, doc, encoding='utf-8')", "95205a99dcbbf1ed",
     "fontcache.seed / fasttext._encoded: subset codes assigned in first-use order per document"),
    (ttfonts.TTFont.getSubsetInternalName, "(self, subset, doc)", "a9d1262f594ae167",
     "fasttext.draw_texts: the font resource name of a subset in this document"),
]


def _source_hash(fn) -> str:
    return hashlib.sha256(inspect.getsource(fn).encode()).hexdigest()[:16]


def test_issue17_6_reportlab_is_the_pinned_minor_version():
    assert reportlab.Version.startswith(PINNED_MINOR + "."), (
        f"ReportLab {reportlab.Version} statt {PINNED_MINOR}.x: die Patches in reports/letters/fontcache.py "
        "und fasttext.py gegen die neue Version prüfen (siehe die Hashes in diesem Test), dann Pin in "
        "pyproject.toml, Lock-Dateien und PINNED_MINOR anpassen.")


def test_issue17_6_the_patched_reportlab_functions_are_unchanged():
    changed = []
    for fn, signature, digest, assumption in RELIED_ON:
        name = f"{fn.__module__}.{fn.__qualname__}"
        if str(inspect.signature(fn)) != signature or _source_hash(fn) != digest:
            changed.append(f"{name}{inspect.signature(fn)} (Hash {_source_hash(fn)}): prüfen, ob noch gilt — {assumption}")
    assert not changed, "ReportLab hat geänderte Interna; vor dem Update prüfen:\n" + "\n".join(changed)


def test_issue17_6_the_attributes_fasttext_and_fontcache_use_still_exist():
    source = inspect.getsource(canvas.Canvas)
    assert "self._code = []" in source or "self._code=[]" in source, (
        "Canvas._code (Liste der PDF-Operatoren der Seite) fehlt: fasttext.draw_texts schreibt hinein — prüfen.")
    assert "self._doc" in source, "Canvas._doc fehlt: fasttext und fontcache.seed brauchen das Dokument."
    assert isinstance(pdfdoc.PDFZCompress, pdfdoc.PDFStreamFilterZCompress), (
        "pdfdoc.PDFZCompress ist keine Filter-Instanz mehr: fontcache.install ersetzt ihr encode — prüfen.")
    register_fonts()
    face = pdfmetrics.getFont(REGULAR).face
    assert isinstance(face, ttfonts.TTFontFile), "Die Schrift-Face ist kein TTFontFile: fontcache memoisiert makeSubset."


def test_issue17_6_no_patch_in_this_process_after_letters_and_other_pdfs():
    """The window's/CLI's process renders letters (previews, small batches) with stock ReportLab."""
    from kitadesk.reports.letters import render_letter, samples

    render_letter(samples.carer_bescheid(2, 0))
    face = pdfmetrics.getFont(REGULAR).face
    assert "encode" not in vars(pdfdoc.PDFZCompress)
    assert pdfdoc.PDFArray.format.__qualname__ == "PDFArray.format"
    assert "makeSubset" not in vars(face)


def test_issue17_6_a_letter_worker_process_installs_the_patches():
    spawn = multiprocessing.get_context("spawn")  # as on Windows
    with ProcessPoolExecutor(1, mp_context=spawn, initializer=fontcache.install) as pool:
        assert pool.submit(canary_probe.patched).result() is True
    assert canary_probe.patched() is False  # this process stays stock
