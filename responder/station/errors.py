"""Station errors. Each carries the HTTP status and the protocol's error ``kind``."""

from __future__ import annotations

from civilian_responder.errors import ResponderError


class StationError(ResponderError):
    status = 500
    kind = "server"

    def __init__(self, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class StationConfigError(StationError):
    """The station cannot start or reach its database as configured."""


class AuthFailed(StationError):
    status = 401
    kind = "auth"

    def __init__(self, message: str) -> None:
        super().__init__(message, {"WWW-Authenticate": "Bearer"})


class Revoked(StationError):
    status = 401
    kind = "revoked"

    def __init__(self, message: str) -> None:
        super().__init__(message, {"WWW-Authenticate": 'Bearer error="invalid_token"'})


class Forbidden(StationError):
    status = 403
    kind = "forbidden"


class NotFound(StationError):
    status = 404
    kind = "not_found"


class Invalid(StationError):
    status = 422
    kind = "invalid"


class Conflict(StationError):
    status = 409
    kind = "conflict"


class TooLarge(StationError):
    status = 413
    kind = "too_large"


class RateLimited(StationError):
    status = 429
    kind = "rate_limited"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, {"Retry-After": str(max(1, retry_after))})
