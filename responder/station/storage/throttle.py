"""Failure counters for rate limits, kept in the station database so every worker process (and
every station process on one database) sees the same counts.

A counter is a key (the SHA-256 of what failed: a client address, a presented token or code)
with hits in time buckets of a tenth of the window; a key's count is the sum of its buckets in
the last window (a sliding window to within one bucket). Only failures write: a request with a
valid token never touches these tables.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from civilian_responder.clock import Clock
from civilian_responder.station.storage.database import write
from civilian_responder.station.storage.tables import throttle
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

BUCKETS = 10


def key_hash(key: str) -> str:
    # surrogatepass: a key is never refused (it may hold what a hostile client sent).
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class Throttle:
    def __init__(self, engine: Engine, clock: Clock, window_seconds: float) -> None:
        self._engine = engine
        self._clock = clock
        self._step = max(window_seconds / BUCKETS, 0.001)
        self._insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert

    def _bucket(self) -> tuple[int, float]:
        now = self._clock.now().timestamp()
        return int(now // self._step), now

    def fail(self, limits: Sequence[tuple[str, int]]) -> int | None:
        """Count one failure against each (key, limit). Returns seconds to wait when any key
        was already at its limit (the caller answers 429), else None (answer the failure)."""
        bucket, now = self._bucket()
        oldest = bucket - BUCKETS + 1
        wait: int | None = None
        with write(self._engine) as conn:
            for key, limit in limits:
                digest = key_hash(key)
                row = conn.execute(
                    select(func.coalesce(func.sum(throttle.c.hits), 0),
                           func.min(throttle.c.bucket))
                    .where(throttle.c.key_hash == digest).where(throttle.c.bucket >= oldest)
                ).one()
                if row[0] >= limit:
                    free_at = (row[1] + BUCKETS) * self._step
                    wait = max(wait or 0, math.ceil(free_at - now))
                stmt = self._insert(throttle).values(key_hash=digest, bucket=bucket, hits=1)
                conn.execute(stmt.on_conflict_do_update(
                    index_elements=[throttle.c.key_hash, throttle.c.bucket],
                    set_={"hits": throttle.c.hits + 1}))
            conn.execute(delete(throttle).where(throttle.c.bucket < oldest))
        return None if wait is None else max(1, wait)

    def count(self, key: str) -> int:
        """Failures counted against ``key`` in the current window."""
        bucket, _now = self._bucket()
        with self._engine.connect() as conn:
            return int(conn.execute(
                select(func.coalesce(func.sum(throttle.c.hits), 0))
                .where(throttle.c.key_hash == key_hash(key))
                .where(throttle.c.bucket >= bucket - BUCKETS + 1)).scalar_one())
