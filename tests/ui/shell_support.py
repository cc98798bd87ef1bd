"""Builders shared by the shell's UI tests: a real core on a real profile in tmp_path."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from civilian_responder.app import ResponderApp, open_app
from civilian_responder.clock import FixedClock
from civilian_responder.demo import seed_demo

START = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)


def demo_core(profile: Path) -> ResponderApp:
    """A demo profile (25 active + 40 history calls), reopened so the demo unit is in effect."""
    clock = FixedClock(START)
    core = open_app(profile, clock=clock)
    seed_demo(core.store, clock)
    core.close()
    return open_app(profile, clock=clock)


def first_call_with_status(core: ResponderApp, status: str) -> str:
    return next(c.id for c in core.calls.board() if c.status == status)
