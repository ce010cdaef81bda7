"""Shared by the UI benchmarks: run the event loop until a condition holds."""

import time


def run_until(app, condition, timeout: float = 600.0) -> float:
    """Process events until condition() is true; returns the seconds it took."""
    started = time.perf_counter()
    while not condition():
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - started > timeout:
            raise TimeoutError("Zeitüberschreitung")
    return time.perf_counter() - started
