"""Corrections of finalized months (berechnung.md §8, R-K4) and shared payout-run helpers.

Each run stores the ids + version numbers of every record its month used, with a digest
per input table (`eingaben.pruefsummen`). When a later month is computed, every finalized
month of the LOOKBACK_MONTHS before it is sliced out of the same input pool; a month whose
digests are unchanged is skipped, a changed one is recomputed with the settings stored in
its run and compared with its finalized lines plus the corrections booked for it since
(domain/corrections.py). The digests looked at are stored in the new run
(`eingaben.korrekturen`), so the next run does not recompute that month again.
"""

import hashlib
import json
from collections.abc import Callable

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, defer

from kitadesk.domain.corrections import correction_lines
from kitadesk.domain.lines import KORREKTUR_PREFIX, Line, parse_days
from kitadesk.domain.payout import compute_month
from kitadesk.domain.settings import BY_NAME, Auslegungen
from kitadesk.errors import InputError, KitaDeskError
from kitadesk.models import ABGESCHLOSSEN, PayoutLine, PayoutRun
from kitadesk.ops.payout_inputs import INPUT_TABLES, month_input

LOOKBACK_MONTHS = 12  # finalized months checked for late changes (R-K4)
# a run without its `eingaben` (~0.5 MB of JSON at 10×; decoding it is one long C call that
# holds the GIL — only the corrections read it, by JSON path)
WITHOUT_INPUTS = defer(PayoutRun.eingaben)

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None


class Cancelled(KitaDeskError):
    """The user cancelled the computation; nothing was written."""


def _ym(year: int, month: int) -> int:
    return year * 12 + month - 1


def _from_ym(value: int) -> tuple[int, int]:
    return value // 12, value % 12 + 1


def _label(year: int, month: int) -> str:
    return f"{month:02d}/{year}"


def run_number(year: int, month: int, lauf: int) -> str:
    return f"{year:04d}-{month:02d}/{lauf}"


def digests(versions: dict[str, list]) -> dict[str, str]:
    """A short digest of the ids + versions per input table (change detection): sha256 of the
    compact JSON (computed in a worker process or the command line, ui/process_tasks.py)."""
    return {name: hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode()).hexdigest()[:16]
            for name, rows in versions.items()}


def stored_settings(values: dict | None) -> Auslegungen:
    """The Auslegungen a run stored (names unknown to this program version are ignored)."""
    return Auslegungen({k: v for k, v in (values or {}).items() if k in BY_NAME})


def _check(cancel: Cancel) -> None:
    if cancel is not None and cancel():
        raise Cancelled("Berechnung abgebrochen – es wurde nichts gespeichert.")


def _tick(progress: Progress, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _line(row) -> Line:
    return Line(row.carer_nr, row.child_nr, row.position, row.regel, row.von, row.bis, row.stunden, row.satz,
                row.betrag, row.begruendung or "")


_LINE_COLUMNS = (PayoutLine.carer_nr, PayoutLine.child_nr, PayoutLine.position, PayoutLine.regel, PayoutLine.von,
                 PayoutLine.bis, PayoutLine.stunden, PayoutLine.satz, PayoutLine.betrag, PayoutLine.begruendung)


def run_lines(session: Session, run_id: int) -> list[Line]:
    """The stored lines of a run as domain lines, in stored order (Core: no ORM row overhead)."""
    rows = session.connection().execute(select(*_LINE_COLUMNS, PayoutLine.wochenstunden, PayoutLine.tage)
                                        .where(PayoutLine.run_id == run_id).order_by(PayoutLine.id))
    return [Line(c, k, p, r, v, b, h, s, a, w or "", wh, parse_days(t))
            for c, k, p, r, v, b, h, s, a, w, wh, t in rows]


# --- corrections of finalized months (berechnung.md §8, R-K4) ------------------------------------

def _finalized_window(session: Session, year: int, month: int) -> list:
    """Finalized runs of the LOOKBACK_MONTHS before the month, oldest first (one per month)."""
    first = _from_ym(_ym(year, month) - LOOKBACK_MONTHS)
    rows = session.execute(
        select(PayoutRun.id, PayoutRun.jahr, PayoutRun.monat, PayoutRun.lauf, PayoutRun.einstellungen,
               PayoutRun.eingaben["pruefsummen"].label("pruefsummen"),
               PayoutRun.eingaben["korrekturen"].label("korrekturen"))
        .where(PayoutRun.status == ABGESCHLOSSEN,
               or_(PayoutRun.jahr > first[0], and_(PayoutRun.jahr == first[0], PayoutRun.monat >= first[1])),
               or_(PayoutRun.jahr < year, and_(PayoutRun.jahr == year, PayoutRun.monat < month)))
        .order_by(PayoutRun.jahr, PayoutRun.monat, PayoutRun.lauf)).all()
    latest = {}
    for row in rows:
        latest[(row.jahr, row.monat)] = row
    return list(latest.values())


def _corrections(session: Session, window: list, pool, progress: Progress, cancel: Cancel, step: int,
                 steps: int) -> tuple[list[Line], dict[str, dict], list[str]]:
    """Correction lines for the finalized months of `window` (see module doc)."""
    known: dict[str, dict] = {}
    for run in window:  # oldest first: a later run's digests for a month win
        known[f"{run.jahr:04d}-{run.monat:02d}"] = run.pruefsummen or {}
        for key, value in (run.korrekturen or {}).items():
            known[key] = value
    booked_later = []  # correction lines of the window's runs (for months before them)
    if window:
        booked_later = [_line(r) for r in session.connection().execute(
            select(*_LINE_COLUMNS).where(PayoutLine.run_id.in_([r.id for r in window]),
                                         PayoutLine.position.startswith(KORREKTUR_PREFIX)))]
    lines: list[Line] = []
    checked: dict[str, dict] = {}
    corrected: list[str] = []
    for run in window:
        _check(cancel)
        key = f"{run.jahr:04d}-{run.monat:02d}"
        settings = stored_settings(run.einstellungen)
        versions = month_input(pool, run.jahr, run.monat, settings, build=False).versions
        current = digests(versions)
        step += 1
        if current == known.get(key):
            _tick(progress, step, steps)
            continue
        try:
            recomputed = compute_month(month_input(pool, run.jahr, run.monat, settings).inp, settings)
        except InputError as exc:
            raise InputError(f"Nachberechnung {_label(run.jahr, run.monat)} (Lauf "
                             f"{run_number(run.jahr, run.monat, run.lauf)}): {exc}") from exc
        booked = run_lines(session, run.id) + booked_later
        changed = [INPUT_TABLES[t] for t in INPUT_TABLES if current.get(t) != (known.get(key) or {}).get(t)]
        reason = f"Nachberechnung {_label(run.jahr, run.monat)} (geändert: {', '.join(changed)})"
        found = correction_lines(run.jahr, run.monat, booked, recomputed, reason)
        lines.extend(found)
        if found:
            corrected.append(_label(run.jahr, run.monat))
        checked[key] = current
        _tick(progress, step, steps)
    return lines, checked, corrected
