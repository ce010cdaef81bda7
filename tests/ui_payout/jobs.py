"""Stand-ins for the payout page's worker-process jobs (module-level: a spawned process imports them)."""

import time

from kitadesk.errors import KitaDeskError
from kitadesk.ops.payout_corrections import Cancelled


def slow_compute(control, url, user, year, month):
    for _ in range(6000):
        control.progress(1, 4)
        if control.cancelled:
            raise Cancelled("Berechnung abgebrochen – es wurde nichts gespeichert.")
        time.sleep(0.01)
    raise AssertionError("not cancelled")


def refuse(control, *args):
    raise KitaDeskError("Keine Satztabelle gültig am 01.04.2026 (R-G2).")
