"""What the screens show of the documents, the same the documents print (issue 17.1: the UI
imports nothing of kitadesk.reports; it gets these shapes and helpers through the ops).

Table shapes of the statistics (R-S1/R-S2), the letters' text blocks, the payout report's
order and status, the charts' scale and labels, and the one PDFium lock (not thread-safe).
Each name loads its report module on first use (the window starts without ReportLab)."""

import importlib
from typing import Any

_FROM = {
    "kitadesk.reports.charts": ("nice_scale", "value_label"),
    "kitadesk.reports.data": ("SRT_ORDER", "STATUS_FINAL", "PayoutReport", "natural_key"),
    "kitadesk.reports.letters": ("TEXT_BLOCKS",),
    "kitadesk.reports.qik_report": ("MONTHS",),
    "kitadesk.reports.statistics": ("CARER_COLUMNS", "CHILD_COLUMNS", "MISSING_COLUMNS", "MONTHS_SHORT", "carer_rows",
                                    "child_rows", "group_table", "missing_rows", "money_table", "month_header",
                                    "srt_table"),
}
_RENAMED = {"pdfium_lock": ("kitadesk.reports.letters.output", "_pdfium_lock")}
_WHERE = {name: (module, name) for module, names in _FROM.items() for name in names} | _RENAMED

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        module, attr = _WHERE[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'kitadesk.ops.report_parts' has no attribute {name!r}")
