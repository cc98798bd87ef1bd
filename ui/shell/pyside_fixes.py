"""Work around PySide6 bugs that would otherwise crash the app. Applied once, on import of ``ui``.

PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True`` without taking a reference, so every
signal emitted from Python lowers ``True``'s reference count by one. CPython 3.11 frees ``True``
when the count reaches zero ("Fatal Python error: bool_dealloc") - after a few hundred emits,
i.e. minutes into a shift. 6.11.3 does not have the bug. We detect the leak rather than match a
version, and if it is there we give ``True`` a reference count it can never use up (which is what
CPython 3.12 does for every bool anyway).

The same release also returns ``None`` from every void C++ method (``QLabel.setText``,
``QProgressBar.setValue`` ...) without a reference: about 5,000 setter calls after start the
interpreter aborts ("none_dealloc"). ``None`` gets the same ballast.
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


def void_call_leaks_none() -> bool:
    probe = _Probe()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - _PROBES


def _ballast(obj: object) -> None:
    refcount = ctypes.c_ssize_t.from_address(id(obj))
    refcount.value += _BALLAST


def apply() -> bool:
    """Returns whether a leak was found (and neutralised)."""
    if sys.version_info >= (3, 12):
        return False
    found = False
    if emit_leaks_true():
        _ballast(True)
        log.debug("PySide6 emit() leaks a reference to True; compensated")
        found = True
    if void_call_leaks_none():
        _ballast(None)
        log.debug("PySide6 void methods leak a reference to None; compensated")
        found = True
    return found
