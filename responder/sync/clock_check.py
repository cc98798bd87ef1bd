"""Clock sanity: at every sync the unit measures its clock against the station's.

The station's health answer carries its time. The unit notes its own (uncorrected) time just
before asking and just after the answer; the station's time is taken to be the midpoint's, so
a slow link does not count as clock error (half the round trip at most). Beyond two minutes the
unit warns and stamps new timeline entries with the corrected time (``CorrectedClock``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from civilian_responder.clock import parse_iso
from civilian_responder.store import Store

META_CLOCK_OFFSET = "sync.clock_offset_ms"  # station minus device, as measured
META_CLOCK_RTT = "sync.clock_round_trip_ms"
META_CLOCK_CHECKED = "sync.clock_checked_at"
WARN_SECONDS = 120.0


@dataclass(frozen=True)
class ClockCheck:
    measured_seconds: float = 0.0  # station minus device
    round_trip_ms: int = 0
    checked_at: str = ""

    @property
    def off(self) -> bool:
        return abs(self.measured_seconds) > WARN_SECONDS

    @property
    def offset_seconds(self) -> float:
        """The correction timelines use: only once the clock is off by more than the limit."""
        return self.measured_seconds if self.off else 0.0

    @property
    def text(self) -> str:
        if not self.off:
            return ""
        minutes = abs(self.measured_seconds) / 60
        amount = f"{minutes / 60:.1f} h" if minutes >= 90 else f"{minutes:.0f} min"
        way = "behind" if self.measured_seconds > 0 else "ahead of"
        return (
            f"This device's clock is {amount} {way} the station's; times are corrected. "
            "Ask IT to fix the clock."
        )

    @classmethod
    def load(cls, store: Store) -> ClockCheck:
        try:
            offset = int(store.get_meta(META_CLOCK_OFFSET) or 0)
            rtt = int(store.get_meta(META_CLOCK_RTT) or 0)
        except ValueError:
            return cls()
        return cls(offset / 1000, rtt, store.get_meta(META_CLOCK_CHECKED) or "")

    def save(self, store: Store) -> None:
        """Inside the caller's transaction."""
        store.set_meta(META_CLOCK_OFFSET, str(round(self.measured_seconds * 1000)))
        store.set_meta(META_CLOCK_RTT, str(self.round_trip_ms))
        store.set_meta(META_CLOCK_CHECKED, self.checked_at)


def measure(sent: datetime, received: datetime, station_time: object) -> ClockCheck | None:
    """The offset from one request: ``sent``/``received`` on the device's own clock."""
    if not isinstance(station_time, str):
        return None
    try:
        station = parse_iso(station_time)
    except ValueError:
        return None
    midpoint = sent + (received - sent) / 2
    rtt = max(0, round((received - sent).total_seconds() * 1000))
    return ClockCheck((station - midpoint).total_seconds(), rtt, station_time)
