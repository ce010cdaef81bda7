"""Benchmark of the letters: 1,000 carer Bescheide (4 children, ~20 lines each) as PDF.

Run: .venv/bin/python bench/bench_letters.py [--letters 1000] [--workers N] [--no-office] [--out DIR]
Prints seconds (not a test). Target: < 10 s for 1,000 letters in one process.

Optionally compares with LibreOffice: writes the same letters as flat ODT (.fodt, written by
hand, no python-docx) and times `soffice --headless --convert-to pdf`; skipped with a message
when `soffice` is not installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kitadesk.formats import day, hours, money, month_label  # noqa: E402
from kitadesk.reports.letters import CarerBescheid, LetterLine, render_letter  # noqa: E402
from kitadesk.reports.letters.batch import render_many  # noqa: E402
from kitadesk.reports.letters.samples import _head, child_lines, reimbursement_lines  # noqa: E402

SURNAMES = ("Müller", "Schmitz", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
            "Hoffmann", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Yılmaz", "Özdemir")
FIRST = ("Anna", "Birgit", "Claudia", "Dagmar", "Elke", "Fatma", "Gabriele", "Heike", "Ines", "Jutta",
         "Katrin", "Leyla", "Monika", "Nicole", "Petra", "Sabine", "Ursula", "Jürgen")
KIDS = ("Mia", "Ben", "Emma", "Paul", "Lina", "Finn", "Ida", "Noah", "Lea", "Elias", "Ella", "Emil")


def make_letter(i: int) -> CarerBescheid:
    """Carer i: 4 children, one with an hours change on the 16th, a Vertretungsplatz: ~20 lines."""
    a, e, mid = date(2026, 4, 1), date(2026, 4, 30), date(2026, 4, 16)
    rate = Decimal("6.70")
    surname, first = SURNAMES[i % len(SURNAMES)], FIRST[(i * 7) % len(FIRST)]
    lines: list[LetterLine] = []
    for c in range(4):
        kid = f"{KIDS[(i + c) % len(KIDS)]} {SURNAMES[(i * 3 + c) % len(SURNAMES)]}"
        weekly = 15 + (i + 5 * c) % 31
        if c == 3:   # hours change on the 16th: Betreuung and Randzeit cut, MBA not (berechnung.md §4)
            before = child_lines(kid, weekly, rate, a, date(2026, 4, 15), days=15, off_hours=2)
            after = child_lines(kid, weekly + 5, rate, mid, e, days=15, off_hours=3)
            lines += [before[0], after[0], *child_lines(kid, weekly, rate, a, e)[1:], before[2], after[2]]
        else:
            lines += child_lines(kid, weekly, rate, a, e, off_hours=1 + (i + c) % 4, special=(i + c) % 3 == 0)
    lines += reimbursement_lines(a, e)
    lines.append(LetterLine(None, "Vertretungsplatz", "Nr. 5.1", a, e, None, None, Decimal("150.00")))
    return CarerBescheid(
        **_head(("Frau", f"{first} {surname}", f"Musterweg {i % 120 + 1}", "47441 Moers"),
                f"Sehr geehrte Frau {surname},", f"51.3-KTPP-{10000 + i}", date(2026, 3, 20)),
        carer_name=f"{first} {surname}", year=2026, month=4, tier="qualifiziert", lines=tuple(lines))


# --- LibreOffice comparison: the same content as flat ODT ---------------------------------------

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles><style:default-style style:family="paragraph"><style:text-properties
 style:font-name="DejaVu Sans" fo:font-size="10pt" fo:language="de" fo:country="DE"/></style:default-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm"
 fo:margin-top="20mm" fo:margin-bottom="20mm" fo:margin-left="25mm" fo:margin-right="20mm"/></style:page-layout>
<style:style style:name="B" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="S" style:family="paragraph"><style:paragraph-properties fo:margin-top="93mm"/>
<style:text-properties fo:font-weight="bold" fo:font-size="11pt"/></style:style>
<style:style style:name="R" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
"""


def _p(text: str, style: str = "") -> str:
    attr = f' text:style-name="{style}"' if style else ""
    return f"<text:p{attr}>{escape(text)}</text:p>\n"


def _cell(text: str, style: str = "") -> str:
    return f'<table:table-cell office:value-type="string">{_p(text, style)}</table:table-cell>'


