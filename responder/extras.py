"""Which install of civilian-responder brings a module that turned out to be missing.

The wheel serves two programs with different dependencies (pyproject's extras ``desktop``,
``station``, ``postgres``, ``reports``, ``demo``). When a command needs a module its install lacks,
it says which ``pip install`` fixes that instead of a traceback. The extras are read from the
installed package's own metadata, so pyproject.toml stays the one list.
"""

from __future__ import annotations

import re
import sys

DISTRIBUTION = "civilian-responder"
# import name -> distribution name, where the two differ
_DISTRIBUTION_OF = {"pyside6": "pyside6-essentials", "shiboken6": "pyside6-essentials",
                    "pil": "pillow", "bidi": "python-bidi", "yaml": "pyyaml",
                    "multipart": "python-multipart", "python_multipart": "python-multipart"}
_PREFERRED = ("desktop", "station", "postgres", "reports")


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def extra_providing(module: str) -> str | None:
    """The extra whose requirements bring the top-level module ``module``, if any."""
    top = module.split(".")[0].lower()
    wanted = _normalize(_DISTRIBUTION_OF.get(top, top))
    if wanted == DISTRIBUTION:
        return None
    from importlib import metadata  # noqa: PLC0415 (only on the error path: ~25 ms to import)

    try:
        requirements = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return None
    extras = set()
    for line in requirements:
        name = re.split(r"[\s\[<>=!~;]", line, maxsplit=1)[0]
        found = re.search(r"""extra\s*==\s*["']([^"']+)["']""", line)
        if _normalize(name) == wanted and found:
            extras.add(found.group(1))
    for extra in _PREFERRED:
        if extra in extras:
            return extra
    return min(extras) if extras else None


def install_hint(exc: ModuleNotFoundError) -> str | None:
    """Plain words for a missing dependency of ours; None if the module is not one of them."""
    if not exc.name:
        return None
    extra = extra_providing(exc.name)
    if extra is None:
        return None
    return (f"this needs the {extra} install ({exc.name.split('.')[0]} is not installed): "
            f"pip install \"{DISTRIBUTION}[{extra}]\"")


def explain_missing(exc: ModuleNotFoundError, program: str) -> int:
    """For a command's ``except ModuleNotFoundError``: print the install that brings the module
    and return the exit status 2; re-raise when it is not one of our dependencies (a bug)."""
    hint = install_hint(exc)
    if hint is None:
        raise exc
    print(f"{program}: {hint}", file=sys.stderr)
    return 2
