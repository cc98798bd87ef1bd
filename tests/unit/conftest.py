from datetime import UTC, datetime

import pytest
from civilian_responder.app import open_app
from civilian_responder.clock import FixedClock
from civilian_responder.demo import seed_demo


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 11, 21, 14, 0, 0, tzinfo=UTC))


@pytest.fixture
def app(tmp_path, clock):
    a = open_app(tmp_path / "profile", clock=clock)
    seed_demo(a.store, clock, active=10, history=5, reports=False)
    a = _reopen(a, tmp_path, clock)
    yield a
    a.close()


def _reopen(a, tmp_path, clock):
    # Services read unit and officer at open; reopen after seeding like a real start does.
    a.close()
    return open_app(tmp_path / "profile", clock=clock)


@pytest.fixture
def open_call(app):
    """A dispatched call with no events past DISPATCHED."""
    for row in app.calls.board():
        if row.status == "DISPATCHED":
            return app.calls.get(row.id)
    raise AssertionError("demo data has no dispatched call")
