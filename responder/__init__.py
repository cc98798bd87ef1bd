"""Responder core: offline field records for civilian 911 alternative-response teams.

This package never imports Qt; the desktop UI lives in the top-level ``ui`` package.
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("responder")
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+source"
