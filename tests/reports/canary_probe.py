"""Run in a letter worker process by tests/reports/test_reportlab_canary.py (module-level: picklable)."""

from reportlab.pdfbase import pdfdoc


def patched() -> bool:
    """True once fontcache.install ran in this process."""
    return "encode" in vars(pdfdoc.PDFZCompress)
