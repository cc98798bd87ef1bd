"""A logging filter that removes secrets from log records before any handler writes them.

Defence in depth: the code logs no passphrases, tokens or report content in the first place
(tests check that). This catches what slips through: registered secret strings (the passphrase
typed this session, the device token) and things shaped like keys or tokens.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
_PATTERNS = (
    re.compile(r"x'[0-9a-fA-F]{32,}'"),  # a raw SQLCipher key
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"(?i)((?:passphrase|password|token|secret|authorization)\s*[=:]\s*)\S+"),
)


class RedactingFilter(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()

    def add_secret(self, value: str) -> None:
        if value and len(value) >= 4:
            self._secrets.add(value)

    def forget_secrets(self) -> None:
        self._secrets.clear()

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        for pattern in _PATTERNS:
            text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + REDACTED, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if clean != message:
            record.msg, record.args = clean, None
        return True


def install(logger: logging.Logger | None = None) -> RedactingFilter:
    """Attach one filter to every handler of ``logger`` (root by default). Handler-level,
    because logger-level filters do not see records propagated from child loggers."""
    target = logger or logging.getLogger()
    flt = RedactingFilter()
    for handler in target.handlers:
        handler.addFilter(flt)
    return flt
