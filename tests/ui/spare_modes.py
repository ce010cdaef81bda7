"""`spare`: run a module's worker-process tests with the warm spare worker (ui/process_spare.py)
taking the job and with a freshly spawned worker. Use: `from tests.ui.spare_modes import spare
# noqa: F401` in a test module (autouse there)."""

import pytest

from kitadesk.ui import process_spare


@pytest.fixture(autouse=True, params=["spare", "no_spare"])
def spare(request, monkeypatch):
    """The same protocol with a warm spare taking the job as with a freshly spawned worker."""
    monkeypatch.delenv(process_spare.ENV, raising=False)
    if request.param == "spare":
        assert process_spare.enable()
        process_spare.ensure()
    yield request.param
    process_spare.disable()
