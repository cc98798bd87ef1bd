"""The station's JSON acceptance rule (bodies.check_value) against a plain reading of it.

check_value is on the push hot path, so it walks containers only and leaves text and numbers
to the C JSON encoder; the reference below walks every value the obvious way. Both must give
the same verdict on anything, a scalar at the top included.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from civilian_responder.station.bodies import MAX_DEPTH, Unacceptable, check_value
from hypothesis import given, settings
from hypothesis import strategies as st


def _reference(value: Any, depth: int = 1, limit: int = MAX_DEPTH) -> str | None:
    """Why ``value`` is unacceptable ("depth", "text", "number"), or None."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "text"
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else "number"
    if isinstance(value, dict | list):
        if depth > limit:
            return "depth"
        items = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
        found = []
        for key, inner in items:
            if key is not None:
                found.append(_reference(key, depth, limit))
            found.append(_reference(inner, depth + 1, limit))
        reasons = [f for f in found if f]
        return reasons[0] if reasons else None
    return None


TEXT = st.text(max_size=6) | st.sampled_from(["\ud800", "a\udfffb", "é", "\x00"])
SCALARS = (st.none() | st.booleans() | st.integers() | TEXT
           | st.floats() | st.sampled_from([math.inf, -math.inf, math.nan]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(TEXT, inner, max_size=3), max_leaves=12)


def _nest(levels: int, leaf: Any = 1) -> Any:
    value = leaf
    for n in range(levels):
        value = [value] if n % 2 else {"k": value}
    return value


@settings(max_examples=600, deadline=None)
@given(value=VALUES | st.integers(1, 3).flatmap(
    lambda _: st.builds(_nest, st.integers(MAX_DEPTH - 2, MAX_DEPTH + 2), VALUES)))
def test_the_verdict_is_the_plain_reading(value):
    expected = _reference(value)
    if expected is None:
        assert check_value(value, "payload") is value
        return
    with pytest.raises(Unacceptable) as caught:
        check_value(value, "payload")
    assert str(caught.value).startswith("payload")
    if _reference(value, limit=10**9) is None:  # only too deep: the message says so
        assert "nested deeper" in str(caught.value)


def test_a_hostile_depth_never_reaches_the_recursion_limit():
    with pytest.raises(Unacceptable, match="nested deeper than 32"):
        check_value(_nest(200_000), "payload")


@pytest.mark.parametrize("value, words", [
    ("\ud800", "not valid Unicode"), ({"\udc00": 1}, "not valid Unicode"),
    ([1.5, math.nan], "not finite"), (math.inf, "not finite"), ({"a": [math.inf]}, "not finite"),
])
def test_each_problem_is_named(value, words):
    with pytest.raises(Unacceptable, match=words):
        check_value(value, "payload")
