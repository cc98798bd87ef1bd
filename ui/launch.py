"""The ``responder`` command's entry point: an install that lacks the desktop dependencies gets
the ``pip install`` that fixes it, not a traceback."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from civilian_responder.extras import explain_missing  # noqa: PLC0415 (stdlib only)

    try:
        # The desktop extra, checked first: the window's modules are imported late (after the
        # sign-in window), so a missing one would otherwise surface only then.
        import PySide6  # noqa: F401, PLC0415
        from civilian_responder_ui.app import main as run  # noqa: PLC0415

        return run(argv)
    except ModuleNotFoundError as exc:
        return explain_missing(exc, "responder")
