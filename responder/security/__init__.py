"""Officers, keys and sign-in (Qt-free). See ``session.Authenticator``."""

from civilian_responder.security.session import (
    DEMO_OFFICER,
    DEMO_PASSPHRASE,
    Authenticator,
    Session,
)

__all__ = ["DEMO_OFFICER", "DEMO_PASSPHRASE", "Authenticator", "Session"]
