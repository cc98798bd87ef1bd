"""Security costs: unlock (key derivation) time, and autosave encrypted vs plain."""

import os
import statistics
import time

import pytest
from civilian_responder.app import open_app
from civilian_responder.clock import SystemClock
from civilian_responder.demo import seed_demo
from civilian_responder.security.keystore import DEFAULT_KDF, Keystore, new_database_key

PASSPHRASE = "benchmark passphrase words"


def test_unlock_time(benchmark, tmp_path):
    store = Keystore(tmp_path / "keystore.json")
    store.add("alice", PASSPHRASE, new_database_key(), officer_id="o1",
              created_at="2026-11-21T00:00:00.000Z", kdf=DEFAULT_KDF)
    benchmark.pedantic(store.unwrap, args=("alice", PASSPHRASE), rounds=5, iterations=1)
    median = benchmark.stats.stats.median
    print(f"\nunlock (scrypt n={DEFAULT_KDF.n} r={DEFAULT_KDF.r} p={DEFAULT_KDF.p} + AES-GCM "
          f"unwrap): median {median:.3f} s")
    assert 0.25 <= median <= 1.0


def _profile(path, key):
    app = open_app(path, key=key)
    seed_demo(app.store, SystemClock(), active=10, history=5, reports=False)
    call_id = app.store.db.execute("SELECT id FROM calls ORDER BY received_at").fetchone()[0]
    return app, app.reports.start(call_id).id


def _save_times(app, report_id, n):
    times = []
    for i in range(n):
        start = time.perf_counter()
        app.reports.save_fields(report_id, {"narrative": f"Narrative draft {i} " * 40})
        times.append(time.perf_counter() - start)
    return times


@pytest.mark.parametrize("rounds", [60])
def test_autosave_encrypted_vs_plain(benchmark, tmp_path, rounds):
    plain, plain_report = _profile(tmp_path / "plain", None)
    enc, enc_report = _profile(tmp_path / "enc", os.urandom(32))
    plain_times, enc_times = [], []
    for _ in range(3):  # interleaved so machine load hits both alike
        plain_times += _save_times(plain, plain_report, rounds // 3)
        enc_times += _save_times(enc, enc_report, rounds // 3)
    counter = iter(range(10**6))
    benchmark.pedantic(lambda: enc.reports.save_fields(
        enc_report, {"narrative": f"bench {next(counter)} " * 40}), rounds=20, iterations=1)
    p, e = statistics.median(plain_times), statistics.median(enc_times)
    print(f"\nautosave median: plain {p * 1000:.2f} ms, encrypted {e * 1000:.2f} ms, "
          f"ratio {e / p:.2f} (target <= 1.5)")
    plain.close()
    enc.close()
    assert e / p <= 1.5
