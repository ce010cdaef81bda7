"""Fixtures of the letters tests."""

import pytest

from tests.letters.scenario import finalize_month, seed


@pytest.fixture
def april(store):
    """The worked example with April 2026 finalized."""
    ids = seed(store)
    finalize_month(store, 2026, 4)
    return ids
