"""The command layer: ``responder <subcommand>`` for headless jobs, built on the core's facade.

Each command module exposes ``register(subparsers)``; each subparser sets ``func(args) -> int``.
Nothing below this package imports it, and it never imports the window: the ``responder``
command (``civilian_responder_ui.app:main``) parses with :func:`build_parser` and hands
subcommands to :func:`run_command`.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import civilian_responder
from civilian_responder.cli import audit, checklists, directory, pdf, people, shift, signin, sync
from civilian_responder.errors import ResponderError
from civilian_responder.extras import explain_missing

COMMAND_MODULES = (signin, audit, checklists, pdf, sync, people, directory, shift)


class _VersionAction(argparse.Action):
    """``--version``; the version is looked up only when asked for (see the package)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:  # noqa: A002
        super().__init__(option_strings, dest, nargs=0, default=default,
                         help=help or "show program's version number and exit")

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # noqa: ANN001
        print(f"responder {civilian_responder.__version__}")  # on stdout, as argparse's own
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="responder",
        description="Responder: offline field app for civilian 911 alternative-response teams.",
    )
    parser.add_argument("--version", action=_VersionAction)
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
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def prepare_process(args: argparse.Namespace) -> None:
    """What every run of ``responder`` needs before it does anything: signals and logging."""
    # A full disk or a file-size limit must be an error we can report, not a kill signal.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from civilian_responder.security import redact  # noqa: PLC0415

    redact.install()


def run_command(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args) or 0)
    except ResponderError as exc:
        print(f"responder: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:  # an install without this command's extra
        return explain_missing(exc, "responder")
    except BrokenPipeError:  # `responder ... | head`: the reader left; that is not our error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m civilian_responder``: the headless subcommands only."""
    args = build_parser().parse_args(argv)
    prepare_process(args)
    if not args.command:
        print("responder: the window is started by the `responder` command of the desktop "
              "install; `python -m civilian_responder` runs subcommands only (see --help)",
              file=sys.stderr)
        return 2
    return run_command(args)
