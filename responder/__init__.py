"""Responder core: offline field records for civilian 911 alternative-response teams.

This package (the repository folder ``responder/``) never imports Qt; the desktop UI is
``civilian_responder_ui`` (the folder ``ui/``).
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata on first use: importing
    importlib.metadata costs 20+ ms, which the sign-in window must not wait for."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import metadata  # noqa: PLC0415

    try:
        version = metadata.version("civilian-responder")
    except metadata.PackageNotFoundError:  # running from a source tree without install
        version = "0.0.0+source"
    globals()["__version__"] = version
    return version
