"""The error types the core raises. The UI maps these to plain-language messages."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime


class ResponderError(Exception):
    """Base of every error the core raises on purpose."""


class ValidationError(ResponderError):
    """Input that cannot be accepted; ``field_errors`` maps a field name to what is wrong."""

    def __init__(self, message: str, field_errors: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.field_errors: dict[str, str] = dict(field_errors or {})

    def __str__(self) -> str:
        base = super().__str__()
        if not self.field_errors:
            return base
        details = "; ".join(f"{k}: {v}" for k, v in self.field_errors.items())
        return f"{base} ({details})"


class NotFoundError(ResponderError):
    """A record that was asked for does not exist."""


class StorageError(ResponderError):
    """The local database could not be read or written."""


class StorageFullError(StorageError):
    """The disk (or the file-size limit) is full; nothing was written."""


class LockedRecordError(ResponderError):
    """A finalized or submitted record cannot be edited; make a correction instead."""


class InvalidTransitionError(ResponderError):
    """A unit status change that is not a valid next step."""


class SecretsUnavailableError(ResponderError):
    """No usable OS keyring; secrets are kept in memory for this session only."""


class AuthError(ResponderError):
    """Wrong passphrase, unknown officer, or locked out."""


class LockedOutError(AuthError):
    """Too many failed sign-ins: no attempt is checked before ``until`` (a UTC datetime).
    ``lockout`` is False for the short growing delay between attempts, True for the lockout."""

    def __init__(self, message: str, until: datetime, lockout: bool = True) -> None:
        super().__init__(message)
        self.until = until
        self.lockout = lockout


class DefinitionError(ResponderError):
    """A checklist definition file is malformed. Carries where the problem is."""

    def __init__(self, source: str, item: str | None, message: str) -> None:
        where = f"{source}" + (f" [{item}]" if item else "")
        super().__init__(f"{where}: {message}")
        self.source = source
        self.item = item
        self.problem = message


class RenderError(ResponderError):
    """A report could not be rendered to PDF."""


class SyncErrorKind(enum.Enum):
    OFFLINE = "offline"
    AUTH = "auth"
    CONFLICT = "conflict"
    SERVER = "server"
    PROTOCOL = "protocol"


class SyncError(ResponderError):
    """Sync failed; ``kind`` says how, so the UI can say something useful."""

    def __init__(self, kind: SyncErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class DemoStationError(ResponderError):
    """The embedded demo station cannot run. ``missing`` when this install has no station
    (the message then says how to get it); otherwise it failed to start or to answer."""

    def __init__(self, message: str, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing
