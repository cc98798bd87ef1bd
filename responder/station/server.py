"""Running the station: uvicorn, TLS 1.2+ from cert/key files, plain HTTP only on loopback."""

from __future__ import annotations

import ipaddress
import logging
import ssl
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from civilian_responder.station.errors import StationConfigError
from civilian_responder.station.service import Station

log = logging.getLogger(__name__)


class Companion(Protocol):
    """Something that runs beside the server (the demo dispatcher, the lease watch): started
    with a function that stops the server, stopped when the server has stopped."""

    def start(self, stop_server: Callable[[], None]) -> None: ...

    def stop(self) -> None: ...


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_transport(host: str, cert: Path | None, key: Path | None) -> None:
    """Refuse configurations that would carry tokens and reports in clear text off this host."""
    if (cert is None) != (key is None):
        raise StationConfigError("Give both --tls-cert and --tls-key, or neither")
    if cert is None and not is_loopback(host):
        raise StationConfigError(
            f"Refusing to serve plain HTTP on {host}: units would send tokens and reports "
            "unencrypted. Give --tls-cert and --tls-key, or bind to 127.0.0.1 (e.g. behind a "
            "TLS-terminating proxy on this host)."
        )
    for path in (cert, key):
        if path is not None and not path.is_file():
            raise StationConfigError(f"TLS file not found: {path}")


def tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        ctx.load_cert_chain(str(cert), str(key))
    except (ssl.SSLError, OSError) as exc:
        raise StationConfigError(f"Cannot load the TLS certificate/key: {exc}") from exc
    return ctx


def serve(station: Station, host: str, port: int, cert: Path | None = None,
          key: Path | None = None, log_level: str = "info",
          companions: Sequence[Companion] = (), workers: int = 1,
          database_url: str | None = None) -> int:
    check_transport(host, cert, key)
    if workers < 1:
        raise StationConfigError("--workers must be 1 or more")
    context = tls_context(cert, key) if cert and key else None
    options = {"host": host, "port": port, "log_level": log_level, "server_header": False,
               "proxy_headers": False, "timeout_keep_alive": 10,
               "timeout_graceful_shutdown": 3,
               "ssl_certfile": str(cert) if cert else None,
               "ssl_keyfile": str(key) if key else None}
    scheme = "https" if context else "http"
    log.info("station %s serving on %s://%s:%d (%d worker%s)", station.station_id, scheme, host,
             port, workers, "" if workers == 1 else "s")
    if workers > 1:
        if companions:
            raise StationConfigError("The demo companions run with one worker only")
        from civilian_responder.station.workers import run_workers  # noqa: PLC0415

        station.close()  # each worker opens its own engine
        run_workers(database_url or str(station.engine.url), station.limits, workers,
                    **options)
        return 0
    import uvicorn  # noqa: PLC0415 (only the serve command needs the server)
    from civilian_responder.station.app import create_app  # noqa: PLC0415

    config = uvicorn.Config(create_app(station), **options)
    config.load()
    station.warm()
    from civilian_responder.station.memory import settle_memory  # noqa: PLC0415

    settle_memory()
    if context is not None:
        # uvicorn builds its own context without a version floor; use ours (TLS 1.2+).
        config.ssl = context
    server = uvicorn.Server(config)

    def stop_server() -> None:
        server.should_exit = True

    for companion in companions:
        companion.start(stop_server)
    try:
        server.run()
    finally:
        for companion in companions:
            companion.stop()
    return 0