def fodt(letter: CarerBescheid) -> str:
    """A flat ODT with the same content (head, address, text, table of lines); layout simplified."""
    parts = [FODT_HEAD]
    parts += [_p(t, "R") for t in (*letter.letterhead.lines, letter.contact.name, letter.aktenzeichen,
                                   day(letter.date))]
    parts += [_p(t) for t in letter.address.lines]
    parts.append(_p(f"Laufende Geldleistung ab {month_label(letter.year, letter.month)}", "S"))
    parts.append(_p(letter.salutation))
    parts.append(_p(f"für die Förderung erhalten Sie monatlich {money(letter.total)}."))
    parts.append('<table:table table:name="Berechnung"><table:table-column table:number-columns-repeated="6"/>\n')
    for line in letter.lines:
        parts.append("<table:table-row>" + "".join(_cell(t) for t in (
            f"{line.child_name or ''} {line.position}", line.rule, f"{day(line.von)}–{day(line.bis)}",
            hours(line.hours), money(line.rate) if line.rate is not None else "")) + _cell(money(line.amount), "R")
            + "</table:table-row>\n")
    parts.append("</table:table>\n")
    parts.append(_p("Rechtsbehelfsbelehrung", "B"))
    parts.append(_p("Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden."))
    parts.append(_p("Mit freundlichen Grüßen"))
    parts.append("</office:text></office:body></office:document>\n")
    return "".join(parts)


def bench_office(letters: list[CarerBescheid], out: Path) -> float | None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        print("LibreOffice: übersprungen – 'soffice' ist nicht installiert (kein Vergleich).")
        return None
    src = out / "fodt"
    src.mkdir(parents=True, exist_ok=True)
    files = []
    for i, letter in enumerate(letters):
        path = src / f"brief-{i:05d}.fodt"
        path.write_text(fodt(letter), encoding="utf-8")
        files.append(str(path))
    profile = out / "lo-profile"
    start = time.perf_counter()
    for k in range(0, len(files), 200):   # one soffice start per 200 files (command line length)
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out / "pdf-lo"), *files[k:k + 200]],
                       check=True, capture_output=True, timeout=3600)
    seconds = time.perf_counter() - start
    made = len(list((out / "pdf-lo").glob("*.pdf")))
    if made < len(files):
        print(f"LibreOffice: übersprungen – soffice hat nur {made} von {len(files)} PDFs erzeugt "
              "(LibreOffice Writer fehlt? Debian: libreoffice-writer-nogui).")
        return None
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None, help="also time the process pool (default: CPU cores)")
    parser.add_argument("--no-office", action="store_true", help="skip the LibreOffice comparison")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    letters = [make_letter(i) for i in range(args.letters)]
    n_lines = sum(len(x.lines) for x in letters) / len(letters)
    render_letter(letters[0])  # fonts, styles and font subset cache warm (once per process)
    start, cpu = time.perf_counter(), time.process_time()
    pdfs = [render_letter(x) for x in letters]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    size = sum(map(len, pdfs)) / len(pdfs) / 1024
    print(f"ReportLab: {len(letters)} Bescheide ({n_lines:.1f} Zeilen je Brief, Ø {size:.0f} KiB) "
          f"in {seconds:.2f} s = {seconds / len(letters) * 1000:.1f} ms je Brief (1 Prozess; Ziel < 10 s); "
          f"CPU-Zeit {cpu:.2f} s (bei fremder Last aussagekräftiger)")

    workers = args.workers or os.cpu_count() or 1
    if workers > 1:
        start = time.perf_counter()
        parallel = render_many(letters, workers)
        par = time.perf_counter() - start
        same = parallel == pdfs
        print(f"ReportLab mit {workers} Prozessen: {par:.2f} s (inkl. Start der Prozesse; Bytes gleich: {same})")

    if not args.no_office:
        with tempfile.TemporaryDirectory(prefix="kitadesk-bench-letters-") as tmp:
            out = args.out or Path(tmp)
            office = bench_office(letters, out)
        if office is not None:
            print(f"LibreOffice: {office:.2f} s = {office / len(letters) * 1000:.1f} ms je Brief; "
                  f"Verhältnis LibreOffice/ReportLab = {office / seconds:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
