"""The "Auszahlung" screen's data: one month's run as the page shows it, built in the worker from
ops.payout / ops.payout_report (the UI never computes money, it groups and displays). Plain data,
no Qt (issue 17.1: the screen gets it from this op).

The view is built in a worker PROCESS and comes back to the window as one pickle, so it is kept
small in objects: the run's head instead of the whole report, and each carer's lines pickled on
their own (`RunView.lines`: carer nr → bytes; `line_rows` unpacks one carer's on selection).
Unpickling the ~30,000 lines of a 10× month at once held the window's GIL for 0.2–0.4 s."""

import pickle
from dataclasses import dataclass, field
from decimal import Decimal

from kitadesk.domain.lines import Line
from kitadesk.ops.changes import Changes
from kitadesk.ops.payout import RunSummary, changed_since, month_run
from kitadesk.ops.payout_report import payout_report, sepa_blockers
from kitadesk.ops.reads import child_names, reading
from kitadesk.reports.data import SRT_ORDER, STATUS_FINAL, PayoutRunInfo, natural_key
from kitadesk.reports.payout_list import report_warnings
from kitadesk.store import Store


@dataclass(frozen=True)
class CarerPayRow:
    id: int
    nr: str
    name: str
    srt: str
    amount: Decimal
    lines: int
    flags: tuple = ()


@dataclass(frozen=True)
class LineRow:
    id: int
    line: Line
    child: str
    srt: str = ""
    flags: tuple = ()


@dataclass(frozen=True)
class RunHead:
    """What the page shows of the run's report: its head, the total and the number of payments."""

    info: PayoutRunInfo
    total: Decimal
    payments: int


@dataclass
class RunView:
    """Everything the page shows of one month (built in the worker)."""

    year: int
    month: int
    summary: RunSummary | None = None
    report: RunHead | None = None
    carers: list[CarerPayRow] = field(default_factory=list)
    lines: dict[str, bytes] = field(default_factory=dict)  # carer nr → pickled list[LineRow] (line_rows)
    warnings: list[str] = field(default_factory=list)
    srt_totals: list[tuple[str, int, Decimal]] = field(default_factory=list)
    sepa_blockers: list[str] = field(default_factory=list)  # drafts: what would refuse the SEPA file
    fresh: bool = False  # just computed/finalized (nothing can have changed since)
    changes: Changes | None = None  # what the op before the loading changed (ops/changes.py)

    @property
    def final(self) -> bool:
        return self.report is not None and self.report.info.status == STATUS_FINAL


def load_view(store: Store, user: str, year: int, month: int, summary: RunSummary | None = None) -> RunView:
    """The month's run as the page shows it (worker process; reads only). `summary` is the result
    of compute_draft/finalize when there is one (saves looking the run up again)."""
    view = RunView(year, month, summary or month_run(store, year, month))
    view.fresh = summary is not None
    view.changes = summary.changes if summary is not None else None
    if view.summary is None:
        with reading(store, user):  # the read right, also for a month without a run
            return view
    report = payout_report(store, user, view.summary.run_id)
    view.report = RunHead(report.info, report.total, len(report.payments))
    by_carer: dict[str, list[Line]] = {}
    for line in report.lines:
        by_carer.setdefault(line.carer_nr, []).append(line)
    kids = child_names(store, user)
    by_nr = report.carers_by_nr
    for i, (nr, amount) in enumerate(sorted(report.totals.items(), key=lambda kv: natural_key(kv[0]))):
        c = by_nr[nr]
        view.carers.append(CarerPayRow(i, nr, f"{c.name}, {c.vorname}", c.srt, amount, len(by_carer[nr])))
        view.lines[nr] = pickle.dumps(_line_rows(by_carer[nr], kids), pickle.HIGHEST_PROTOCOL)
    view.warnings = report_warnings(report)
    groups: dict[str, list] = {}
    for p in report.payments:  # sums of the rounded payments shown on the list (§1)
        groups.setdefault(p.carer.srt or "", []).append(p.amount)
    order = [s for s in SRT_ORDER if s in groups] + sorted(s for s in groups if s not in SRT_ORDER)
    view.srt_totals = [(s, len(groups[s]), sum(groups[s], Decimal("0.00"))) for s in order]
    if not view.final:
        view.sepa_blockers = sepa_blockers(store, report)
    return view


def _line_rows(lines: list[Line], kids: dict[str, str]) -> list[LineRow]:
    """A carer's lines in stored order, each with 'Kind-Nr · Name' (or '–' for carer lines)."""
    return [LineRow(i, ln, f"{ln.child_nr} · {kids.get(ln.child_nr, '')}".rstrip(" ·") if ln.child_nr else "–")
            for i, ln in enumerate(lines)]


def line_rows(view: RunView, carer_nr: str) -> list[LineRow]:
    """The carer's lines as built by load_view (unpacked now: one carer's, on selection)."""
    packed = view.lines.get(carer_nr)
    return pickle.loads(packed) if packed else []  # noqa: S301 — built by load_view in our own worker


def changes_since(store: Store, user: str, run_id: int) -> list[str]:
    """What changed since the draft `run_id` was computed (ops.payout.changed_since), read right `lesen`."""
    with reading(store, user):
        pass
    return changed_since(store, run_id)
