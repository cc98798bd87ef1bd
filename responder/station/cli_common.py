"""What every ``responder-station`` command shares: where the database is, how a command opens
the station, its common options, and JSON output."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any


def default_data_dir() -> Path:
    env = os.environ.get("RESPONDER_STATION_HOME")
    if env:
        return Path(env)
    from platformdirs import user_data_dir  # noqa: PLC0415

    return Path(user_data_dir("responder-station", appauthor=False))


def database_url(args: argparse.Namespace) -> str:
    if args.database:
        return str(args.database)
    env = os.environ.get("RESPONDER_STATION_DATABASE")
    if env:
        return env
    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    return str(data_dir / "station.db")


def open_from_args(args: argparse.Namespace, **kwargs: Any) -> Any:
    from civilian_responder.station.service import open_station  # noqa: PLC0415

    return open_station(database_url(args), **kwargs)


def print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False))


def common_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--database", help="database URL or SQLite file (default: "
                   "$RESPONDER_STATION_DATABASE, else station.db in the data dir)")
    p.add_argument("--data-dir", help="station data directory (default: $RESPONDER_STATION_HOME "
                   "or the user data dir)")
    p.add_argument("-v", "--verbose", action="store_true", help="log debug messages")


def add_command(sub: Any, name: str, func: Any, help_text: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text)
    common_options(p)
    p.set_defaults(func=func)
    return p

