"""Officers, keys and sign-in (Qt-free). See ``session.Authenticator``."""

from responder.security.session import (
    DEMO_OFFICER,
    DEMO_PASSPHRASE,
    Authenticator,
    Session,
)

__all__ = ["DEMO_OFFICER", "DEMO_PASSPHRASE", "Authenticator", "Session"]
