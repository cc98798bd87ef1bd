"""Build a profile holding 50,000 calls (a year of history), once per test session.

Use it from a benchmark module with a session fixture::

    @pytest.fixture(scope="session")
    def big_profile(tmp_path_factory):
        return build_big_profile(tmp_path_factory.mktemp("big") / "profile")
"""

from __future__ import annotations

import itertools
from pathlib import Path

from civilian_responder.app import open_app
from civilian_responder.demo import DEMO_UNIT, generate_calls, seed_demo
from civilian_responder.security.session import DEMO_OFFICER, DEMO_PASSPHRASE, Authenticator

BIG_CALLS = 50_000


def build_big_profile(profile: Path, count: int = BIG_CALLS) -> Path:
    """The demo shift plus ``count - 65`` history calls, written in batches."""
    core = open_app(profile)
    try:
        seed_demo(core.store, core.clock)
        history = generate_calls(
            core.clock,
            count - core.store.calls.count(),
            DEMO_UNIT,
            seed=7,
            history=True,
            start_number=1000,
        )
        while batch := list(itertools.islice(history, 5000)):
            with core.store.atomic("filling the benchmark profile"):
                core.store.calls.insert_many(c for c, _ in batch)
                core.store.calls.add_events(e for _, events in batch for e in events)
        assert core.store.calls.count() == count
    finally:
        core.close()
    # Like every real profile it is encrypted, with the demo officer: this encrypts the file.
    Authenticator(profile).enroll_demo()
    return profile


def open_big_profile(profile: Path):
    session = Authenticator(profile).sign_in(DEMO_OFFICER, DEMO_PASSPHRASE)
    return open_app(profile, session=session)
