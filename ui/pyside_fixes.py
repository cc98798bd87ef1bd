"""Work around PySide6 bugs that would otherwise crash the app. Applied once, on import of ``ui``.

PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True`` without taking a reference, so every
signal emitted from Python lowers ``True``'s reference count by one. CPython 3.11 frees ``True``
when the count reaches zero ("Fatal Python error: bool_dealloc") - after a few hundred emits,
i.e. minutes into a shift. 6.11.3 does not have the bug. We detect the leak rather than match a
version, and if it is there we give ``True`` a reference count it can never use up (which is what
CPython 3.12 does for every bool anyway).
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

_PROBES = 8
_BALLAST = 1 << 40


class _Probe(QObject):
    fired = Signal()


def emit_leaks_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()
    return sys.getrefcount(True) <= before - _PROBES


def apply() -> bool:
    """Returns whether the emit leak was found (and neutralised)."""
    if sys.version_info >= (3, 12) or not emit_leaks_true():
        return False
    refcount = ctypes.c_ssize_t.from_address(id(True))
    refcount.value += _BALLAST
    log.debug("PySide6 emit() leaks a reference to True; compensated")
    return True
