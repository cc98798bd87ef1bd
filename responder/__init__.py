"""Responder core: offline field records for civilian 911 alternative-response teams.

This package (the repository folder ``responder/``) never imports Qt; the desktop UI is
``civilian_responder_ui`` (the folder ``ui/``).
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("civilian-responder")
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+source"
