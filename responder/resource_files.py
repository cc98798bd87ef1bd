"""The data files shipped in ``resources/`` (reference codes, checklists, fonts, styles, icons).

The repository's top-level ``resources/`` folder is installed as the package data
``civilian_responder.resources`` and read through :mod:`importlib.resources`: one code path for
the checkout (editable install), an installed wheel and a PyInstaller bundle.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = "civilian_responder.resources"


def resource_path(first: str, *rest: str) -> Path:
    """A file or folder under ``resources/``, as a real path (fonts and style sheets are read by
    libraries that want file names)."""
    found = resources.files(PACKAGE).joinpath(first)
    if not isinstance(found, Path):  # e.g. a zipped install: not a layout we ship
        raise FileNotFoundError(f"resources/{first} is not on the file system: {found}")
    return found.joinpath(*rest)
