"""The HTTP client for the station API. The one module that imports httpx: every network
exception and every unexpected answer becomes a ``SyncError`` with a kind."""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from civilian_responder.errors import SyncError, SyncErrorKind, ValidationError, say

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

API = "/api/v1"
DEFAULT_TIMEOUT = 30.0
_LOOPBACK_NAMES = ("localhost",)


@dataclass(frozen=True)
class UploadState:
    """What the station holds of one attachment's bytes."""

    offset: int
    complete: bool


def check_station_url(url: str) -> str:
    """A usable station address: https anywhere, plain http only on this machine (loopback)."""
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            say("Sync", "Enter the station address, e.g. https://station.example.org"),
            {"station_url": f"{url!r} is not an http(s) address"},
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ValidationError(
            say("Sync", "The station must be reached over https (plain http only on this "
                "computer)"),
            {"station_url": "use https://"},
        )
    return text


def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class StationClient:
    """One HTTP connection pool to one station. Thread-safe; used from the sync worker.
    ``deadline`` (seconds) bounds everything this client does, however the station answers."""

    def __init__(self, base_url: str, token: str | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT, verify: bool | str = True,
                 deadline: float | None = None) -> None:
        self.base_url = check_station_url(base_url)
        if self.base_url.startswith("http://"):
            # Plain http is loopback only (checked above): no TLS, so skip loading the CA
            # bundle, which costs tens of milliseconds per client (one client per sync round).
            verify = False
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        # httpx loads on the first client, not with the app: it and its transport stack cost
        # ~100 ms of start-up, and the window needs none of it to show the board.
        import httpcore  # noqa: PLC0415
        import httpx  # noqa: PLC0415
        from civilian_responder.sync.deadline import Deadline, DeadlineBackend  # noqa: PLC0415

        transport = httpx.HTTPTransport(verify=verify)
        pool = getattr(transport, "_pool", None)
        if deadline and isinstance(pool, httpcore.ConnectionPool):
            pool._network_backend = DeadlineBackend(pool._network_backend, Deadline(deadline))
        self._http = httpx.Client(
            base_url=self.base_url + API, headers=headers, transport=transport,
            timeout=httpx.Timeout(timeout), follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> StationClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Endpoints ------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return self._json("GET", "/health")

    def enroll(self, code: str, device_name: str) -> dict[str, Any]:
        body = self._json("POST", "/enroll", json={"code": code, "device_name": device_name})
        _require(body, ("device_id", "unit_id", "token"), "enroll")
        return body

    def push(self, changes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        body = self._json("POST", "/sync/push", json={"changes": list(changes)})
        results = body.get("results")
        if not isinstance(results, list) or len(results) != len(changes):
            raise SyncError(SyncErrorKind.PROTOCOL,
                            say("Sync", "The station answered a push with the wrong number of "
                                "results"))
        for sent, result in zip(changes, results, strict=True):
            if not isinstance(result, dict) or result.get("change_id") != sent["change_id"]:
                raise SyncError(SyncErrorKind.PROTOCOL,
                                say("Sync", "The station answered a push out of order"))
        return results

    def pull(self, cursor: int, limit: int) -> dict[str, Any]:
        body = self._json("GET", "/sync/pull", params={"cursor": cursor, "limit": limit})
        _require(body, ("changes", "cursor", "more"), "pull")
        if not isinstance(body["changes"], list) or not all(
                isinstance(c, dict) and _is_int(c.get("seq")) for c in body["changes"]):
            raise SyncError(SyncErrorKind.PROTOCOL,
                            say("Sync", "The station sent a malformed pull answer"))
        return body

    def sync_state(self, last_change_id: str | None, cursor: int, cursor_check: str | None,
                   cad_numbers: Sequence[str]) -> dict[str, Any] | None:
        """Has the station gone back since this device last synced? None from a station
        that predates the question (404)."""
        response = self._send("POST", "/sync/state", json={
            "last_change_id": last_change_id or None, "cursor": cursor,
            "cursor_check": cursor_check or None, "cad_numbers": list(cad_numbers)[:50]})
        if response.status_code == 404:
            return None
        self._raise_for(response)
        try:
            body = response.json()
        except ValueError as exc:
            raise SyncError(SyncErrorKind.PROTOCOL,
                            say("Sync", "The station sent something that is not JSON (sync "
                                "state)")) from exc
        if not isinstance(body, dict) or not isinstance(body.get("cursor_ok"), bool):
            raise SyncError(SyncErrorKind.PROTOCOL,
                            say("Sync", "The station sent a malformed sync state"))
        return body

    def upload_state(self, sha256: str) -> UploadState:
        response = self._send("HEAD", f"/attachments/{sha256}")
        if response.status_code == 404:
            return UploadState(0, False)
        self._raise_for(response)
        return _upload_state(response)

    def upload_chunk(self, sha256: str, offset: int, total: int, chunk: bytes) -> UploadState:
        """Send bytes [offset, offset+len(chunk)). Returns what the station holds after it.
        A 409 (the station holds a different offset) returns the station's offset instead."""
        response = self._send(
            "PATCH", f"/attachments/{sha256}", content=chunk,
            headers={"Upload-Offset": str(offset), "Upload-Length": str(total),
                     "Content-Type": "application/offset+octet-stream"},
        )
        if response.status_code == 409 and "Upload-Offset" in response.headers:
            return _upload_state(response)
        self._raise_for(response)
        return _upload_state(response, default_offset=offset + len(chunk))

    def upload_batch(self, items: Sequence[tuple[str, bytes]]) -> list[UploadState]:
        """Several whole photos in one request (protocol v1.1 ``photo_batch``); the station
        verifies each against its SHA-256 and commits the batch once. In request order."""
        manifest = json.dumps({"items": [{"sha256": sha, "length": len(data)}
                                         for sha, data in items]}).encode() + b"\n"
        pieces = [manifest, *(data for _, data in items)]
        # Sent piece by piece with a declared length: no 16 MB copy of the photos (a copy
        # holds the GIL, and so the GUI thread, for as long as it takes).
        length = str(sum(len(p) for p in pieces))
        answer = self._json("POST", "/attachments/batch", content=iter(pieces),
                            headers={"Content-Type": "application/x-responder-photo-batch",
                                     "Content-Length": length})
        results = answer.get("results")
        if not isinstance(results, list) or len(results) != len(items) or any(
                not isinstance(r, dict) or r.get("sha256") != sha
                for r, (sha, _) in zip(results, items, strict=False)):
            raise SyncError(SyncErrorKind.PROTOCOL,
                            say("Sync", "The station answered a photo batch with the wrong "
                                "results"))
        return [UploadState(len(data) if r.get("complete") is True else 0,
                            r.get("complete") is True) for r, (_, data) in zip(results, items,
                                                                               strict=True)]

    # Plumbing -------------------------------------------------------------------------------

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = self._send(method, path, **kwargs)
        self._raise_for(response)
        try:
            body = response.json()
        except ValueError as exc:
            raise SyncError(SyncErrorKind.PROTOCOL,
                            say("Sync", "The station sent something that is not JSON "
                                "({path})").format(path=path)) from exc
        if not isinstance(body, dict):
            raise SyncError(SyncErrorKind.PROTOCOL,
                            say("Sync", "The station sent an unexpected answer ({path})").format(
                                path=path))
        return body

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        import httpx  # noqa: PLC0415 (loaded by __init__ already)

        try:
            return self._http.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise SyncError(SyncErrorKind.OFFLINE,
                            say("Sync", "The station did not answer in time")) from exc
        except (httpx.TransportError, OSError) as exc:
            # Connection refused/reset, DNS, TLS failures, a body cut off mid-way.
            raise SyncError(SyncErrorKind.OFFLINE,
                            say("Sync", "Station unreachable ({reason})").format(
                                reason=type(exc).__name__)) from exc
        except httpx.HTTPError as exc:
            raise SyncError(SyncErrorKind.PROTOCOL, say("Sync", "HTTP error: {reason}").format(
                reason=type(exc).__name__)) from exc

    @staticmethod
    def _raise_for(response: httpx.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        kind, message = _error_body(response)
        log.info("Station answered %s (%s)", status, kind or "no kind")
        if status == 401:
            if kind == "revoked":
                raise SyncError(SyncErrorKind.AUTH,
                                say("Sync", "This device's access to the station was revoked; "
                                    "ask your supervisor to enroll it again"))
            raise SyncError(SyncErrorKind.AUTH, message or say(
                "Sync", "The station did not accept this device's sign-in; connect to the "
                "station again"))
        if status == 403:
            raise SyncError(SyncErrorKind.AUTH,
                            message or say("Sync", "This device may not do that"))
        if status == 409:
            raise SyncError(SyncErrorKind.CONFLICT,
                            message or say("Sync", "The station reported a conflict"))
        if status >= 500 or status == 429:
            raise SyncError(SyncErrorKind.SERVER,
                            say("Sync", "The station had a problem ({status})").format(
                                status=status))
        raise SyncError(SyncErrorKind.PROTOCOL,
                        say("Sync", "The station refused the request ({status}): "
                            "{reason}").format(status=status, reason=message or kind))


def _error_body(response: httpx.Response) -> tuple[str, str]:
    try:
        error = response.json().get("error", {})
        return str(error.get("kind", "")), str(error.get("message", ""))
    except (ValueError, AttributeError):
        return "", ""


def _upload_state(response: httpx.Response, default_offset: int | None = None) -> UploadState:
    raw = response.headers.get("Upload-Offset")
    try:
        offset = int(raw) if raw is not None else default_offset
    except ValueError:
        offset = None
    if offset is None:
        raise SyncError(SyncErrorKind.PROTOCOL,
                        say("Sync", "The station did not say how much it holds"))
    return UploadState(offset, response.headers.get("Upload-Complete", "0") == "1")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _require(body: Mapping[str, Any], keys: Sequence[str], what: str) -> None:
    missing = [k for k in keys if k not in body]
    if missing:
        raise SyncError(SyncErrorKind.PROTOCOL,
                        say("Sync", "The station's {what} answer lacks {missing}").format(
                            what=what, missing=", ".join(missing)))
