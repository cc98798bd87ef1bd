"""A TCP proxy between the app and the station that injects network faults, request by request.

Loopback only. It understands just enough HTTP/1.1 to find one request (headers plus a
Content-Length body), asks ``policy(method, path)`` what to do with it, and forwards it on a
fresh upstream connection (``Connection: close``) so the whole response can be read to EOF.

Faults (the names ``policy`` returns):
- ``pass``            forward, answer faithfully
- ``drop_before``     close the client connection before anything reaches the station
- ``drop_after``      forward (the station acts on it), then close without answering
- ``cut_response``    forward, send only part of the answer, close
- ``error_before``    answer 500 without forwarding
- ``error_after``     forward (the station acts on it), answer 500
- ``delay``           wait ``delay`` seconds (past the client's timeout), then forward
- ``repeat``          forward twice (a replayed request), answer with the first response

Wrong answers (``ANSWER_FAULTS``; on pull answers only, anything else passes):
- ``trim_page``       drop a change from the middle of a pull page, keep its cursor
- ``cursor_ahead``    a pull page whose cursor runs past its last change
- ``garble_change``   one change of the page arrives unreadable (its payload a string)
- ``trickle``         forward, then dribble the answer a few bytes at a time, forever
"""

from __future__ import annotations

import json
import random
import socket
import threading
import time
from collections.abc import Callable

FAULTS = ("drop_before", "drop_after", "cut_response", "error_before", "error_after",
          "delay", "repeat")
ANSWER_FAULTS = ("trim_page", "cursor_ahead", "garble_change", "trickle")
_500 = (b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\n"
        b"content-length: 61\r\nconnection: close\r\n\r\n"
        b'{"error": {"kind": "server", "message": "injected by proxy"}}')
_MAX_HEADER = 64 * 1024

Policy = Callable[[str, str], str]


def random_policy(rng: random.Random, fault_rate: float,
                  faults: tuple[str, ...] = FAULTS) -> Policy:
    def policy(method: str, path: str) -> str:
        return rng.choice(faults) if rng.random() < fault_rate else "pass"
    return policy


class FaultProxy:
    def __init__(self, upstream_port: int, delay: float = 1.0,
                 trickle_gap: float = 0.05) -> None:
        self.upstream_port = upstream_port
        self.delay = delay
        self.trickle_gap = trickle_gap
        self.policy: Policy = lambda m, p: "pass"
        self.log: list[tuple[str, str, str]] = []
        self._lock = threading.Lock()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._stopped.set()
        try:
            self._sock.close()
        except OSError:
            pass

    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            with client:
                request = _read_request(client)
                if request is None:
                    return
                method, path = _request_line(request)
                fault = self.policy(method, path)
                with self._lock:
                    self.log.append((method, path, fault))
                self._act(client, request, fault)
        except OSError:
            pass

    def _act(self, client: socket.socket, request: bytes, fault: str) -> None:
        if fault in ANSWER_FAULTS:
            self._wrong_answer(client, request, fault)
            return
        if fault == "drop_before":
            _reset(client)
            return
        if fault == "error_before":
            client.sendall(_500)
            return
        if fault == "delay":
            time.sleep(self.delay)
        response = self._forward(request)
        if response is None:  # the station is down: looks like a dead network to the app
            _reset(client)
            return
        if fault == "repeat":
            self._forward(request)
        if fault == "drop_after":
            _reset(client)
        elif fault == "error_after":
            client.sendall(_500)
        elif fault == "cut_response":
            client.sendall(response[: max(1, len(response) // 2)])
        else:
            client.sendall(response)

    def _wrong_answer(self, client: socket.socket, request: bytes, fault: str) -> None:
        response = self._forward(request)
        if response is None:
            _reset(client)
            return
        if fault == "trickle":
            for i in range(0, len(response), 4):
                client.sendall(response[i:i + 4])
                time.sleep(self.trickle_gap)
            return
        if b" /api/v1/sync/pull" in request.split(b"\r\n", 1)[0]:
            response = _rewrite_page(response, fault)
        client.sendall(response)

    def _forward(self, request: bytes) -> bytes | None:
        try:
            with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30) as up:
                up.sendall(request)
                chunks = []
                while True:
                    data = up.recv(1 << 16)
                    if not data:
                        break
                    chunks.append(data)
                return b"".join(chunks)
        except OSError:
            return None


def _reset(sock: socket.socket) -> None:
    # SO_LINGER 0: the close sends RST, like a dropped link, not a polite FIN.
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    except OSError:
        pass


def _read_request(sock: socket.socket) -> bytes | None:
    buf = b""
    while b"\r\n\r\n" not in buf:
        data = sock.recv(1 << 16)
        if not data:
            return None
        buf += data
        if len(buf) > _MAX_HEADER and b"\r\n\r\n" not in buf:
            return None
    head, _, body = buf.partition(b"\r\n\r\n")
    length = 0
    lines = head.split(b"\r\n")
    kept = [lines[0]]
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        if name.strip().lower() == b"connection":
            continue
        kept.append(line)
    kept.append(b"Connection: close")
    while len(body) < length:
        data = sock.recv(1 << 16)
        if not data:
            return None
        body += data
    return b"\r\n".join(kept) + b"\r\n\r\n" + body[:length]


def _request_line(request: bytes) -> tuple[str, str]:
    first = request.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
    return (first[0], first[1]) if len(first) >= 2 else ("?", "?")


def _rewrite_page(response: bytes, fault: str) -> bytes:
    head, _, body = response.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        return response
    try:
        page = json.loads(body)
    except ValueError:
        return response
    changes = page.get("changes") or []
    if fault == "trim_page" and len(changes) >= 2:
        del changes[len(changes) // 2]
    elif fault == "cursor_ahead":
        page["cursor"] = int(page.get("cursor") or 0) + 7
    elif fault == "garble_change" and changes:
        changes[len(changes) // 2]["payload"] = "\x00garbled"
    else:
        return response
    body = json.dumps(page).encode()
    lines = [line for line in head.split(b"\r\n")
             if not line.lower().startswith(b"content-length:")]
    lines.append(b"content-length: " + str(len(body)).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + body
