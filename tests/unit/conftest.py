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
    """A dispatched call with no events past DISPATCHED, and the unit free to work it (the
    demo's active call is cleared first, so the unit works one call at a time)."""
    active = app.calls.active_call()
    if active is not None:
        app.calls.change_status(active.id, "CLEARED")
        app.store.outbox.mark([(e.change_id, "acked", "", "2026-11-21T14:00:00.000Z")
                               for e in app.store.outbox.pending()])
    for row in app.calls.board():
        if row.status == "DISPATCHED":
            return app.calls.get(row.id)
    raise AssertionError("demo data has no dispatched call")
