"""Agency settings: station-wide values staff set once for every unit and console user.

Kept in ``station_meta`` (key ``setting:NAME``), like the station's other station-wide values.
Settings units must follow (``retention_days``) are announced to every unit on the pull feed
(kind ``agency_setting``, a broadcast) in the same transaction as the change, so a unit gets
the latest value at its next sync; the others (``part2_roles``) stay at the station.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from civilian_responder.clock import Clock, iso
from civilian_responder.station.errors import Invalid
from civilian_responder.station.storage import feed
from civilian_responder.station.storage.database import lock_feed, write
from civilian_responder.station.storage.tables import meta
from sqlalchemy import Engine, select

log = logging.getLogger(__name__)
PREFIX = "setting:"
MAX_RETENTION_DAYS = 3650


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    check: Callable[[str], str]
    to_units: bool  # delivered to units at sync


def _days(raw: str) -> str:
    text = raw.strip()
    if not text.isdigit() or not 0 <= int(text) <= MAX_RETENTION_DAYS:
        raise Invalid(
            f"retention_days is a whole number of days, 0 to {MAX_RETENTION_DAYS} "
            f"(got {raw!r})"
        )
    return str(int(text))


def _roles(raw: str) -> str:
    from civilian_responder.station.storage.staff import STAFF_ROLES  # noqa: PLC0415

    roles = [r.strip() for r in raw.split(",") if r.strip()]
    unknown = [r for r in roles if r not in STAFF_ROLES]
    if unknown:
        raise Invalid(
            f"part2_roles lists staff roles ({', '.join(STAFF_ROLES)}), comma-separated "
            f"(none: an empty value); unknown: {', '.join(unknown)}"
        )
    return ",".join(dict.fromkeys(roles))


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "retention_days",
            "30",
            "days after the station acknowledged them that units purge people, contacts and "
            "follow-ups from the laptop",
            _days,
            True,
        ),
        Setting(
            "part2_roles",
            "clinical_supervisor",
            "console roles that see 42 CFR Part 2 data (comma-separated; empty: none)",
            _roles,
            False,
        ),
    )
}


class AgencySettings:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def get(self, name: str) -> str:
        setting = self._setting(name)
        with self._engine.connect() as conn:
            found = conn.execute(
                select(meta.c.value).where(meta.c.key == PREFIX + name)
            ).scalar_one_or_none()
        return setting.default if found is None else str(found)

    def all(self) -> list[dict[str, Any]]:
        with self._engine.connect() as conn:
            held = dict(
                conn.execute(
                    select(meta.c.key, meta.c.value).where(meta.c.key.startswith(PREFIX))
                ).all()
            )
        return [
            {
                "name": s.name,
                "value": held.get(PREFIX + s.name, s.default),
                "default": s.default,
                "set": PREFIX + s.name in held,
                "to_units": s.to_units,
                "help": s.help,
            }
            for s in SETTINGS.values()
        ]

    def set(self, name: str, raw: object, actor: str = "station") -> dict[str, Any]:
        """Store a checked value; a setting units follow is announced to every unit."""
        setting = self._setting(name)
        if not isinstance(raw, str):
            raise Invalid(f"{name} needs a value")
        value = setting.check(raw)
        at = iso(self._clock.now())
        with write(self._engine) as conn:
            if setting.to_units:
                lock_feed(conn)
            key = PREFIX + name
            old = conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar_one_or_none()
            if old is None:
                conn.execute(meta.insert().values(key=key, value=value))
            else:
                conn.execute(meta.update().where(meta.c.key == key).values(value=value))
            changed = (setting.default if old is None else str(old)) != value
            if setting.to_units and (changed or old is None):
                feed.append(
                    conn,
                    None,
                    "agency_setting",
                    name,
                    {"name": name, "value": value, "at": at, "by": actor[:128]},
                    at,
                )
        log.info("agency setting %s set to %s by %s", name, value, actor)
        return {"name": name, "value": value, "previous": setting.default if old is None
                else str(old), "at": at}

    def part2_roles(self) -> frozenset[str]:
        return frozenset(r for r in self.get("part2_roles").split(",") if r)

    @staticmethod
    def _setting(name: str) -> Setting:
        if name not in SETTINGS:
            raise Invalid(f"No agency setting {name!r}; settings: {', '.join(SETTINGS)}")
        return SETTINGS[name]
