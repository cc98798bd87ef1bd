"""The demo station's dispatcher and supervisor: ``serve --demo-unit CSO-12``.

It gives a newcomer something to watch: every few minutes a new call for the demo unit (made
from the generated words in ``civilian_responder.demo_data``, codes from the reference lists),
and a supervisor who reviews what the unit submits - now and then returning a first submission
for revision with a comment, approving the rest. It goes through the station's own services,
the same path as ``responder-station add-call`` and ``review return``. Generated data only.

At start it also *adopts* the demo shift the app generated offline (``--demo-adopt FILE``): the
unit's calls become the station's, so the unit's status changes and reports on them sync.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import random
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from civilian_responder.clock import iso, parse_iso
from civilian_responder.demo_data import (
    CALL_TYPES,
    CAUTIONS,
    DEMO_ROSTER,
    LANDMARKS,
    REPEAT_PEOPLE,
    REPEAT_PLACES,
    STREETS,
    people_history,
    person,
)
from civilian_responder.resource_files import resource_path
from civilian_responder.station.errors import StationError
from civilian_responder.station.service import Station
from civilian_responder.station.storage import call_facts
from civilian_responder.station.storage.calls import CALL_FIELDS, CallSpec, get_row, insert_call
from civilian_responder.station.storage.database import lock_feed, write
from civilian_responder.station.storage.roster import RosterRow
from civilian_responder.station.storage.tables import calls
from sqlalchemy import func, select

log = logging.getLogger(__name__)

DISPATCHER = "Demo dispatch"
SUPERVISOR = "Sgt. Demo Supervisor"
# What a supervisor asks for when a report goes back (generated, generic).
RETURN_COMMENTS = (
    "Please say in the narrative what you offered and what the person chose.",
    "Add the referrals you offered, including any that were declined.",
    "Time on task is missing or looks short; please check it against the timeline.",
    "Please name the reporting party's concern in the first sentence of the narrative.",
)


@dataclass(frozen=True)
class DemoPace:
    """How busy the demo is. Tests use seconds; a newcomer gets minutes."""

    call_every: float = 180.0  # seconds between new calls for the unit
    review_after: float = 45.0  # a submitted report waits this long for its review
    return_every: int = 3  # about one first submission in N is returned for revision
    # No new call while the unit has this many open (0: no limit): a short queue, not a pile.
    max_open: int = 6

    @property
    def tick(self) -> float:
        return max(0.2, min(5.0, self.call_every / 4, self.review_after / 4))


class DemoDispatcher:
    def __init__(self, station: Station, unit_id: str, pace: DemoPace | None = None,
                 rng: random.Random | None = None) -> None:
        self.station = station
        self.unit_id = unit_id
        self.pace = pace or DemoPace()
        self._rng = rng or random.Random()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        codes = station.reference.call_types
        # Only types a civilian unit may be sent alone, as the reference data says.
        self._types = [t for t in CALL_TYPES if (c := codes.get(t[0])) is not None
                       and c.get("civilian_eligible", True)]
        self._priorities = [p for p in ("2", "3", "3", "4", "4")
                            if p in station.reference.priorities]
        today = station.clock.now().date().isoformat()
        station.people.seed_demo(people_history(random.Random(13), today, REPEAT_PLACES))

    # Calls ----------------------------------------------------------------------------------

    def seconds_since_last_call(self) -> float | None:
        for call in self.station.dispatch.list_calls(self.unit_id, limit=50):
            if not call["self_initiated"]:
                return (self.station.clock.now() - parse_iso(call["received_at"])).total_seconds()
        return None

    def open_calls(self) -> int:
        return sum(1 for c in self.station.dispatch.list_calls(self.unit_id, limit=50)
                   if c["status"] != "CLEARED" and not c["cancelled"])

    def call_due(self) -> bool:
        if self.pace.max_open and self.open_calls() >= self.pace.max_open:
            return False
        since = self.seconds_since_last_call()
        return since is None or since >= self.pace.call_every

    def publish_roster(self) -> None:
        """The demo agency's roster, so the unit's start-shift dialog has people to choose."""
        rows = [RosterRow(pid, name, roles) for pid, name, roles in DEMO_ROSTER]
        self.station.roster.store(rows)

    def dispatch_call(self) -> dict[str, Any]:
        rng = self._rng
        type_code, _, templates = rng.choices(self._types, [t[1] for t in self._types])[0]
        narrative = rng.choice(templates).format(who=person(rng), lm=rng.choice(LANDMARKS))
        spec = CallSpec(
            unit_id=self.unit_id, type_code=type_code, priority=int(rng.choice(self._priorities)),
            address=f"{rng.randint(100, 9899)} {rng.choice(STREETS)}", narrative=narrative,
            cross_streets=f"near {rng.choice(STREETS)}",
            caution_notes=rng.choice(CAUTIONS) if rng.random() < 0.25 else "",
            caller_name=person(rng) if rng.random() < 0.8 else "",
            caller_phone=f"253-555-{rng.randint(100, 199):04d}",
        )
        if rng.random() < 0.4:  # a place (and often a person) the team has met before
            spec = dataclasses.replace(spec, address=rng.choice(REPEAT_PLACES),
                                       caller_name=rng.choice(REPEAT_PEOPLE)[0])
        call = self.station.dispatch.create(spec, DISPATCHER)
        log.info("demo: dispatched %s (%s) to %s", call["cad_number"], type_code, self.unit_id)
        return call

    # Review ---------------------------------------------------------------------------------

    def review_due(self) -> list[dict[str, Any]]:
        """Decide every submitted report of the unit that has waited long enough."""
        now = self.station.clock.now()
        done = []
        for report in self.station.review.list_reports("submitted", self.unit_id):
            waited = (now - parse_iso(report["submitted_at"])).total_seconds()
            if waited < self.pace.review_after:
                continue
            decision, comment = self.decision_for(report)
            try:
                done.append(self.station.review.decide(report["id"], decision, comment,
                                                       SUPERVISOR))
            except StationError as exc:  # decided meanwhile (e.g. by a real supervisor)
                log.info("demo: report %s not reviewed: %s", report["id"], exc)
        return done

    def decision_for(self, report: Mapping[str, Any]) -> tuple[str, str]:
        """A resubmission is approved; a first submission goes back about one time in N
        (chosen by the report id, so a restarted station decides the same way)."""
        digest = int(hashlib.sha256(str(report["id"]).encode()).hexdigest(), 16)
        if report["version"] > 1 or digest % max(1, self.pace.return_every):
            return "approve", ""
        return "return", RETURN_COMMENTS[digest % len(RETURN_COMMENTS)]

    # Running --------------------------------------------------------------------------------

    def tick(self) -> None:
        if self.call_due():
            self.dispatch_call()
        self.review_due()

    def start(self, _stop_server: Callable[[], None]) -> None:
        self.publish_roster()
        self._thread = threading.Thread(target=self._run, name="demo-dispatcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self.pace.tick):
            try:
                self.tick()
            except Exception:  # noqa: BLE001 (the demo must not take the station down)
                log.exception("demo dispatcher failed; trying again")


class DemoHistory:
    """Past months of generated calls, timelines, reports and reviews (``demo-data``) for the
    demo's program metrics, for the units other than the demo unit (its board and feed stay
    the demo shift's). Made once per demo station, in the background a while after it
    listens, in small transactions with pauses, so the unit's start and first sync do not
    wait; a start that finds part of it made (the app quit early) makes the rest."""

    def __init__(self, station: Station, unit_id: str, calls: int, months: int = 6,
                 seed: int = 2026, delay: float = 20.0, pause: float = 0.5) -> None:
        """``delay``: seconds after the station listens before it begins (the unit's start
        and first sync come first); ``pause``: seconds between batches of 20 calls, so the
        station keeps answering while it generates."""
        self.delay, self.pause = delay, pause
        self.station = station
        self.unit_id = unit_id
        self.calls = calls
        self.months = months
        self.seed = seed
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, _stop_server: Callable[[], None]) -> None:
        self._thread = threading.Thread(target=self._run_later, name="demo-history",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run_later(self) -> None:
        if not self._stop.wait(self.delay):
            self.run()

    def run(self) -> int:
        """Generate the history unless this station has it; returns how many calls."""
        from civilian_responder.station.demo_data import UNITS, DemoData  # noqa: PLC0415


        remaining = self._remaining()
        if remaining <= 0:
            return 0
        units = tuple(u for u in UNITS if u != self.unit_id)

        def progress(done: int) -> None:
            if self._stop.wait(self.pause if done < remaining else 0):
                raise _Stopped

        try:
            made = DemoData(self.station, self.seed, units=units, months=self.months,
                            batch=20).run(remaining, progress)
        except _Stopped:
            return 0
        except StationError as exc:
            log.warning("demo: the generated history stopped: %s", exc)
            return 0
        log.info("demo: generated %d past calls (%d reports) for the metrics", made.calls,
                 made.reports)
        return made.calls

    def _remaining(self) -> int:
        """Calls still to make: a station stopped part-way (the app quit) resumes next time."""
        from civilian_responder.station.demo_data import GENERATED_SOURCE  # noqa: PLC0415

        with self.station.engine.connect() as conn:
            made = conn.execute(select(func.count()).select_from(calls)
                                .where(calls.c.source == GENERATED_SOURCE)).scalar_one()
        return max(0, self.calls - made)


class _Stopped(Exception):
    pass


def adopt_calls(station: Station, calls: Iterable[Mapping[str, Any]], unit_id: str) -> int:
    """Make the unit's offline demo calls the station's (same ids), so what the unit does on
    them syncs. Calls the station already has are left alone. Returns how many were added."""
    added = 0
    with write(station.engine) as conn:
        lock_feed(conn)
        for given in calls:
            if given.get("unit_id") != unit_id or get_row(conn, str(given.get("id"))) is not None:
                continue
            values = {k: given[k] for k in CALL_FIELDS if k in given}
            spec = CallSpec(**{k: values[k] for k in ("unit_id", "type_code", "priority",
                                                      "address") if k in values})
            station.dispatch.validate(spec, known_type=False)
            values.update(self_initiated=False, cancelled=bool(values.get("cancelled")),
                          station_revision=1, source="dispatch")
            insert_call(conn, values)
            call_facts.refresh(conn, station.reference, [values["id"]])
            added += 1
    if added:
        log.info("demo: adopted %d calls of the demo shift for %s", added, unit_id)
    return added


def read_adopt_file(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("demo: cannot read the demo shift from %s: %s", path, exc)
        return []
    return [c for c in data if isinstance(c, dict)] if isinstance(data, list) else []


DEMO_DIRECTORY = ("directory", "demo-directory.json")


def seed_directory(station: Station) -> int:
    """Load the generated demo directory (resources/directory) into an empty directory, with
    the shelters' beds counted two hours ago (as a night shift's 6 pm count would be)."""
    if station.directory.count():
        return 0
    path = resource_path(*DEMO_DIRECTORY)
    doc = json.loads(path.read_text(encoding="utf-8"))
    counted = iso(station.clock.now() - timedelta(hours=2))
    for row in doc["resources"]:
        if row.get("beds_open") is not None:
            row["beds_as_of"] = counted
    done, bad = station.import_directory(json.dumps(doc).encode("utf-8"), path.name)
    for line in bad:
        log.warning("demo directory: %s", line)
    return done.added

