"""The station's compiled EIDO check agrees with the reference validator (jsonschema).

The publisher passes each document through the compiled check first and asks jsonschema
only about what it refuses (responder/station/eido_out.py). A document the compiled check
passes and jsonschema refuses would reach CAD non-conforming: these tests mutate real
status and disposition documents every way the schema's keywords can see and hold the two
to the same answer.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from civilian_responder.reference import load_reference
from civilian_responder.station.eido_out import EidoInvalid, EidoWriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CALL = {
    "id": "c1", "cad_number": "26-000123", "incident_id": None, "type_code": "WELCK",
    "priority": 3, "received_at": "2026-12-02T10:00:00.000Z", "unit_id": "CSO-7",
    "status": "CLEARED",
}
EVENT = {"id": "e1", "status": "ON_SCENE", "at": "2026-12-02T10:20:00.000Z", "unit_id": "CSO-7"}
FACTS = {"report_id": "r1", "disposition_code": "CSA", "response_model_code": None,
         "finalized_at": "2026-12-02T11:00:00.000Z"}


@pytest.fixture(scope="module")
def writer() -> EidoWriter:
    return EidoWriter(load_reference(), "st-1")


def _documents(writer: EidoWriter) -> list[dict[str, Any]]:
    return [writer.status(CALL, EVENT),
            writer.disposition(CALL, FACTS, ["REFERRED", "RESOLVED_ON_SCENE"])]


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*here, i))
    return found


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False, width=32),
    st.sampled_from(["", "x", "2026-12-02", "2026-12-02T10:00:00", "2026-12-02T10:00:00Z",
                     "2026-12-02T10:00:00.000+02:00", "not a time", "CSA", "1.0"]),
    st.lists(st.sampled_from([None, 1, "a", {}]), max_size=2),
    st.dictionaries(st.sampled_from(["a", "$id", "unitStatus"]), st.just("x"), max_size=2),
)


def _agree(writer: EidoWriter, doc: Any) -> None:
    reference = next(writer._validator.iter_errors(doc), None) is None
    assert writer._fast(doc) == reference
    if reference:
        writer.validate(doc)  # passes
    else:
        with pytest.raises(EidoInvalid):
            writer.validate(doc)


def test_the_documents_the_station_builds_pass_both(writer):
    for doc in _documents(writer):
        assert writer._fast(doc)
        _agree(writer, doc)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_mutation_gets_the_same_answer_from_both(writer, data):
    doc = copy.deepcopy(data.draw(st.sampled_from(_documents(writer))))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        path = data.draw(st.sampled_from(paths))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and data.draw(st.booleans()):
            del parent[path[-1]]  # a required member missing, or an optional one
        else:
            parent[path[-1]] = data.draw(VALUES)
    _agree(writer, doc)


def test_a_wrong_date_time_is_refused_by_both_and_named(writer):
    doc = _documents(writer)[0]
    doc["lastUpdateTimeStamp"] = "2026-12-02"  # a date without a time or zone
    assert not writer._fast(doc)
    with pytest.raises(EidoInvalid, match="lastUpdateTimeStamp"):
        writer.validate(doc)
