"""Reading a resource-directory file (CSV or JSON) into checked rows, naming each bad row.

Columns (CSV header or JSON keys): ``id`` (optional: made from kind and name), ``kind`` (a
``resource_kinds`` code), ``name``, ``phone``, ``address``, ``hours``, ``eligibility``,
``languages`` (``;``-separated in CSV, a list in JSON), ``beds_open`` and ``beds_as_of`` (only for
kinds with beds). A bad row is reported by its number and name and left out; the rest are kept.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from civilian_responder.clock import iso
from civilian_responder.reference import ReferenceData

LIMITS = {"name": 200, "phone": 64, "address": 500, "hours": 500, "eligibility": 1000}
COLUMNS = ("id", "kind", "name", *list(LIMITS)[1:], "languages", "beds_open", "beds_as_of")
PHONE = re.compile(r"^\+?[0-9][0-9 ().\-]{1,30}(?: ?(?:x|ext\.?) ?[0-9]{1,6})?$")
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MAX_LANGUAGES = 20


@dataclass(frozen=True)
class BadRow:
    row: int  # 1-based data row (CSV: the header is row 0)
    name: str
    problem: str

    def __str__(self) -> str:
        return f"row {self.row} ({self.name or 'no name'}): {self.problem}"


@dataclass(frozen=True)
class Parsed:
    rows: tuple[dict[str, Any], ...]
    bad: tuple[BadRow, ...]


class RowError(ValueError):
    pass


def read_file(data: bytes, filename: str) -> list[Mapping[str, Any]]:
    """The raw rows of a CSV or JSON file (by extension; JSON if it starts with ``[`` or ``{``)."""
    text = data.decode("utf-8-sig")
    if filename.lower().endswith(".json") or text.lstrip()[:1] in ("[", "{"):
        doc = json.loads(text)
        items = doc.get("resources") if isinstance(doc, dict) else doc
        if not isinstance(items, list):
            raise RowError('a JSON directory is a list of resources or {"resources": [...]}')
        return [i if isinstance(i, Mapping) else {"_not_an_object": True} for i in items]
    return list(csv.DictReader(io.StringIO(text)))


def parse_rows(raw: Iterable[Mapping[str, Any]], ref: ReferenceData, now: datetime) -> Parsed:
    rows: list[dict[str, Any]] = []
    bad: list[BadRow] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(raw, start=1):
        name = _clean(item.get("name")) if isinstance(item, Mapping) else ""
        try:
            row = check_row(item, ref, now)
            if row["id"] in seen:
                raise RowError(f"id {row['id']!r} repeats row {seen[row['id']]}")
        except RowError as exc:
            bad.append(BadRow(number, name[:80], str(exc)))
            continue
        seen[row["id"]] = number
        rows.append(row)
    return Parsed(tuple(rows), tuple(bad))


def check_row(item: Mapping[str, Any], ref: ReferenceData, now: datetime) -> dict[str, Any]:
    if item.get("_not_an_object"):
        raise RowError("not an object")
    unknown = sorted(str(k) for k in item if k not in COLUMNS and k is not None)
    if unknown:
        raise RowError(f"unknown column {', '.join(unknown)}")
    kind = _clean(item.get("kind")).upper()
    found = ref.resource_kinds.get(kind)
    if found is None:
        raise RowError(
            f"kind {kind!r} is not a resource kind (known: {', '.join(ref.resource_kinds.codes())})"
        )
    row: dict[str, Any] = {"kind": kind}
    for column, limit in LIMITS.items():
        value = _clean(item.get(column))
        if len(value) > limit:
            raise RowError(f"{column} is longer than {limit} characters")
        row[column] = value
    if not row["name"]:
        raise RowError("name is required")
    if row["phone"] and not PHONE.match(row["phone"]):
        raise RowError(f"phone {row['phone']!r} is not a phone number")
    row["id"] = _clean(item.get("id")) or _slug(f"{kind}-{row['name']}")
    if not ID.match(row["id"]):
        raise RowError("id must be 1-64 letters, digits, '.', '_' or '-'")
    row["languages"] = _languages(item.get("languages"))
    row["beds_open"], row["beds_as_of"] = _beds(item, bool(found.get("beds")), now)
    return row


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RowError("a value must be text")
    return " ".join(str(value).split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64] or "resource"


def _languages(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    parts = value if isinstance(value, list) else str(value).split(";")
    if not all(isinstance(p, str) for p in parts):
        raise RowError("languages must be text")
    names = [" ".join(p.split()) for p in parts if p.strip()]
    if len(names) > MAX_LANGUAGES or any(len(n) > 40 for n in names):
        raise RowError(f"at most {MAX_LANGUAGES} languages of up to 40 characters")
    return names


def _beds(item: Mapping[str, Any], has_beds: bool, now: datetime) -> tuple[int | None, str | None]:
    raw = item.get("beds_open")
    if raw in (None, ""):
        return None, None
    if not has_beds:
        raise RowError(f"beds_open is only for kinds with beds, not {item.get('kind')}")
    try:
        beds = int(str(raw).strip())
    except ValueError:
        raise RowError(f"beds_open {raw!r} is not a whole number") from None
    if not 0 <= beds <= 10_000:
        raise RowError("beds_open must be from 0 to 10000")
    return beds, as_of_time(item.get("beds_as_of"), now)


def as_of_time(value: Any, now: datetime) -> str:
    """A beds-open time as stored (UTC, milliseconds); none given: now; no zone: UTC."""
    if value in (None, ""):
        return iso(now)
    try:
        when = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        raise RowError(f"beds_as_of {value!r} is not an ISO-8601 time") from None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    if when > now.astimezone(UTC).replace(microsecond=0) and (when - now).total_seconds() > 300:
        raise RowError("beds_as_of is in the future")
    return iso(when)
