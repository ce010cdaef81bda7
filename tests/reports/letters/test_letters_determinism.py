"""Identical input → identical bytes, also in a new process: archive reprints are byte-identical (R-V3)."""

import hashlib
import subprocess
import sys
from pathlib import Path

from kitadesk.reports.letters import render_letter, samples
from kitadesk.reports.letters.batch import render_many

ROOT = Path(__file__).resolve().parents[3]


def test_r_v3_rerender_is_byte_identical():
    for letter in samples.all_samples().values():
        assert render_letter(letter) == render_letter(letter)


def test_r_v3_rerender_in_a_fresh_process_is_byte_identical():
    """Another process, other letters rendered first (font subset cache state differs)."""
    here = {name: hashlib.sha256(render_letter(letter)).hexdigest() for name, letter in samples.all_samples().items()}
    code = (
        "import hashlib\n"
        "from kitadesk.reports.letters import render_letter\n"
        "from kitadesk.reports.letters import samples\n"
        "render_letter(samples.carer_bescheid(children=9, index=3))\n"
        "for name, letter in reversed(list(samples.all_samples().items())):\n"
        "    print(name, hashlib.sha256(render_letter(letter)).hexdigest())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    there = dict(line.split() for line in out.splitlines())
    assert there == here


def test_r_v3_letters_differ_only_where_their_data_differ():
    a = render_letter(samples.carer_bescheid(index=1))
    b = render_letter(samples.carer_bescheid(index=2))
    assert a != b


def test_batch_gives_the_same_bytes_as_one_by_one():
    letters = [samples.carer_bescheid(children=3, index=i) for i in range(3)]
    assert render_many(letters, workers=1) == [render_letter(x) for x in letters]
