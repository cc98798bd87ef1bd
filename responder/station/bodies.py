"""Hostile-input rules for JSON, in one place: what the station accepts, and how a stored row
that breaks them is read back without stopping a feed.

Accepted JSON is nested at most ``MAX_DEPTH`` levels, holds only text that UTF-8 can encode
(no lone UTF-16 surrogates) and only finite numbers. Every request body is checked at the door
(a push per change, so the valid changes beside a bad one still apply); every stored row is
checked again when read, and a row that fails is skipped with a logged marker, never a 500.
"""

from __future__ import annotations

import json
import logging
import math
from typing import Any

from civilian_responder.station.errors import Invalid

log = logging.getLogger(__name__)

MAX_DEPTH = 32  # levels of objects/arrays; real checklists and EIDO documents use under 10


class Unacceptable(ValueError):
    """A JSON value the station will not store; the message says why (never the content)."""


def check_value(value: Any, what: str, max_depth: int = MAX_DEPTH) -> Any:
    """``value`` itself, or Unacceptable: too deep, unencodable text, or a non-finite number.

    The depth walk is iterative and visits containers only, so a hostile value cannot exhaust
    the interpreter's recursion limit; text and numbers are then checked in one pass of the C
    JSON encoder (every key and string encoded to UTF-8, every float finite). The station runs
    this on every pushed change.
    """
    containers = (dict, list)
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, containers) else []
    while stack:
        item, depth = stack.pop()
        if depth > max_depth:
            raise Unacceptable(f"{what} is nested deeper than {max_depth} levels")
        inner = item.values() if isinstance(item, dict) else item
        stack.extend((v, depth + 1) for v in inner if isinstance(v, containers))
    if not isinstance(value, containers):
        if isinstance(value, str):
            _check_text(value, what)
        elif isinstance(value, float) and not math.isfinite(value):
            raise Unacceptable(f"{what} holds a number that is not finite (NaN/Infinity)")
        return value
    try:
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except UnicodeEncodeError:
        raise Unacceptable(f"{what} holds text that is not valid Unicode (a lone UTF-16 "
                           "surrogate such as \\ud800)") from None
    except ValueError:
        raise Unacceptable(f"{what} holds a number that is not finite (NaN/Infinity)") from None
    except TypeError:  # not JSON at all (only reachable from Python callers)
        raise Unacceptable(f"{what} holds a value that is not JSON") from None
    return value


def _check_text(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise Unacceptable(f"{what} holds text that is not valid Unicode (a lone UTF-16 "
                           "surrogate such as \\ud800)") from None


def encodable(text: Any) -> bool:
    if not isinstance(text, str):
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reject_constant(name: str) -> Any:
    raise Unacceptable(f"{name} is not a JSON number")


def decode_json(body: bytes | str, what: str) -> Any:
    """Only decode (no depth or text checks); Invalid if it is not JSON at all."""
    try:
        return json.loads(body, parse_constant=_reject_constant)
    except Unacceptable as exc:
        raise Invalid(f"The {what} is not valid JSON: {exc}") from None
    except RecursionError:
        raise Invalid(f"The {what} is nested deeper than {MAX_DEPTH} levels") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise Invalid(f"The {what} is not valid JSON (UTF-8): {_plain(exc)}") from None


def parse_json(body: bytes | str, what: str, max_depth: int = MAX_DEPTH) -> Any:
    """Decode a request body or file; Invalid (422) if it is not acceptable JSON."""
    value = decode_json(body, what)
    try:
        return check_value(value, f"The {what}", max_depth)
    except Unacceptable as exc:
        raise Invalid(str(exc)) from None


def check_request_value(value: Any, what: str) -> Any:
    """For values that did not come from ``parse_json`` (e.g. an already-decoded document)."""
    try:
        return check_value(value, f"The {what}")
    except Unacceptable as exc:
        raise Invalid(str(exc)) from None


def _plain(exc: Exception) -> str:
    # json's messages carry positions only; UnicodeDecodeError's carry a byte, never content.
    return str(exc).splitlines()[0][:200]


def load_row(text: Any, where: str, expect: type = dict) -> Any:
    """A stored JSON column, or None (logged) if it can no longer be served safely."""
    try:
        value = json.loads(text, parse_constant=_reject_constant)
        check_value(value, where)
        if not isinstance(value, expect):
            raise Unacceptable(f"{where} is not a JSON {expect.__name__}")
        return value
    except (Unacceptable, RecursionError, ValueError, TypeError) as exc:
        log.warning("skipping an unreadable stored row (%s): %s", where,
                    type(exc).__name__)
        return None


UNREADABLE = {"unreadable": True, "reason": "the station could not read this stored row; "
                                            "it was skipped (see the station log)"}
