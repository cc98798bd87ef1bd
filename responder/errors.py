"""The error types the core raises. The UI maps these to plain-language messages."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime


class Said(str):
    """A message the core shows to people: the English text, plus what the window needs to
    say it in the officer's language (``context`` and ``template`` name it in the UI's Qt
    translation catalogue; ``values`` fill its ``{name}`` places after translation).

    Made with :func:`say`; ``say(...).format(name=value)`` fills the places and stays a Said.
    The UI's ``core_text`` translates it; anywhere else it is the plain English string.
    """

    context: str
    template: str
    values: dict[str, object]

    def __new__(cls, context: str, template: str, values: Mapping[str, object] | None = None,
                ) -> Said:
        values = dict(values or {})
        try:
            text = template.format(**values) if values else template
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):
            # A place without its value (a programming slip) must not turn an error into a
            # crash while it is being raised: the template, then the values.
            text = f"{template} {values!r}" if values else template
        made = super().__new__(cls, text)
        made.context = context
        made.template = template
        made.values = values
        return made

    def format(self, *args: object, **values: object) -> Said:  # type: ignore[override]
        if args:
            raise TypeError("say(...).format takes named values only")
        return Said(self.context, self.template, {**self.values, **values})

    def __reduce__(self) -> tuple[object, ...]:
        return (Said, (self.context, self.template, self.values))


def said_to_json(text: str) -> str:
    """``text`` as JSON that keeps what makes it translatable (for a message kept on disk,
    such as the last sync error); values other than messages are kept as their text."""
    def plain(value: object) -> object:
        if isinstance(value, Said):
            return {"context": value.context, "template": value.template,
                    "values": {k: plain(v) for k, v in value.values.items()}}
        if isinstance(value, datetime):  # kept as a time: a place may format it ({t:%H:%M})
            return {"datetime": value.isoformat()}
        return value if isinstance(value, int | float) and not isinstance(value, bool) \
            else str(value)

    import json  # noqa: PLC0415 (this module is on the sign-in window's start-up path)

    return json.dumps(plain(text) if isinstance(text, Said) else str(text), ensure_ascii=False)


def said_from_json(raw: str) -> str:
    """What :func:`said_to_json` wrote (a Said again), or "" if it cannot be read."""
    def made(value: object) -> object:
        if isinstance(value, dict) and set(value) == {"datetime"}:
            return datetime.fromisoformat(str(value["datetime"]))
        if isinstance(value, dict):
            return Said(str(value["context"]), str(value["template"]),
                        {str(k): made(v) for k, v in dict(value["values"]).items()})
        return value

    import json  # noqa: PLC0415

    try:
        value = made(json.loads(raw))
        str(value)  # its places fill
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return ""
    return value if isinstance(value, str) else ""


def say(context: str, template: str) -> Said:
    """Mark a message for translation (Qt's lupdate reads ``say("Context", "text")`` as
    ``QT_TRANSLATE_NOOP``; see ui/shell/translations.py). Places are ``{name}``, filled with
    ``.format(name=...)``: the template must be one literal, never an f-string."""
    return Said(context, template)


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


class PrintErrorKind(enum.Enum):
    NO_PRINT_SYSTEM = "no_print_system"  # no CUPS client commands on this machine
    SERVICE_DOWN = "service_down"  # the CUPS scheduler is not running or not reachable
    NO_PRINTER = "no_printer"  # no such printer, or no default printer set up
    REFUSED = "refused"  # the printer exists but does not accept jobs, or refused this one
    BAD_OPTIONS = "bad_options"  # e.g. a page range past the end of the report
    JOB_FAILED = "job_failed"  # the job was accepted, then aborted or cancelled


class PrintError(ResponderError):
    """Printing failed; ``kind`` says how. ``started`` is False when no job was ever created,
    which is when the UI offers to save the PDF instead."""

    def __init__(self, kind: PrintErrorKind, message: str, job_id: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.job_id = job_id

    @property
    def started(self) -> bool:
        return self.kind is PrintErrorKind.JOB_FAILED
