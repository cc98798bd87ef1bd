"""Options every ``responder`` command shares, and the profile they choose."""

from __future__ import annotations

import argparse
from pathlib import Path

from civilian_responder.profile import default_profile_dir, demo_profile_dir


def add_signin_arguments(parser: argparse.ArgumentParser) -> None:
    """``--profile`` and ``--officer`` after the subcommand too (SUPPRESS keeps a value given
    before the subcommand)."""
    parser.add_argument("--profile", type=Path, default=argparse.SUPPRESS,
                        help="profile directory")
    parser.add_argument("--officer", default=argparse.SUPPRESS,
                        help="officer to sign in as (default: $RESPONDER_OFFICER or the only "
                             "officer)")


def resolve_profile(args: argparse.Namespace) -> Path:
    """``--profile DIR``, else the demo profile with ``--demo``, else the default profile."""
    profile = getattr(args, "profile", None)
    if profile:
        return Path(profile)
    return demo_profile_dir() if getattr(args, "demo", False) else default_profile_dir()


def is_demo(args: argparse.Namespace, profile: Path) -> bool:
    return bool(getattr(args, "demo", False)) or profile == demo_profile_dir()
