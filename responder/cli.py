"""The ``responder`` command: launches the app, or runs a headless subcommand.

Subcommands live next to their feature (each module exposes ``register(subparsers)``) so the
app never needs Qt for a headless job.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from responder import __version__
from responder.errors import ResponderError

# Modules that add subcommands. Each has register(subparsers) -> None; each subparser sets
# ``func(args) -> int``.
COMMAND_MODULES: list[str] = ["responder.signin", "responder.audit", "responder.checklists.cli",
                              "responder.pdf.cli", "responder.sync.cli"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="responder",
        description="Responder: offline field app for civilian 911 alternative-response teams.",
    )
    parser.add_argument("--version", action="version", version=f"responder {__version__}")
    parser.add_argument("--profile", type=Path, help="profile directory (default: user data dir)")
    parser.add_argument("--officer", help="officer to sign in as (headless commands)")
    parser.add_argument("--demo", action="store_true",
                        help="use (and create if needed) the demo profile with sample calls")
    parser.add_argument("--screenshot", type=Path, metavar="FILE",
                        help="render the main window to a PNG offscreen and exit")
    parser.add_argument("--theme", choices=["day", "night"], help="start in this theme")
    parser.add_argument("--size", default="1366x768", help="window size, e.g. 1366x768")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def resolve_profile(args: argparse.Namespace) -> Path:
    from responder.profile import default_profile_dir, demo_profile_dir  # noqa: PLC0415

    if args.profile:
        return Path(args.profile)
    return demo_profile_dir() if args.demo else default_profile_dir()


def main(argv: Sequence[str] | None = None) -> int:
    # A full disk or a file-size limit must be an error we can report, not a kill signal.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from responder.security import redact  # noqa: PLC0415

    redact.install()
    if args.command:
        try:
            return int(args.func(args) or 0)
        except ResponderError as exc:
            print(f"responder: {exc}", file=sys.stderr)
            return 2
    from ui.app import run  # noqa: PLC0415 (Qt only when the window is wanted)

    return run(args)
