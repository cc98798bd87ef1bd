"""Time in one place: UTC, ISO-8601 with milliseconds. Injectable for tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock tests can move by hand."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        self._now = self._now + timedelta(seconds=seconds)


def iso(dt: datetime) -> str:
    """UTC ISO-8601 with milliseconds and a Z, e.g. 2026-11-21T14:32:05.123Z."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def new_id() -> str:
    """A record id, born where the record is born."""
    return str(uuid.uuid4())


class CorrectedClock:
    """The device clock plus the offset measured against the station at the last sync, so a
    unit whose clock is hours off still stamps its timeline in the station's time.
    ``raw`` is the uncorrected clock (what sync measures against)."""

    def __init__(self, raw: Clock, offset_seconds: float = 0.0) -> None:
        self.raw = raw
        self.offset_seconds = offset_seconds

    def now(self) -> datetime:
        if not self.offset_seconds:
            return self.raw.now()
        from datetime import timedelta

        return self.raw.now() + timedelta(seconds=self.offset_seconds)
