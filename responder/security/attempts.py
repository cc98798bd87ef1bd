"""Sign-in attempts: growing delay, lockout after 5 failures in 15 minutes (CJIS AC-7).

Failures happen while the database is still locked, so they are kept in their own small file,
``signin_attempts.jsonl`` in the profile: one JSON line per event, each carrying the SHA-256 of
the previous line, so an edited or removed line is evident. Truncating or deleting the whole
file is detected at the next successful sign-in, which compares the file against the position
recorded inside the (encrypted) database and writes an audit event (see ``audit``).
On sign-in the file's new events are copied into the audit trail.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from civilian_responder.clock import Clock, iso, parse_iso
from civilian_responder.errors import LockedOutError, StorageError, say
from civilian_responder.security.keystore import normalize

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
MAX_DELAY_S = 16
GENESIS = "0" * 64


@dataclass(frozen=True)
class Attempt:
    seq: int
    at: str
    officer: str
    event: str  # failure | success | lockout | release
    hash: str


def delay_after(failures: int) -> timedelta:
    """The wait before the next attempt is checked: 1, 2, 4, 8 ... seconds."""
    if failures <= 0:
        return timedelta(0)
    return timedelta(seconds=min(2 ** (failures - 1), MAX_DELAY_S))


def _line_hash(prev: str, body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev + canonical).encode("utf-8")).hexdigest()


class AttemptLog:
    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = Path(path)
        self._clock = clock

    def read(self) -> tuple[list[Attempt], str | None]:
        """All events, and a description of the first broken line (None if the chain holds)."""
        if not self.path.exists():
            return [], None
        out: list[Attempt] = []
        prev = GENESIS
        for n, line in enumerate(self.path.read_text("utf-8").splitlines(), start=1):
            try:
                raw = json.loads(line)
                body = {k: raw[k] for k in ("seq", "at", "officer", "event", "prev")}
                ok = raw["prev"] == prev and raw["hash"] == _line_hash(prev, body)
            except (ValueError, KeyError, TypeError):
                ok = False
            if not ok:
                return out, f"line {n} of {self.path.name} was altered or removed"
            out.append(Attempt(int(raw["seq"]), raw["at"], raw["officer"], raw["event"],
                               raw["hash"]))
            prev = raw["hash"]
        return out, None

    def check(self, officer: str) -> None:
        """Raise LockedOutError if this officer may not try now."""
        now = self._clock.now()
        events, _ = self.read()
        lock_until = self._lockout_until(events, officer)
        if lock_until and now < lock_until:
            raise LockedOutError(say(
                "SignIn", "Too many wrong passphrases: sign-in for {name} is locked until "
                "{until:%H:%M} UTC ({stamp})").format(name=officer, until=lock_until,
                                                      stamp=iso(lock_until)),
                lock_until, lockout=True)
        failures = self._recent_failures(events, officer, now)
        if failures:
            retry = parse_iso(failures[-1].at) + delay_after(len(failures))
            if now < retry:
                wait = max(1, int((retry - now).total_seconds() + 0.999))
                raise LockedOutError(say("SignIn", "Wait {wait} s before trying again").format(
                    wait=wait), retry, lockout=False)

    def record_failure(self, officer: str) -> datetime | None:
        """Record a failure; returns the lockout end if this failure caused a lockout."""
        now = self._clock.now()
        self._append(officer, "failure", now)
        failures = self._recent_failures(self.read()[0], officer, now)
        if len(failures) >= MAX_FAILURES:
            self._append(officer, "lockout", now)
            return now + LOCKOUT
        return None

    def record_success(self, officer: str) -> None:
        self._append(officer, "success", self._clock.now())

    def record_release(self, officer: str) -> None:
        """An administrator lifted this officer's lockout (CJIS AC-7 "released by an admin")."""
        self._append(officer, "release", self._clock.now())

    def _lockout_until(self, events: list[Attempt], officer: str) -> datetime | None:
        key = normalize(officer)
        last = next((e for e in reversed(events)
                     if e.officer == key and e.event in ("lockout", "release")), None)
        return parse_iso(last.at) + LOCKOUT if last and last.event == "lockout" else None

    def _recent_failures(self, events: list[Attempt], officer: str,
                         now: datetime) -> list[Attempt]:
        """Consecutive failures in the window, since the last success or lockout."""
        key = normalize(officer)
        recent: list[Attempt] = []
        for e in events:
            if e.officer != key:
                continue
            if e.event in ("success", "lockout", "release"):
                recent = []
            elif now - parse_iso(e.at) <= WINDOW:
                recent.append(e)
        return [e for e in recent if now - parse_iso(e.at) <= WINDOW]

    def _append(self, officer: str, event: str, at: datetime) -> None:
        events, broken = self.read()
        if broken:
            # Keep the evidence: start a fresh chain and leave the damaged file beside it.
            aside = self.path.with_name(f"{self.path.name}.damaged-{at:%Y%m%d%H%M%S}")
            os.replace(self.path, aside)
            events = []
        prev = events[-1].hash if events else GENESIS
        body = {"seq": (events[-1].seq + 1) if events else 1, "at": iso(at),
                "officer": normalize(officer), "event": event, "prev": prev}
        line = json.dumps({**body, "hash": _line_hash(prev, body)}, sort_keys=True)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, (line + "\n").encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise StorageError(say("SignIn", "Cannot record the sign-in attempt: {why}").format(
                why=str(exc))) from exc
