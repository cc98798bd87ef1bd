"""Fair throttling (issue 16, part 2): failures are counted by what failed (the address, the
token or code presented) in the station database, only failures are answered 429, the
forwarded address is honoured only from a configured trusted proxy, and the counts hold across
several station processes on one database (SQLite and PostgreSQL)."""

from __future__ import annotations

import contextlib
import uuid

import pytest

from tests.station_fixture import StationProcess, postgres_url

STRICT = ["--enroll-limit", "3", "--auth-failure-limit", "5", "--enroll-global-limit", "8"]


@pytest.fixture()
def proxied(tmp_path, monkeypatch):
    """A station behind a proxy on 127.0.0.1, configured through the environment variable."""
    monkeypatch.setenv("RESPONDER_STATION_TRUSTED_PROXIES", "127.0.0.1, ::1")
    server = StationProcess(tmp_path, extra_args=STRICT).start()
    yield server
    server.close()


def via(server: StationProcess, client_address: str, token: str | None = None):
    http = server.client(token)
    http.headers["X-Forwarded-For"] = f"{client_address}, 127.0.0.1"
    return http


def junk() -> str:
    return "rsd_" + uuid.uuid4().hex


def test_junk_behind_the_proxy_never_locks_out_the_fleet(proxied):
    _, good = proxied.enroll("CSO-1")
    dispatcher = proxied.admin_token("dispatcher")
    attacker = [via(proxied, "203.0.113.9", junk()).get("/api/v1/sync/pull").status_code
                for _ in range(8)]
    assert attacker == [401] * 5 + [429] * 3
    # The attacker's address is throttled, but only its failures: and other clients behind the
    # same proxy are not even that.
    assert via(proxied, "203.0.113.9", good).get("/api/v1/sync/pull").status_code == 200
    assert via(proxied, "198.51.100.7", junk()).get("/api/v1/sync/pull").status_code == 401
    assert via(proxied, "198.51.100.7", good).get("/api/v1/sync/pull").status_code == 200
    assert via(proxied, "198.51.100.8", dispatcher).get("/api/v1/calls").status_code == 200


def test_one_token_is_throttled_wherever_it_comes_from(proxied):
    token = junk()
    answers = [via(proxied, f"192.0.2.{n}", token).get("/api/v1/sync/pull").status_code
               for n in range(7)]
    assert answers == [401] * 5 + [429] * 2
    # A revoked device is throttled by its token too.
    device_id, revoked = proxied.enroll("CSO-2")
    proxied.station.devices.revoke(device_id)
    answers = [via(proxied, f"192.0.2.{100 + n}", revoked).get("/api/v1/sync/pull")
               for n in range(6)]
    assert [a.status_code for a in answers] == [401] * 5 + [429]
    assert answers[0].json()["error"]["kind"] == "revoked"


def test_bad_codes_never_block_a_valid_code(proxied):
    for n in range(4):
        r = via(proxied, "203.0.113.20").post("/api/v1/enroll", json={"code": f"BAD-{n}"})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    r = via(proxied, "203.0.113.20").post("/api/v1/enroll", json={"code": proxied.make_code()})
    assert r.status_code == 200, r.text
    # One code tried again and again is throttled by the code, from any address.
    answers = [via(proxied, f"192.0.2.{n}").post("/api/v1/enroll", json={"code": "SAME-CODE"})
               .status_code for n in range(5)]
    assert answers == [401] * 3 + [429] * 2


def test_the_global_failure_limit_never_blocks_valid_codes(proxied):
    answers = [via(proxied, f"198.18.0.{n}").post("/api/v1/enroll", json={"code": f"G-{n}"})
               .status_code for n in range(10)]
    assert answers == [401] * 8 + [429] * 2  # 8 failures from all clients together
    assert [via(proxied, "198.18.1.1").post("/api/v1/enroll", json={
        "code": proxied.make_code()}).status_code for _ in range(10)] == [200] * 10


def test_forwarded_addresses_are_ignored_without_a_trusted_proxy(tmp_path, monkeypatch):
    monkeypatch.delenv("RESPONDER_STATION_TRUSTED_PROXIES", raising=False)
    server = StationProcess(tmp_path, extra_args=STRICT).start()
    try:
        # Rotating X-Forwarded-For does not escape the limit on the real address.
        answers = [via(server, f"10.9.0.{n}", junk()).get("/api/v1/sync/pull").status_code
                   for n in range(7)]
        assert answers == [401] * 5 + [429] * 2
    finally:
        server.close()
    # A proxy given on the command line is honoured (and beats the environment).
    monkeypatch.setenv("RESPONDER_STATION_TRUSTED_PROXIES", "192.0.2.1")
    server = StationProcess(tmp_path / "b", extra_args=[*STRICT, "--trusted-proxy",
                                                         "127.0.0.0/8"]).start()
    try:
        answers = [via(server, f"10.9.0.{n}", junk()).get("/api/v1/sync/pull").status_code
                   for n in range(7)]
        assert answers == [401] * 7
    finally:
        server.close()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
def test_counters_hold_across_station_processes(tmp_path, backend):
    """Two station processes on one database (as two workers are) share the counts."""
    database = postgres_url() if backend == "postgres" else contextlib.nullcontext(
        str(tmp_path / "s.db"))
    with database as url:
        first = StationProcess(tmp_path / "a", url, extra_args=STRICT).start()
        second = StationProcess(tmp_path / "b", url, extra_args=STRICT).start()
        try:
            answers = [(first if n % 2 else second).client(junk()).get("/api/v1/sync/pull")
                       .status_code for n in range(8)]
            assert answers == [401] * 5 + [429] * 3
            for server in (first, second):
                _, good = server.enroll("CSO-3")
                assert server.client(good).get("/api/v1/sync/pull").status_code == 200
        finally:
            first.close()
            second.close()
