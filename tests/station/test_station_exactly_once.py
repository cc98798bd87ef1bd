"""Model-based exactly-once: random repeats, reorderings and mutations of pushed changes, and a
pull feed that never skips a row while dispatchers write concurrently."""

from __future__ import annotations

import threading
import uuid

import pytest
from civilian_responder.station.storage.tables import call_events, receipts
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import select

from tests.station.conftest import Unit, dispatch_call, status_change


@pytest.fixture()
def world(station):
    dispatcher = station.client(station.admin_token("dispatcher"))
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    return station, unit, call


def test_random_push_histories_apply_each_change_exactly_once(world):
    station, unit, call = world
    size = 12

    class PushModel(RuleBasedStateMachine):
        """Each history uses fresh change ids, so histories on one station are independent."""

        def __init__(self) -> None:
            super().__init__()
            self.applied: set[str] = set()
            self.pool = [status_change(call["id"], note=f"n{i}") for i in range(size)]

        @rule(picks=st.lists(st.sampled_from(range(size)), min_size=1, max_size=8))
        def push(self, picks: list[int]) -> None:
            batch = [self.pool[i] for i in picks]
            results = unit.push(*batch)
            seen_now: set[str] = set()
            for change, result in zip(batch, results, strict=True):
                cid = change["change_id"]
                expected = "duplicate" if cid in self.applied or cid in seen_now else "applied"
                assert result["status"] == expected, (cid, result)
                seen_now.add(cid)
            self.applied |= seen_now

        # NUL is refused by PostgreSQL (covered in test_station_fuzz) and a lone surrogate is no
        # UTF-8 (test_station_hostile); any other text goes.
        @rule(index=st.sampled_from(range(size)),
              note=st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)),
                           max_size=10))
        def mutate(self, index: int, note: str) -> None:
            original = self.pool[index]
            if note == original["payload"]["note"]:
                return
            changed = dict(original, payload=dict(original["payload"], note=note))
            result = unit.push(changed)[0]
            if original["change_id"] in self.applied:
                assert result["status"] == "conflict"
            else:  # first time this id is seen: the mutated content is what gets applied
                assert result["status"] == "applied"
                self.pool[index] = changed
                self.applied.add(original["change_id"])

        @invariant()
        def station_holds_each_applied_change_once(self) -> None:
            ids = [c["change_id"] for c in self.pool]
            with station.station.engine.connect() as conn:
                receipted = set(conn.execute(select(receipts.c.change_id)
                                             .where(receipts.c.change_id.in_(ids))).scalars())
                events = conn.execute(select(call_events.c.id, call_events.c.note)
                                      .where(call_events.c.call_id == call["id"])
                                      .where(call_events.c.origin == "unit")).all()
            assert receipted == self.applied
            by_id = {c["entity_id"]: c for c in self.pool}
            mine = [e for e in events if e.id in by_id]
            assert len(mine) == len({e.id for e in mine}) == len(self.applied)
            for e in mine:
                assert e.note == by_id[e.id]["payload"]["note"]

    PushModel.TestCase.settings = settings(
        max_examples=8, stateful_step_count=10, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    PushModel.TestCase().runTest()


def test_pull_never_skips_rows_committed_by_concurrent_dispatchers(world):
    station, unit, _call = world
    created: list[str] = []
    lock = threading.Lock()

    def dispatch_many() -> None:
        http = station.client(station.admin_token("dispatcher"))
        for _ in range(12):
            call = dispatch_call(http, unit.unit_id, narrative=uuid.uuid4().hex)
            with lock:
                created.append(call["id"])

    writers = [threading.Thread(target=dispatch_many) for _ in range(4)]
    for w in writers:
        w.start()
    seen: list[dict] = []
    cursor = 0
    while any(w.is_alive() for w in writers):
        page, cursor = unit.pull_all(cursor, limit=7)
        seen += page
    for w in writers:
        w.join()
    page, cursor = unit.pull_all(cursor)
    seen += page
    seqs = [c["seq"] for c in seen]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs))
    pulled_calls = {c["entity_id"] for c in seen if c["kind"] == "call"}
    assert set(created) <= pulled_calls
    # Everything pulled incrementally equals a fresh pull from zero: nothing was skipped.
    everything, _ = unit.pull_all(0)
    assert [c["seq"] for c in everything] == seqs
