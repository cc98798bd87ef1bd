"""Transport: TLS 1.2+ with a throwaway CA; TLS 1.0/1.1 refused; plain HTTP only on loopback."""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
import threading
import warnings

import httpx
import pytest
import trustme

from tests.station_fixture import REPO, StationProcess

LEGACY = ("TLSv1", "TLSv1_1")


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def tls_station(ca, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("station-tls")
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert_path, key_path, ca_path = (workdir / n for n in ("cert.pem", "key.pem", "ca.pem"))
    cert.cert_chain_pems[0].write_to_path(str(cert_path))
    cert.private_key_pem.write_to_path(str(key_path))
    ca.cert_pem.write_to_path(str(ca_path))
    server = StationProcess(workdir, tls=(cert_path, key_path), ca_file=ca_path).start()
    yield server
    server.close()


def _legacy_client(ca: trustme.CA) -> ssl.SSLContext:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.minimum_version = ssl.TLSVersion.TLSv1
        ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    ca.configure_trust(ctx)
    return ctx


def _handshake(ctx: ssl.SSLContext, port: int) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            return str(tls.version())


def test_tls_serves_the_api_with_hsts(tls_station):
    r = httpx.get(f"{tls_station.base_url}/api/v1/health", verify=tls_station.verify)
    assert r.status_code == 200 and r.json()["status"] == "ok"
    assert r.headers["strict-transport-security"].startswith("max-age=")
    device_id, token = tls_station.enroll("CSO-12")
    assert tls_station.client(token).get("/api/v1/sync/pull").status_code == 200


def test_tls_1_2_and_1_3_are_accepted(tls_station, ca):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ca.configure_trust(ctx)
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    assert _handshake(ctx, tls_station.port) == "TLSv1.2"
    ctx.maximum_version = ssl.TLSVersion.MAXIMUM_SUPPORTED
    assert _handshake(ctx, tls_station.port) == "TLSv1.3"


def test_this_machine_can_speak_legacy_tls_at_all(ca):
    """Control: the legacy client below does connect to a server that allows TLS 1.1, so its
    failure against the station is the station's refusal, not a client that cannot try."""
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        server_ctx.minimum_version = ssl.TLSVersion.TLSv1
    server_ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    ca.issue_cert("127.0.0.1").configure_cert(server_ctx)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def accept_one() -> None:
        conn, _ = listener.accept()
        try:
            server_ctx.wrap_socket(conn, server_side=True).close()
        except (ssl.SSLError, OSError):
            conn.close()

    thread = threading.Thread(target=accept_one, daemon=True)
    thread.start()
    assert _handshake(_legacy_client(ca), listener.getsockname()[1]) in ("TLSv1.1", "TLSv1")
    thread.join(5)
    listener.close()


def test_tls_1_1_and_below_are_refused(tls_station, ca):
    with pytest.raises(ssl.SSLError):
        _handshake(_legacy_client(ca), tls_station.port)
    assert "TLSv1.2" in _handshake_ok(ca, tls_station.port)


def _handshake_ok(ca: trustme.CA, port: int) -> str:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ca.configure_trust(ctx)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    return _handshake(ctx, port)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::"])
def test_plain_http_off_loopback_is_refused(host, tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "civilian_responder.station", "serve", "--host", host,
         "--database", str(tmp_path / "s.db")],
        cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "Refusing to serve plain HTTP" in out.stderr and "--tls-cert" in out.stderr
    assert not (tmp_path / "s.db").exists()  # refused before touching anything


def test_half_a_tls_config_is_refused(tmp_path):
    from civilian_responder.station.errors import StationConfigError
    from civilian_responder.station.server import check_transport

    with pytest.raises(StationConfigError, match="both"):
        check_transport("127.0.0.1", tmp_path / "cert.pem", None)
    with pytest.raises(StationConfigError, match="not found"):
        check_transport("0.0.0.0", tmp_path / "cert.pem", tmp_path / "key.pem")


def test_several_workers_keep_the_tls_floor(ca, tmp_path):
    cert = ca.issue_cert("127.0.0.1")
    cert_path, key_path, ca_path = (tmp_path / n for n in ("cert.pem", "key.pem", "ca.pem"))
    cert.cert_chain_pems[0].write_to_path(str(cert_path))
    cert.private_key_pem.write_to_path(str(key_path))
    ca.cert_pem.write_to_path(str(ca_path))
    server = StationProcess(tmp_path, tls=(cert_path, key_path), ca_file=ca_path,
                            extra_args=["--workers", "2"]).start(timeout=60)
    try:
        for _ in range(4):  # several connections, so more than one worker answers
            with pytest.raises(ssl.SSLError):
                _handshake(_legacy_client(ca), server.port)
            assert "TLSv1.2" in _handshake_ok(ca, server.port)
    finally:
        server.close()
