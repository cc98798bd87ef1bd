"""SQL for the offline resource directory (synced from the station; never edited here)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import sqlite_utils
from civilian_responder.models import Resource

_COLUMNS = (
    "id",
    "kind",
    "name",
    "phone",
    "address",
    "hours",
    "eligibility",
    "languages",
    "beds_open",
    "beds_as_of",
    "revision",
    "updated_at",
)
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM directory_resources"


def _resource(row: Sequence[Any]) -> Resource:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["languages"] = tuple(json.loads(values["languages"]))
    return Resource(**values)


def _escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class DirectoryRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def put(self, resource: Resource, search: str) -> bool:
        """Store a newer revision of a resource (older or equal ones are ignored)."""
        held = self._db.execute(
            "SELECT revision FROM directory_resources WHERE id = ?", [resource.id]
        ).fetchone()
        if held is not None and held[0] >= resource.revision:
            return False
        values = [getattr(resource, c) for c in _COLUMNS]
        values[_COLUMNS.index("languages")] = json.dumps(
            list(resource.languages), ensure_ascii=False
        )
        self._db.execute(
            f"INSERT OR REPLACE INTO directory_resources ({', '.join(_COLUMNS)}, search)"
            f" VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})",
            [*values, search],
        )
        return True

    def remove(self, resource_id: str) -> None:
        self._db.execute("DELETE FROM directory_resources WHERE id = ?", [resource_id])

    def search(
        self, terms: Sequence[str], kinds: Sequence[str] = (), limit: int = 50
    ) -> list[Resource]:
        """Resources whose search text holds every term (lowercased), by name."""
        where, args = [], []
        for term in terms:
            where.append("search LIKE ? ESCAPE '\\'")
            args.append(f"%{_escape(term)}%")
        if kinds:
            where.append(f"kind IN ({', '.join('?' * len(kinds))})")
            args += list(kinds)
        sql = _SELECT + (f" WHERE {' AND '.join(where)}" if where else "")
        rows = self._db.execute(sql + " ORDER BY name COLLATE NOCASE LIMIT ?", [*args, limit])
        return [_resource(r) for r in rows.fetchall()]

    def get(self, resource_id: str) -> Resource | None:
        row = self._db.execute(_SELECT + " WHERE id = ?", [resource_id]).fetchone()
        return _resource(row) if row else None

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM directory_resources").fetchone()[0])

    def by_name(self, name: str) -> list[Resource]:
        """An exact (case-blind) name look-up on the name index (the benchmark's baseline)."""
        rows = self._db.execute(_SELECT + " WHERE name = ? COLLATE NOCASE", [name])
        return [_resource(r) for r in rows.fetchall()]


def search_text(resource: Resource) -> str:
    """What a search matches: name, kind (its code, e.g. ``dv_hotline``), address, languages,
    eligibility and phone, lowercased, one space between words."""
    parts = (
        resource.name,
        resource.kind.replace("_", " "),
        resource.kind,
        resource.address,
        " ".join(resource.languages),
        resource.eligibility,
        resource.phone,
    )
    return " ".join(" ".join(parts).lower().split())


def search_terms(text: str) -> list[str]:
    """The words of what was typed (lowercased; at most 8, the rest narrow nothing useful)."""
    return text.lower().split()[:8]


def payload_resource(payload: Mapping[str, Any]) -> Resource:
    """A directory row as the station sends it (feed kind ``resource``); raises ValueError."""
    languages = payload.get("languages") or []
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise ValueError("languages")
    beds = payload.get("beds_open")
    if beds is not None and (isinstance(beds, bool) or not isinstance(beds, int)):
        raise ValueError("beds_open")
    text = {
        name: payload.get(name) or ""
        for name in ("phone", "address", "hours", "eligibility", "updated_at")
    }
    if not all(isinstance(v, str) for v in text.values()):
        raise ValueError("text field")
    for name in ("id", "kind", "name"):
        if not isinstance(payload.get(name), str) or not payload[name]:
            raise ValueError(name)
    revision = payload.get("revision")
    if isinstance(revision, bool) or not isinstance(revision, int):
        raise ValueError("revision")
    as_of = payload.get("beds_as_of")
    return Resource(
        id=payload["id"],
        kind=payload["kind"],
        name=payload["name"],
        languages=tuple(languages),
        beds_open=beds,
        beds_as_of=as_of if isinstance(as_of, str) else None,
        revision=revision,
        **text,
    )
