"""Render one sample letter of each kind to PNG pages in docs/letters/ (70 dpi).

    .venv/bin/python scripts/render_letter_samples.py [--dpi 70] [--pdf] [--out docs/letters]

Every page of a letter is written: <name>.png for page 1, <name>-s2.png for page 2, …
Pages are rendered with Poppler's pdftoppm, a renderer independent of the app (which previews with
PDFium), so the pictures show what any PDF reader shows. The data are fictitious (samples.py).
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kitadesk.reports.letters import page_count, render_letter  # noqa: E402
from kitadesk.reports.letters.samples import all_samples  # noqa: E402


def pdftoppm(pdf: bytes, page: int, dpi: int) -> bytes:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise SystemExit("pdftoppm (Poppler) fehlt: apt-get install poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "letter.pdf", Path(tmp) / "page"
        src.write_bytes(pdf)
        subprocess.run([exe, "-f", str(page), "-l", str(page), "-r", str(dpi), "-png", "-singlefile", str(src),
                        str(out)], check=True, capture_output=True)
        return out.with_suffix(".png").read_bytes()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=70)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "letters")
    parser.add_argument("--pdf", action="store_true", help="also write the PDFs")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, letter in all_samples().items():
        pdf = render_letter(letter)
        if args.pdf:
            (args.out / f"{name}.pdf").write_bytes(pdf)
        pages = page_count(pdf)
        for stale in args.out.glob(f"{name}-s*.png"):   # a letter that got shorter leaves no old pages
            stale.unlink()
        for page in range(1, pages + 1):
            suffix = "" if page == 1 else f"-s{page}"
            path = args.out / f"{name}{suffix}.png"
            path.write_bytes(pdftoppm(pdf, page, args.dpi))
            print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  (Seite {page} von {pages})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
