"""Several uvicorn worker processes on one station database (``serve --workers N``).

Each worker builds its own ``Station`` from the settings the parent put in the environment
(the parent has already run the migrations). Everything the workers must share lives in the
database: the pull feed and its lock, exactly-once receipts, rate-limit counters. Use
PostgreSQL for several workers; SQLite works but serializes every write.
"""

from __future__ import annotations

import dataclasses
import json
import os
import ssl
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

SETTINGS_ENV = "RESPONDER_STATION_WORKER_SETTINGS"


class StationConfig(uvicorn.Config):
    """uvicorn's config, with the TLS floor the station requires (TLS 1.2) in every worker."""

    def load(self) -> None:
        super().load()
        if self.ssl is not None:
            self.ssl.minimum_version = ssl.TLSVersion.TLSv1_2


def worker_app() -> Any:
    """The app factory each worker process calls."""
    from civilian_responder.station.app import create_app  # noqa: PLC0415
    from civilian_responder.station.service import Limits, open_station  # noqa: PLC0415

    settings = json.loads(os.environ[SETTINGS_ENV])
    limits = dict(settings["limits"], trusted_proxies=tuple(settings["limits"]
                                                            ["trusted_proxies"]))
    from civilian_responder.station.memory import settle_memory  # noqa: PLC0415

    station = open_station(settings["database"], limits=Limits(**limits), run_migrations=False)
    app = create_app(station)
    station.warm()
    settle_memory()
    return app


def run_workers(database_url: str, limits: Any, workers: int, **server: Any) -> None:
    os.environ[SETTINGS_ENV] = json.dumps({"database": database_url,
                                           "limits": dataclasses.asdict(limits)})
    config = StationConfig(f"{__name__}:worker_app", factory=True, workers=workers, **server)
    sock = config.bind_socket()
    Multiprocess(config, sockets=[sock]).run()
